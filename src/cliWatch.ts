/** `corpus-lens watch FILE`: a watchlist's names and queries run against the corpus at once, for scripts and cron jobs. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from './core/engine/engine';
import { dateLabel, sourceLabel } from './core/grouping';
import type { ParseOptions } from './core/ingest/articleFiles';
import { parseWatchlist } from './core/watch/watchlist';
import { reportLoad } from './cliLoad';

type Print = (s: string) => void;

export interface WatchCliArgs {
  corpus: string;
  json: boolean;
  parseOptions: ParseOptions;
  cacheDir?: string;
  /** Only articles with a full date on or after this day (YYYY-MM-DD). */
  since?: string;
}

export async function watchCommand(file: string, args: WatchCliArgs, out: Print, err: Print): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    err(`corpus-lens: ${file}: cannot be read (${(error as Error).message})`);
    return 2;
  }
  const parsed = parseWatchlist(text);
  if (!parsed.ok) {
    err(`corpus-lens: ${file}:${parsed.line}: ${parsed.message}`);
    return 2;
  }
  const engine = new CorpusEngine(args.parseOptions);
  const { problems, cacheUnwritable } = await engine.load([args.corpus], { cacheDir: args.cacheDir });
  reportLoad(args, problems, cacheUnwritable, err);
  if (parsed.entries.some((e) => e.kind === 'name')) await engine.buildEntities();
  const since = args.since;
  const results = (await engine.watch(parsed.entries)).map(({ entry, paths, error }) => {
    const articles = paths
      .flatMap((p) => engine.summary(p) ?? [])
      .filter((a) => !since || (a.date !== null && /^\d{4}-\d\d-\d\d$/.test(a.date) && a.date >= since))
      .map((a) => ({ path: path.relative(args.corpus, a.path).split(path.sep).join('/'), title: a.title, source: a.source, date: a.date }));
    return { kind: entry.kind, text: entry.text, line: entry.line, articles: articles.length, matches: articles, ...(error ? { error } : {}) };
  });
  engine.dispose();
  if (args.json) out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      out(
        `${r.kind === 'name' ? 'name ' : 'query'}  ${r.text}: ${r.error ?? `${r.articles} article${r.articles === 1 ? '' : 's'}${since ? ` since ${since}` : ''}`}`,
      );
      for (const a of r.matches) out(`  ${a.path}  ${a.title}  (${sourceLabel(a.source)} · ${dateLabel(a.date)})`);
    }
  }
  return results.some((r) => r.error) ? 1 : 0;
}
