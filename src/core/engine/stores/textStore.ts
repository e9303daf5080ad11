/**
 * Article text on disk: one append-only file of each article's paragraphs (JSON, UTF-8), read back
 * by offset for the few articles a snippet, a phrase check or a card needs, with a small LRU. The
 * engine's memory then holds no article text at all. A changed article is appended again; the old
 * bytes stay until the file is compacted (when more than half of it is superseded).
 */
import { closeSync, fstatSync, openSync, readSync, writeSync, rmSync } from 'node:fs';
import type { Paragraph } from '../../types';

/** Where an article's paragraphs are in the text file. */
export interface TextRef {
  at: number;
  length: number;
}

/** Paragraphs as stored: [text, line] or [text, line, breaks]. */
type StoredParagraph = [string, number] | [string, number, number[]];

const LRU_SIZE = 64;

export class TextStore {
  private fd: number;
  private end: number;
  private readonly recent = new Map<number, Paragraph[]>();

  /** Opens (or creates) the file; new text goes after all it holds (bytes of a crashed write included, never reused). */
  constructor(private currentFile: string) {
    this.fd = openSync(currentFile, 'a+');
    this.end = fstatSync(this.fd).size;
  }

  /** The file the text is in now (compacting moves it to a new one). */
  get file(): string {
    return this.currentFile;
  }

  /** Bytes in the file, the superseded ones included. */
  get bytes(): number {
    return this.end;
  }

  put(paragraphs: readonly Paragraph[]): TextRef {
    // A closed descriptor's number may already be another file's: writing through it would corrupt that file.
    if (this.fd < 0) throw new Error(`the text store ${this.file} is closed`);
    const stored: StoredParagraph[] = paragraphs.map((p) => (p.breaks?.length ? [p.text, p.line, p.breaks] : [p.text, p.line]));
    const bytes = Buffer.from(JSON.stringify(stored), 'utf8');
    // 'a+' appends at the end of the file whatever the position, also after another process's writes.
    const at = Math.max(this.end, fstatSync(this.fd).size);
    writeSync(this.fd, bytes, 0, bytes.length);
    this.end = at + bytes.length;
    return { at, length: bytes.length };
  }

  get(ref: TextRef): Paragraph[] {
    const hit = this.recent.get(ref.at);
    if (hit) {
      this.recent.delete(ref.at);
      this.recent.set(ref.at, hit);
      return hit;
    }
    const buffer = Buffer.allocUnsafe(ref.length);
    let read = 0;
    while (read < ref.length) {
      const n = readSync(this.fd, buffer, read, ref.length - read, ref.at + read);
      if (n === 0) throw new Error(`the text store ${this.file} is shorter than expected`);
      read += n;
    }
    const stored = JSON.parse(buffer.toString('utf8')) as StoredParagraph[];
    const paragraphs = stored.map(([text, line, breaks]) => (breaks ? { text, line, breaks } : { text, line }));
    this.recent.set(ref.at, paragraphs);
    if (this.recent.size > LRU_SIZE) this.recent.delete(this.recent.keys().next().value as number);
    return paragraphs;
  }

  /**
   * Writes a new file holding only the live texts, in the order given, and switches to it; returns
   * their new places. The caller saves the summaries that point into it before removing the old one.
   */
  compact(live: TextRef[], newFile: string): TextRef[] {
    const fd = openSync(newFile, 'w');
    const places: TextRef[] = [];
    let at = 0;
    try {
      for (const ref of live) {
        const buffer = Buffer.allocUnsafe(ref.length);
        readSync(this.fd, buffer, 0, ref.length, ref.at);
        writeSync(fd, buffer, 0, ref.length);
        places.push({ at, length: ref.length });
        at += ref.length;
      }
    } finally {
      closeSync(fd);
    }
    closeSync(this.fd);
    this.fd = openSync(newFile, 'a+');
    this.currentFile = newFile;
    this.end = at;
    this.recent.clear();
    return places;
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }

  /** Closes and deletes the file (a store that was only for this session). */
  destroy(): void {
    this.close();
    rmSync(this.currentFile, { force: true });
  }
}
