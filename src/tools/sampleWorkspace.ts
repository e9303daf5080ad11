/** Throwaway workspaces: the sample corpus or the BBC corpus, with a note that mentions a few names (for npm start and tests). */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

/** The BBC corpus beside the repo (../shared/corpora/bbc), when this machine has it. */
export function sharedBbcCorpus(): string | undefined {
  const dir = path.resolve(repoRoot(), '..', 'shared', 'corpora', 'bbc');
  return existsSync(dir) ? dir : undefined;
}

export const BBC_NOTE = `# Election notes

Tony Blair and Gordon Brown presented the manifesto; Mr Blair spoke first.
Michael Howard answered for the Conservatives.
Microsoft and Apple fight over music; Chelsea and Jose Mourinho lead the league; the EU watches.
`;

/** An article of our own beside the BBC's: its title and text hold "$(zap)", which must stay text. */
export const ZAP_ARTICLE = `Power $(zap) cut hits Downing Street

Tony Blair's office lost power for an hour on Tuesday, a $(zap) that staff will not forget.
`;

/**
 * A workspace whose corpus/ is a copy of the BBC corpus plus one article of ours, with the note
 * above and, when asked, .corpus-lens/sources.json naming the source and years.
 */
export function makeBbcWorkspace(bbc: string, options: { sourcesFile?: boolean } = {}, parent = os.tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, 'corpus-lens-bbc-'));
  cpSync(bbc, path.join(dir, 'corpus'), { recursive: true });
  mkdirSync(path.join(dir, 'corpus', 'extra'));
  writeFileSync(path.join(dir, 'corpus', 'extra', 'zap.txt'), ZAP_ARTICLE);
  writeFileSync(path.join(dir, 'notes.md'), BBC_NOTE);
  if (options.sourcesFile) {
    mkdirSync(path.join(dir, '.corpus-lens'));
    writeFileSync(
      path.join(dir, '.corpus-lens', 'sources.json'),
      '// The dataset: BBC News, 2004-2005\n[{ "files": "corpus/*/*.txt", "source": "BBC News", "dates": "2004..2005" }]\n',
    );
  }
  return dir;
}
