/** `corpus-lens entity "<name>"` and `corpus-lens entities`: the entity index from a shell. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from './core/engine/engine';
import { ENTITIES_FILE } from './core/entities/overrides';
import { dateLabel, sourceLabel } from './core/grouping';
import type { ParseOptions } from './core/ingest/articleFiles';
import { reportLoad } from './cliLoad';

type Print = (s: string) => void;

export interface EntityCliArgs {
  corpus: string;
  json: boolean;
  /** The corrections file; by default .corpus-lens/entities.json in the current folder, if there. */
  entitiesFile?: string;
  parseOptions: ParseOptions;
  cacheDir?: string;
}

export async function buildEngine(args: EntityCliArgs, err: Print): Promise<CorpusEngine | undefined> {
  const engine = new CorpusEngine(args.parseOptions);
  const { problems, cacheUnwritable } = await engine.load([args.corpus], { cacheDir: args.cacheDir, withoutSearch: true });
  reportLoad(args, problems, cacheUnwritable, err);
  await engine.buildEntities();
  return applyOverridesFile(engine, args.entitiesFile, err) ? engine : undefined;
}

/** The user's corrections (`file`, else .corpus-lens/entities.json in the current folder if there); false when they cannot be used (said on `err`). */
export function applyOverridesFile(engine: CorpusEngine, entitiesFile: string | undefined, err: Print): boolean {
  const file = entitiesFile ?? path.resolve(ENTITIES_FILE);
  if (!entitiesFile && !existsSync(file)) return true;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    err(`corpus-lens: ${file}: cannot be read (${(error as Error).message})`);
    return false;
  }
  const parsed = engine.setEntityOverrides(text);
  if (!parsed.ok) err(`corpus-lens: ${file}:${parsed.line}: ${parsed.message}`);
  return parsed.ok;
}

export async function entityCommand(name: string, args: EntityCliArgs, out: Print, err: Print): Promise<number> {
  if (args.entitiesFile && !existsSync(args.entitiesFile)) {
    err(`corpus-lens: entities file not found: ${args.entitiesFile}`);
    return 2;
  }
  const engine = await buildEngine(args, err);
  if (!engine) return 2;
  const index = engine.entities.index;
  const entity = index.find(name);
  if (!entity) {
    err(`corpus-lens: no person or organization called "${name}" in ${args.corpus}`);
    return 1;
  }
  const byPath = new Map<string, { path: string; title: string; source: string | null; date: string | null; mentions: { line: number; text: string }[] }>();
  for (const m of await engine.entityMentions(entity.id)) {
    const relative = path.relative(args.corpus, m.path).split(path.sep).join('/');
    const row = byPath.get(m.path) ?? { path: relative, title: m.title, source: m.source, date: m.date, mentions: [] };
    row.mentions.push({ line: m.line + 1, text: m.text });
    byPath.set(m.path, row);
  }
  const result = {
    name: entity.name,
    type: entity.type,
    aliases: entity.aliases,
    articles: [...byPath.values()],
    related: index.related(entity.id, 10).map((r) => r.entity.name),
  };
  if (args.json) out(JSON.stringify(result, null, 2));
  else {
    out(
      `${result.name} (${result.type}${result.aliases.length > 1 ? `; also ${result.aliases.slice(1).join(', ')}` : ''}): ${result.articles.length} article(s)`,
    );
    for (const a of result.articles)
      out(`  ${a.path}  ${a.title}  (${sourceLabel(a.source)} · ${dateLabel(a.date)})  lines ${a.mentions.map((m) => m.line).join(', ')}`);
    if (result.related.length) out(`Often with: ${result.related.join(', ')}`);
  }
  return 0;
}

export async function entitiesCommand(args: EntityCliArgs, out: Print, err: Print): Promise<number> {
  const engine = await buildEngine(args, err);
  if (!engine) return 2;
  const rows = engine.entities.index
    .list()
    .sort((a, b) => b.articleCount - a.articleCount || b.mentionCount - a.mentionCount || a.name.localeCompare(b.name))
    .map((e) => ({ name: e.name, type: e.type, aliases: e.aliases, articles: e.articleCount, mentions: e.mentionCount }));
  if (args.json) out(JSON.stringify(rows, null, 2));
  else
    for (const r of rows)
      out(
        `${r.type === 'person' ? 'PER' : 'ORG'}\t${r.articles}\t${r.mentions}\t${r.name}${r.aliases.length > 1 ? `\t(${r.aliases.slice(1).join(', ')})` : ''}`,
      );
  return 0;
}
