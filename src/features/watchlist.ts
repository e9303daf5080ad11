/**
 * The Watchlist view: the names and queries of `.corpus-lens/watchlist.json`, each with how many
 * articles it matches; articles that arrived since the last look are marked new, and one
 * notification says which entries have them. The file is JSON with comments; a mistake is named
 * with its line in the output channel (and a notification when the user just saved it).
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import { dateLabel, sourceLabel } from '../core/grouping';
import type { ArticleSummary } from '../core/types';
import { entryKey, newMatches, parseWatchlist, WATCHLIST_FILE, type WatchResult } from '../core/watch/watchlist';
import type { Log } from './shared/log';
import { readWorkspaceFile, reportFileProblem, watchWorkspaceFile, workspaceFile } from './shared/workspaceFiles';

export type WatchNode =
  { kind: 'entry'; result: WatchResult; fresh: Set<string> } | { kind: 'article'; article: ArticleSummary; fresh: boolean; parent: string };

const TEMPLATE = `{
  // People and organizations to follow, by any of their names.
  "names": [],
  // Search queries to follow: words, "phrases", -exclude, source:, date:, person:, org:, said:.
  "queries": []
}
`;
/** Corpus changes come in bursts: the watchlist is looked at again once they pause. */
const SETTLE_MS = 1000;

export class WatchlistProvider implements vscode.TreeDataProvider<WatchNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  results: WatchResult[] = [];
  /** Per entry, the paths it matched at the last look, and the ones new since the look before. */
  private seen = new Map<string, Set<string>>();
  private fresh = new Map<string, Set<string>>();

  constructor(
    private readonly engine: EngineClient,
    private readonly log: Log,
  ) {}

  /** Reads the file and counts its entries. `corpusChanged`: new matches are news (not after an edit of the file). */
  async refresh(corpusChanged: boolean, userEdited = false): Promise<string[]> {
    const read = await readWorkspaceFile(WATCHLIST_FILE);
    if ('error' in read) reportFileProblem(this.log.channel, read.error, userEdited);
    const parsed = 'text' in read ? parseWatchlist(read.text) : { ok: true as const, entries: [] };
    if (!parsed.ok) {
      reportFileProblem(this.log.channel, `${WATCHLIST_FILE} line ${parsed.line}: ${parsed.message}.`, userEdited);
      return [];
    }
    this.results = await this.engine.watch(parsed.entries).catch(() => []);
    const news = corpusChanged ? newMatches(this.seen, this.results) : new Map<string, string[]>();
    for (const [key, paths] of news) this.fresh.set(key, new Set([...(this.fresh.get(key) ?? []), ...paths]));
    // An entry that could not be answered (names still being found) has seen nothing yet: its first answer is no news.
    this.seen = new Map(this.results.filter((r) => !r.error).map((r) => [entryKey(r.entry), new Set(r.paths)]));
    this.changed.fire();
    return [...news].map(([key, paths]) => `${this.results.find((r) => entryKey(r.entry) === key)?.entry.text ?? key} (${paths.length})`);
  }

  async getChildren(node?: WatchNode): Promise<WatchNode[]> {
    if (!node) return this.results.map((result) => ({ kind: 'entry', result, fresh: this.fresh.get(entryKey(result.entry)) ?? new Set() }));
    if (node.kind === 'article') return [];
    const articles = await this.engine.summaries(node.result.paths).catch(() => []);
    // New articles first, then newest first.
    articles.sort((a, b) => Number(node.fresh.has(b.path)) - Number(node.fresh.has(a.path)) || (b.date ?? '').localeCompare(a.date ?? ''));
    return articles.map((article) => ({ kind: 'article', article, fresh: node.fresh.has(article.path), parent: entryKey(node.result.entry) }));
  }

  getTreeItem(node: WatchNode): vscode.TreeItem {
    if (node.kind === 'entry') {
      const { entry, paths, error } = node.result;
      const item = new vscode.TreeItem(entry.text, paths.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `watch/${entryKey(entry)}`;
      item.description = error ?? `${paths.length} article${paths.length === 1 ? '' : 's'}${node.fresh.size ? ` · ${node.fresh.size} new` : ''}`;
      item.iconPath = new vscode.ThemeIcon(error ? 'warning' : node.fresh.size ? 'bell-dot' : entry.kind === 'name' ? 'person' : 'search');
      item.tooltip = `${entry.kind === 'name' ? 'Name' : 'Query'} on line ${entry.line} of ${WATCHLIST_FILE}`;
      item.contextValue = 'corpusLens.watchEntry';
      return item;
    }
    const { article } = node;
    const item = new vscode.TreeItem(article.title, vscode.TreeItemCollapsibleState.None);
    item.id = `watch/${node.parent}/${article.path}`;
    item.description = `${node.fresh ? 'new · ' : ''}${sourceLabel(article.source)} · ${dateLabel(article.date)}`;
    item.resourceUri = vscode.Uri.file(article.path);
    item.iconPath = new vscode.ThemeIcon(node.fresh ? 'circle-filled' : 'file-text');
    item.command = { command: 'corpusLens.openArticle', title: 'Open Article', arguments: [article.path] };
    return item;
  }

  /** The user has looked: nothing is new any more. */
  markSeen(): void {
    this.fresh.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, log: Log): WatchlistProvider {
  const provider = new WatchlistProvider(engine, log);
  const view = vscode.window.createTreeView('corpusLens.watchlist', { treeDataProvider: provider });
  let pending: NodeJS.Timeout | undefined;
  const lookAgain = (corpusChanged: boolean, userEdited = false) =>
    provider.refresh(corpusChanged, userEdited).then((news) => {
      if (news.length === 0) return;
      void vscode.window.showInformationMessage(`Corpus Lens: new articles for your watchlist — ${news.join(', ')}.`, 'Show').then((choice) => {
        if (choice) void vscode.commands.executeCommand('corpusLens.watchlist.focus');
      });
    });
  const settle = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void lookAgain(true), SETTLE_MS);
  };
  context.subscriptions.push(
    view,
    provider,
    { dispose: () => clearTimeout(pending) },
    engine.onDidChange(settle),
    engine.onDidChangeEntities(settle),
    ...watchWorkspaceFile(WATCHLIST_FILE, () => void lookAgain(false, true)),
    view.onDidChangeVisibility((event) => {
      if (!event.visible) provider.markSeen();
    }),
    vscode.commands.registerCommand('corpusLens.refreshWatchlist', () => lookAgain(false)),
    vscode.commands.registerCommand('corpusLens.editWatchlist', async () => {
      const file = workspaceFile(WATCHLIST_FILE);
      if (!file) {
        void vscode.window.showInformationMessage('Corpus Lens: open a folder to keep a watchlist in.');
        return;
      }
      const exists = await vscode.workspace.fs.stat(file).then(
        () => true,
        () => false,
      );
      if (!exists) await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(TEMPLATE));
      await vscode.window.showTextDocument(file);
    }),
  );
  return provider;
}
