/** `node dist/tools/makeSampleWorkspace.js DIR`: the sample workspace (seeds/ and notes.md) in DIR, made anew, for F5's in-host tests. */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { fillWorkspace } from './sampleWorkspace';

const dir = path.resolve(process.argv[2] ?? path.join('.vscode-test', 'sample-workspace'));
rmSync(dir, { recursive: true, force: true });
console.log(fillWorkspace(dir, 'sample'));
