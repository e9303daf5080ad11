import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../src/tools/browser';
import { startCodeServer, type RunningCodeServer } from '../../src/tools/codeServer';
import { makeWorkspace, repoRoot } from '../../src/tools/sampleWorkspace';
import { openCorpusLensContainer, openWorkbench, screenshot, treeLabels, waitForTreeLabel } from './helpers';

describe('the packaged .vsix', () => {
  let server: RunningCodeServer | undefined;
  let browser: BrowserContext | undefined;

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('installs into code-server and shows the tree and the people (the packaged model) without the development path', async () => {
    const vsix = path.join(mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-vsix-')), 'corpus-lens.vsix');
    const vsce = path.join(repoRoot(), 'node_modules', '.bin', 'vsce');
    execFileSync(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--skip-license', '-o', vsix], { cwd: repoRoot(), stdio: 'pipe' });
    server = await startCodeServer({ installVsix: vsix });
    browser = await launchBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    await openWorkbench(page, server.plainUrl(makeWorkspace('sample')));
    await openCorpusLensContainer(page);
    await waitForTreeLabel(page, 'Unknown source');
    assert.deepEqual(await treeLabels(page), ['EIR', 'RFE/RL', 'SANA', 'Sputnik', 'Unknown source']);
    await waitForTreeLabel(page, 'Sergei Lavrov', 'People & Organizations');
    await screenshot(page, 'installed-vsix');
  });
});
