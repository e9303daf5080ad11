/** `node dist/tools/makeSampleWorkspace.js DIR`: a fresh sample workspace (seeds/ and notes.md) in DIR for F5's in-host tests (not npm start's, which keeps your notes). */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { fillWorkspace } from './sampleWorkspace';

const dir = path.resolve(process.argv[2] ?? path.join('.vscode-test', 'host-test-workspace'));
rmSync(dir, { recursive: true, force: true });
console.log(fillWorkspace(dir, 'sample'));
