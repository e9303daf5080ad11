/**
 * The Compare Coverage page: one column per article of a story, each sentence marked shared (other
 * outlets have it) or only its own, and a table of how each article names the same people and
 * organizations. Everything is rendered with textContent: article text never becomes markup.
 * Keyboard: Tab reaches each passage, Enter opens the article at it; ←/→ move between columns.
 */
import type { FromCoverage, ToCoverage } from './compareCoverageProtocol';

declare function acquireVsCodeApi(): { postMessage(message: FromCoverage): void };

const vscode = acquireVsCodeApi();
const columns = document.getElementById('columns') as HTMLElement;
const names = document.getElementById('names') as HTMLElement;
const summary = document.getElementById('summary') as HTMLElement;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function show({ coverage, labels }: Extract<ToCoverage, { type: 'show' }>): void {
  document.title = `Compare Coverage: ${coverage.title}`;
  const shared = coverage.articles.map((a) => a.passages.filter((p) => p.sharedWith.length).length);
  summary.textContent = `${coverage.articles.length} articles of one story: “${coverage.title}”. Shared passages are marked ▌; the others are only in that article.`;
  columns.replaceChildren(
    ...coverage.articles.map((article, i) => {
      const column = element('section', undefined, 'column');
      column.setAttribute('aria-label', labels[i]);
      column.append(element('h2', article.title), element('p', `${labels[i]} · ${shared[i]} of ${article.passages.length} passages shared`, 'meta'));
      const list = element('ol', undefined, 'passages');
      for (const passage of article.passages) {
        const item = element('li', passage.text, passage.sharedWith.length ? 'passage shared' : 'passage own');
        item.tabIndex = 0;
        item.dataset.column = String(i);
        item.title = passage.sharedWith.length ? `Also in: ${passage.sharedWith.map((j) => labels[j]).join(', ')}` : `Only in ${labels[i]}`;
        item.setAttribute('aria-label', `${passage.sharedWith.length ? 'Shared' : 'Only here'}: ${passage.text}`);
        const open = () => vscode.postMessage({ type: 'open', path: article.path, line: passage.line });
        item.addEventListener('click', open);
        item.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') open();
          else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') focusColumn(i + (event.key === 'ArrowRight' ? 1 : -1));
          else if (event.key === 'ArrowDown' || event.key === 'ArrowUp')
            (event.key === 'ArrowDown' ? item.nextElementSibling : item.previousElementSibling)?.dispatchEvent(new Event('focusme'));
        });
        item.addEventListener('focusme', () => item.focus());
        list.append(item);
      }
      column.append(list);
      return column;
    }),
  );
  columns.style.gridTemplateColumns = `repeat(${coverage.articles.length}, minmax(16em, 1fr))`;
  showNames(coverage, labels);
}

function focusColumn(index: number): void {
  const first = columns.querySelector<HTMLElement>(`li[data-column="${index}"]`);
  first?.focus();
}

function showNames(coverage: Extract<ToCoverage, { type: 'show' }>['coverage'], labels: string[]): void {
  if (!coverage.names.length) {
    names.replaceChildren(element('p', 'No person or organization is named in two of these articles.'));
    return;
  }
  const table = element('table');
  const head = element('tr');
  head.append(element('th', 'Named'), ...labels.map((label) => element('th', label)));
  table.append(element('caption', 'How each article names the people and organizations they share'), head);
  for (const name of coverage.names) {
    const row = element('tr');
    row.append(element('th', name.name));
    for (const written of name.written)
      row.append(
        element('td', written.length ? written.join(' · ') : '—', written.length > 1 || (written[0] && written[0] !== name.name) ? 'differs' : undefined),
      );
    table.append(row);
  }
  names.replaceChildren(table);
}

window.addEventListener('message', (event: MessageEvent<ToCoverage>) => {
  if (event.data.type === 'show') show(event.data);
});
vscode.postMessage({ type: 'ready' });
