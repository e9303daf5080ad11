/**
 * The search panel: a webview view in the Corpus Lens container. The webview only renders (with
 * textContent, never innerHTML, so article text cannot inject markup); searching happens here.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import { dateLabel, sourceLabel, UNDATED_LABEL, UNKNOWN_SOURCE_LABEL } from '../core/grouping';
import type { SearchResults } from '../core/search/searchIndex';
import type { FacetGroup, FromPanel, ToPanel } from '../webview/searchPanelProtocol';
import { openArticle } from './shared/openArticle';
import { webviewHtml, webviewRoots } from './shared/webviewPage';

export const SEARCH_VIEW_ID = 'corpusLens.search';
const LIMIT = 200;
/** How often the query is tried again while the search index loads. */
const LOADING_RETRY_MS = 500;

export class SearchPanelProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private pendingQuery: string | undefined;
  /** The last results sent, for the in-host tests and for re-sending after the corpus changes. */
  lastResults: ToPanel | undefined;
  private lastQuery = '';
  private lastTyping = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly engine: EngineClient,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: webviewRoots(this.extensionUri),
    };
    view.webview.html = this.html(view.webview);
    view.webview.onDidReceiveMessage((message: FromPanel) => this.onMessage(message));
    view.onDidDispose(() => (this.view = undefined));
  }

  /** Puts a query in the panel (from the QuickPick button or a command) and runs it. */
  async showQuery(query: string): Promise<void> {
    this.pendingQuery = query;
    await vscode.commands.executeCommand(`${SEARCH_VIEW_ID}.focus`);
    if (this.view) void this.view.webview.postMessage({ type: 'setQuery', query });
  }

  /** Adds a field filter to the panel's query (a Timeline period), in place of one of the same field. */
  addFilter(filter: string): Promise<void> {
    const field = /^([a-z]+):/.exec(filter)?.[1];
    const kept = field ? this.lastQuery.replace(new RegExp(`(^|\\s)${field}:\\S+`, 'g'), ' ') : this.lastQuery;
    return this.showQuery(`${kept.trim()} ${filter}`.trim());
  }

  private retry: NodeJS.Timeout | undefined;

  /** Runs the query again after the corpus changed, so counts stay true. */
  refresh(): void {
    if (this.view && this.lastQuery) void this.search(this.lastQuery, -1, this.lastTyping);
  }

  /** `typing`: sent while the query is typed (its last word a prefix); Enter confirms it (whole words). */
  async search(query: string, seq: number, typing = false): Promise<void> {
    this.lastQuery = query;
    this.lastTyping = typing;
    const outcome = await this.engine
      .search(query, LIMIT, { typing, entityFacets: true })
      .catch((error: Error) => ({ ok: false as const, error: error.message }));
    const message: ToPanel = outcome.ok
      ? {
          type: 'results',
          seq,
          query,
          total: outcome.total,
          ms: Math.round(outcome.ms * 10) / 10,
          facets: facetGroups(outcome.facets),
          hits: outcome.hits.map((h) => ({
            path: h.path,
            file: vscode.workspace.asRelativePath(h.path),
            title: h.title,
            meta: `${sourceLabel(h.source)} · ${dateLabel(h.date)}`,
            snippet: h.snippet.text,
            highlights: h.snippet.highlights,
            line: h.snippet.line,
            match: h.snippet.match,
          })),
        }
      : { type: 'error', seq, query, message: outcome.error };
    this.lastResults = message;
    void this.view?.webview.postMessage(message);
    // While the index loads, the panel says how far it got and asks again until it can answer.
    clearTimeout(this.retry);
    if (!outcome.ok && 'loading' in outcome && outcome.loading) this.retry = setTimeout(() => this.refresh(), LOADING_RETRY_MS);
  }

  private onMessage(message: FromPanel): void {
    if (message.type === 'ready') {
      if (this.pendingQuery !== undefined) void this.view?.webview.postMessage({ type: 'setQuery', query: this.pendingQuery });
      this.pendingQuery = undefined;
    } else if (message.type === 'search') void this.search(String(message.query), Number(message.seq), message.typing === true);
    else if (message.type === 'open') void this.open(message.path, Number(message.line), message.match);
  }

  /** Only articles of the corpus: a message cannot make us open anything else. */
  private async open(filePath: string, line: number, match?: string): Promise<void> {
    if (typeof filePath === 'string' && (await this.engine.summary(filePath).catch(() => undefined))) await openArticle(filePath, line, match);
  }

  private html(webview: vscode.Webview): string {
    return webviewHtml(webview, this.extensionUri, {
      title: 'Search',
      stylesheet: 'searchPanel.css',
      script: 'searchPanel.js',
      body: `<div class="query-row">
  <input id="query" type="search" placeholder="Search the corpus" aria-label="Search the corpus: words, &quot;phrases&quot;, OR, -exclude, source:, date:" spellcheck="false">
</div>
<div id="status" role="status" aria-live="polite"></div>
<div id="facets" aria-label="Filters"></div>
<ol id="results" aria-label="Results"></ol>`,
    });
  }
}

const quoted = (value: string) => (/\s/.test(value) ? `"${value.replace(/"/g, '')}"` : value);

/** Facets as the page shows them: each with the filter it adds to the query and its label. */
export function facetGroups(facets: SearchResults['facets']): FacetGroup[] {
  const group = (title: string, entries: [string, number][], filter: (name: string) => string, label = (name: string) => name): FacetGroup => ({
    title,
    facets: entries.map(([name, count]) => ({ filter: filter(name), label: label(name), count })),
  });
  return [
    group('Source', facets.sources, (name) => `source:${quoted(name === UNKNOWN_SOURCE_LABEL ? 'unknown' : name)}`),
    group(
      'Year',
      facets.years.filter(([year]) => year !== UNDATED_LABEL),
      (year) => `date:${year.replace('–', '..')}`,
    ),
    group('People', facets.people ?? [], (name) => `person:${quoted(name)}`),
    group('Organizations', facets.organizations ?? [], (name) => `org:${quoted(name)}`),
  ].filter((g) => g.facets.length > 0);
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): SearchPanelProvider {
  const provider = new SearchPanelProvider(context.extensionUri, engine);
  let pending: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(SEARCH_VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand('corpusLens.openSearchPanel', (query?: string) => provider.showQuery(typeof query === 'string' ? query : '')),
    vscode.commands.registerCommand('corpusLens.addSearchFilter', (filter?: unknown) => typeof filter === 'string' && provider.addFilter(filter)),
    engine.onDidChange(() => {
      clearTimeout(pending);
      pending = setTimeout(() => provider.refresh(), 300);
    }),
    engine.onDidChangeSearchState(() => provider.refresh()),
    { dispose: () => clearTimeout(pending) },
  );
  return provider;
}
