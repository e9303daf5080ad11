/**
 * Corpus names in your notes: a name that is a person or organization of the corpus, and that the
 * note does not cite yet, gets a subtle mark (a hint or an information diagnostic, per
 * `corpusLens.notes.uncitedNames`; "off" turns it off) with two quick fixes: Insert Citation for
 * that entity, or link the name to the latest article that mentions it. Names in a quote (`>`),
 * in a link or in code are never marked. The note changes only through the fix the user chose,
 * in one undo step.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NoteName } from '../core/engine/engine';
import type { EngineClient } from '../core/engine/engineClient';
import { uncitedNames } from '../core/notes/uncited';
import type { NoteScan, NotesIndex } from './shared/notesIndex';
import { affects, setting } from './shared/settings';

const SOURCE = 'Corpus Lens';
/** Typing pauses this long before a note is scanned again. */
const PAUSE_MS = 40;

/** The diagnostics' names, by diagnostic (VS Code's Diagnostic carries no data of ours). */
const namesOf = new WeakMap<vscode.Diagnostic, NoteName>();

export function uncitedDiagnostics(scan: NoteScan, severity: vscode.DiagnosticSeverity): vscode.Diagnostic[] {
  return uncitedNames(scan.lines, scan.names).map(({ line, name }) => {
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(line, name.start, line, name.end),
      `${name.name} is in the corpus and not cited in this note`,
      severity,
    );
    diagnostic.source = SOURCE;
    diagnostic.code = 'uncited';
    namesOf.set(diagnostic, name);
    return diagnostic;
  });
}

class UncitedNameActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly engine: EngineClient) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const name = namesOf.get(diagnostic);
      if (!name) continue;
      const cite = new vscode.CodeAction(`Insert citation for ${name.name}`, vscode.CodeActionKind.QuickFix);
      cite.diagnostics = [diagnostic];
      cite.command = { command: 'corpusLens.citeAt', title: cite.title, arguments: [document.uri, diagnostic.range.start.line, name.id] };
      actions.push(cite);
      const latest = await this.engine.latestArticle(name.id);
      if (latest) {
        const link = new vscode.CodeAction(`Link ${name.name} to the latest article`, vscode.CodeActionKind.QuickFix);
        link.diagnostics = [diagnostic];
        link.edit = new vscode.WorkspaceEdit();
        link.edit.replace(document.uri, diagnostic.range, linkMarkdown(document, diagnostic.range, latest));
        actions.push(link);
      }
    }
    return actions;
  }
}

/** `[name](<article#Lline>)`, the article relative to the note's folder; the name stays as the user wrote it. */
function linkMarkdown(document: vscode.TextDocument, range: vscode.Range, latest: { path: string; line: number }): string {
  const target =
    document.uri.scheme === 'file'
      ? path.relative(path.dirname(document.uri.fsPath), latest.path).split(path.sep).join('/')
      : vscode.Uri.file(latest.path).toString();
  return `[${document.getText(range)}](<${encodeURI(target)}#L${latest.line + 1}>)`;
}

function severity(): vscode.DiagnosticSeverity | undefined {
  const chosen = setting('notes.uncitedNames');
  return chosen === 'off' ? undefined : chosen === 'information' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, notes: NotesIndex): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('corpusLens.notes');
  const timers = new Map<string, NodeJS.Timeout>();
  const update = async (document: vscode.TextDocument) => {
    if (!notes.isNote(document)) return;
    const scan = await notes.scan(document.uri, document.getText());
    const chosen = severity();
    collection.set(document.uri, chosen === undefined ? [] : uncitedDiagnostics(scan, chosen));
  };
  const soon = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => void update(document), PAUSE_MS),
    );
  };
  const updateOpen = () => vscode.workspace.textDocuments.forEach((d) => void update(d));
  let scanned = false;
  context.subscriptions.push(
    collection,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.workspace.onDidOpenTextDocument(soon),
    vscode.workspace.onDidChangeTextDocument((event) => soon(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => affects(event, 'notes.uncitedNames', 'hover.languages') && updateOpen()),
    // The workspace's notes are read once the corpus is known (its folders are not notes).
    engine.onDidChangeEntities(async () => {
      await (scanned ? notes.rescanAll() : notes.scanWorkspace());
      scanned = true;
      updateOpen();
    }),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new UncitedNameActions(engine), {
      providedCodeActionKinds: UncitedNameActions.kinds,
    }),
    vscode.commands.registerCommand('corpusLens.citeAt', async (uri: vscode.Uri, line: number, entity: string) => {
      const editor = await vscode.window.showTextDocument(uri);
      const end = editor.document.lineAt(Math.min(line, editor.document.lineCount - 1)).range.end;
      editor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('corpusLens.insertCitation', entity);
    }),
  );
  updateOpen();
  return collection;
}
