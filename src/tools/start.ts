/**
 * `npm start`: VS Code on a workspace holding the sample corpus and an example note.
 * Desktop VS Code when `code` is on PATH; otherwise VS Code for the web (code-server) on 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { fillWorkspace, repoRoot } from './sampleWorkspace';

const DEFAULT_PORT = 8080;

/** One sample workspace, kept between runs so that the user's own notes in it survive. */
function sampleWorkspace(): string {
  const dir = process.env.CORPUS_LENS_WORKSPACE ?? path.join(repoRoot(), '.vscode-test', 'sample-workspace');
  return existsSync(dir) ? dir : fillWorkspace(dir, 'sample');
}

function hasDesktopCode(): boolean {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const workspace = sampleWorkspace();
  if (hasDesktopCode() && !process.env.CORPUS_LENS_WEB) {
    spawn('code', [`--extensionDevelopmentPath=${repoRoot()}`, workspace], { stdio: 'inherit', detached: true }).unref();
    console.log(`Opened VS Code on ${workspace} with Corpus Lens loaded from ${repoRoot()}.`);
    return;
  }
  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const server = await startCodeServer({ port });
  console.log(`\nCorpus Lens is running in VS Code for the web. Open this URL in a browser:\n\n  ${server.url(workspace)}\n`);
  console.log(`Workspace: ${workspace} (the sample corpus in seeds/, a note in notes.md). Press Ctrl+C to stop.`);
  const stop = (): void => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
