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
export function articlePath(document: vscode.TextDocument, engine: EngineClient): string | undefined {
  return document.uri.scheme === 'file' && engine.get(document.uri.fsPath) !== undefined ? document.uri.fsPath : undefined;
}

export function isEntityDocument(document: vscode.TextDocument, engine: EngineClient): boolean {
  return hoverLanguages().includes(document.languageId) || (document.uri.scheme === 'file' && engine.get(document.uri.fsPath) !== undefined);
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
