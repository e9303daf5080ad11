/**
 * What a person waits for in a real VS Code (code-server + Chromium) on a corpus: the tree and the
 * People view after opening the workspace (cold, then reopened from the cache), the first hover on
 * names of a note, and Find All References. `npm run bench -- vscode --corpus DIR`.
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tools/browser';
import { startCodeServer } from '../tools/codeServer';
import { makeBbcWorkspace } from '../tools/sampleWorkspace';
import { hoverWord, openCorpusLensContainer, openFile, openWorkbench, treeRows, wordPosition } from '../tools/workbench';
import { median, parseBenchArgs, printTable } from './common';

/** Names of the note (BBC_NOTE) to hover: [line, words]. */
const HOVERS: [string, string][] = [
  ['Mr Blair spoke first', 'Mr Blair'],
  ['Tony Blair and Gordon', 'Gordon Brown'],
  ['Michael Howard answered', 'Michael Howard'],
  ['Microsoft and Apple', 'Microsoft'],
  ['Chelsea and Jose', 'Jose Mourinho'],
];

async function until(what: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await what();
  return performance.now() - started;
}

/** Time until the Articles tree shows its first row and the People view its first person. */
async function open(page: Page, url: string): Promise<Opening> {
  const started = performance.now();
  await openWorkbench(page, url);
  await openCorpusLensContainer(page);
  const workbench = performance.now() - started;
  await treeRows(page).first().waitFor({ timeout: 300_000 });
  const tree = performance.now() - started;
  await treeRows(page, 'People & Organizations').nth(1).waitFor({ timeout: 600_000 });
  return { workbench, tree, people: performance.now() - started };
}

interface Opening {
  /** The workbench up with the Corpus Lens container open: VS Code's own start, the baseline. */
  workbench: number;
  tree: number;
  people: number;
}

async function hoverTimes(page: Page): Promise<number[]> {
  await openFile(page, 'notes.md');
  const times: number[] = [];
  for (const [line, words] of HOVERS) {
    await page.mouse.move(0, 0);
    await page
      .locator('.monaco-hover', { hasText: 'Mentioned in' })
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);
    const { x, y } = await wordPosition(page, line, words);
    times.push(
      await until(async () => {
        await page.mouse.move(x, y);
        await page.locator('.monaco-hover', { hasText: 'Mentioned in' }).waitFor({ timeout: 30_000 });
      }),
    );
  }
  return times;
}

async function referencesTime(page: Page): Promise<number> {
  await hoverWord(page, 'Tony Blair and Gordon', 'Tony Blair');
  await page.mouse.down();
  await page.mouse.up();
  return until(async () => {
    await page.keyboard.press('Shift+F12');
    await page.locator('.zone-widget .peekview-title', { hasText: /reference/i }).waitFor({ timeout: 60_000 });
  });
}

export async function benchVscode(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const workspace = makeBbcWorkspace(args.corpus, { sourcesFile: true });
  const server = await startCodeServer();
  const browser = await launchBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const url = server.url(workspace);
    const cold = await open(page, url);
    const warm: Opening[] = [];
    for (let run = 0; run < args.runs; run++) warm.push(await open(page, url));
    const hovers = await hoverTimes(page);
    const references = await referencesTime(page);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    printTable(`VS Code on ${args.corpus} (${args.runs} reopen(s); times from opening the workspace URL)`, [
      ['VS Code up, Corpus Lens container open, cold', s(cold.workbench)],
      ['tree shows, cold (no cache)', s(cold.tree)],
      ['People view shows, cold', s(cold.people)],
      ['VS Code up, container open, reopened (median)', s(median(warm.map((w) => w.workbench)))],
      ['tree shows, reopened (median)', s(median(warm.map((w) => w.tree)))],
      ['People view shows, reopened (median)', s(median(warm.map((w) => w.people)))],
      ['first hover on a name, median / max', `${Math.round(median(hovers))} / ${Math.round(Math.max(...hovers))} ms`],
      ['  each (mouse move to card, editor.hover.delay 100 ms)', HOVERS.map(([, words], i) => `${words} ${Math.round(hovers[i])}`).join(', ')],
      ['Find All References (Tony Blair)', `${Math.round(references)} ms`],
    ]);
  } finally {
    await browser.close();
    server.stop();
  }
}
