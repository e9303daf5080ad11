/**
 * The database backend behind the engine's SearchBackend interface: search runs in PostgreSQL, the
 * tree and the text still come from the engine's own article store. A role that may write (the
 * ingest role, or a single user's own database) also brings the database in step with the corpus
 * on load and applies the file watcher's changes; a read-only role (a team's shared index) only
 * reads, and hears other clients' changes. When the database is unreachable, search says so and the
 * backend keeps trying.
 */
import * as path from 'node:path';
import type { ParsedQuery } from '../search/query';
import type { IndexableArticle, SearchOptions, SearchResults } from '../search/searchIndex';
import { sameStamp, type Article, type FileStamp } from '../types';
import type { ArticleRepository, PrepareOptions, SearchBackend, SearchState } from '../engine/backend';
import { displayUrl } from './connectionString';
import { PgConnection } from './pgConnection';
import { articleRow } from './pgDocument';
import { ingest, withIngestLock } from './pgIngest';
import { removeArticles, writeArticles, type IngestNotice } from './pgWrite';
import { migrate, schemaVersion, SCHEMA_VERSION } from './pgSchema';
import { MAX_QUERY_CHARS, PgSearch } from './pgSearch';
import { readStoredEntityList, readStoredNames, writeStoredNames } from './pgNames';
import { readStoredArticles } from './pgArticles';
import { pathMapping } from './corpusSource';
import type { NamesCache } from '../entities/corpusEntities';
import type { StoredEntityList, StoredNames } from '../entities/storedNames';

/** File events come in bursts: they are written together after this pause. */
const WRITE_DELAY_MS = 300;
const RETRY_PREPARE_MS = 5_000;

export interface PgBackendOptions {
  url: string;
  articles: ArticleRepository;
  /** The corpus folder the database's paths are relative to (the first one). */
  root(): string | undefined;
  /** Something to tell the user (connection lost or back, a write that failed). */
  onNotice(message: string): void;
  /** The state changed, or another client changed the data: searches should run again. */
  onChange(): void;
  /** Another client stored new names (an ingest): the entities should be read again. */
  onNamesChange?(): void;
}

export class PgSearchBackend implements SearchBackend {
  private current: SearchState = { kind: 'none' };
  private readonly connection: PgConnection;
  private writable = false;
  private readonly pending = new Map<string, 'upsert' | 'remove'>();
  private writeTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private preparing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PgBackendOptions) {
    this.connection = new PgConnection(options.url, {
      onStatus: (_status, message) => options.onNotice(message),
      onChange: (notice: IngestNotice) => {
        if (notice.changed !== 0 || notice.removed !== 0) options.onChange();
        if (notice.names) options.onNamesChange?.();
      },
    });
  }

  get state(): SearchState {
    return this.current;
  }

  private get root(): string {
    return this.options.root() ?? '/';
  }

  private readonly paths = pathMapping(() => this.root);

  private relative(absolute: string): string {
    return this.paths.toRelative(absolute);
  }

  /** The stored articles of these files whose file has not changed since the ingest read it (none when the database cannot be read). */
  async storedArticles(files: ReadonlyMap<string, FileStamp>, take: (article: Article) => void, isCurrent: () => boolean): Promise<Set<string>> {
    await this.preparing;
    const given = new Set<string>();
    if (this.current.kind !== 'ready' || files.size === 0) return given;
    // The files as the engine listed them, by the absolute path the database's relative one becomes.
    const wanted = new Map([...files.keys()].map((file) => [path.resolve(file), file]));
    const visit = (article: Article) => {
      const file = wanted.get(article.path);
      // Matched against the size and mtime the engine's check has just read (not stat'ed a second time).
      if (file === undefined || !sameStamp(article, files.get(file))) return;
      take({ ...article, path: file });
      given.add(file);
    };
    try {
      await this.connection.run((client) => readStoredArticles(client, this.paths, visit, isCurrent));
    } catch (error) {
      this.options.onNotice(`Could not read the articles stored in the database; their files are read instead: ${errorText(error)}`);
    }
    return given;
  }

  /** The names the ingest stored (undefined when none, or the database cannot be read: the engine recognizes them itself). */
  async storedNames(): Promise<StoredNames | undefined> {
    await this.preparing;
    if (this.current.kind !== 'ready') return undefined;
    try {
      return await this.connection.run((client) => readStoredNames(client, this.paths));
    } catch (error) {
      this.options.onNotice(`Could not read the names stored in the database; they are recognized here: ${errorText(error)}`);
      return undefined;
    }
  }

  /** The entity list the ingest stored (undefined when none, or the database cannot be read now). */
  async storedEntityList(): Promise<StoredEntityList | undefined> {
    await this.preparing;
    if (this.current.kind !== 'ready') return undefined;
    return this.connection.run((client) => readStoredEntityList(client)).catch(() => undefined);
  }

  /** A writable role stores what this window recognized, for the next windows (a reader stores nothing). */
  async storeNames(cache: NamesCache, stored: StoredNames | undefined): Promise<void> {
    if (!this.writable || this.current.kind !== 'ready') return;
    try {
      await this.connection.run((client) => withIngestLock(client, () => writeStoredNames(client, cache, this.paths, stored)));
    } catch (error) {
      this.options.onNotice(`Could not store the names in the database: ${errorText(error)}`);
    }
  }

  prepare(options: PrepareOptions): Promise<{ rebuilt?: string }> {
    const connecting = this.connect(options);
    this.preparing = connecting;
    return connecting;
  }

  private async connect(options: PrepareOptions): Promise<{ rebuilt?: string }> {
    clearTimeout(this.retryTimer);
    try {
      const version = await this.connection.run((client) => schemaVersion(client));
      this.writable = await this.connection.run(async (client) => {
        const privilege = version > 0 ? `has_table_privilege('articles', 'INSERT')` : `has_schema_privilege('public', 'CREATE')`;
        return (await client.query(`SELECT ${privilege} AS writable`)).rows[0].writable === true;
      });
      if (version === 0 && !this.writable)
        return this.off(
          `The database at ${displayUrl(this.options.url)} holds no corpus yet: fill it with corpus-lens index --corpus DIR --backend URL (the ingest role).`,
        );
      if (version > SCHEMA_VERSION)
        return this.off(`The database's schema is version ${version}, newer than this Corpus Lens (${SCHEMA_VERSION}): update the extension.`);
      // A writable role on an empty or older database: the tables now, so that search answers while the corpus is written.
      if (version < SCHEMA_VERSION && this.writable) await this.connection.run((client) => migrate(client));
      await this.connection.listen();
      this.current = { kind: 'ready' };
    } catch (error) {
      this.off(errorText(error));
      if (!this.disposed)
        this.retryTimer = setTimeout(() => void this.connect({ ...options, onProgress: undefined }).then(() => this.options.onChange()), RETRY_PREPARE_MS);
    }
    return {};
  }

  private off(message: string): { rebuilt?: string } {
    this.current = { kind: 'off', message };
    return {};
  }

  /**
   * Once the engine has read the files: a writable role writes what changed since the database last
   * saw the corpus (searches answer meanwhile, from what is committed).
   */
  async afterFilesRead(): Promise<void> {
    if (!this.writable || this.current.kind !== 'ready') return;
    try {
      await this.catchUp();
    } catch (error) {
      this.options.onNotice(`Could not bring the database in step with the corpus: ${errorText(error)}`);
    }
  }

  private async catchUp(): Promise<void> {
    const { articles } = this.options;
    const stamps = function* (this: PgSearchBackend): IterableIterator<[string, FileStamp]> {
      for (const record of articles.values()) yield [this.relative(record.path), { size: record.size, mtimeMs: record.mtimeMs }];
    }.call(this);
    const read = (relative: string) => articles.article(this.paths.toAbsolute(relative));
    const report = await this.connection.run((client) => ingest(client, { stamps, read }));
    if (report.added + report.updated + report.removed > 0) this.options.onChange();
  }

  beginBuild(): void {
    // Nothing to build in memory: the database holds the index.
  }

  get accepting(): boolean {
    return this.writable && this.current.kind === 'ready';
  }

  /** The article is read from the repository when the batch is written (the last version of a burst). */
  upsert(filePath: string, _article?: IndexableArticle): void {
    this.pending.set(filePath, 'upsert');
    this.scheduleWrite();
  }

  remove(filePath: string): void {
    this.pending.set(filePath, 'remove');
    this.scheduleWrite();
  }

  private scheduleWrite(): void {
    clearTimeout(this.writeTimer);
    this.writeTimer = setTimeout(() => void this.writePending(), WRITE_DELAY_MS);
  }

  /** Applies the file watcher's changes; a failure is said, and the next load's catch-up writes them. */
  private async writePending(): Promise<void> {
    const changes = [...this.pending];
    this.pending.clear();
    const rows = changes.flatMap(([p, kind]) => {
      const article: Article | undefined = kind === 'upsert' ? this.options.articles.article(p) : undefined;
      return article ? [articleRow(article, this.relative(p))] : [];
    });
    const removed = changes.filter(([, kind]) => kind === 'remove').map(([p]) => this.relative(p));
    try {
      await this.connection.run((client) =>
        withIngestLock(client, async () => {
          if (rows.length > 0) await writeArticles(client, rows);
          if (removed.length > 0) await removeArticles(client, removed);
        }),
      );
    } catch (error) {
      this.options.onNotice(`Could not write ${changes.length} changed article(s) to the database: ${errorText(error)}`);
    }
  }

  async search(query: ParsedQuery, limit: number, options: SearchOptions): Promise<SearchResults> {
    const length = queryLength(query);
    if (length > MAX_QUERY_CHARS)
      throw new Error(`The query is too long for the database (${length.toLocaleString('en')} characters; at most ${MAX_QUERY_CHARS.toLocaleString('en')}).`);
    const searcher = new PgSearch(this.root);
    return this.connection.run((client) => searcher.search(client, query, limit, options));
  }

  async save(): Promise<void> {
    // Every change is committed as it is written.
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.writeTimer);
    clearTimeout(this.retryTimer);
    void this.connection.dispose();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function queryLength(query: ParsedQuery): number {
  return JSON.stringify(query).length;
}
