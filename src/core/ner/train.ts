/**
 * Training the tagger: an averaged structured perceptron over hashed features, decoded with
 * constrained Viterbi. Deterministic (seeded shuffling); the epoch count is chosen on dev.
 */
import type { LabelledDocument } from './conll';
import { denseScores, viterbi } from './viterbi';
import { emptyTally, tally, score, combine, CORE_TYPES, type Tally } from './evaluate';
import { documentContext, sentenceFeatures, FEATURES_PER_TOKEN } from './features';
import { Gazetteer } from './gazetteer';
import { spansToTags, tagsToSpans, START, TAG_COUNT } from './tags';

export interface TrainOptions {
  /** Hash buckets, a power of two. */
  buckets: number;
  maxEpochs: number;
  /** Stop after this many epochs without a better dev score. */
  patience: number;
  seed: number;
  /** The gazetteer feature of a training document comes from the other folds, so it doesn't leak. */
  gazetteerFolds: number;
  onEpoch?: (epoch: number, devF1: number, seconds: number) => void;
}

export interface Instance {
  features: Int32Array;
  gold: Int32Array;
}

export interface Trained {
  /** Averaged float weights of the best epoch. */
  emission: Float32Array;
  transition: Float32Array;
  gazetteer: Gazetteer;
  epochs: number;
  devF1: number;
}

export function buildGazetteer(documents: LabelledDocument[]): Gazetteer {
  const gazetteer = new Gazetteer();
  for (const document of documents) {
    for (const sentence of document.sentences) {
      for (const span of sentence.spans) gazetteer.add(sentence.words.slice(span.start, span.end), span.type);
    }
  }
  return gazetteer;
}

export function toInstances(documents: LabelledDocument[], gazetteerFor: (documentIndex: number) => Gazetteer, mask: number): Instance[] {
  const instances: Instance[] = [];
  documents.forEach((document, d) => {
    const context = documentContext(document.sentences.map((s) => s.words));
    const gazetteer = gazetteerFor(d);
    for (const sentence of document.sentences) {
      instances.push({
        features: sentenceFeatures(sentence.words, context, gazetteer, mask),
        gold: Int32Array.from(spansToTags(sentence.spans, sentence.words.length)),
      });
    }
  });
  return instances;
}

/** Entity-level tally of float weights on labelled instances. */
export function evaluateInstances(instances: Instance[], weights: { emission: Float32Array; transition: Float32Array }): Tally {
  const t = emptyTally();
  for (const instance of instances) {
    const predicted = viterbi(denseScores(instance.features, FEATURES_PER_TOKEN, weights.emission), weights.transition);
    tally(t, tagsToSpans(instance.gold), tagsToSpans(predicted));
  }
  return t;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Averaged perceptron state: w, and u = Σ c·Δ, so that the average is w − u / c. */
class Perceptron {
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly tw = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
  readonly tu = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
  c = 1;

  constructor(buckets: number) {
    this.w = new Float64Array(buckets * TAG_COUNT);
    this.u = new Float64Array(buckets * TAG_COUNT);
  }

  learn(instance: Instance): void {
    const predicted = viterbi(denseScores(instance.features, FEATURES_PER_TOKEN, this.w), this.tw);
    const { gold, features } = instance;
    for (let i = 0; i < gold.length; i++) {
      const goldPrev = i === 0 ? START : gold[i - 1];
      const predictedPrev = i === 0 ? START : predicted[i - 1];
      if (gold[i] !== predicted[i]) {
        for (let k = 0; k < FEATURES_PER_TOKEN; k++) {
          const base = features[i * FEATURES_PER_TOKEN + k] * TAG_COUNT;
          this.bump(this.w, this.u, base + gold[i], 1);
          this.bump(this.w, this.u, base + predicted[i], -1);
        }
      }
      if (gold[i] !== predicted[i] || goldPrev !== predictedPrev) {
        this.bump(this.tw, this.tu, goldPrev * TAG_COUNT + gold[i], 1);
        this.bump(this.tw, this.tu, predictedPrev * TAG_COUNT + predicted[i], -1);
      }
    }
    this.c++;
  }

  private bump(w: Float64Array, u: Float64Array, index: number, delta: number): void {
    w[index] += delta;
    u[index] += this.c * delta;
  }

  averaged(): { emission: Float32Array; transition: Float32Array } {
    const emission = new Float32Array(this.w.length);
    for (let i = 0; i < emission.length; i++) emission[i] = this.w[i] - this.u[i] / this.c;
    const transition = new Float32Array(this.tw.length);
    for (let i = 0; i < transition.length; i++) transition[i] = this.tw[i] - this.tu[i] / this.c;
    return { emission, transition };
  }
}

export function coreF1(t: Tally): number {
  return score(combine(t, CORE_TYPES)).f1;
}

export function train(trainDocuments: LabelledDocument[], devDocuments: LabelledDocument[], options: TrainOptions): Trained {
  const mask = options.buckets - 1;
  const gazetteer = buildGazetteer(trainDocuments);
  const foldGazetteers = Array.from({ length: options.gazetteerFolds }, (_, fold) =>
    buildGazetteer(trainDocuments.filter((_, d) => d % options.gazetteerFolds !== fold)),
  );
  const trainSet = toInstances(trainDocuments, (d) => foldGazetteers[d % options.gazetteerFolds], mask);
  const devSet = toInstances(devDocuments, () => gazetteer, mask);
  const perceptron = new Perceptron(options.buckets);
  const random = mulberry32(options.seed);
  const order = trainSet.map((_, i) => i);
  let best: Trained | undefined;
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    const started = performance.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) perceptron.learn(trainSet[i]);
    const averaged = perceptron.averaged();
    const devF1 = coreF1(evaluateInstances(devSet, averaged));
    options.onEpoch?.(epoch, devF1, (performance.now() - started) / 1000);
    if (!best || devF1 > best.devF1) best = { ...averaged, gazetteer, epochs: epoch, devF1 };
    else if (epoch - best.epochs >= options.patience) break;
  }
  if (!best) throw new Error('maxEpochs must be at least 1');
  return best;
}
