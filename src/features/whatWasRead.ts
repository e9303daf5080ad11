/** "Show What Was Read": the title, source, date, author, language and reading text Corpus Lens took from one article, with line numbers, in a read-only view. */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import { dateLabel, sourceLabel } from '../core/grouping';
import { articleTarget } from './shared/articleTarget';

const SCHEME = 'corpus-lens-read';

/** The text of the view: plain text, never rendered, so the article's own markup stays text. */
export function whatWasReadText(read: {
  path: string;
  title: string;
  source: string | null;
  date: string | null;
  author: string | null;
  language: string | null;
  paragraphs: { line: number; text: string }[];
}): string {
  const head = [
    `What Corpus Lens read from ${read.path}`,
    '',
    `title:    ${read.title}`,
    `source:   ${sourceLabel(read.source)}`,
    `date:     ${dateLabel(read.date)}`,
    `author:   ${read.author ?? '(none found)'}`,
    `language: ${read.language ?? '(not told)'}`,
    '',
    'line   reading text',
  ];
  return [...head, ...read.paragraphs.map((p) => `${String(p.line + 1).padStart(5)}  ${p.text}`), ''].join('\n');
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): void {
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: async (uri) => {
      const read = await engine.request('whatWasRead', uri.query);
      return read ? whatWasReadText(read) : `${uri.query} is not an article of the corpus.`;
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.commands.registerCommand('corpusLens.showWhatWasRead', async (target?: unknown) => {
      const filePath = articleTarget(target);
      if (!filePath || !(await engine.summary(filePath).catch(() => undefined))) {
        void vscode.window.showInformationMessage('Corpus Lens: open or select an article of the corpus to see what was read from it.');
        return undefined;
      }
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${vscode.workspace.asRelativePath(filePath)} (as read)`, query: filePath });
      const document = await vscode.workspace.openTextDocument(uri);
      return vscode.window.showTextDocument(document, { preview: true });
    }),
  );
}
