/**
 * Training the tagger: an averaged structured perceptron over hashed features, decoded with
 * constrained Viterbi. Deterministic (seeded shuffling); the epoch count is chosen on dev.
 * One model serves both passes of the recognizer: it learns each training sentence as the first
 * pass sees it, and as the second pass sees it, with what a first-pass model that never saw the
 * document made of its words (cross-validated, so the second pass learns how far to trust them).
 */
import type { LabelledDocument } from './conll';
import { denseScores, viterbi } from './viterbi';
import { emptyTally, tally, score, combine, CORE_TYPES, type Tally } from './evaluate';
import type { WordClusters } from './wordClusters';
import { documentContext, labelledWords, sentenceFeatures, FEATURES_PER_TOKEN, type Lexicon } from './features';
import { Gazetteer } from './gazetteer';

import { spansToTags, tagsToSpans, START, TAG_COUNT } from './tags';

export interface TrainOptions {
  /** Hash buckets, a power of two. */
  buckets: number;
  maxEpochs: number;
  /** Stop after this many epochs without a better dev score. */
  patience: number;
  seed: number;
  /**
   * The gazetteer feature of a training document comes from the other folds, so it doesn't leak;
   * pass one's labels of a training document come from a model trained on the other folds.
   */
  gazetteerFolds: number;
  /** Names from data packages (an empty Gazetteer for none). */
  external: Gazetteer;
  /** Word classes learned from unlabelled text. */
  clusters?: WordClusters;
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
  external: Gazetteer;
  clusters?: WordClusters;
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

/** Each document's sentences as instances; `labelledFor` gives pass two's view of a document. */
export function documentInstances(
  documents: LabelledDocument[],
  lexiconFor: (documentIndex: number) => Lexicon,
  mask: number,
  labelledFor?: (documentIndex: number) => Map<string, Uint16Array>,
): Instance[][] {
  return documents.map((document, d) => {
    const context = { ...documentContext(document.sentences.map((s) => s.words)), labelledAs: labelledFor?.(d) };
    const lexicon = lexiconFor(d);
    return document.sentences.map((sentence) => ({
      features: sentenceFeatures(sentence.words, context, lexicon, mask),
      gold: Int32Array.from(spansToTags(sentence.spans, sentence.words.length)),
    }));
  });
}

type Weights = { emission: Float32Array; transition: Float32Array };

const predictSpans = (instance: Instance, weights: Weights) =>
  tagsToSpans(viterbi(denseScores(instance.features, FEATURES_PER_TOKEN, weights.emission), weights.transition));

/** What pass one made of each document's words, with the given weights. */
function firstPassLabels(
  documents: LabelledDocument[],
  firstPass: Instance[][],
  weights: Weights,
  only: (d: number) => boolean = () => true,
): Map<number, Map<string, Uint16Array>> {
  const labels = new Map<number, Map<string, Uint16Array>>();
  documents.forEach((document, d) => {
    if (!only(d)) return;
    const spans = firstPass[d].map((instance) => predictSpans(instance, weights));
    labels.set(
      d,
      labelledWords(
        document.sentences.map((s) => s.words),
        spans,
      ),
    );
  });
  return labels;
}

/** Two passes over each dev document, as the recognizer runs them; entity-level tally. */
function evaluateTwoPasses(documents: LabelledDocument[], firstPass: Instance[][], weights: Weights, lexicon: Lexicon, mask: number): Tally {
  const labels = firstPassLabels(documents, firstPass, weights);
  const secondPass = documentInstances(
    documents,
    () => lexicon,
    mask,
    (d) => labels.get(d)!,
  );
  return evaluateInstances(secondPass.flat(), weights);
}

/** Entity-level tally of float weights on labelled instances. */
export function evaluateInstances(instances: Instance[], weights: Weights): Tally {
  const t = emptyTally();
  for (const instance of instances) {
    tally(t, tagsToSpans(instance.gold), predictSpans(instance, weights));
  }
  return t;
}

/** mulberry32: deterministic shuffling for a given seed. */
function seededRandom(seed: number): () => number {
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
  const { external, clusters, gazetteerFolds: folds } = options;
  const gazetteer = buildGazetteer(trainDocuments);
  const foldGazetteers = Array.from({ length: folds }, (_, fold) => buildGazetteer(trainDocuments.filter((_, d) => d % folds !== fold)));
  const trainLexicon = (d: number): Lexicon => ({ gazetteer: foldGazetteers[d % folds], external, clusters });
  const devLexicon: Lexicon = { gazetteer, external, clusters };
  const firstPass = documentInstances(trainDocuments, trainLexicon, mask);
  const labels = crossValidatedLabels(trainDocuments, firstPass, options);
  const secondPass = documentInstances(trainDocuments, trainLexicon, mask, (d) => labels.get(d)!);
  const trainSet = [...firstPass.flat(), ...secondPass.flat()];
  const devFirstPass = documentInstances(devDocuments, () => devLexicon, mask);
  const perceptron = new Perceptron(options.buckets);
  const random = seededRandom(options.seed);
  let best: Trained | undefined;
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    const started = performance.now();
    runEpoch(perceptron, trainSet, random);
    const averaged = perceptron.averaged();
    const devF1 = coreF1(evaluateTwoPasses(devDocuments, devFirstPass, averaged, devLexicon, mask));
    options.onEpoch?.(epoch, devF1, (performance.now() - started) / 1000);
    if (!best || devF1 > best.devF1) best = { ...averaged, gazetteer, external, clusters, epochs: epoch, devF1 };
    else if (epoch - best.epochs >= options.patience) break;
  }
  if (!best) throw new Error('maxEpochs must be at least 1');
  return best;
}

/** One shuffled pass over the instances. */
function runEpoch(perceptron: Perceptron, instances: Instance[], random: () => number): void {
  const order = instances.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const i of order) perceptron.learn(instances[i]);
}

/** Pass one's labels for each training document, from a first-pass model trained on the other folds. */
function crossValidatedLabels(documents: LabelledDocument[], firstPass: Instance[][], options: TrainOptions): Map<number, Map<string, Uint16Array>> {
  const labels = new Map<number, Map<string, Uint16Array>>();
  const folds = options.gazetteerFolds;
  for (let fold = 0; fold < folds; fold++) {
    const perceptron = new Perceptron(options.buckets);
    const random = seededRandom(options.seed + fold + 1);
    const instances = firstPass.filter((_, d) => d % folds !== fold).flat();
    for (let epoch = 0; epoch < CROSS_VALIDATION_EPOCHS; epoch++) runEpoch(perceptron, instances, random);
    for (const [d, words] of firstPassLabels(documents, firstPass, perceptron.averaged(), (d) => d % folds === fold)) labels.set(d, words);
  }
  return labels;
}

/** Epochs of each cross-validation model: near the usual best, no dev set needed. */
const CROSS_VALIDATION_EPOCHS = 8;
