/** `corpus-lens`: the engine from a shell, for scripts and tests. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as v8 from 'node:v8';
import * as path from 'node:path';
import { dateLabel, groupArticles, sourceLabel, type Group } from './core/grouping';
import { CorpusEngine } from './core/engine/engine';
import { readArticle, readDetails } from './core/ingest/loader';
import { namesInFile } from './core/ner/fileNames';
import { Recognizer } from './core/ner/recognizer';
import { isArticleFile, type ParseOptions } from './core/ingest/articleFiles';
import { parseQuery } from './core/search/query';
import { parseSourceRules, rulesBaseDir, SOURCES_FILE, type SourceRule } from './core/ingest/sourceRules';
import type { Article, ArticleSummary } from './core/types';
import type { TimelineStep } from './core/timeline/timeline';
import { parseArguments, wholeNumber } from './args';
import { entitiesCommand, entityCommand } from './cliEntities';
import { quotesCommand, storiesCommand, timelineCommand } from './cliStories';
import { watchCommand } from './cliWatch';
import { indexCommand } from './cliIndex';
import { defaultCacheDir, reportLoad } from './cliLoad';

const USAGE = `Usage:
  corpus-lens articles [--corpus DIR] [--json]   list the articles with title, source and date
  corpus-lens tree [--corpus DIR] [--json]       the articles grouped by source, then date
  corpus-lens search "<query>" [--corpus DIR] [--json] [--limit N] [--backend URL]
                                                 best hits first; line numbers count from 1
  corpus-lens index --backend URL [--corpus DIR] [--json] [--grant-read ROLE] [--entities FILE]
                                                 write the corpus into a PostgreSQL database (only
                                                 what changed; resumes after a kill); ROLE may read
  corpus-lens article FILE [--json] [--sources FILE]
                                                 what was read from one file: title, source, date,
                                                 reading text by paragraph with line numbers, notes
  corpus-lens ner FILE [--json]                  the people, organizations, places and other names
                                                 in one article file (its reading text)
  corpus-lens entity "<name>" [--corpus DIR] [--json] [--entities FILE]
                                                 every article that mentions a person or organization
  corpus-lens entities [--corpus DIR] [--json] [--entities FILE]
                                                 all people and organizations, with counts
  corpus-lens stories [--corpus DIR] [--json]    articles that report the same event, across sources
  corpus-lens quotes "<name>" [--corpus DIR] [--json] [--entities FILE]
                                                 what a person or organization is quoted saying
                                                 (direct quotes and paraphrases), newest first
  corpus-lens watch FILE [--corpus DIR] [--json] [--since YYYY-MM-DD]
                                                 each name and query of a watchlist (JSON with
                                                 comments) with the articles it matches
  corpus-lens timeline ["<name>"] [--by month|year] [--corpus DIR] [--json]
                                                 articles per month (of the corpus, or mentioning
                                                 someone, with the mentions); undated ones apart
--entities: corrections (default: .corpus-lens/entities.json in the current folder, if any).
--cache-dir DIR: where the corpus's stores are kept between runs (default: a folder per corpus under
  $XDG_CACHE_HOME/corpus-lens or ~/.cache/corpus-lens); --no-cache: keep nothing.
--memory-budget MB: the memory the search index may take (default: most of the heap; a larger
  budget runs the command with a heap to match).
--backend URL: a PostgreSQL database (postgres://USER@HOST:PORT/DATABASE; TLS: ?sslmode=verify-full, &sslrootcert=FILE);
  the password comes from PGPASSWORD or ~/.pgpass, never from the command line.
--sources FILE: source and date rules for folders (default: .corpus-lens/sources.json in the current folder, if any).
Without --corpus, the bundled sample corpus (seeds/) is used.`;

class UsageError extends Error {}

const COMMANDS = ['articles', 'tree', 'search', 'index', 'article', 'ner', 'entity', 'entities', 'stories', 'quotes', 'timeline', 'watch'];
/** Commands that read one article file given as their argument. */
const FILE_COMMANDS = ['article', 'ner'];
/** Commands that read a file of their own (not an article) given as their argument. */
const OWN_FILE_COMMANDS = ['watch'];
const DEFAULT_LIMIT = 20;

interface CliArgs {
  command: string;
  corpus: string;
  json: boolean;
  query?: string;
  file?: string;
  entitiesFile?: string;
  sourcesFile?: string;
  /** The rules read from the sources file, for every command that loads the corpus. */
  parseOptions: ParseOptions;
  limit: number;
  /** The cache folder of the corpus's stores; undefined with --no-cache. */
  cacheDir?: string;
  memoryBudgetMB?: number;
  /** timeline: months or years. */
  by: TimelineStep;
  /** watch: only articles dated on or after this day. */
  since?: string;
  /** search, index: a PostgreSQL database's connection string. */
  backend?: string;
  /** index: a role to let read the tables. */
  grantRead?: string;
}

/** The sample corpus shipped with the package: `seeds/` at the package root, wherever this file was bundled. */
export function bundledSeeds(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'seeds'))) return path.join(dir, 'seeds');
    if (path.dirname(dir) === dir) return path.resolve(from, '..', 'seeds');
  }
}

/** The options each command takes, besides --json and --corpus; search and entity take one positional, ner its file. */
const COMMAND_OPTIONS: Record<string, string[]> = {
  articles: ['sources', 'cache-dir'],
  tree: ['sources', 'cache-dir'],
  search: ['sources', 'limit', 'cache-dir', 'memory-budget', 'backend'],
  index: ['sources', 'entities', 'cache-dir', 'backend', 'grant-read'],
  article: ['sources'],
  ner: [],
  entity: ['sources', 'entities', 'cache-dir'],
  entities: ['sources', 'entities', 'cache-dir'],
  stories: ['sources', 'entities', 'cache-dir'],
  quotes: ['sources', 'entities', 'cache-dir'],
  timeline: ['sources', 'entities', 'cache-dir', 'by'],
  watch: ['sources', 'cache-dir', 'since'],
};
/** Commands that load the whole corpus, and so take --cache-dir and --no-cache. */
const CORPUS_COMMANDS = ['articles', 'tree', 'search', 'index', 'entity', 'entities', 'stories', 'quotes', 'timeline', 'watch'];

function parseCommandLine(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new UsageError('');
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"`);
  const spec = Object.fromEntries([
    ['json', { type: 'boolean' as const }],
    ...(CORPUS_COMMANDS.includes(command) ? [['no-cache', { type: 'boolean' as const }]] : []),
    ...['corpus', ...COMMAND_OPTIONS[command]].map((name) => [name, { type: 'string' as const }]),
  ]);
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(rest, spec, ['search', 'entity', 'quotes', 'timeline', ...FILE_COMMANDS, ...OWN_FILE_COMMANDS].includes(command) ? 1 : 0);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals } = parsed;
  // The options of this command were chosen at run time: their values are strings, --json a boolean.
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const option = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const args: CliArgs = {
    command,
    corpus: path.resolve(option('corpus') ?? bundledSeeds()),
    json: values.json === true,
    limit: DEFAULT_LIMIT,
    parseOptions: {},
    by: 'month',
  };
  const by = option('by');
  if (by !== undefined && by !== 'month' && by !== 'year') throw new UsageError('--by takes month or year');
  if (by) args.by = by;
  args.since = option('since');
  args.backend = option('backend');
  args.grantRead = option('grant-read');
  try {
    args.limit = wholeNumber(option('limit'), '--limit', DEFAULT_LIMIT);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const budget = option('memory-budget');
  if (budget !== undefined) {
    args.memoryBudgetMB = Number(budget);
    if (!(args.memoryBudgetMB > 0)) throw new UsageError('--memory-budget needs a number of MB above 0');
  }
  if (CORPUS_COMMANDS.includes(command) && values['no-cache'] !== true) args.cacheDir = path.resolve(option('cache-dir') ?? defaultCacheDir(args.corpus));
  if (option('sources') !== undefined) args.sourcesFile = path.resolve(option('sources') as string);
  if (option('entities') !== undefined) args.entitiesFile = path.resolve(option('entities') as string);
  if (FILE_COMMANDS.includes(command) || OWN_FILE_COMMANDS.includes(command))
    args.file = positionals[0] === undefined ? undefined : path.resolve(positionals[0]);
  else args.query = positionals[0];
  checkArgs(args);
  return args;
}

function checkArgs(args: CliArgs): void {
  const { command } = args;
  if (args.sourcesFile && !existsSync(args.sourcesFile)) throw new UsageError(`sources file not found: ${args.sourcesFile}`);
  if (command === 'search' && !args.query?.trim()) throw new UsageError('search needs a query, e.g. corpus-lens search "secret talks"');
  if (command === 'entity' && !args.query?.trim()) throw new UsageError('entity needs a name, e.g. corpus-lens entity "Lavrov"');
  if (command === 'quotes' && !args.query?.trim()) throw new UsageError('quotes needs a name, e.g. corpus-lens quotes "Lavrov"');
  if (command === 'watch' && !args.file) throw new UsageError('watch needs a watchlist file, e.g. corpus-lens watch .corpus-lens/watchlist.json');
  if (args.since !== undefined && !/^\d{4}-\d\d-\d\d$/.test(args.since)) throw new UsageError('--since takes a day: YYYY-MM-DD');
  if (FILE_COMMANDS.includes(command)) {
    if (!args.file) throw new UsageError(`${command} needs an article file, e.g. corpus-lens ${command} seeds/000_24cedd494502b823.txt`);
    if (!isArticleFile(args.file)) throw new UsageError(`not an article file (.txt, .md, .html, .htm): ${args.file}`);
    if (!existsSync(args.file)) throw new UsageError(`file not found: ${args.file}`);
  }
  if (!existsSync(args.corpus) || !statSync(args.corpus).isDirectory()) throw new UsageError(`corpus folder not found: ${args.corpus}`);
}

function relative(corpus: string, article: Pick<Article, 'path'>): string {
  const inside = article.path.startsWith(corpus + path.sep) ? article.path.slice(corpus.length + 1) : path.relative(corpus, article.path);
  return inside.split(path.sep).join('/');
}

function articlesJson(corpus: string, articles: ArticleSummary[]): object[] {
  return [...articles].sort((a, b) => a.path.localeCompare(b.path)).map((a) => ({ path: relative(corpus, a), title: a.title, source: a.source, date: a.date }));
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
    args = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) err(`corpus-lens: ${error.message}`);
    err(USAGE);
    return 2;
  }
  const rules = readSourceRules(args.sourcesFile ?? path.resolve(SOURCES_FILE), args.sourcesFile !== undefined);
  if (typeof rules === 'string') {
    err(`corpus-lens: ${rules}`);
    return 2;
  }
  args.parseOptions = { sourceRules: rules };
  if (args.command === 'search') return search(args, out, err);
  if (args.command === 'ner') return ner(args.file ?? '', args.json, out, err);
  if (args.command === 'article') return articleCommand(args.file ?? '', args, out, err);
  if (args.command === 'entity') return entityCommand(args.query ?? '', args, out, err);
  if (args.command === 'entities') return entitiesCommand(args, out, err);
  if (args.command === 'stories') return storiesCommand(args, out, err);
  if (args.command === 'quotes') return quotesCommand(args.query ?? '', args, out, err);
  if (args.command === 'timeline') return timelineCommand(args.query, args.by, args, out, err);
  if (args.command === 'watch') return watchCommand(args.file ?? '', args, out, err);
  if (args.command === 'index') return indexCommand(args, out, err);
  const engine = new CorpusEngine(args.parseOptions);
  const { problems, cacheUnwritable } = await engine.load([args.corpus], { cacheDir: args.cacheDir, withoutSearch: true });
  reportLoad(args, problems, cacheUnwritable, err);
  const articles = engine.articles();
  engine.dispose();
  if (args.command === 'articles') {
    const rows = articlesJson(args.corpus, articles);
    out(
      args.json
        ? JSON.stringify(rows, null, 2)
        : articles
            .sort((a, b) => a.path.localeCompare(b.path))
            .map((a) => `${relative(args.corpus, a)}\t${a.source ?? '-'}\t${a.date ?? '-'}\t${a.title}`)
            .join('\n'),
    );
  } else {
    const groups = groupArticles(articles, 'source');
    out(args.json ? JSON.stringify(treeJson(args.corpus, groups), null, 2) : treeText(args.corpus, groups));
  }
  return 0;
}

/** The rules of a sources file (none when the default file is absent), or a message saying what is wrong with it. */
function readSourceRules(file: string, required: boolean): SourceRule[] | string {
  if (!required && !existsSync(file)) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return `${file}: cannot be read (${(error as Error).message})`;
  }
  const parsed = parseSourceRules(text, rulesBaseDir(file));
  return parsed.ok ? parsed.rules : `${file}:${parsed.line}: ${parsed.message}`;
}

async function search(args: CliArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const engine = new CorpusEngine({ ...args.parseOptions, memoryBudgetMB: args.memoryBudgetMB, backendUrl: args.backend });
  const { problems, cacheUnwritable } = await engine.load([args.corpus], { cacheDir: args.cacheDir });
  reportLoad(args, problems, cacheUnwritable, err);
  // person: and org: need the entities, which only those queries wait for.
  const parsed = parseQuery(args.query ?? '');
  if (parsed.ok && parsed.query.entities.length > 0) await engine.buildEntities();
  const outcome = await engine.search(args.query ?? '', args.limit);
  engine.dispose();
  if (!outcome.ok) {
    err(`corpus-lens: ${outcome.error}`);
    return 2;
  }
  const rows = outcome.hits.map((h) => ({
    path: path.relative(args.corpus, h.path).split(path.sep).join('/'),
    title: h.title,
    source: h.source,
    date: h.date,
    score: Math.round(h.score * 1000) / 1000,
    line: h.snippet.line + 1,
    snippet: h.snippet.text,
  }));
  if (args.json) out(JSON.stringify(rows, null, 2));
  else {
    out(`${outcome.total} article(s) match${outcome.total > rows.length ? `; the best ${rows.length}` : ''}:`);
    for (const r of rows) out(`${r.path}:${r.line}  ${r.title}  (${sourceLabel(r.source)} · ${dateLabel(r.date)})\n    ${r.snippet}`);
  }
  return 0;
}

async function ner(file: string, json: boolean, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const result = await namesInFile(Recognizer.fromFile(), file);
  if ('problem' in result) {
    err(`corpus-lens: ${result.problem.path}: ${result.problem.message}`);
    return 2;
  }
  if (json) out(JSON.stringify(result.names, null, 2));
  else for (const r of result.names) out(`${r.line}\t${r.type}\t${r.text}${r.role ? `\t(${r.role})` : ''}`);
  return 0;
}

/** What Corpus Lens read from one file, so a user can see why it landed where it did. */
async function articleCommand(file: string, args: CliArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const notes: string[] = [];
  const result = await readArticle(file, { ...args.parseOptions, onProblem: (p) => notes.push(p.message) });
  if ('problem' in result) {
    err(`corpus-lens: ${result.problem.path}: ${result.problem.message}`);
    return 2;
  }
  const { title, source, date, paragraphs } = result.article;
  const { author, language } = await readDetails(file);
  const read = { path: file, title, source, date, author, language, notes, paragraphs: paragraphs.map((p) => ({ line: p.line + 1, text: p.text })) };
  if (args.json) out(JSON.stringify(read, null, 2));
  else {
    const head = [
      title,
      `source: ${sourceLabel(source)}`,
      `date: ${dateLabel(date)}`,
      `author: ${author ?? '(none found)'}`,
      `language: ${language ?? '(not told)'}`,
    ];
    out(`${[...head, ...notes.map((n) => `note: ${n}`)].join('\n')}\n`);
    for (const p of read.paragraphs) out(`${String(p.line).padStart(5)}  ${p.text}`);
  }
  return 0;
}

/** A pipe drains asynchronously: exiting before the queued writes are flushed would cut the output short. */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/**
 * A --memory-budget past what V8 gives this process by default: the CLI runs itself again with a
 * heap to match (the extension does the same for its engine thread). Returns the exit code, or
 * undefined when this process can go on.
 */
function rerunWithHeapFor(argv: string[]): number | undefined {
  const at = argv.indexOf('--memory-budget');
  const budget = at >= 0 ? Number(argv[at + 1]) : NaN;
  const heapNeeded = Math.ceil(budget / 0.85);
  if (!(heapNeeded > v8.getHeapStatistics().heap_size_limit / 1024 / 1024) || process.env.CORPUS_LENS_HEAP_SET) return undefined;
  const child = spawnSync(process.execPath, [`--max-old-space-size=${heapNeeded}`, process.argv[1], ...argv], {
    stdio: 'inherit',
    env: { ...process.env, CORPUS_LENS_HEAP_SET: '1' },
  });
  return child.status ?? 1;
}

if (require.main === module) {
  const rerun = rerunWithHeapFor(process.argv.slice(2));
  if (rerun !== undefined) process.exit(rerun);
  runCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  ).then(
    (code) => exitWhenFlushed(code),
    (error: unknown) => {
      process.stderr.write(`corpus-lens: ${error instanceof Error ? error.stack : String(error)}\n`);
      exitWhenFlushed(1);
    },
  );
}
