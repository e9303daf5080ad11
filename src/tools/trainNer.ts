/**
 * `npm run train:ner -- --train eng.train --dev eng.testa [--clusters-from DIR | --clusters-of MODEL] [--hold-out N] [--no-external] [--out media/ner-model.bin]`:
 * reads the names of the data packages (WordNet, first-name lists), learns word classes from the
 * unlabelled text of DIR (its .txt files) and the training set's words (or takes those of an existing
 * model, to try a change of features without clustering again), trains the tagger, picks the
 * epoch count and the quantisation on dev, prints dev scores, writes the model (with --hold-out N,
 * without every Nth training document, which goes to OUT.held-out.txt for `eval:ner`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { conllDocumentTexts, readConll, type LabelledDocument } from '../core/ner/conll';
import { tokenize } from '../core/ner/tokenizer';
import { learnWordClusters, type WordClusters } from '../core/ner/wordClusters';
import { externalGazetteer } from '../core/ner/externalNames';
import { Gazetteer } from '../core/ner/gazetteer';
import { evaluateOnRawText, evaluateOnTokens } from '../core/ner/conllEval';
import { parseArguments, wholeNumber } from '../args';
import { formatScoreTable } from '../core/ner/evaluate';
import type { SparseRows } from '../core/ner/viterbi';
import { modelClusters, quantise, serialiseModel, type NerModel } from '../core/ner/model';
import { Recognizer } from '../core/ner/recognizer';
import { coreF1, train } from '../core/ner/train';

/** Classes at two sizes (coarse, fine) of the words seen at least 3 times. */
const CLUSTER_OPTIONS = { sizes: [32, 256], minCount: 3, passes: 8 };

interface Args {
  train: string;
  dev: string;
  out: string;
  buckets: number;
  epochs: number;
  seed: number;
  external: boolean;
  clustersFrom?: string;
  clustersOf?: string;
  /** Every holdOut-th training document is set apart (written beside the model) instead of trained on. */
  holdOut?: number;
}

function parseArgs(argv: string[]): Args {
  const { values } = parseArguments(argv, {
    train: { type: 'string' },
    dev: { type: 'string' },
    out: { type: 'string' },
    buckets: { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    'no-external': { type: 'boolean' },
    'clusters-from': { type: 'string' },
    'clusters-of': { type: 'string' },
    'hold-out': { type: 'string' },
  });
  if (!values.train || !values.dev)
    throw new Error(
      'usage: train:ner -- --train FILE --dev FILE [--clusters-from DIR | --clusters-of MODEL] [--hold-out N] [--no-external] [--out FILE] [--buckets LOG2] [--epochs N] [--seed N]',
    );
  return {
    train: values.train,
    dev: values.dev,
    out: values.out ?? path.join('media', 'ner-model.bin'),
    buckets: 2 ** wholeNumber(values.buckets, '--buckets', 20),
    epochs: wholeNumber(values.epochs, '--epochs', 12),
    seed: wholeNumber(values.seed, '--seed', 1, 0),
    external: !values['no-external'],
    clustersFrom: values['clusters-from'],
    clustersOf: values['clusters-of'],
    holdOut: values['hold-out'] === undefined ? undefined : wholeNumber(values['hold-out'], '--hold-out', 5, 2),
  };
}

/** The clip (and so the int8 step) that keeps the most dev F1 after quantisation. */
function bestQuantisation(weights: Float32Array, score: (emission: SparseRows, scale: number) => number): { emission: SparseRows; scale: number; f1: number } {
  const magnitudes = Float32Array.from(
    weights.filter((w) => w !== 0),
    Math.abs,
  ).sort();
  let best: { emission: SparseRows; scale: number; f1: number } | undefined;
  for (const quantile of [1, 0.9999, 0.999, 0.995]) {
    const clip = magnitudes[Math.min(magnitudes.length - 1, Math.floor(quantile * magnitudes.length))];
    const { emission, scale } = quantise(weights, clip);
    const f1 = score(emission, scale);
    console.log(`  int8 with clip at the ${quantile} quantile (${clip.toFixed(1)}): dev F1 ${f1.toFixed(2)}`);
    if (!best || f1 > best.f1) best = { emission, scale, f1 };
  }
  return best!;
}

/** The sentences of every .txt file under a folder, as our tokenizer splits them. */
function* textSentences(folder: string): Generator<string[]> {
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.txt')) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const sentence of tokenize(text)) yield sentence.map((token) => token.text);
  }
}

/** Word classes from the unlabelled text and the training set's words (the dev set's are not looked at). */
function wordClasses(folder: string, trainDocs: LabelledDocument[]): WordClusters {
  const started = performance.now();
  const sentences = [...textSentences(folder), ...trainDocs.flatMap((d) => d.sentences.map((s) => s.words))];
  const clusters = learnWordClusters(sentences, CLUSTER_OPTIONS);
  const tokens = sentences.reduce((sum, s) => sum + s.length, 0);
  console.log(
    `word classes: ${clusters.classes.size} words of ${tokens} tokens, ${CLUSTER_OPTIONS.sizes.join(' and ')} classes, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return clusters;
}

/** The training file, less every holdOut-th document, which goes to OUT.held-out.txt for `eval:ner --data`. */
function trainingText(args: Args): string {
  const content = readFileSync(args.train, 'utf8');
  if (!args.holdOut) return content;
  const documents = conllDocumentTexts(content);
  const heldOut = (d: number) => d % args.holdOut! === args.holdOut! - 1;
  writeFileSync(`${args.out}.held-out.txt`, documents.filter((_, d) => heldOut(d)).join(''));
  console.log(`holding out ${documents.filter((_, d) => heldOut(d)).length} of ${documents.length} training documents: ${args.out}.held-out.txt`);
  return documents.filter((_, d) => !heldOut(d)).join('');
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const trainDocs = readConll(trainingText(args));
  const devDocs = readConll(readFileSync(args.dev, 'utf8'));
  console.log(`training on ${trainDocs.length} documents, choosing epochs on ${devDocs.length} dev documents`);
  const external = args.external ? externalGazetteer(require.resolve) : { gazetteer: new Gazetteer(), names: 0 };
  console.log(`external gazetteer: ${external.names} names from WordNet and the first-name lists`);
  const clusters = args.clustersOf ? modelClusters(readFileSync(args.clustersOf)) : args.clustersFrom ? wordClasses(args.clustersFrom, trainDocs) : undefined;
  const trained = train(trainDocs, devDocs, {
    external: external.gazetteer,
    clusters,
    buckets: args.buckets,
    maxEpochs: args.epochs,
    patience: 2,
    seed: args.seed,
    gazetteerFolds: 5,
    onEpoch: (epoch, f1, seconds) => console.log(`epoch ${epoch}: dev F1 (PER+ORG+LOC, CoNLL tokens) ${f1.toFixed(2)}  [${seconds.toFixed(1)} s]`),
  });
  console.log(`best epoch count: ${trained.epochs} (dev F1 ${trained.devF1.toFixed(2)} with float weights)`);
  const asModel = (emission: SparseRows, scale: number): NerModel => ({
    buckets: args.buckets,
    emission,
    scale,
    transition: trained.transition,
    gazetteer: trained.gazetteer,
    external: trained.external,
    clusters: trained.clusters,
    meta: { devF1: 0, epochs: trained.epochs, trainedOn: path.basename(args.train), trainingSeconds: 0 },
  });
  const quantised = bestQuantisation(trained.emission, (emission, scale) => coreF1(evaluateOnTokens(new Recognizer(asModel(emission, scale)), devDocs)));
  const model = asModel(quantised.emission, quantised.scale);
  const recognizer = new Recognizer(model);
  const tokensTally = evaluateOnTokens(recognizer, devDocs);
  const rawTally = evaluateOnRawText(recognizer, devDocs);
  model.meta.devF1 = Math.round(coreF1(tokensTally) * 100) / 100;
  model.meta.devF1Raw = Math.round(coreF1(rawTally) * 100) / 100;
  model.meta.trainingSeconds = Math.round((performance.now() - started) / 100) / 10;
  const bytes = serialiseModel(model);
  writeFileSync(args.out, bytes);
  console.log(`\nDev (${path.basename(args.dev)}), CoNLL tokens:\n${formatScoreTable(tokensTally)}`);
  console.log(`\nDev, raw text through our tokenizer:\n${formatScoreTable(rawTally)}`);
  console.log(
    `\nmodel ${args.out}: ${(bytes.length / 1e6).toFixed(2)} MB, ${(gzipSync(bytes).length / 1e6).toFixed(2)} MB gzipped; trained in ${model.meta.trainingSeconds} s`,
  );
}

try {
  main();
} catch (error) {
  console.error(`train:ner: ${(error as Error).message}`);
  process.exit(2);
}
