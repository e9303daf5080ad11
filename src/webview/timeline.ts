/**
 * The Timeline page: articles per month (or year) as bars — the whole corpus stacked by source, or
 * up to five people and organizations side by side (their mentions) — drawn with Chart.js in the
 * theme's colours, with the same numbers in a table below for screen readers and copying. Every
 * label is set as text. Clicking a bar (or Enter on a table row) filters the search panel to that period.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartDataset } from 'chart.js';
import type { Timeline } from '../core/timeline/timeline';
import type { FromTimeline, ToTimeline } from './timelineProtocol';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

declare function acquireVsCodeApi(): { postMessage(message: FromTimeline): void };

const vscode = acquireVsCodeApi();
const canvas = document.getElementById('chart') as HTMLCanvasElement;
const summary = document.getElementById('summary') as HTMLElement;
const outside = document.getElementById('outside') as HTMLElement;
const table = document.getElementById('numbers') as HTMLTableElement;
const chips = document.getElementById('chips') as HTMLElement;
const byMonth = document.getElementById('by-month') as HTMLButtonElement;
const byYear = document.getElementById('by-year') as HTMLButtonElement;
const chartBox = document.getElementById('chart-box') as HTMLElement;
let chart: Chart<'bar', number[], string> | undefined;
let periods: string[] = [];

const MAX_SOURCES = 8;
const PALETTE = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((name) => `--vscode-charts-${name}`);

function themeColor(variable: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}

function colors(count: number): string[] {
  const base = PALETTE.map((v, i) => themeColor(v, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][i]));
  return Array.from({ length: count }, (_, i) => base[i % base.length]);
}

function text<K extends keyof HTMLElementTagNameMap>(tag: K, value: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = value;
  return node;
}

/** The whole corpus by source (the biggest few, the rest as "Other sources"); entities by mentions. */
function datasets(timelines: Timeline[]): ChartDataset<'bar', number[]>[] {
  const corpus = timelines.length === 1 && timelines[0].name === null;
  if (!corpus) {
    const palette = colors(timelines.length);
    return timelines.map((t, i) => ({
      label: t.name ?? '',
      data: periods.map((p) => t.buckets.find((b) => b.period === p)?.mentions ?? 0),
      backgroundColor: palette[i],
    }));
  }
  const [timeline] = timelines;
  const totals = new Map<string, number>();
  for (const b of timeline.buckets) for (const [source, n] of Object.entries(b.bySource)) totals.set(source, (totals.get(source) ?? 0) + n);
  const sources = [...totals].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  const shown = sources.slice(0, MAX_SOURCES);
  const palette = colors(shown.length + 1);
  const sets: ChartDataset<'bar', number[]>[] = shown.map((source, i) => ({
    label: source,
    data: timeline.buckets.map((b) => b.bySource[source] ?? 0),
    backgroundColor: palette[i],
    stack: 'sources',
  }));
  if (sources.length > MAX_SOURCES) {
    const rest = new Set(sources.slice(MAX_SOURCES));
    sets.push({
      label: 'Other sources',
      data: timeline.buckets.map((b) => Object.entries(b.bySource).reduce((n, [s, c]) => n + (rest.has(s) ? c : 0), 0)),
      backgroundColor: palette[MAX_SOURCES],
      stack: 'sources',
    });
  }
  return sets;
}

function show({ by, timelines }: ToTimeline): void {
  periods = [...new Set(timelines.flatMap((t) => t.buckets.map((b) => b.period)))].sort();
  const corpus = timelines.length === 1 && timelines[0].name === null;
  byMonth.setAttribute('aria-pressed', String(by === 'month'));
  byYear.setAttribute('aria-pressed', String(by === 'year'));
  summary.textContent = corpus
    ? `Articles per ${by}, by source: ${timelines[0].buckets.reduce((n, b) => n + b.articles, 0)} dated articles.`
    : `Mentions per ${by}: ${timelines.map((t) => t.name).join(', ')}.`;
  outside.textContent = timelines
    .map(
      (t) =>
        `${t.name ?? 'The corpus'}: not in the chart, ${t.partial} dated without a year, ${t.periods} dated only by a longer period, ${t.undated} undated.`,
    )
    .join(' ');
  showChips(timelines, corpus);
  // Nothing dated within one period: say so instead of drawing empty axes.
  const nothing = periods.length === 0;
  chartBox.hidden = nothing;
  table.hidden = nothing;
  if (nothing) {
    summary.textContent = `Nothing to chart: no article ${corpus ? 'of the corpus' : 'here'} has a date within one ${by}.`;
    chart?.destroy();
    chart = undefined;
    return;
  }
  const fg = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-editorWidget-border', '#8884');
  chart?.destroy();
  chart = new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data: { labels: periods, datasets: datasets(timelines) },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: corpus, ticks: { color: fg }, grid: { color: grid } },
        y: { stacked: corpus, beginAtZero: true, ticks: { color: fg, precision: 0 }, grid: { color: grid } },
      },
      plugins: { legend: { labels: { color: fg } } },
      onClick: (_event, elements) => {
        const period = elements[0] ? periods[elements[0].index] : undefined;
        if (period) vscode.postMessage({ type: 'period', period });
      },
    },
  });
  showTable(timelines, corpus);
  // Where each period's bars are, in CSS pixels of the canvas: for automation (the UI tests click a bar).
  const meta = chart.getDatasetMeta(0);
  canvas.dataset.periodsAt = JSON.stringify(periods.map((period, i) => ({ period, x: Math.round(meta.data[i]?.x ?? 0) })));
}

function showChips(timelines: Timeline[], corpus: boolean): void {
  chips.replaceChildren();
  if (!corpus) {
    for (const t of timelines) {
      const chip = text('button', `${t.name} ✕`);
      chip.title = `Remove ${t.name}`;
      chip.addEventListener('click', () => vscode.postMessage({ type: 'remove', name: t.name ?? '' }));
      chips.append(chip);
    }
    const all = text('button', 'Whole corpus');
    all.addEventListener('click', () => vscode.postMessage({ type: 'corpus' }));
    chips.append(all);
  }
  if (corpus || timelines.length < 5) {
    const add = text('button', corpus ? 'Show a person or organization…' : 'Compare with…');
    add.addEventListener('click', () => vscode.postMessage({ type: 'add' }));
    chips.append(add);
  }
}

function showTable(timelines: Timeline[], corpus: boolean): void {
  const head = document.createElement('tr');
  head.append(text('th', 'Period'), ...(corpus ? [text('th', 'Articles')] : timelines.map((t) => text('th', `${t.name} (mentions / articles)`))));
  // Periods with nothing in them are in the chart, not in the table.
  const filled = periods.filter((period) => timelines.some((t) => (t.buckets.find((b) => b.period === period)?.articles ?? 0) > 0));
  const rows = filled.map((period) => {
    const row = document.createElement('tr');
    row.tabIndex = 0;
    row.append(text('th', period));
    for (const t of timelines) {
      const bucket = t.buckets.find((b) => b.period === period);
      row.append(text('td', corpus ? String(bucket?.articles ?? 0) : `${bucket?.mentions ?? 0} / ${bucket?.articles ?? 0}`));
    }
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') vscode.postMessage({ type: 'period', period });
    });
    return row;
  });
  table.replaceChildren(
    text('caption', 'The numbers of the chart, periods with articles (Enter on a row filters the search panel to that period)'),
    head,
    ...rows,
  );
}

byMonth.addEventListener('click', () => vscode.postMessage({ type: 'by', by: 'month' }));
byYear.addEventListener('click', () => vscode.postMessage({ type: 'by', by: 'year' }));
let last: ToTimeline | undefined;
window.addEventListener('message', (event: MessageEvent<ToTimeline>) => {
  if (event.data.type !== 'show') return;
  last = event.data;
  show(event.data);
});
// A theme change (VS Code sets the body's class) redraws the chart in the new theme's colours.
new MutationObserver(() => last && show(last)).observe(document.body, { attributes: true, attributeFilter: ['class'] });
vscode.postMessage({ type: 'ready' });
