/**
 * `npm run test:electron`: the same in-host suite in desktop VS Code, downloaded by
 * @vscode/test-electron (needs internet; `npm test` uses code-server offline instead).
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { makeWorkspace, repoRoot } from '../src/tools/sampleWorkspace';

async function main(): Promise<void> {
  const root = repoRoot();
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist', 'test', 'host', 'index'),
    launchArgs: [makeWorkspace('sample'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(`In-host tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
