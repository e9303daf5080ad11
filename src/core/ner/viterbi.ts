/** Scoring tokens against a weight table and Viterbi decoding under the BILOU constraints. */
import { ALLOWED, CAN_END, START, TAG_COUNT } from './tags';

/**
 * A model's emission weights, sparse by row: the nonzero weights of feature bucket b are
 * tags[i], values[i] for i in rowStart[b] … rowStart[b + 1] − 1. The rows a text hits most are
 * nearly full, so this is about memory: 0.2 M weights kept instead of 2^20 × 17.
 */
export interface SparseRows {
  rowStart: Uint32Array;
  tags: Uint8Array;
  values: Int8Array;
}

/** scores[i * TAG_COUNT + tag] = sum over token i's features of their weight for that tag. */
export function denseScores(features: Int32Array, featuresPerToken: number, weights: Float64Array | Float32Array): Float64Array {
  const n = features.length / featuresPerToken;
  const scores = new Float64Array(n * TAG_COUNT);
  for (let i = 0; i < n; i++) {
    const row = i * TAG_COUNT;
    for (let k = 0; k < featuresPerToken; k++) {
      const base = features[i * featuresPerToken + k] * TAG_COUNT;
      for (let t = 0; t < TAG_COUNT; t++) scores[row + t] += weights[base + t];
    }
  }
  return scores;
}

export function sparseScores(features: Int32Array, featuresPerToken: number, weights: SparseRows, scale: number): Float64Array {
  const n = features.length / featuresPerToken;
  const scores = new Float64Array(n * TAG_COUNT);
  const { rowStart, tags, values } = weights;
  for (let i = 0; i < n; i++) {
    const row = i * TAG_COUNT;
    for (let k = 0; k < featuresPerToken; k++) {
      const bucket = features[i * featuresPerToken + k];
      for (let j = rowStart[bucket], end = rowStart[bucket + 1]; j < end; j++) scores[row + tags[j]] += values[j];
    }
    for (let t = 0; t < TAG_COUNT; t++) scores[row + t] *= scale;
  }
  return scores;
}

/** For each tag, the tags that may come before it, flat: PREVIOUS[PREVIOUS_START[cur] … PREVIOUS_START[cur + 1] − 1]. */
const PREVIOUS_LISTS = Array.from({ length: TAG_COUNT }, (_, cur) =>
  Array.from({ length: TAG_COUNT }, (_, prev) => prev).filter((prev) => ALLOWED[prev * TAG_COUNT + cur]),
);
const PREVIOUS = Int32Array.from(PREVIOUS_LISTS.flat());
const PREVIOUS_START = Int32Array.from([0, ...PREVIOUS_LISTS.map((_, cur) => PREVIOUS_LISTS.slice(0, cur + 1).flat().length)]);

let bestBuffer = new Float64Array(64 * TAG_COUNT);
let backBuffer = new Int32Array(64 * TAG_COUNT);

/** The transition weights in PREVIOUS order (the weight of PREVIOUS[p] → its tag), gathered per call: training changes the table in place. */
const orderedBuffer = new Float64Array(PREVIOUS.length);

function inPreviousOrder(transition: ArrayLike<number>): Float64Array {
  for (let cur = 0; cur < TAG_COUNT; cur++) {
    for (let p = PREVIOUS_START[cur]; p < PREVIOUS_START[cur + 1]; p++) orderedBuffer[p] = transition[PREVIOUS[p] * TAG_COUNT + cur];
  }
  return orderedBuffer;
}

/** Whether every tag but O is ruled out at the token whose scores start at `row`. */
function onlyOutside(scores: Float64Array, row: number): boolean {
  for (let t = 1; t < TAG_COUNT; t++) if (scores[row + t] !== -Infinity) return false;
  return true;
}

/** The best legal tag sequence for the scores. */
export function viterbi(scores: Float64Array, transition: ArrayLike<number>): Int32Array {
  const n = scores.length / TAG_COUNT;
  const tags = new Int32Array(n);
  if (n === 0) return tags;
  if (bestBuffer.length < n * TAG_COUNT) {
    bestBuffer = new Float64Array(2 * n * TAG_COUNT);
    backBuffer = new Int32Array(2 * n * TAG_COUNT);
  }
  // Reused between calls (one thread, no reentry): a sentence's scratch is not garbage each time.
  const best = bestBuffer.fill(-Infinity, 0, n * TAG_COUNT);
  const back = backBuffer;
  const ordered = inPreviousOrder(transition);
  for (let t = 0; t < TAG_COUNT; t++) {
    if (ALLOWED[START * TAG_COUNT + t]) best[t] = scores[t] + transition[START * TAG_COUNT + t];
  }
  for (let i = 1; i < n; i++) {
    const before = (i - 1) * TAG_COUNT;
    const here = i * TAG_COUNT;
    // A token that can only be O (the recognizer's words outside every name): one tag to reach, O being tag 0.
    const tagsHere = onlyOutside(scores, here) ? 1 : TAG_COUNT;
    for (let cur = 0; cur < tagsHere; cur++) {
      let top = -Infinity;
      let arg = 0;
      for (let p = PREVIOUS_START[cur], end = PREVIOUS_START[cur + 1]; p < end; p++) {
        const s = best[before + PREVIOUS[p]] + ordered[p];
        if (s > top) {
          top = s;
          arg = PREVIOUS[p];
        }
      }
      best[here + cur] = top + scores[here + cur];
      back[here + cur] = arg;
    }
  }
  let last = 0;
  let top = -Infinity;
  for (let t = 0; t < TAG_COUNT; t++) {
    const s = best[(n - 1) * TAG_COUNT + t];
    if (CAN_END[t] && s > top) {
      top = s;
      last = t;
    }
  }
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * TAG_COUNT + tags[i]];
  return tags;
}
