/**
 * `npm run eval:pages -- --data DIR`: scores the HTML path on the development set of real saved pages
 * (../shared/corpora/webpages: pages.tar.gz and gold.json) — ours, bare Readability, and metascraper
 * for the metadata — and prints the per-field table (date, title, author, reading text); `--misses` lists
 * what Corpus Lens got wrong on each page first.
 */
import { Readability } from '@mozilla/readability';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseHTML } from 'linkedom';
import { parseArguments } from '../args';
import { addPage, emptyScores, pageMisses, scoreTable, type PageGold, type PageReading, type PageScores } from '../core/evaluation/pageScores';
import { normaliseDateValue } from '../core/ingest/date';
import { readArticle, readDetails } from '../core/ingest/loader';
import { decodeText } from '../core/ingest/textDecoding';
import { readingText } from '../core/types';
import { metascraperInstalled, metascraperReading } from './metascraperReading';

async function ours(file: string): Promise<PageReading> {
  const result = await readArticle(file);
  if ('problem' in result) return { title: null, date: null, text: '' };
  const { author } = await readDetails(file);
  return { title: result.article.title, date: result.article.date, text: readingText(result.article), author };
}

function bareReadability(html: string): PageReading {
  const { document } = parseHTML(html);
  try {
    const parsed = new Readability(document as unknown as Document).parse();
    return {
      title: parsed?.title ?? null,
      date: normaliseDateValue(parsed?.publishedTime ?? null),
      text: parsed?.textContent ?? '',
      author: parsed?.byline ?? null,
    };
  } catch {
    return { title: null, date: null, text: '' };
  }
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArguments(argv, { data: { type: 'string' }, limit: { type: 'string' }, misses: { type: 'boolean' } });
  if (!values.data) throw new Error('usage: eval:pages -- --data DIR (holding pages.tar.gz and gold.json)');
  const pagesDir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-pages-'));
  execFileSync('tar', ['xzf', path.join(values.data, 'pages.tar.gz'), '-C', pagesDir]);
  const gold = JSON.parse(readFileSync(path.join(values.data, 'gold.json'), 'utf8')) as PageGold[];
  const pages = path.join(pagesDir, readdirSync(pagesDir)[0]);
  const scores: Record<string, PageScores> = { 'Corpus Lens': emptyScores(), 'bare Readability': emptyScores() };
  if (metascraperInstalled) scores['metascraper (metadata) + ours (text)'] = emptyScores();
  const limit = values.limit ? Number(values.limit) : gold.length;
  for (const page of gold.slice(0, limit)) {
    const file = path.join(pages, page.file);
    const html = decodeText(readFileSync(file)).text;
    const mine = await ours(file);
    addPage(scores['Corpus Lens'], page, mine);
    const bare = bareReadability(html);
    if (values.misses) for (const miss of pageMisses(page, mine, bare)) console.log(`${page.file}  ${miss}`);
    addPage(scores['bare Readability'], page, bare);
    if (metascraperInstalled) addPage(scores['metascraper (metadata) + ours (text)'], page, { ...(await metascraperReading(html)), text: mine.text });
  }
  console.log(`${Math.min(limit, gold.length)} pages of ${values.data}\n`);
  console.log(scoreTable(Object.entries(scores)));
  if (!metascraperInstalled)
    console.log('\n(metascraper row: npm install --no-save metascraper metascraper-date metascraper-title metascraper-publisher metascraper-author)');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
