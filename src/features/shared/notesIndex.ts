/**
 * The user's notes and the corpus names in them: the workspace's files in the note languages
 * (`corpusLens.hover.languages`) outside the corpus, each line's names asked of the engine once
 * (a line typed again is not asked again), kept per note for backlinks (hover cards, the People
 * view) and for the marks on names not yet cited. Scanning never blocks typing: only lines not
 * seen before travel to the worker.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NoteName } from '../../core/engine/engine';
import type { EngineClient } from '../../core/engine/engineClient';
import { hoverLanguages } from './entityDocuments';

export interface NoteScan {
  uri: vscode.Uri;
  lines: string[];
  names: NoteName[][];
}

/** A line of a note that names an entity. */
export interface NoteMention {
  uri: vscode.Uri;
  line: number;
  text: string;
}

const EXTENSIONS: Record<string, string[]> = { markdown: ['md', 'markdown'], plaintext: ['txt'] };
const MAX_NOTES = 2000;
/** Lines remembered with their names; past this the memory is started afresh. */
const MAX_CACHED_LINES = 200_000;

export class NotesIndex {
  private readonly lineNames = new Map<string, NoteName[]>();
  private readonly scans = new Map<string, NoteScan>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly engine: EngineClient) {}

  /** Whether a document is a note: a note language (or extension), and not an article of the corpus. */
  isNote(document: Pick<vscode.TextDocument, 'languageId' | 'uri'>): boolean {
    const { scheme } = document.uri;
    // Views of ours (what was read from an article) and other virtual documents are not notes.
    return (scheme === 'file' || scheme === 'untitled') && hoverLanguages().includes(document.languageId) && !this.inCorpus(document.uri);
  }

  private inCorpus(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && this.engine.folders.some((folder) => uri.fsPath === folder || uri.fsPath.startsWith(folder + path.sep));
  }

  /** Scans a note's text (an open document or a file read from disk) and keeps what it names. */
  async scan(uri: vscode.Uri, text: string): Promise<NoteScan> {
    const lines = text.split(/\r?\n/);
    const unknown = [...new Set(lines.filter((line) => !this.lineNames.has(line)))];
    if (unknown.length) {
      if (this.lineNames.size + unknown.length > MAX_CACHED_LINES) this.lineNames.clear();
      const answers = await this.engine.namesInLines(unknown).catch(() => unknown.map(() => []));
      unknown.forEach((line, i) => this.lineNames.set(line, answers[i]));
    }
    const scan = { uri, lines, names: lines.map((line) => this.lineNames.get(line) ?? []) };
    this.scans.set(uri.toString(), scan);
    this.changed.fire();
    return scan;
  }

  forget(uri: vscode.Uri): void {
    if (this.scans.delete(uri.toString())) this.changed.fire();
  }

  /** The names changed (entities built or corrected): every line is asked again. */
  async rescanAll(): Promise<void> {
    this.lineNames.clear();
    for (const scan of [...this.scans.values()]) {
      if (this.inCorpus(scan.uri)) this.forget(scan.uri);
      else await this.scan(scan.uri, scan.lines.join('\n'));
    }
  }

  /** Reads the notes of the workspace (outside the corpus), for backlinks before they are opened. */
  async scanWorkspace(): Promise<void> {
    const extensions = hoverLanguages().flatMap((language) => EXTENSIONS[language] ?? []);
    if (extensions.length === 0) return;
    const files = await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, '**/{node_modules,.git,.vscode-test}/**', MAX_NOTES);
    for (const uri of files) {
      if (this.inCorpus(uri)) continue;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open
        ? open.getText()
        : await vscode.workspace.fs.readFile(uri).then(
            (b) => new TextDecoder().decode(b),
            () => undefined,
          );
      if (text !== undefined) await this.scan(uri, text);
    }
  }

  /** The lines of the notes that name an entity, note by note. */
  mentionsOf(id: string): NoteMention[] {
    const found: NoteMention[] = [];
    for (const scan of this.scans.values()) {
      scan.names.forEach((names, line) => {
        if (names.some((n) => n.id === id)) found.push({ uri: scan.uri, line, text: scan.lines[line] });
      });
    }
    return found;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
