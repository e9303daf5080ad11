/**
 * The trained model: quantised emission weights (int8, sparse rows), the transition matrix and the
 * gazetteers. File layout: "CLNR", u32 header length, header JSON,
 * u32 count, then per nonzero weight a varint gap in the flat index and an int8 value.
 */
import { FEATURES_PER_TOKEN } from './features';
import { Gazetteer } from './gazetteer';
import { TAG_COUNT } from './tags';
import type { SparseRows } from './viterbi';
import { clustersFromJSON, clustersToJSON, type WordClusters } from './wordClusters';

export const MODEL_FORMAT = 3;
const MAGIC = 'CLNR';

export interface ModelMeta {
  /** Dev scores recorded at training time, for the regression test. */
  devF1: number;
  devF1Raw?: number;
  epochs: number;
  trainedOn: string;
  trainingSeconds: number;
}

export interface NerModel {
  buckets: number;
  emission: SparseRows;
  /** What an int8 step is worth. */
  scale: number;
  /** transition[prev * TAG_COUNT + cur], prev = START before the first token. */
  transition: Float32Array;
  gazetteer: Gazetteer;
  /** Names from data packages (WordNet, first-name lists). */
  external: Gazetteer;
  /** Word classes learned from unlabelled news (none in a model trained without them). */
  clusters?: WordClusters;
  meta: ModelMeta;
}

interface Header {
  format: number;
  buckets: number;
  tags: number;
  featuresPerToken: number;
  scale: number;
  transition: number[];
  gazetteer: [string, number][];
  external: [string, number][];
  clusters?: ReturnType<typeof clustersToJSON>;
  meta: ModelMeta;
}

/** Quantises dense float weights (bucket-major) to sparse int8 rows, values beyond `clip` saturated. */
export function quantise(weights: Float32Array, clip: number): { emission: SparseRows; scale: number } {
  const scale = clip / 127;
  const buckets = weights.length / TAG_COUNT;
  const rowStart = new Uint32Array(buckets + 1);
  const tags: number[] = [];
  const values: number[] = [];
  for (let b = 0; b < buckets; b++) {
    rowStart[b] = tags.length;
    for (let t = 0; t < TAG_COUNT; t++) {
      const q = Math.max(-127, Math.min(127, Math.round(weights[b * TAG_COUNT + t] / scale)));
      if (q === 0) continue;
      tags.push(t);
      values.push(q);
    }
  }
  rowStart[buckets] = tags.length;
  return { emission: { rowStart, tags: Uint8Array.from(tags), values: Int8Array.from(values) }, scale };
}

export function serialiseModel(model: NerModel): Buffer {
  const header: Header = {
    format: MODEL_FORMAT,
    buckets: model.buckets,
    tags: TAG_COUNT,
    featuresPerToken: FEATURES_PER_TOKEN,
    scale: model.scale,
    transition: Array.from(model.transition, (v) => Math.round(v * 1000) / 1000),
    gazetteer: model.gazetteer.toJSON(),
    external: model.external.toJSON(),
    clusters: model.clusters && clustersToJSON(model.clusters),
    meta: model.meta,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const body: number[] = [];
  const { rowStart, tags, values } = model.emission;
  let last = -1;
  for (let b = 0; b < model.buckets; b++) {
    for (let j = rowStart[b]; j < rowStart[b + 1]; j++) {
      const index = b * TAG_COUNT + tags[j];
      writeVarint(body, index - last);
      body.push(values[j] & 0xff);
      last = index;
    }
  }
  const count = tags.length;
  const out = Buffer.alloc(4 + 4 + headerBytes.length + 4 + body.length);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  out.writeUInt32LE(count, 8 + headerBytes.length);
  Buffer.from(body).copy(out, 12 + headerBytes.length);
  return out;
}

function readHeader(buffer: Buffer): { header: Header; headerLength: number } {
  if (buffer.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a Corpus Lens NER model (bad magic)');
  const headerLength = buffer.readUInt32LE(4);
  return { header: JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as Header, headerLength };
}

/** The word classes a model file holds, whatever features it was made for (to train again without clustering). */
export function modelClusters(bytes: Uint8Array): WordClusters | undefined {
  const { header } = readHeader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return header.clusters && clustersFromJSON(header.clusters);
}

export function parseModel(bytes: Uint8Array): NerModel {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { header, headerLength } = readHeader(buffer);
  if (header.format !== MODEL_FORMAT || header.tags !== TAG_COUNT || header.featuresPerToken !== FEATURES_PER_TOKEN) {
    throw new Error(`the NER model was made for another version of the recognizer (format ${header.format}, ${header.featuresPerToken} features per token)`);
  }
  let offset = 8 + headerLength;
  const count = buffer.readUInt32LE(offset);
  offset += 4;
  const rowStart = new Uint32Array(header.buckets + 1);
  const tags = new Uint8Array(count);
  const values = new Int8Array(count);
  let index = -1;
  let bucket = 0;
  for (let k = 0; k < count; k++) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const byte = buffer[offset++];
      gap += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    index += gap;
    const b = Math.floor(index / TAG_COUNT);
    while (bucket < b) rowStart[++bucket] = k;
    tags[k] = index - b * TAG_COUNT;
    values[k] = (buffer[offset++] << 24) >> 24;
  }
  while (bucket < header.buckets) rowStart[++bucket] = count;
  return {
    buckets: header.buckets,
    emission: { rowStart, tags, values },
    scale: header.scale,
    transition: Float32Array.from(header.transition),
    gazetteer: Gazetteer.fromJSON(header.gazetteer),
    external: Gazetteer.fromJSON(header.external),
    clusters: header.clusters && clustersFromJSON(header.clusters),
    meta: header.meta,
  };
}

function writeVarint(out: number[], value: number): void {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
}
