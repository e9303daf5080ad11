/**
 * The search panel's page. It renders what the extension sends, always through textContent:
 * article text never becomes markup. Keyboard: ↑/↓ in the box walk the history, ↓ at the end of
 * history (or Tab) reaches the results, ↑/↓ move between results, Enter opens one.
 */
import type { FacetGroup, FromPanel, PanelHit, ToPanel } from './searchPanelProtocol';

interface VsCodeApi {
  postMessage(message: FromPanel): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

interface PanelState {
  history: string[];
  query: string;
}

const HISTORY_MAX = 50;
const DEBOUNCE_MS = 120;

const vscode = acquireVsCodeApi();
const input = document.getElementById('query') as HTMLInputElement;
const status = document.getElementById('status') as HTMLElement;
const facets = document.getElementById('facets') as HTMLElement;
const results = document.getElementById('results') as HTMLOListElement;

const state: PanelState = { history: [], query: '', ...((vscode.getState() as Partial<PanelState> | undefined) ?? {}) };
let historyIndex = state.history.length;
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function save(): void {
  vscode.setState(state);
}

function remember(query: string): void {
  if (!query.trim()) return;
  state.history = [...state.history.filter((q) => q !== query), query].slice(-HISTORY_MAX);
  historyIndex = state.history.length;
  save();
}

/** `now`: the query is confirmed (Enter, history, a facet) and matches whole words; else it is being typed. */
function search(query: string, now: boolean): void {
  state.query = query;
  save();
  clearTimeout(timer);
  const send = (): void => {
    seq += 1;
    if (!query.trim()) {
      render({ type: 'results', seq, query, total: 0, ms: 0, hits: [], facets: [] });
      status.textContent = '';
      return;
    }
    vscode.postMessage({ type: 'search', query, seq, typing: !now });
  };
  if (now) send();
  else timer = setTimeout(send, DEBOUNCE_MS);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The snippet as text nodes and <mark> elements, from [start, end) ranges. */
function snippetNode(text: string, highlights: [number, number][]): HTMLElement {
  const node = el('div', 'snippet');
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at) continue;
    node.append(document.createTextNode(text.slice(at, start)), el('mark', '', text.slice(start, end)));
    at = end;
  }
  node.append(document.createTextNode(text.slice(at)));
  return node;
}

function addFilter(filter: string): void {
  const query = input.value.includes(filter) ? input.value : `${input.value.trim()} ${filter}`.trim();
  input.value = query;
  remember(query);
  search(query, true);
}

function facetGroup({ title, facets: entries }: FacetGroup): void {
  if (entries.length === 0) return;
  const group = el('div', 'facet-group');
  group.append(el('span', 'facet-title', title));
  for (const facet of entries.slice(0, 12)) {
    const button = el('button', 'facet', `${facet.label} `);
    button.append(el('span', 'count', String(facet.count)));
    button.title = `Add ${facet.filter} to the query`;
    button.addEventListener('click', () => addFilter(facet.filter));
    group.append(button);
  }
  facets.append(group);
}

function open(hit: PanelHit): void {
  remember(input.value);
  vscode.postMessage({ type: 'open', path: hit.path, line: hit.line, match: hit.match });
}

function hitItem(hit: PanelHit, index: number): HTMLLIElement {
  const item = el('li', 'hit');
  item.tabIndex = 0;
  item.setAttribute('role', 'link');
  item.dataset.index = String(index);
  const head = el('div', 'hit-head');
  head.append(el('span', 'title', hit.title), el('span', 'meta', hit.meta));
  item.append(head, snippetNode(hit.snippet, hit.highlights), el('div', 'file', `${hit.file}:${hit.line + 1}`));
  item.title = `Open ${hit.file} at line ${hit.line + 1}`;
  item.addEventListener('click', () => open(hit));
  item.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(hit);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      (item.nextElementSibling as HTMLElement | null)?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      ((item.previousElementSibling as HTMLElement | null) ?? input).focus();
    } else if (event.key === 'Escape') input.focus();
  });
  return item;
}

function render(message: Extract<ToPanel, { type: 'results' | 'error' }>): void {
  if (message.seq !== -1 && message.seq < seq) return; // an older answer: a newer query is in flight
  results.replaceChildren();
  facets.replaceChildren();
  if (message.type === 'error') {
    status.replaceChildren(el('span', 'error', message.message));
    return;
  }
  if (!message.query.trim()) return;
  const showing = message.total > message.hits.length ? ` · showing ${message.hits.length}` : '';
  status.textContent = `${message.total} article${message.total === 1 ? '' : 's'} · ${message.ms} ms${showing}`;
  message.facets.forEach(facetGroup);
  message.hits.forEach((hit, i) => results.append(hitItem(hit, i)));
}

function walkHistory(step: -1 | 1): void {
  historyIndex = Math.min(state.history.length - 1, Math.max(0, historyIndex + step));
  input.value = state.history[historyIndex];
  search(input.value, true);
}

input.addEventListener('input', () => search(input.value, false));
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    remember(input.value);
    search(input.value, true);
  } else if (event.key === 'ArrowUp' && state.history.length > 0) {
    event.preventDefault();
    walkHistory(-1);
  } else if (event.key === 'ArrowDown') {
    event.preventDefault();
    if (historyIndex < state.history.length - 1) walkHistory(1);
    else (results.firstElementChild as HTMLElement | null)?.focus();
  }
});

window.addEventListener('message', (event: MessageEvent<ToPanel>) => {
  const message = event.data;
  if (message.type === 'setQuery') {
    input.value = message.query;
    remember(message.query);
    search(message.query, true);
    input.focus();
  } else render(message);
});

// What was typed while this script loaded stays (setting the saved query over it lost the first keystrokes).
if (input.value) search(input.value, false);
else {
  input.value = state.query;
  if (state.query) search(state.query, true);
}
vscode.postMessage({ type: 'ready' });
// No focus on load: the view may appear while the user types elsewhere (a QuickPick); a query sent to it focuses it.
