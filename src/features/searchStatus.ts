/**
 * The search index's state in the status bar: "Loading the search index… 60%" while it loads in the
 * background, a warning when the memory guard turned search off (its message as the tooltip; a
 * click shows the output), nothing once search is ready, or which database search runs in
 * (corpusLens.backend.url; a click opens the setting).
 */
import * as vscode from 'vscode';
import type { SearchState } from '../core/engine/backend';
import type { EngineClient } from '../core/engine/engineClient';
import { displayUrl } from '../core/db/connectionString';
import type { Log } from './shared/log';
import { setting } from './shared/settings';

/** Run by a click on the item when search is off: the output channel has the whole message. */
const SHOW_OUTPUT = 'corpusLens.showSearchStatusOutput';

export interface SearchStatus {
  /** What the item says now (undefined when hidden), for tests. */
  readonly text: string | undefined;
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, log: Log): SearchStatus {
  const item = vscode.window.createStatusBarItem('corpusLens.searchStatus', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Corpus Lens: search index';
  let shown: string | undefined;
  const show = (state: SearchState) => {
    shown = undefined;
    if (state.kind === 'loading') {
      shown = `$(sync~spin) Loading the search index… ${Math.round(state.share * 100)}%`;
      item.tooltip = 'Corpus Lens: the articles are shown; search answers when its index is loaded.';
      item.command = undefined;
    } else if (state.kind === 'ready' && setting('backend.url').trim()) {
      const address = displayUrl(setting('backend.url').trim());
      shown = `$(database) ${address}`;
      item.tooltip = `Corpus Lens searches the PostgreSQL database at ${address} (setting corpusLens.backend.url).`;
      item.command = { title: 'Open the setting', command: 'workbench.action.openSettings', arguments: ['corpusLens.backend.url'] };
    } else if (state.kind === 'off') {
      shown = '$(warning) Corpus Lens: search is off';
      item.tooltip = state.message;
      item.command = SHOW_OUTPUT;
    }
    if (shown) {
      item.text = shown;
      item.show();
    } else item.hide();
  };
  show(engine.searchState);
  context.subscriptions.push(
    item,
    engine.onDidChangeSearchState(show),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => log.channel.show(true)),
  );
  return {
    get text() {
      return shown;
    },
  };
}
