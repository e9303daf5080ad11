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

/**
 * The document's file: the engine reads it as the article when it is one of the corpus (a short name
 * there means the article's own person) and ignores it otherwise, so no round trip asks first.
 */
export function documentFile(document: vscode.TextDocument): string | undefined {
  return document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
}

/** Whether the document gets entity hovers: a note's language at once, another file only when it is an article of the corpus. */
export async function isEntityDocument(document: vscode.TextDocument, engine: EngineClient): Promise<boolean> {
  if (hoverLanguages().includes(document.languageId)) return true;
  const file = documentFile(document);
  return file !== undefined && (await engine.summary(file).catch(() => undefined)) !== undefined;
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
