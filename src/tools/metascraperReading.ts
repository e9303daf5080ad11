/** metascraper's reading of a page's metadata (date, title, publisher), for comparison in eval:pages. */
import createMetascraper from 'metascraper';
import metascraperDate from 'metascraper-date';
import metascraperPublisher from 'metascraper-publisher';
import metascraperTitle from 'metascraper-title';
import { normaliseDateValue } from '../core/ingest/date';
import type { PageReading } from '../core/evaluation/pageScores';

const metascraper = createMetascraper([metascraperDate(), metascraperTitle(), metascraperPublisher()]);

export async function metascraperReading(html: string): Promise<Omit<PageReading, 'text'> & { publisher: string | null }> {
  try {
    const meta = await metascraper({ html, url: 'https://example.com/' });
    return { title: meta.title ?? null, date: normaliseDateValue(meta.date ?? null), publisher: meta.publisher ?? null };
  } catch {
    return { title: null, date: null, publisher: null };
  }
}
