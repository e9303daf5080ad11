/** `corpus-lens`: the engine from a shell, for scripts and tests. */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { groupArticles, type Group } from './core/grouping';
import { loadCorpus } from './core/loader';
import type { Article } from './core/types';

const USAGE = `Usage:
  corpus-lens articles [--corpus DIR] [--json]   list the articles with title, source and date
  corpus-lens tree [--corpus DIR] [--json]       the articles grouped by source, then date
Without --corpus, the bundled sample corpus (seeds/) is used.`;

class UsageError extends Error {}

interface CliArgs {
  command: string;
  corpus: string;
  json: boolean;
}

/** The sample corpus shipped with the package: `seeds/` at the package root, wherever this file was bundled. */
export function bundledSeeds(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'seeds'))) return path.join(dir, 'seeds');
    if (path.dirname(dir) === dir) return path.resolve(from, '..', 'seeds');
  }
}

function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new UsageError('');
  if (command !== 'articles' && command !== 'tree') throw new UsageError(`unknown command "${command}"`);
  const args: CliArgs = { command, corpus: bundledSeeds(), json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--corpus') {
      const value = rest[++i];
      if (!value) throw new UsageError('--corpus needs a folder');
      args.corpus = path.resolve(value);
    } else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (!existsSync(args.corpus) || !statSync(args.corpus).isDirectory()) throw new UsageError(`corpus folder not found: ${args.corpus}`);
  return args;
}

function relative(corpus: string, article: Article): string {
  return path.relative(corpus, article.path).split(path.sep).join('/');
}

function articlesJson(corpus: string, articles: Article[]): object[] {
  return [...articles]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((a) => ({ path: relative(corpus, a), title: a.title, source: a.source, date: a.date }));
}

function treeJson(corpus: string, groups: Group[]): object[] {
  return groups.map((source) => ({
    source: source.key,
    dates: source.children.map((date) => ({
      date: date.key,
      articles: date.articles.map((a) => ({ path: relative(corpus, a), title: a.title })),
    })),
  }));
}

function treeText(corpus: string, groups: Group[]): string {
  const lines: string[] = [];
  for (const source of groups) {
    lines.push(`${source.label} (${source.count})`);
    for (const date of source.children) {
      lines.push(`  ${date.label} (${date.count})`);
      for (const a of date.articles) lines.push(`    ${a.title}  [${relative(corpus, a)}]`);
    }
  }
  return lines.join('\n');
}

export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) err(`corpus-lens: ${error.message}`);
    err(USAGE);
    return 2;
  }
  const { articles, problems } = await loadCorpus([args.corpus]);
  for (const p of problems) err(`corpus-lens: ${path.relative(args.corpus, p.path) || p.path}: ${p.message}`);
  if (args.command === 'articles') {
    const rows = articlesJson(args.corpus, articles);
    out(args.json ? JSON.stringify(rows, null, 2) : articles.sort((a, b) => a.path.localeCompare(b.path)).map((a) => `${relative(args.corpus, a)}\t${a.source ?? '-'}\t${a.date ?? '-'}\t${a.title}`).join('\n'));
  } else {
    const groups = groupArticles(articles, 'source');
    out(args.json ? JSON.stringify(treeJson(args.corpus, groups), null, 2) : treeText(args.corpus, groups));
  }
  return 0;
}

if (require.main === module) {
  runCli(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n')).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`corpus-lens: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
