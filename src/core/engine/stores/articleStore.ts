/**
 * The articles the engine knows, without their text: path, title, source, date and file stamp per
 * article (what the tree needs) in memory, and the reading text in a TextStore on disk. Saved as a
 * small summaries file beside the text file, so a new session shows the tree after reading just that.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { signatureChange } from '../../ingest/articleFiles';
import { readJsonCache, writeJsonAtomically } from './jsonFiles';
import { TextStore, type TextRef } from './textStore';
import type { Article, ArticleSummary, Paragraph } from '../../types';
import type { ArticleRepository } from '../backend';

/** Bump when ArticleRecord, the text format or the parsing rules change: an old store is then rebuilt. */
export const SUMMARIES_VERSION = 7;
const SUMMARIES_FILE = 'summaries.json';
/** Compact the text file when more than this share of it is superseded text. */
const MAX_GARBAGE = 0.5;

export interface ArticleRecord extends ArticleSummary {
  size: number;
  mtimeMs: number;
  text: TextRef;
}

/** The summaries file: one array per field, so parsing it costs little more than reading it. */
interface SummariesFile {
  version: number;
  signature: string;
  textFile: string;
  textBytes: number;
  paths: string[];
  titles: string[];
  sources: (string | null)[];
  dates: (string | null)[];
  sizes: number[];
  mtimes: number[];
  textAt: number[];
  textLength: number[];
}

export type StoreOpening = { restored: number } | { missing: true } | { invalid: string } | { unwritable: string };

export class ArticleStore implements ArticleRepository<ArticleRecord> {
  private readonly records = new Map<string, ArticleRecord>();
  private text: TextStore;
  private liveBytes = 0;

  /** `dir`: the cache folder; none means a temporary one, removed by `dispose`. */
  private constructor(
    private readonly dir: string,
    private readonly temporary: boolean,
    textFile: string,
  ) {
    this.text = new TextStore(path.join(dir, textFile));
  }

  /** Opens the store of a cache folder (a missing, old or corrupt one starts empty and says why). */
  static async open(dir: string | undefined, signature: string): Promise<{ store: ArticleStore; opening: StoreOpening }> {
    if (!dir) return { store: new ArticleStore(temporaryFolder(), true, newTextFileName()), opening: { missing: true } };
    const read = await readJsonCache<SummariesFile>(path.join(dir, SUMMARIES_FILE), SUMMARIES_VERSION, isComplete);
    const textMissing = 'data' in read && textFileSize(path.join(dir, read.data.textFile)) < read.data.textBytes;
    let mismatch = false;
    if ('data' in read && read.data.signature === signature && !textMissing) {
      const store = new ArticleStore(dir, false, read.data.textFile);
      store.restore(read.data);
      if (store.readsBack()) {
        // Text files an earlier version left behind after compacting (their summaries pointed elsewhere).
        store.removeOtherTextFiles();
        return { store, opening: { restored: store.size } };
      }
      store.text.close();
      mismatch = true;
    }
    const opening: StoreOpening = !('data' in read)
      ? read
      : textMissing
        ? { invalid: 'has lost its text file (deleted or cut short)' }
        : mismatch
          ? { invalid: "has a text file that does not hold its articles' text" }
          : { invalid: signatureChange(read.data.signature, signature) };
    try {
      mkdirSync(dir, { recursive: true });
      const store = new ArticleStore(dir, false, newTextFileName());
      store.removeOtherTextFiles();
      return { store, opening };
    } catch (error) {
      // A folder that cannot be made or written (a read-only disk, a file in the way): the session keeps its text in a temporary one.
      return { store: new ArticleStore(temporaryFolder(), true, newTextFileName()), opening: { unwritable: (error as Error).message } };
    }
  }

  get size(): number {
    return this.records.size;
  }

  get textBytes(): number {
    return this.liveBytes;
  }

  get(filePath: string): ArticleRecord | undefined {
    return this.records.get(filePath);
  }

  has(filePath: string): boolean {
    return this.records.has(filePath);
  }

  values(): IterableIterator<ArticleRecord> {
    return this.records.values();
  }

  /** Stores an article (its text goes to disk) and returns its record. */
  put(article: Article): ArticleRecord {
    this.delete(article.path);
    const record: ArticleRecord = {
      path: article.path,
      title: article.title,
      source: article.source,
      date: article.date,
      size: article.size,
      mtimeMs: article.mtimeMs,
      text: this.text.put(article.paragraphs),
    };
    this.records.set(article.path, record);
    this.liveBytes += record.text.length;
    return record;
  }

  delete(filePath: string): ArticleRecord | undefined {
    const record = this.records.get(filePath);
    if (!record) return undefined;
    this.records.delete(filePath);
    this.liveBytes -= record.text.length;
    return record;
  }

  paragraphs(filePath: string): Paragraph[] {
    const record = this.records.get(filePath);
    return record ? this.paragraphsOf(record) : [];
  }

  /**
   * The paragraphs a record pointed to, even after the article was replaced (the bytes stay until
   * `save`). Text that cannot be read back reads as empty and marks the store damaged.
   */
  paragraphsOf(record: ArticleRecord): Paragraph[] {
    try {
      return this.text.get(record.text);
    } catch (error) {
      if (!this.damaged) {
        this.damaged = `the text of ${record.path} cannot be read back from ${this.text.file} (${(error as Error).message})`;
        // The next session rebuilds, even if this one ends before it saves.
        if (!this.temporary) rmSync(path.join(this.dir, SUMMARIES_FILE), { force: true });
        this.onDamaged?.(this.damaged);
      }
      return [];
    }
  }

  /** Why the store cannot be trusted any more (its text file was changed under it); the next session rebuilds it. */
  damaged: string | undefined;
  /** Told once, when the store finds itself damaged. */
  onDamaged: ((why: string) => void) | undefined;

  article(filePath: string): Article | undefined {
    const record = this.records.get(filePath);
    return record && { ...summaryOf(record), size: record.size, mtimeMs: record.mtimeMs, paragraphs: this.paragraphsOf(record) };
  }

  /** Writes the summaries file (atomically), compacting the text file first when it is mostly superseded text. */
  async save(signature: string): Promise<void> {
    if (this.temporary) return;
    if (this.damaged) {
      rmSync(path.join(this.dir, SUMMARIES_FILE), { force: true });
      return;
    }
    const previous = this.text.file;
    if (this.text.bytes > 0 && this.liveBytes < this.text.bytes * (1 - MAX_GARBAGE)) this.compact();
    const records = [...this.records.values()];
    const file: SummariesFile = {
      version: SUMMARIES_VERSION,
      signature,
      textFile: path.basename(this.text.file),
      textBytes: this.text.bytes,
      paths: records.map((r) => r.path),
      titles: records.map((r) => r.title),
      sources: records.map((r) => r.source),
      dates: records.map((r) => r.date),
      sizes: records.map((r) => r.size),
      mtimes: records.map((r) => r.mtimeMs),
      textAt: records.map((r) => r.text.at),
      textLength: records.map((r) => r.text.length),
    };
    await writeJsonAtomically(path.join(this.dir, SUMMARIES_FILE), file);
    if (this.text.file !== previous) rmSync(previous, { force: true });
  }

  dispose(): void {
    if (this.temporary) {
      this.text.destroy();
      rmSync(this.dir, { recursive: true, force: true });
      temporaryFolders.delete(this.dir);
    } else this.text.close();
  }

  private compact(): void {
    const records = [...this.records.values()];
    const places = this.text.compact(
      records.map((r) => r.text),
      path.join(this.dir, newTextFileName()),
    );
    records.forEach((record, i) => (record.text = places[i]));
  }

  private restore(file: SummariesFile): void {
    file.paths.forEach((p, i) => {
      const text = { at: file.textAt[i], length: file.textLength[i] };
      this.records.set(p, { path: p, title: file.titles[i], source: file.sources[i], date: file.dates[i], size: file.sizes[i], mtimeMs: file.mtimes[i], text });
      this.liveBytes += text.length;
    });
  }

  /** The first, middle and last articles' text reads back (a text file that is not the summaries' own would not). */
  private readsBack(): boolean {
    const records = [...this.records.values()];
    const probes = records.length === 0 ? [] : [records[0], records[records.length >> 1], records[records.length - 1]];
    try {
      for (const record of probes) this.text.get(record.text);
      return true;
    } catch {
      return false;
    }
  }

  private removeOtherTextFiles(): void {
    const own = path.basename(this.text.file);
    for (const name of readdirSync(this.dir)) if (/^text-.*\.bin$/.test(name) && name !== own) rmSync(path.join(this.dir, name), { force: true });
  }
}

/** Stores without a cache folder keep their text in a temporary one, removed on dispose or when the process exits. */
const temporaryFolders = new Set<string>();
let exitHook = false;
function temporaryFolder(): string {
  if (!exitHook) process.once('exit', () => temporaryFolders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  exitHook = true;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-text-'));
  temporaryFolders.add(dir);
  return dir;
}

function summaryOf(record: ArticleRecord): ArticleSummary {
  return { path: record.path, title: record.title, source: record.source, date: record.date };
}

function textFileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

function newTextFileName(): string {
  return `text-${Date.now().toString(36)}-${process.pid}.bin`;
}

function isComplete(file: SummariesFile): boolean {
  const columns = [file.titles, file.sources, file.dates, file.sizes, file.mtimes, file.textAt, file.textLength];
  return typeof file.textFile === 'string' && Array.isArray(file.paths) && columns.every((c) => Array.isArray(c) && c.length === file.paths.length);
}
