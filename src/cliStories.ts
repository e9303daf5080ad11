/** `corpus-lens stories`, `quotes "<name>"` and `timeline ["<name>"]`: stories across outlets, who said what, and when, from a shell. */
import * as path from 'node:path';
import { dateLabel, sourceLabel } from './core/grouping';
import { buildEngine, type EntityCliArgs } from './cliEntities';
import { CorpusEngine } from './core/engine/engine';
import { reportLoad } from './cliLoad';
import type { TimelineStep } from './core/timeline/timeline';

type Print = (s: string) => void;

const relativeTo = (corpus: string) => (file: string) => path.relative(corpus, file).split(path.sep).join('/');

export async function storiesCommand(args: EntityCliArgs, out: Print, err: Print): Promise<number> {
  const engine = await buildEngine(args, err);
  if (!engine) return 2;
  const relative = relativeTo(args.corpus);
  const stories = engine.stories().map((story) => ({
    id: story.id,
    title: story.title,
    articles: story.articles.map((a) => ({ path: relative(a.path), source: a.source, date: a.date })),
  }));
  engine.dispose();
  if (args.json) out(JSON.stringify(stories, null, 2));
  else {
    for (const story of stories) {
      out(`${story.title}  (${story.articles.length} articles, ${new Set(story.articles.map((a) => a.source)).size} sources)  ${story.id}`);
      for (const a of story.articles) out(`  ${a.path}  ${sourceLabel(a.source)} · ${dateLabel(a.date)}`);
    }
    if (stories.length === 0) out('No two articles report the same event.');
  }
  return 0;
}

export async function quotesCommand(name: string, args: EntityCliArgs, out: Print, err: Print): Promise<number> {
  const engine = await buildEngine(args, err);
  if (!engine) return 2;
  const entity = engine.entities.index.get(name) ?? engine.entities.index.find(name);
  if (!entity) {
    err(`corpus-lens: no person or organization called "${name}" in ${args.corpus}`);
    engine.dispose();
    return 1;
  }
  const relative = relativeTo(args.corpus);
  const quotes = engine
    .quotes(entity.id)
    .map((q) => ({ text: q.text, kind: q.kind, path: relative(q.path), line: q.line + 1, source: q.source, date: q.date }));
  engine.dispose();
  if (args.json) out(JSON.stringify(quotes, null, 2));
  else {
    out(`${entity.name}: ${quotes.filter((q) => q.kind === 'direct').length} quote(s), ${quotes.filter((q) => q.kind === 'paraphrase').length} paraphrase(s)`);
    for (const q of quotes)
      out(`  ${q.kind === 'direct' ? `“${q.text}”` : `(said that) ${q.text}`}\n    ${q.path}:${q.line}  ${sourceLabel(q.source)} · ${dateLabel(q.date)}`);
  }
  return 0;
}

export async function timelineCommand(name: string | undefined, by: TimelineStep, args: EntityCliArgs, out: Print, err: Print): Promise<number> {
  // The corpus's own timeline needs no names.
  const engine = name === undefined ? await loadArticles(args, err) : await buildEngine(args, err);
  if (!engine) return 2;
  const timeline = engine.timeline(name ?? null, by);
  engine.dispose();
  if (!timeline) {
    err(`corpus-lens: no person or organization called "${name}" in ${args.corpus}`);
    return 1;
  }
  const { buckets, partial, periods, undated } = timeline;
  if (args.json) {
    const rows = buckets.map((b) => ({ period: b.period, articles: b.articles, mentions: b.mentions, sources: b.bySource }));
    out(JSON.stringify({ name: timeline.name, by, buckets: rows, partial, periods, undated }, null, 2));
    return 0;
  }
  out(`${timeline.name ?? 'The corpus'}, articles per ${by}${timeline.name ? ' (mentions)' : ''}:`);
  const widest = Math.max(1, ...buckets.map((b) => b.articles));
  for (let i = 0; i < buckets.length; i++) {
    const empty = buckets.slice(i).findIndex((b) => b.articles > 0);
    if (empty > 3) {
      out(`  … ${empty} ${by}s without articles …`);
      i += empty - 1;
      continue;
    }
    const b = buckets[i];
    out(
      `  ${b.period.padEnd(7)} ${String(b.articles).padStart(5)}${timeline.name ? ` (${b.mentions})` : ''}  ${'█'.repeat(Math.ceil((b.articles / widest) * 40))}`,
    );
  }
  out(`Not in the chart: ${partial} dated without a year, ${periods} dated only by a longer period, ${undated} undated.`);
  return 0;
}

async function loadArticles(args: EntityCliArgs, err: Print): Promise<CorpusEngine> {
  const engine = new CorpusEngine(args.parseOptions);
  const { problems, cacheUnwritable } = await engine.load([args.corpus], { cacheDir: args.cacheDir, withoutSearch: true });
  reportLoad(args, problems, cacheUnwritable, err);
  return engine;
}
