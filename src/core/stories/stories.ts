/**
 * Stories: articles that report the same event, across sources. Exact copies are one article;
 * the others are compared by their content words and the names in them (people, organizations,
 * places; counted thrice), weighted by rarity (TF-IDF cosine), and never when both have full dates more than a few days
 * apart (a partial or missing date does not forbid a match). Only pairs that share a rare word are
 * compared, so the work grows with the corpus, not with its square.
 */
import { decodeTerms, type StoryFeatures } from './storyFeatures';

export interface StoryInput {
  path: string;
  date: string | null;
  features: StoryFeatures;
}

export interface Story {
  /** Stable while its first article (by path) stays in it. */
  id: string;
  /** Its articles, by path. */
  paths: string[];
}

/** Cosine from which two articles report one event. */
export const SAME_STORY = 0.5;
/**
 * Below that, two articles are one story when each is the other's closest by a clear margin and
 * their similarity passes a floor that grows with the corpus (in a small corpus the rarity of a
 * word cannot be told, and every similarity is low).
 */
const CLEAR_MARGIN = 1.2;
const MUTUAL_FLOOR = 0.3;
/** Words in more articles than this do not bring candidates (they still count in the cosine). */
const CANDIDATE_DF = 30;
const TERMS_WEIGHED = 120;
/** How many of its heaviest terms an article looks its candidates up by. */
const PROBES = 12;
const MAX_DAYS_APART = 4;

interface Vector {
  terms: Uint32Array;
  weights: Float64Array;
  /** The heaviest few terms, that candidates are looked up by. */
  probes: Uint32Array;
}

export function clusterStories(articles: readonly StoryInput[]): Story[] {
  const copies = new Map<string, StoryInput[]>();
  for (const article of articles) {
    const group = copies.get(article.features.text);
    if (group) group.push(article);
    else copies.set(article.features.text, [article]);
  }
  const representatives = [...copies.values()].map((group) => group[0]);
  const vectors = weigh(representatives);
  const parent = representatives.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (const [a, b] of linkedPairs(representatives, vectors)) parent[root(a)] = root(b);
  const members = new Map<number, string[]>();
  representatives.forEach((article, i) => {
    const paths = copies.get(article.features.text)!.map((a) => a.path);
    const list = members.get(root(i));
    if (list) list.push(...paths);
    else members.set(root(i), paths);
  });
  return storiesOf([...members.values()]);
}

/** Groups of two articles or more as stories: their paths sorted, each named by its first. */
export function storiesOf(groups: string[][]): Story[] {
  return groups
    .filter((paths) => paths.length > 1)
    .map((paths) => paths.sort())
    .map((paths) => ({ id: storyId(paths[0]), paths }));
}

function storyId(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return `story-${(hash >>> 0).toString(36)}`;
}

/** TF-IDF over the kept words, the heaviest few, unit length. */
function weigh(articles: readonly StoryInput[]): Vector[] {
  const decoded = articles.map(({ features }) => decodeTerms(features));
  const df = new Map<number, number>();
  for (const terms of decoded) for (const [hash] of terms) df.set(hash, (df.get(hash) ?? 0) + 1);
  const n = articles.length;
  return decoded.map((terms) => {
    const weighted: [number, number][] = [];
    for (const [hash, count] of terms) {
      const idf = Math.log(n / (df.get(hash) ?? 1));
      if (idf > 0) weighted.push([hash, (1 + Math.log(count)) * idf]);
    }
    weighted.sort((a, b) => b[1] - a[1]).splice(TERMS_WEIGHED);
    const probes = Uint32Array.from(weighted.slice(0, PROBES), ([t]) => t);
    weighted.sort((a, b) => a[0] - b[0]);
    const norm = Math.hypot(...weighted.map(([, w]) => w)) || 1;
    return { terms: Uint32Array.from(weighted, ([t]) => t), weights: Float64Array.from(weighted, ([, w]) => w / norm), probes };
  });
}

/**
 * Pairs of articles where one's heaviest terms (its probes) include a word the other has and few
 * articles have: each pair once, whichever side found it.
 */
function* candidatePairs(vectors: readonly Vector[]): Generator<[number, number]> {
  const postings = new Map<number, number[]>();
  vectors.forEach((vector, i) => {
    for (const term of vector.terms) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  const found = vectors.map(() => new Set<number>());
  for (let i = 0; i < vectors.length; i++) {
    for (const term of vectors[i].probes) {
      const list = postings.get(term) as number[];
      if (list.length > CANDIDATE_DF) continue;
      for (const j of list) {
        if (j === i || found[i].has(j) || found[j].has(i)) continue;
        found[i].add(j);
        yield i < j ? [i, j] : [j, i];
      }
    }
  }
}

/** The pairs to join: similar enough, or each other's clear nearest neighbours (see CLEAR_MARGIN). */
function linkedPairs(articles: readonly StoryInput[], vectors: readonly Vector[]): [number, number][] {
  const best = articles.map(() => ({ other: -1, first: 0, second: 0 }));
  const scored: [number, number, number][] = [];
  const note = (i: number, other: number, score: number) => {
    const b = best[i];
    if (score > b.first) Object.assign(b, { other, second: b.first, first: score });
    else if (score > b.second) b.second = score;
  };
  for (const [a, b] of candidatePairs(vectors)) {
    if (tooFarApart(articles[a].date, articles[b].date)) continue;
    const score = similarity(vectors[a], vectors[b]);
    scored.push([a, b, score]);
    note(a, b, score);
    note(b, a, score);
  }
  const floor = MUTUAL_FLOOR * Math.min(1, Math.log(articles.length) / Math.log(1000));
  const clearly = (i: number, other: number, score: number) => best[i].other === other && score >= CLEAR_MARGIN * best[i].second;
  return scored.filter(([a, b, score]) => score >= SAME_STORY || (score >= floor && clearly(a, b, score) && clearly(b, a, score))).map(([a, b]) => [a, b]);
}

export function similarity(a: Vector, b: Vector): number {
  let dot = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length;) {
    if (a.terms[i] === b.terms[j]) dot += a.weights[i++] * b.weights[j++];
    else if (a.terms[i] < b.terms[j]) i++;
    else j++;
  }
  return dot;
}

const DAY_MS = 86_400_000;

/** Both full dates, more than a few days apart. */
function tooFarApart(a: string | null, b: string | null): boolean {
  if (!a || !b || !/^\d{4}-\d\d-\d\d$/.test(a) || !/^\d{4}-\d\d-\d\d$/.test(b)) return false;
  return Math.abs(Date.parse(a) - Date.parse(b)) > MAX_DAYS_APART * DAY_MS;
}

/** For tools and tests: the similarity of two articles as clustering computes it, among a set. */
export function pairSimilarities(articles: readonly StoryInput[]): { a: string; b: string; similarity: number }[] {
  const vectors = weigh(articles);
  const pairs: { a: string; b: string; similarity: number }[] = [];
  for (const [x, y] of candidatePairs(vectors)) {
    pairs.push({ a: articles[x].path, b: articles[y].path, similarity: similarity(vectors[x], vectors[y]) });
  }
  return pairs.sort((p, q) => q.similarity - p.similarity);
}
