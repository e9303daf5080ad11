/** `corpus-lens stories` and `corpus-lens quotes "<name>"`: stories across outlets and who said what, from a shell. */
import * as path from 'node:path';
import { dateLabel, sourceLabel } from './core/grouping';
import { buildEngine, type EntityCliArgs } from './cliEntities';

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
