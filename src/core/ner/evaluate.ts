/** Entity-level exact-match precision, recall and F1, per type and for groups of types. */
import { ENTITY_TYPES, type EntityType } from './tags';

export interface Span {
  type: EntityType;
  start: number;
  end: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export type Tally = Record<EntityType, Counts>;

export const emptyTally = (): Tally => Object.fromEntries(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Tally;

/** Adds one unit (sentence or document) of gold and predicted spans, in the same coordinates. */
export function tally(into: Tally, gold: Span[], predicted: Span[]): void {
  const key = (s: Span) => `${s.type}:${s.start}:${s.end}`;
  const goldKeys = new Set(gold.map(key));
  const predictedKeys = new Set(predicted.map(key));
  for (const s of predicted) into[s.type][goldKeys.has(key(s)) ? 'tp' : 'fp']++;
  for (const s of gold) if (!predictedKeys.has(key(s))) into[s.type].fn++;
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

export function score(counts: Counts): Score {
  const precision = counts.tp / Math.max(1, counts.tp + counts.fp);
  const recall = counts.tp / Math.max(1, counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: 100 * precision, recall: 100 * recall, f1: 100 * f1 };
}

export function combine(t: Tally, types: readonly EntityType[]): Counts {
  return types.reduce((sum, type) => ({ tp: sum.tp + t[type].tp, fp: sum.fp + t[type].fp, fn: sum.fn + t[type].fn }), { tp: 0, fp: 0, fn: 0 });
}

export const CORE_TYPES: EntityType[] = ['PER', 'ORG', 'LOC'];

/** Rows of a P/R/F1 table: each type, then PER+ORG+LOC, then all four. */
export function scoreTable(t: Tally): { label: string; score: Score }[] {
  return [
    ...ENTITY_TYPES.map((type) => ({ label: type, score: score(t[type]) })),
    { label: 'PER+ORG+LOC', score: score(combine(t, CORE_TYPES)) },
    { label: 'all (with MISC)', score: score(combine(t, ENTITY_TYPES)) },
  ];
}

export function formatScoreTable(t: Tally): string {
  const lines = ['| type | P | R | F1 |', '|---|---|---|---|'];
  for (const { label, score: s } of scoreTable(t)) lines.push(`| ${label} | ${s.precision.toFixed(2)} | ${s.recall.toFixed(2)} | ${s.f1.toFixed(2)} |`);
  return lines.join('\n');
}
