/**
 * "Compare Coverage" (Articles tree and editor context menus): the articles of one story side by
 * side in a webview — the passages they share, the ones only one has, and how each names the same
 * people and organizations. The page renders with textContent under a CSP with a nonce.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import { dateLabel, sourceLabel } from '../core/grouping';
import type { FromCoverage, ToCoverage } from '../webview/compareCoverageProtocol';
import { openArticle } from './shared/openArticle';
import { webviewHtml, webviewRoots } from './shared/webviewPage';

/** The article a command was run on: a tree node, a URI (editor menu), else the active editor's file. */
function articleArgument(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  const node = arg as { article?: { path?: unknown } } | undefined;
  if (typeof node?.article?.path === 'string') return node.article.path;
  if (typeof arg === 'string') return arg;
  return vscode.window.activeTextEditor?.document.uri.fsPath;
}

export async function compareCoverage(engine: EngineClient, extensionUri: vscode.Uri, arg: unknown): Promise<vscode.WebviewPanel | undefined> {
  const file = articleArgument(arg);
  const coverage = file ? await engine.compareCoverage(file) : undefined;
  if (!coverage) {
    void vscode.window.showInformationMessage(
      file ? 'Corpus Lens: no other outlet reports this article’s story.' : 'Corpus Lens: choose an article of the corpus to compare.',
    );
    return undefined;
  }
  const panel = vscode.window.createWebviewPanel('corpusLens.compareCoverage', `Compare: ${coverage.title.slice(0, 40)}`, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: webviewRoots(extensionUri),
  });
  panel.webview.html = html(panel.webview, extensionUri);
  const labels = coverage.articles.map((a) => `${sourceLabel(a.source)} · ${dateLabel(a.date)}`);
  panel.webview.onDidReceiveMessage((message: FromCoverage) => {
    if (message.type === 'ready') void panel.webview.postMessage({ type: 'show', coverage, labels } satisfies ToCoverage);
    else if (message.type === 'open' && coverage.articles.some((a) => a.path === message.path)) void openArticle(message.path, message.line);
  });
  return panel;
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, {
    title: 'Compare Coverage',
    stylesheet: 'compareCoverage.css',
    script: 'compareCoverage.js',
    body: `<p id="summary" role="status"></p>
<main id="columns"></main>
<section id="names" aria-label="Names"></section>`,
  });
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('corpusLens.compareCoverage', (arg: unknown) => compareCoverage(engine, context.extensionUri, arg)),
  );
}
