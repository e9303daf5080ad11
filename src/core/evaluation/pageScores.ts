/**
 * Scores of what was read from web pages against gold answers (the development set in
 * ../shared/corpora/webpages): the date (right day, wrong, none), the title (exact, near), the author, and the
 * reading text (passages that must and must not be in it: precision, recall, F1, as trafilatura's
 * evaluation counts them).
 */
export interface PageGold {
  file: string;
  with: string[];
  without: string[];
  title: string | null;
  date: string | null;
  sitename?: string | null;
  /** A name, or several. */
  author?: string | string[] | null;
}

export interface PageReading {
  title: string | null;
  date: string | null;
  text: string;
  author?: string | null;
}

export interface PageScores {
  pages: number;
  date: { gold: number; right: number; wrong: number; none: number };
  title: { gold: number; exact: number; near: number };
  /** right: the same name(s); near: one holds the other ("Rob Picheta, CNN" for "Rob Picheta"). */
  author: { gold: number; right: number; near: number };
  text: { truePositives: number; falseNegatives: number; falsePositives: number; trueNegatives: number };
}

export function emptyScores(): PageScores {
  return {
    pages: 0,
    date: { gold: 0, right: 0, wrong: 0, none: 0 },
    title: { gold: 0, exact: 0, near: 0 },
    author: { gold: 0, right: 0, near: 0 },
    text: { truePositives: 0, falseNegatives: 0, falsePositives: 0, trueNegatives: 0 },
  };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const words = (text: string) =>
  new Set(
    collapse(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );

/** The headline as a reader would name it: the same words, or one title holding the other nearly whole. */
export function titleMatch(ours: string | null, gold: string): 'exact' | 'near' | 'no' {
  if (!ours) return 'no';
  if (collapse(ours).toLowerCase() === collapse(gold).toLowerCase()) return 'exact';
  const [a, b] = [words(ours), words(gold)];
  const shared = [...b].filter((w) => a.has(w)).length;
  return b.size > 0 && shared / b.size >= 0.8 && shared / Math.max(a.size, 1) >= 0.6 ? 'near' : 'no';
}

export function addPage(scores: PageScores, gold: PageGold, reading: PageReading): void {
  scores.pages++;
  if (gold.date) {
    scores.date.gold++;
    if (reading.date === null || reading.date.startsWith('--')) scores.date.none++;
    else if (reading.date === gold.date) scores.date.right++;
    else scores.date.wrong++;
  }
  if (gold.title) {
    scores.title.gold++;
    const match = titleMatch(reading.title, gold.title);
    if (match === 'exact') scores.title.exact++;
    if (match !== 'no') scores.title.near++;
  }
  if (gold.author) addAuthor(scores, Array.isArray(gold.author) ? gold.author.join(', ') : gold.author, reading.author ?? null);
  const text = collapse(reading.text);
  for (const passage of gold.with) {
    if (text.includes(collapse(passage))) scores.text.truePositives++;
    else scores.text.falseNegatives++;
  }
  for (const passage of gold.without) {
    if (text.includes(collapse(passage))) scores.text.falsePositives++;
    else scores.text.trueNegatives++;
  }
}

/**
 * What one page got wrong, one line per miss: a title not near, a wrong or missing date, passages lost or furniture kept;
 * with `baseline` (bare Readability on the same page), the passages it keeps and this reading loses.
 */
export function pageMisses(gold: PageGold, reading: PageReading, baseline?: PageReading): string[] {
  const misses: string[] = [];
  if (gold.title && titleMatch(reading.title, gold.title) === 'no') misses.push(`title: ${JSON.stringify(reading.title)} for ${JSON.stringify(gold.title)}`);
  if (gold.date && reading.date !== gold.date) misses.push(`date: ${reading.date ?? 'none'} for ${gold.date}`);
  const text = collapse(reading.text);
  const lost = gold.with.filter((passage) => !text.includes(collapse(passage)));
  const kept = gold.without.filter((passage) => text.includes(collapse(passage)));
  if (lost.length) misses.push(`text lost ${lost.length}/${gold.with.length}: ${lost.map((p) => JSON.stringify(p.slice(0, 60))).join(', ')}`);
  if (kept.length) misses.push(`furniture kept ${kept.length}/${gold.without.length}: ${kept.map((p) => JSON.stringify(p.slice(0, 60))).join(', ')}`);
  const baselineText = baseline && collapse(baseline.text);
  const worse = baselineText ? lost.filter((passage) => baselineText.includes(collapse(passage))) : [];
  if (worse.length)
    misses.push(`text bare Readability keeps ${worse.length}/${gold.with.length}: ${worse.map((p) => JSON.stringify(p.slice(0, 60))).join(', ')}`);
  return misses;
}

function addAuthor(scores: PageScores, gold: string, ours: string | null): void {
  scores.author.gold++;
  const [a, b] = [collapse(ours ?? '').toLowerCase(), collapse(gold).toLowerCase()];
  if (!a) return;
  if (a === b) scores.author.right++;
  if (a === b || a.includes(b) || b.includes(a)) scores.author.near++;
}

export function textF1(scores: PageScores): { precision: number; recall: number; f1: number } {
  const { truePositives: tp, falseNegatives: fn, falsePositives: fp } = scores.text;
  const precision = tp / Math.max(tp + fp, 1);
  const recall = tp / Math.max(tp + fn, 1);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

const pct = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(1)}%`;

/** One row per reader: date right / wrong / none, title near (exact), author near (right), text P / R / F1. */
export function scoreTable(rows: [string, PageScores][]): string {
  const lines = [
    '| reader | date right | date wrong | no date | title near (exact) | author near (right) | text precision | recall | F1 |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, s] of rows) {
    const t = textF1(s);
    lines.push(
      `| ${name} | ${pct(s.date.right, s.date.gold)} | ${pct(s.date.wrong, s.date.gold)} | ${pct(s.date.none, s.date.gold)} | ${pct(s.title.near, s.title.gold)} (${pct(s.title.exact, s.title.gold)}) | ${pct(s.author.near, s.author.gold)} (${pct(s.author.right, s.author.gold)}) | ${t.precision.toFixed(3)} | ${t.recall.toFixed(3)} | ${t.f1.toFixed(3)} |`,
    );
  }
  return lines.join('\n');
}
