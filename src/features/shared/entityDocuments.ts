/** Which documents get entity hovers and references: the configured note languages, and every article of the corpus. */
import * as vscode from 'vscode';
import { affects, setting } from './settings';
import type { EngineClient } from '../../core/engine/engineClient';

export function hoverLanguages(): string[] {
  return setting('hover.languages');
}

/** The languages, plus article files of any language (HTML captures); the providers check the corpus. */
export function entityDocumentSelector(): vscode.DocumentSelector {
  const notes = hoverLanguages().flatMap((language) => ['file', 'untitled'].map((scheme) => ({ language, scheme })));
  return [...notes, { scheme: 'file', pattern: '**/*.{txt,md,markdown,html,htm}' }];
}

/** The file's path when the document is an article of the corpus (a short name there means the article's own person). */
export async function articlePath(document: vscode.TextDocument, engine: EngineClient): Promise<string | undefined> {
  if (document.uri.scheme !== 'file') return undefined;
  const summary = await engine.summary(document.uri.fsPath).catch(() => undefined);
  return summary ? document.uri.fsPath : undefined;
}

/** A document that gets entity hovers (a note's language, or an article of the corpus), with the article's path if it is one. */
export async function entityDocument(document: vscode.TextDocument, engine: EngineClient): Promise<{ articlePath: string | undefined } | undefined> {
  const article = await articlePath(document, engine);
  return article || hoverLanguages().includes(document.languageId) ? { articlePath: article } : undefined;
}

/** Registers providers now and again whenever the languages setting changes. */
export function registerForEntityDocuments(context: vscode.ExtensionContext, register: (selector: vscode.DocumentSelector) => vscode.Disposable): void {
  let registration = register(entityDocumentSelector());
  context.subscriptions.push(
    { dispose: () => registration.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affects(e, 'hover.languages')) return;
      registration.dispose();
      registration = register(entityDocumentSelector());
    }),
  );
}
