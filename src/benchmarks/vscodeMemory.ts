/**
 * `npm run bench -- vscode-memory --corpus DIR --copies N [--backend] [--runs R]`: a real VS Code
 * (code-server + Chromium) on N copies of a corpus, as a person opens it: the time until the Articles
 * tree shows, until Search Articles lists hits, until the People view lists names (and half a minute and two minutes later), and the memory of
 * the extension host process (Corpus Lens's engine is a worker thread in it) read from /proc at each
 * step. `--backend`: on a PostgreSQL database the ingest filled (the articles and their names), as a
 * team's reader; without it, the embedded engine. A first opening reads every file (no cache), the
 * reopenings read the cache.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parseArguments, wholeNumber } from '../args';
import { launchBrowser } from '../tools/browser';
import { startCodeServer } from '../tools/codeServer';
import { fillCorpusDatabase } from '../tools/corpusDatabase';
import { createCorpusDatabase, startPgServer, withoutPassword, type PgServer } from '../tools/pgServer';
import { BBC_NOTE } from '../tools/sampleWorkspace';
import { openCorpusLensContainer, openWorkbench, runCommand, treeRows } from '../tools/workbench';
import { SERVER_SETTINGS } from './backend';
import { median, printTable } from './common';

interface ProcessMemory {
  rssMB: number;
  peakMB: number;
}

/** Fields of /proc/PID/stat after the command's name: [0] state, [2] process group, [19] start time. */
function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The newest extension host that code-server (process group `group`) started. */
function extensionHostPid(group: number): string {
  let newest: { pid: string; started: number } | undefined;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const fields = statFields(pid);
    if (!fields || Number(fields[2]) !== group) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!command.includes('extensionHost')) continue;
    const started = Number(fields[19]);
    if (!newest || started > newest.started) newest = { pid, started };
  }
  if (!newest) throw new Error('no extension host process found');
  return newest.pid;
}

function memoryOf(pid: string): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMB: kB('VmRSS') / 1024, peakMB: kB('VmHWM') / 1024 };
}

interface Opening {
  /** The workbench up with the Corpus Lens container open: VS Code's own start. */
  workbenchMs: number;
  treeMs: number;
  searchMs: number;
  peopleMs: number;
  /** The extension host's memory when search answered, then when the People view showed, and its peak. */
  atSearch: ProcessMemory;
  atPeople: ProcessMemory;
  /** Half a minute later, the window left alone: the names' reading and the stories' clustering just over. */
  settled: ProcessMemory;
  /**
   * Two minutes after the People view, still alone: V8 gives a heap's garbage back to the system only
   * when its memory reducer runs, about 45 s after a burst of work.
   */
  later: ProcessMemory;
}

/** How long the window is left alone after the People view shows, before its memory is read again; then until the second reading. */
const SETTLE_MS = 30_000;
const LATER_MS = 120_000;

/** N copies of the corpus under corpus/ and the BBC note. */
function makeWorkspace(corpus: string, copies: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-memory-'));
  for (let i = 1; i <= copies; i++) cpSync(corpus, path.join(dir, 'corpus', `copy-${i}`), { recursive: true });
  writeFileSync(path.join(dir, 'notes.md'), BBC_NOTE);
  return dir;
}

/** The corpus folder, and the database's address (without its password) when there is one. */
function writeSettings(workspace: string, backendUrl: string | undefined): void {
  mkdirSync(path.join(workspace, '.vscode'));
  const settings = { 'corpusLens.corpusFolders': ['corpus'], ...(backendUrl ? { 'corpusLens.backend.url': backendUrl } : {}) };
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
}

async function searchListsHits(page: Page): Promise<void> {
  await runCommand(page, 'Corpus Lens: Search Articles');
  const input = page.locator('.quick-input-widget input');
  await input.fill('government');
  // One row while the index loads or for an error; hits fill the list.
  await page.locator('.quick-input-list .monaco-list-row').nth(4).waitFor({ timeout: 600_000 });
  await page.keyboard.press('Escape');
}

/** `first`: what a person does as the window opens, within the times (typing the database's password). */
async function open(page: Page, url: string, host: () => string, first?: (page: Page) => Promise<void>): Promise<Opening> {
  const started = performance.now();
  const since = () => performance.now() - started;
  await openWorkbench(page, url);
  await openCorpusLensContainer(page);
  const workbenchMs = since();
  await first?.(page);
  await treeRows(page).first().waitFor({ timeout: 900_000 });
  const treeMs = since();
  await searchListsHits(page);
  const searchMs = since();
  const pid = host();
  const atSearch = memoryOf(pid);
  await treeRows(page, 'People & Organizations').nth(1).waitFor({ timeout: 900_000 });
  const peopleMs = since();
  const atPeople = memoryOf(pid);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const settled = memoryOf(pid);
  await new Promise((resolve) => setTimeout(resolve, LATER_MS - SETTLE_MS));
  return { workbenchMs, treeMs, searchMs, peopleMs, atSearch, atPeople, settled, later: memoryOf(pid) };
}

/** A database the ingest filled from the workspace's corpus (articles and names), read by a read-only role. */
async function readerDatabase(corpus: string): Promise<{ server: PgServer; url: string; password: string }> {
  const server = await startPgServer({ settings: SERVER_SETTINGS });
  const urls = await createCorpusDatabase(server, 'lens');
  await fillCorpusDatabase(urls.ingestUrl, corpus, 'lens_reader');
  return { server, ...withoutPassword(urls.readerUrl) };
}

async function setPassword(page: Page, password: string): Promise<void> {
  await runCommand(page, 'Corpus Lens: Set Database Password');
  await page.locator('.quick-input-widget', { hasText: 'secret storage' }).waitFor();
  await page.locator('.quick-input-widget input').fill(password);
  await page.keyboard.press('Enter');
}

/** The extension host of the same workspace without Corpus Lens (the baseline), after its start settled. */
async function hostWithoutCorpusLens(page: Page, url: string, host: () => string): Promise<ProcessMemory> {
  await openWorkbench(page, url);
  await page.waitForTimeout(10_000);
  return memoryOf(host());
}

export async function benchVscodeMemory(argv: string[]): Promise<void> {
  const { values } = parseArguments(argv, { corpus: { type: 'string' }, copies: { type: 'string' }, runs: { type: 'string' }, backend: { type: 'boolean' } });
  if (!values.corpus) throw new Error('--corpus DIR is required');
  const copies = wholeNumber(values.copies, '--copies', 1);
  const runs = wholeNumber(values.runs, '--runs', 3);
  const workspace = makeWorkspace(path.resolve(values.corpus), copies);
  let database: Awaited<ReturnType<typeof readerDatabase>> | undefined;
  if (values.backend) {
    const ingestStarted = performance.now();
    // The workspace's own files: the database's paths (relative to corpus/) are the window's.
    database = await readerDatabase(path.join(workspace, 'corpus'));
    console.log(`ingest (articles and names): ${((performance.now() - ingestStarted) / 1000).toFixed(0)} s`);
  }
  writeSettings(workspace, database?.url);
  const server = await startCodeServer();
  const browser = await launchBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const url = server.url(workspace);
    const host = () => extensionHostPid(server.pid);
    const password = database?.password;
    const baseline = await hostWithoutCorpusLens(page, server.plainUrl(workspace), host);
    const first = await open(page, url, host, password ? (p) => setPassword(p, password) : undefined);
    const again: Opening[] = [];
    for (let run = 0; run < runs; run++) again.push(await open(page, url, host));
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const mb = (value: number) => `${Math.round(value)} MB`;
    const med = (pick: (o: Opening) => number) => median(again.map(pick));
    printTable(
      `VS Code on ${values.corpus} × ${copies}, ${database ? 'PostgreSQL backend (read-only role, names stored by the ingest)' : 'embedded engine'}; reopened ${runs}×, medians`,
      [
        ['extension host without Corpus Lens (same workspace, 10 s after it opened): RSS; peak', `${mb(baseline.rssMB)}; ${mb(baseline.peakMB)}`],
        ['VS Code up, Corpus Lens container open: first / reopened', `${s(first.workbenchMs)} / ${s(med((o) => o.workbenchMs))}`],
        ['first opening (no cache): tree / search lists hits / People view', `${s(first.treeMs)} / ${s(first.searchMs)} / ${s(first.peopleMs)}`],
        [
          'first opening: extension host RSS at search / at People / 30 s later / 2 min later; peak',
          `${mb(first.atSearch.rssMB)} / ${mb(first.atPeople.rssMB)} / ${mb(first.settled.rssMB)} / ${mb(first.later.rssMB)}; ${mb(first.later.peakMB)}`,
        ],
        ['reopened: tree / search lists hits / People view', `${s(med((o) => o.treeMs))} / ${s(med((o) => o.searchMs))} / ${s(med((o) => o.peopleMs))}`],
        [
          'reopened: extension host RSS at search / at People / 30 s later / 2 min later; peak',
          `${mb(med((o) => o.atSearch.rssMB))} / ${mb(med((o) => o.atPeople.rssMB))} / ${mb(med((o) => o.settled.rssMB))} / ${mb(med((o) => o.later.rssMB))}; ${mb(med((o) => o.later.peakMB))}`,
        ],
        ['reopened: peak RSS when search answered', mb(med((o) => o.atSearch.peakMB))],
      ],
    );
  } finally {
    await browser.close();
    server.stop();
    database?.server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}
