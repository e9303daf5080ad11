/**
 * metascraper's reading of a page's metadata (date, title, publisher, author), for comparison in eval:pages.
 * Optional: it brings a native module (re2) that compiles on install, so it is not a dependency of the
 * project. `npm install --no-save metascraper metascraper-date metascraper-title metascraper-publisher metascraper-author`
 * adds it for a run.
 */
import { normaliseDateValue } from '../core/ingest/date';
import type { PageReading } from '../core/evaluation/pageScores';

type Scrape = (input: {
  html: string;
  url: string;
}) => Promise<{ title?: string | null; date?: string | null; publisher?: string | null; author?: string | null }>;

function loadMetascraper(): Scrape | undefined {
  try {
    // Loaded at run time, when installed (see above): not a static import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (name: string) => require(name) as (...args: unknown[]) => unknown;
    const rules = ['metascraper-date', 'metascraper-title', 'metascraper-publisher', 'metascraper-author'].map((name) => load(name)());
    return load('metascraper')(rules) as Scrape;
  } catch {
    return undefined;
  }
}

const metascraper = loadMetascraper();

export const metascraperInstalled = metascraper !== undefined;

export async function metascraperReading(html: string): Promise<Omit<PageReading, 'text'>> {
  if (!metascraper) return { title: null, date: null };
  try {
    const meta = await metascraper({ html, url: 'https://example.com/' });
    return { title: meta.title ?? null, date: normaliseDateValue(meta.date ?? null), author: meta.author ?? null };
  } catch {
    return { title: null, date: null };
  }
}
