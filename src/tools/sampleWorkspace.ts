/** A throwaway workspace holding the sample corpus and a note that mentions a few names (for npm start and tests). */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SAMPLE_NOTE = `# Notes on the Syria talks

Sergey Lavrov keeps denying any secret negotiations with the United States.
John Kerry says a deal is close; Staffan de Mistura wants a 48-hour pause in Aleppo.
Who is talking to the Nusra Front, and what does the UN Security Council decide next?

Open the Corpus Lens view in the activity bar to browse the articles by source and date.
`;

export function repoRoot(): string {
  // Bundled into dist/tools/*.js or dist/test/*.js: the repo is the folder above dist.
  let dir = __dirname;
  while (path.basename(dir) !== 'dist' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.basename(dir) === 'dist' ? path.dirname(dir) : path.resolve(__dirname, '..', '..');
}

/** Creates `<tmp>/corpus-lens-<kind>-XXXX/` with `seeds/` and `notes.md` (or only a note, for `empty`). */
export function makeWorkspace(kind: 'sample' | 'empty', parent = os.tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  return fillWorkspace(mkdtempSync(path.join(parent, `corpus-lens-${kind}-`)), kind);
}

/** Puts the sample corpus and note into a folder (created if needed) and returns it. */
export function fillWorkspace(dir: string, kind: 'sample' | 'empty'): string {
  mkdirSync(dir, { recursive: true });
  if (kind === 'sample') {
    cpSync(path.join(repoRoot(), 'seeds'), path.join(dir, 'seeds'), { recursive: true });
    writeFileSync(path.join(dir, 'notes.md'), SAMPLE_NOTE);
  } else {
    writeFileSync(path.join(dir, 'my-notes.md'), '# My notes\n\nNothing about a corpus yet.\n');
  }
  return dir;
}
