/**
 * recognize(text) → [{ type, start, end, text }]: tokenize, tag each sentence with the model
 * (document features from the whole text), turn tags into character spans, then apply the rules
 * for web captures.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { viterbi } from './viterbi';
import {
  documentContext,
  labelFeatures,
  labelledWords,
  LABEL_SLOTS,
  LEXICON_SLOTS,
  lexiconUnknownBuckets,
  AFTER_SENTENCE,
  BEFORE_SENTENCE,
  positionalFeatures,
  neighbour,
  wordInfoFor,
  wordOnlyBuckets,
  WORD_ONLY_SLOTS,
  GROUP_OFFSETS,
  POSITIONAL_PER_TOKEN,
  WORD_GROUPS,
  type DocumentContext,
  type WordInfo,
} from './features';
import { parseModel, type NerModel } from './model';
import { applyCaptureRules, type KnownNames } from './rules';
import { ENTITY_TYPES, TAG_COUNT, tagsToSpans, type EntityType, type TokenSpan } from './tags';
import { tokenize, type Sentence } from './tokenizer';

export interface Entity {
  type: EntityType;
  /** Character offsets in the text given to recognize. */
  start: number;
  end: number;
  text: string;
  /** For a person whose title came before the name: "UN Special Envoy for Syria". */
  role?: string;
}

export const MODEL_FILE_NAME = 'ner-model.bin';

/** The committed model, media/ner-model.bin, found from wherever this code was bundled (dist/, dist/tools/, dist/test/…). */
export function defaultModelPath(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'media', MODEL_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', 'media', MODEL_FILE_NAME);
  }
}

export class Recognizer {
  constructor(readonly model: NerModel) {}

  static fromFile(file = defaultModelPath()): Recognizer {
    return new Recognizer(parseModel(readFileSync(file)));
  }

  /**
   * Tags already-tokenized sentences of one document, twice: the second pass sees what the first
   * made of each word elsewhere in the document, so that one name gets one type. Only the label
   * features differ between the passes, so the second pass adjusts the first pass's scores, and
   * only in sentences where the first pass disagrees with itself: a word it labelled here with
   * another type than elsewhere, or left out here and labelled elsewhere.
   */
  tagSentences(sentences: string[][]): TokenSpan[][] {
    const context = documentContext(sentences);
    const info = wordInfoFor(this.model.clusters);
    const infos = sentences.map((words) => words.map((word) => info(word)));
    const scores = sentences.map((words, s) => (words.length === 0 ? undefined : this.scoreSentence(words, infos[s], context)));
    const decode = (sentenceScores: Float64Array | undefined) => (sentenceScores ? tagsToSpans(viterbi(sentenceScores, this.model.transition)) : []);
    const first = scores.map(decode);
    const labelledAs = labelledWords(sentences, first);
    const secondPass = { ...context, labelledAs };
    return scores.map((sentenceScores, s) => {
      if (!sentenceScores || agreesWithDocument(infos[s], first[s], labelledAs)) return first[s];
      const labels = labelFeatures(infos[s], secondPass, this.model.buckets - 1);
      const unlabelled = labelFeatures(infos[s], context, this.model.buckets - 1);
      infos[s].forEach((info, i) => {
        if (!labelledAs.has(info.lower)) return;
        for (let slot = 0; slot < LABEL_SLOTS; slot++) {
          this.addRow(sentenceScores, i, labels[i * LABEL_SLOTS + slot], this.model.scale);
          this.addRow(sentenceScores, i, unlabelled[i * LABEL_SLOTS + slot], -this.model.scale);
        }
      });
      return decode(sentenceScores);
    });
  }

  /** Adds one feature bucket's weights, times `factor`, to token i's scores. */
  private addRow(scores: Float64Array, i: number, bucket: number, factor: number): void {
    const { rowStart, tags, values } = this.model.emission;
    for (let j = rowStart[bucket]; j < rowStart[bucket + 1]; j++) scores[i * TAG_COUNT + tags[j]] += factor * values[j];
  }

  /**
   * Scores per token and tag: cached per-word group scores plus the positional features; a word
   * nothing is known of in the gazetteers and the document gets those slots' scores at once, and a
   * word outside every name (see outsideNames) no scores but O's.
   */
  scoreSentence(words: string[], infos: WordInfo[], context: DocumentContext): Float64Array {
    const mask = this.model.buckets - 1;
    const unknown = new Uint8Array(words.length);
    const inSentence = new Uint8Array(words.length);
    const outside = outsideNames(infos);
    const features = positionalFeatures(words, infos, context, this.model, mask, unknown, inSentence, outside);
    const scores = new Float64Array(words.length * TAG_COUNT);
    const lexiconFrom = POSITIONAL_PER_TOKEN - LEXICON_SLOTS;
    const { rowStart, tags, values } = this.model.emission;
    for (let i = 0; i < words.length; i++) {
      if (outside[i]) continue;
      const base = i * POSITIONAL_PER_TOKEN;
      const row = i * TAG_COUNT;
      const last = base + (unknown[i] ? lexiconFrom : POSITIONAL_PER_TOKEN);
      if (inSentence[i]) this.addScores(scores, i, this.wordScores(infos[i]), (inSentence[i] - 1) * TAG_COUNT);
      for (let k = inSentence[i] ? base + WORD_ONLY_SLOTS : base; k < last; k++) {
        const bucket = features[k];
        for (let j = rowStart[bucket], end = rowStart[bucket + 1]; j < end; j++) scores[row + tags[j]] += values[j];
      }
      if (unknown[i]) this.addScores(scores, i, this.unknownLexiconScores((infos[i].flags & 1) === 1, i === 0), 0);
    }
    this.addGroupScores(scores, infos, inSentence, outside);
    for (let k = 0; k < scores.length; k++) scores[k] *= this.model.scale;
    for (let i = 0; i < words.length; i++) if (outside[i]) scores.fill(-Infinity, i * TAG_COUNT + 1, (i + 1) * TAG_COUNT);
    return scores;
  }

  /** Each token's own word groups and its neighbours', from the scores cached per word (a token inside a sentence had its own group with its word scores). */
  private addGroupScores(scores: Float64Array, infos: WordInfo[], inSentence: Uint8Array, outside: Uint8Array): void {
    const n = infos.length;
    const own = infos.map((info) => this.groupScores(info));
    const before = this.groupScores(BEFORE_SENTENCE);
    const after = this.groupScores(AFTER_SENTENCE);
    for (let g = 0; g < WORD_GROUPS; g++) {
      const offset = GROUP_OFFSETS[g];
      const from = g * TAG_COUNT;
      for (let i = 0; i < n; i++) {
        if (outside[i] || (g === 0 && inSentence[i])) continue;
        const j = i + offset;
        const source = j < 0 ? before : j >= n ? after : own[j];
        const row = i * TAG_COUNT;
        for (let t = 0; t < TAG_COUNT; t++) scores[row + t] += source[from + t];
      }
    }
  }

  private addScores(scores: Float64Array, i: number, add: Float64Array | Int16Array, from: number): void {
    for (let t = 0; t < TAG_COUNT; t++) scores[i * TAG_COUNT + t] += add[from + t];
  }

  /** The summed (unscaled) weights of the lexicon slots of a word nothing is known of, per capitalisation and place. */
  private unknownLexiconScores(capital: boolean, first: boolean): Float64Array {
    const key = Number(capital) * 2 + Number(first);
    let cached = this.unknownLexicon[key];
    if (cached) return cached;
    cached = new Float64Array(TAG_COUNT);
    for (const bucket of lexiconUnknownBuckets(capital, first, this.model.buckets - 1)) this.addRow(cached, 0, bucket, 1);
    return (this.unknownLexicon[key] = cached);
  }

  private readonly unknownLexicon: (Float64Array | undefined)[] = [];

  /**
   * Unscaled scores of a word's own group and WORD_ONLY_SLOTS inside a sentence that is no headline:
   * the first TAG_COUNT for a word the document never writes in lower case, the next for one it does.
   */
  private wordScores(info: WordInfo): Int16Array {
    const inSentence = info.scores?.model === this.model ? info.scores.inSentence : undefined;
    if (inSentence) return inSentence;
    const own = this.groupScores(info);
    const cached = info.scores as NonNullable<WordInfo['scores']>;
    const values = new Int16Array(2 * TAG_COUNT);
    for (let t = 0; t < TAG_COUNT; t++) values[t] = values[TAG_COUNT + t] = own[t];
    const mask = this.model.buckets - 1;
    const { rowStart, tags, values: weights } = this.model.emission;
    [false, true].forEach((seenLowercase, v) => {
      for (const bucket of wordOnlyBuckets(info, false, false, seenLowercase, false, mask)) {
        for (let j = rowStart[bucket]; j < rowStart[bucket + 1]; j++) values[v * TAG_COUNT + tags[j]] += weights[j];
      }
    });
    return (cached.inSentence = values);
  }

  /** Unscaled scores of a word's feature groups, computed once per distinct word and model. */
  private groupScores(info: WordInfo): Int16Array {
    if (info.scores?.model === this.model) return info.scores.values;
    // Sums of a few int8 weights: exact in 16 bits, and a quarter of the memory per word kept.
    const values = new Int16Array(WORD_GROUPS * TAG_COUNT);
    const { rowStart, tags, values: weights } = this.model.emission;
    const mask = this.model.buckets - 1;
    info.groups.forEach((hashes, g) => {
      for (const h of hashes) {
        const bucket = h & mask;
        for (let j = rowStart[bucket]; j < rowStart[bucket + 1]; j++) values[g * TAG_COUNT + tags[j]] += weights[j];
      }
    });
    info.scores = { model: this.model, values, inSentence: undefined };
    return values;
  }

  /** The model's spans over raw text, before the web-capture rules. */
  recognizeRaw(text: string): { sentences: Sentence[]; spans: TokenSpan[][]; entities: Entity[] } {
    const sentences = tokenize(text);
    const spans = this.tagSentences(sentences.map((s) => s.map((t) => forModel(t.text))));
    const entities: Entity[] = [];
    sentences.forEach((tokens, s) => {
      for (const span of spans[s]) {
        const start = tokens[span.start].start;
        const end = tokens[span.end - 1].end;
        entities.push({ type: span.type, start, end, text: text.slice(start, end) });
      }
    });
    return { sentences, spans, entities };
  }

  recognize(text: string): Entity[] {
    const { sentences, spans } = this.recognizeRaw(text);
    return applyCaptureRules(text, sentences, spans, this.known);
  }

  /** "Syrian", "American League": a name the training data only ever labelled as MISC. */
  private readonly known: KnownNames = {
    onlyType: (words) => ENTITY_TYPES.find((_, t) => this.model.gazetteer.typesOf(words) === 1 << t),
    isGivenName: (word) => (this.model.external.typesOf([word]) & (1 << ENTITY_TYPES.indexOf('PER'))) !== 0,
  };
}

/**
 * Tokens outside every name, which need no scores: a word with no capital and no digit between two
 * more ("said the", ", and"). Names hold such a word only between capitalised ones ("Bank of England").
 */
function outsideNames(infos: WordInfo[]): Uint8Array {
  const outside = new Uint8Array(infos.length);
  for (let i = 0; i < infos.length; i++) outside[i] = Number(infos[i].plain && neighbour(infos, i - 1).plain && neighbour(infos, i + 1).plain);
  return outside;
}

/** Whether every word of the sentence was labelled by pass one as it was everywhere else in the document. */
function agreesWithDocument(infos: WordInfo[], spans: TokenSpan[], labelledAs: Map<string, Uint16Array>): boolean {
  const typeAt = new Array<number>(infos.length).fill(-1);
  for (const span of spans) typeAt.fill(ENTITY_TYPES.indexOf(span.type), span.start, span.end);
  return infos.every((info, i) => {
    const counts = labelledAs.get(info.lower);
    // Lowercase words ("of" in "Bank of England") say little about a name's type.
    if (!counts || (info.flags & 1) === 0) return true;
    return typeAt[i] >= 0 && counts.every((n, t) => t === typeAt[i] || n === 0);
  });
}

/** The training text has straight quotes only. */
function forModel(word: string): string {
  return word.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'");
}
