// @ts-check
// The search panel's page. It renders what the extension sends, always through textContent:
// article text never becomes markup. Keyboard: ↑/↓ in the box walk the history, ↓ at the end of
// history (or Tab) reaches the results, ↑/↓ move between results, Enter opens one.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const input = /** @type {HTMLInputElement} */ (document.getElementById('query'));
  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  const facets = /** @type {HTMLElement} */ (document.getElementById('facets'));
  const results = /** @type {HTMLOListElement} */ (document.getElementById('results'));
  const HISTORY_MAX = 50;
  const DEBOUNCE_MS = 120;

  /** @type {{ history: string[], query: string }} */
  const state = Object.assign({ history: [], query: '' }, vscode.getState() || {});
  let historyIndex = state.history.length;
  let seq = 0;
  let timer = 0;

  function save() {
    vscode.setState(state);
  }

  function remember(query) {
    if (!query.trim()) return;
    state.history = state.history.filter((q) => q !== query).concat(query).slice(-HISTORY_MAX);
    historyIndex = state.history.length;
    save();
  }

  function search(query, now) {
    state.query = query;
    save();
    clearTimeout(timer);
    const send = () => {
      seq += 1;
      if (!query.trim()) {
        render({ type: 'results', seq, query, total: 0, ms: 0, hits: [], facets: { sources: [], years: [] } });
        status.textContent = '';
        return;
      }
      // Typing: the last word is matched as a prefix; Enter (now) confirms whole words.
      vscode.postMessage({ type: 'search', query, seq, typing: !now });
    };
    if (now) send();
    else timer = setTimeout(send, DEBOUNCE_MS);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** The snippet as text nodes and <mark> elements, from [start, end) ranges. */
  function snippetNode(text, highlights) {
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

  function addFilter(filter) {
    const query = input.value.includes(filter) ? input.value : `${input.value.trim()} ${filter}`.trim();
    input.value = query;
    remember(query);
    search(query, true);
  }

  function facetGroup(title, entries, toFilter) {
    if (entries.length === 0) return;
    const group = el('div', 'facet-group');
    group.append(el('span', 'facet-title', title));
    for (const [name, count] of entries.slice(0, 12)) {
      const button = el('button', 'facet', `${name} `);
      button.append(el('span', 'count', String(count)));
      button.title = `Add ${toFilter(name)} to the query`;
      button.addEventListener('click', () => addFilter(toFilter(name)));
      group.append(button);
    }
    facets.append(group);
  }

  const quoted = (value) => (/\s/.test(value) ? `"${value}"` : value);

  function open(hit) {
    remember(input.value);
    vscode.postMessage({ type: 'open', path: hit.path, line: hit.line, match: hit.match });
  }

  function render(message) {
    if (message.seq !== -1 && message.seq < seq) return; // an older answer: a newer query is in flight
    results.replaceChildren();
    facets.replaceChildren();
    if (message.type === 'error') {
      status.replaceChildren(el('span', 'error', message.message));
      return;
    }
    if (!message.query.trim()) return;
    status.textContent = `${message.total} article${message.total === 1 ? '' : 's'} · ${message.ms} ms${message.total > message.hits.length ? ` · showing ${message.hits.length}` : ''}`;
    facetGroup('Source', message.facets.sources, (name) => `source:${quoted(name === 'Unknown source' ? 'unknown' : name)}`);
    facetGroup('Year', message.facets.years.filter(([y]) => y !== 'Undated'), (year) => `date:${year.replace('–', '..')}`);
    facetGroup('People', message.facets.people ?? [], (name) => `person:${quoted(name)}`);
    facetGroup('Organizations', message.facets.organizations ?? [], (name) => `org:${quoted(name)}`);
    message.hits.forEach((hit, i) => {
      const item = el('li', 'hit');
      item.tabIndex = 0;
      item.setAttribute('role', 'link');
      item.dataset.index = String(i);
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
          /** @type {HTMLElement | null} */ (item.nextElementSibling)?.focus();
        } else if (event.key === 'ArrowUp') {
          event.preventDefault();
          (/** @type {HTMLElement | null} */ (item.previousElementSibling) ?? input).focus();
        } else if (event.key === 'Escape') input.focus();
      });
      results.append(item);
    });
  }

  input.addEventListener('input', () => search(input.value, false));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      remember(input.value);
      search(input.value, true);
    } else if (event.key === 'ArrowUp' && state.history.length > 0) {
      event.preventDefault();
      historyIndex = Math.max(0, historyIndex - 1);
      input.value = state.history[historyIndex];
      search(input.value, true);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (historyIndex < state.history.length - 1) {
        historyIndex += 1;
        input.value = state.history[historyIndex];
        search(input.value, true);
      } else {
        /** @type {HTMLElement | null} */ (results.firstElementChild)?.focus();
      }
    }
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'setQuery') {
      input.value = message.query;
      remember(message.query);
      search(message.query, true);
      input.focus();
    } else if (message.type === 'results' || message.type === 'error') render(message);
  });

  input.value = state.query;
  if (state.query) search(state.query, true);
  vscode.postMessage({ type: 'ready' });
  input.focus();
})();
