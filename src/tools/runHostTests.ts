/**
 * Runs the in-host mocha suite (dist/test/host) inside a real VS Code 1.100 extension host
 * (code-server), as @vscode/test-electron's extensionTestsPath would, and exits with its result.
 */
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startSeedsDatabase } from './testDatabase';
import { startCodeServer } from './codeServer';
import { makeWorkspace, repoRoot } from './sampleWorkspace';

const TIMEOUT_MS = 5 * 60_000;

async function main(): Promise<number> {
  // For test/host/database.test.ts: the address reaches the extension host through the environment.
  const database = await startSeedsDatabase('hostdb');
  process.env.CORPUS_LENS_TEST_DATABASE = JSON.stringify({ url: database.url, password: database.password });
  const server = await startCodeServer();
  const browser = await launchBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      setTimeout(() => resolve(124), TIMEOUT_MS);
    });
    page.on('console', (message) => {
      void Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '?'))).then((args: unknown[]) => {
        // The extension host's output arrives as ('%c INFO', 'color: …', ...what it logged).
        if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
        else return; // the workbench's own console noise
        process.stdout.write(format(...args) + '\n');
      });
    });
    const workspace = makeWorkspace('sample');
    await page.goto(server.url(workspace, path.join(repoRoot(), 'dist', 'test', 'host', 'index')));
    const code = await exitCode;
    await new Promise((r) => setTimeout(r, 300)); // let the last console lines arrive
    if (code === 124) process.stderr.write(`In-host tests did not finish within ${TIMEOUT_MS / 1000} s\n`);
    return code;
  } finally {
    await browser.close();
    server.stop();
    database.server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`In-host tests could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
