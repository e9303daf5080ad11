/**
 * recognize(text) → [{ type, start, end, text }]: tokenize, tag each sentence with the model
 * (document features from the whole text), turn tags into character spans, then apply the rules
 * for web captures.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sparseScores, viterbi } from './viterbi';
import {
  documentContext,
  labelFeatures,
  labelledWords,
  LABEL_SLOTS,
  neighbour,
  positionalFeatures,
  wordInfo,
  GROUP_OFFSETS,
  POSITIONAL_PER_TOKEN,
  WORD_GROUPS,
  type DocumentContext,
  type WordInfo,
} from './features';
import { parseModel, type NerModel } from './model';
import { applyCaptureRules } from './rules';
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
   * features differ between the passes, so the second pass adjusts the first pass's scores.
   */
  tagSentences(sentences: string[][]): TokenSpan[][] {
    const context = documentContext(sentences);
    const infos = sentences.map((words) => words.map(wordInfo));
    const scores = sentences.map((words, s) => (words.length === 0 ? undefined : this.scoreSentence(words, infos[s], context)));
    const decode = (sentenceScores: Float64Array | undefined) => (sentenceScores ? tagsToSpans(viterbi(sentenceScores, this.model.transition)) : []);
    const secondPass = { ...context, labelledAs: labelledWords(sentences, scores.map(decode)) };
    const { emission, scale, buckets } = this.model;
    return scores.map((sentenceScores, s) => {
      if (!sentenceScores) return [];
      const before = sparseScores(labelFeatures(infos[s], context, buckets - 1), LABEL_SLOTS, emission, scale);
      const after = sparseScores(labelFeatures(infos[s], secondPass, buckets - 1), LABEL_SLOTS, emission, scale);
      for (let k = 0; k < sentenceScores.length; k++) sentenceScores[k] += after[k] - before[k];
      return decode(sentenceScores);
    });
  }

  /** Scores per token and tag: cached per-word group scores plus the positional features. */
  private scoreSentence(words: string[], infos: WordInfo[], context: DocumentContext): Float64Array {
    const { emission, scale, buckets } = this.model;
    const scores = sparseScores(positionalFeatures(words, infos, context, this.model, buckets - 1), POSITIONAL_PER_TOKEN, emission, 1);
    for (let i = 0; i < words.length; i++) {
      for (let g = 0; g < WORD_GROUPS; g++) {
        const own = this.groupScores(neighbour(infos, i + GROUP_OFFSETS[g]));
        for (let t = 0; t < TAG_COUNT; t++) scores[i * TAG_COUNT + t] += own[g * TAG_COUNT + t];
      }
    }
    for (let k = 0; k < scores.length; k++) scores[k] *= scale;
    return scores;
  }

  /** Unscaled scores of a word's feature groups, computed once per distinct word and model. */
  private groupScores(info: WordInfo): Float64Array {
    if (info.scores?.model === this.model) return info.scores.values;
    const values = new Float64Array(WORD_GROUPS * TAG_COUNT);
    const { rowStart, tags, values: weights } = this.model.emission;
    const mask = this.model.buckets - 1;
    info.groups.forEach((hashes, g) => {
      for (const h of hashes) {
        const bucket = h & mask;
        for (let j = rowStart[bucket]; j < rowStart[bucket + 1]; j++) values[g * TAG_COUNT + tags[j]] += weights[j];
      }
    });
    info.scores = { model: this.model, values };
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
    return applyCaptureRules(text, sentences, spans, this.onlyMisc);
  }

  /** "Syrian", "American League": a name the training data only ever labelled as MISC. */
  private readonly onlyMisc = (words: string[]): boolean => this.model.gazetteer.typesOf(words) === 1 << ENTITY_TYPES.indexOf('MISC');
}

/** The training text has straight quotes only. */
function forModel(word: string): string {
  return word.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'");
}
