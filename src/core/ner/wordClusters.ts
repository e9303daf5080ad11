/**
 * Word classes learned from unlabelled news, for the recognizer's evidence on names it never saw
 * labelled: words that are followed by the same words land in one class ("Heineken" beside
 * "Carlsberg", "Norilsk" beside other companies' names). The predictive exchange algorithm
 * (Uszkoreit & Brants 2008): each word moves to the class under which the words that follow it
 * are best predicted, pass after pass. Flat classes at two sizes stand in for Brown clusters'
 * coarse and fine prefixes.
 */

/** A word's class at each size (index into `sizes`), or nothing for a word seen too rarely. */
export interface WordClusters {
  sizes: number[];
  classes: Map<string, number[]>;
}

export interface ClusterOptions {
  /** Class counts, one clustering each (e.g. [64, 512]). */
  sizes: number[];
  /** Words seen fewer times get no class. */
  minCount: number;
  /** Exchange passes over the vocabulary. */
  passes: number;
}

/** Words and their successor counts, words numbered by frequency. */
interface Bigrams {
  words: string[];
  counts: Float64Array;
  /** successors of word w: successor[start[w] .. start[w + 1]), with how often. */
  start: Uint32Array;
  successor: Uint32Array;
  times: Float64Array;
}

const xlogx = (x: number): number => (x > 0 ? x * Math.log(x) : 0);

function countBigrams(sentences: Iterable<string[]>, minCount: number): Bigrams {
  const frequency = new Map<string, number>();
  const corpus: string[][] = [];
  for (const words of sentences) {
    corpus.push(words);
    for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  }
  const words = [...frequency].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const number = new Map(words.map(([w], i) => [w, i]));
  // Rare words and the sentence end are successors too: one shared number each.
  const rare = words.length;
  const end = words.length + 1;
  const pairs = new Map<number, number>();
  const width = words.length + 2;
  for (const sentence of corpus) {
    for (let i = 0; i < sentence.length; i++) {
      const w = number.get(sentence[i]);
      if (w === undefined) continue;
      const v = i + 1 < sentence.length ? (number.get(sentence[i + 1]) ?? rare) : end;
      const key = w * width + v;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  const keys = Float64Array.from(pairs.keys()).sort();
  const start = new Uint32Array(words.length + 1);
  const successor = new Uint32Array(keys.length);
  const times = new Float64Array(keys.length);
  const counts = new Float64Array(words.length);
  keys.forEach((key, j) => {
    const w = Math.floor(key / width);
    successor[j] = key % width;
    times[j] = pairs.get(key)!;
    start[w + 1] = j + 1;
    counts[w] += times[j];
  });
  for (let w = 1; w <= words.length; w++) start[w] = Math.max(start[w], start[w - 1]);
  return { words: words.map(([w]) => w), counts, start, successor, times };
}

/** One flat clustering: each word's class (0 … size − 1). */
function exchange(b: Bigrams, size: number, passes: number): Uint16Array {
  const vocabulary = b.words.length;
  const width = vocabulary + 2;
  const classOf = new Uint16Array(vocabulary);
  for (let w = 0; w < vocabulary; w++) classOf[w] = w % size;
  // byClass[c * width + v]: how often v follows a word of class c; total[c]: how often a word of c is followed at all.
  const byClass = new Float64Array(size * width);
  const total = new Float64Array(size);
  const move = (w: number, c: number, sign: number): void => {
    for (let j = b.start[w]; j < b.start[w + 1]; j++) byClass[c * width + b.successor[j]] += sign * b.times[j];
    total[c] += sign * b.counts[w];
  };
  for (let w = 0; w < vocabulary; w++) move(w, classOf[w], 1);
  for (let pass = 0; pass < passes; pass++) {
    let moved = 0;
    for (let w = 0; w < vocabulary; w++) {
      const from = classOf[w];
      move(w, from, -1);
      let best = from;
      let bestGain = -Infinity;
      for (let c = 0; c < size; c++) {
        let gain = xlogx(total[c]) - xlogx(total[c] + b.counts[w]);
        const row = c * width;
        for (let j = b.start[w]; j < b.start[w + 1]; j++) {
          const before = byClass[row + b.successor[j]];
          gain += xlogx(before + b.times[j]) - xlogx(before);
        }
        if (gain > bestGain + 1e-9) {
          bestGain = gain;
          best = c;
        }
      }
      move(w, best, 1);
      if (best !== from) moved++;
      classOf[w] = best;
    }
    if (moved === 0) break;
  }
  return classOf;
}

export function learnWordClusters(sentences: Iterable<string[]>, options: ClusterOptions): WordClusters {
  const bigrams = countBigrams(sentences, options.minCount);
  const perSize = options.sizes.map((size) => exchange(bigrams, size, options.passes));
  const classes = new Map<string, number[]>();
  bigrams.words.forEach((word, w) =>
    classes.set(
      word,
      perSize.map((classOf) => classOf[w]),
    ),
  );
  return { sizes: options.sizes, classes };
}

/** As stored in the model: the sizes, then each word with its classes. */
export function clustersToJSON(clusters: WordClusters): { sizes: number[]; words: [string, ...number[]][] } {
  return { sizes: clusters.sizes, words: [...clusters.classes].map(([word, classes]) => [word, ...classes]) };
}

export function clustersFromJSON(json: { sizes: number[]; words: [string, ...number[]][] }): WordClusters {
  return { sizes: json.sizes, classes: new Map(json.words.map(([word, ...classes]) => [word, classes])) };
}
