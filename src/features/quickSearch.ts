/** "Corpus Lens: Search Articles": a QuickPick that searches as you type and opens the article at the hit. */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import { dateLabel, sourceLabel } from '../core/grouping';
import type { Hit } from '../core/search/searchIndex';
import { openArticle } from './shared/openArticle';
import { escapeThemeIcons } from './shared/inertText';

const DEBOUNCE_MS = 120;
/** How often a query is tried again while the search index loads. */
const LOADING_RETRY_MS = 500;
const LIMIT = 50;

interface HitItem extends vscode.QuickPickItem {
  /** The line saying the index is still loading. */
  loading?: boolean;
  hit?: Hit;
}

const OPEN_IN_PANEL: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('layout-sidebar-left'), tooltip: 'Open this query in the search panel' };

export async function toItems(engine: EngineClient, query: string): Promise<HitItem[]> {
  if (!query.trim()) return [];
  // The QuickPick searches as you type: the last word is a prefix; it shows no facets.
  const outcome = await engine.search(query, LIMIT, { typing: true });
  if (!outcome.ok && outcome.loading) return [{ label: `$(loading~spin) ${outcome.error}`, alwaysShow: true, loading: true }];
  if (!outcome.ok) return [{ label: `$(warning) ${outcome.error}`, alwaysShow: true }];
  if (outcome.total === 0) return [{ label: 'No article matches', description: escapeThemeIcons(query), alwaysShow: true }];
  return outcome.hits.map((hit) => ({
    label: escapeThemeIcons(hit.title),
    description: escapeThemeIcons(`${sourceLabel(hit.source)} · ${dateLabel(hit.date)}`),
    detail: escapeThemeIcons(hit.snippet.text),
    alwaysShow: true,
    hit,
  }));
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('corpusLens.searchArticles', (initial?: string) => showQuickSearch(engine, typeof initial === 'string' ? initial : '')),
  );
}

function showQuickSearch(engine: EngineClient, initial: string): vscode.QuickPick<HitItem> {
  const pick = vscode.window.createQuickPick<HitItem>();
  pick.title = 'Search Articles';
  pick.placeholder = 'Words, "exact phrase", a OR b, -exclude, source:sputnik, date:2016-01..2016-08, person:lavrov, org:un';
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.buttons = [OPEN_IN_PANEL];
  let latest = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = (query: string): void => {
    const request = ++latest;
    clearTimeout(timer);
    pick.busy = true;
    timer = setTimeout(async () => {
      const items = await toItems(engine, query).catch((error: Error) => [{ label: `$(error) ${error.message}`, alwaysShow: true }]);
      if (request !== latest) return; // a newer keystroke owns the list now
      pick.items = items;
      const loading = items.some((item) => 'loading' in item && item.loading === true);
      pick.busy = loading;
      // While the index loads, the list says how far it got and runs the query again until it can.
      if (loading) timer = setTimeout(() => request === latest && run(query), LOADING_RETRY_MS);
    }, DEBOUNCE_MS);
  };
  pick.onDidChangeValue(run);
  pick.onDidTriggerButton(() => {
    void vscode.commands.executeCommand('corpusLens.openSearchPanel', pick.value);
    pick.hide();
  });
  pick.onDidAccept(() => {
    const hit = pick.selectedItems[0]?.hit;
    if (!hit) return;
    pick.hide();
    void openArticle(hit.path, hit.snippet.line, hit.snippet.match);
  });
  pick.onDidHide(() => {
    clearTimeout(timer);
    pick.dispose();
  });
  pick.value = initial;
  if (initial) run(initial);
  pick.show();
  return pick;
}
