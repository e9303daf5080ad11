import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/ingest/parse';
import type { Article } from '../../src/core/types';

/** The repo root, whether running from dist/test/unit or test/unit. */
export const repoRoot = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []));
export const seedsDir = path.join(repoRoot, 'seeds');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');

export function tempDir(prefix = 'corpus-lens-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A temporary folder holding a copy of the seeds, for tests that change files. */
export function copyOfSeeds(): string {
  const dir = tempDir();
  for (const f of readdirSync(seedsDir)) copyFileSync(path.join(seedsDir, f), path.join(dir, f));
  return dir;
}

export function parseSeed(name: string): Article {
  const file = path.join(seedsDir, name);
  return parseArticle(file, readFileSync(file, 'utf8'), { size: 0, mtimeMs: 0 });
}

export function parseString(fileName: string, text: string): Article {
  return parseArticle(`/corpus/${fileName}`, text, { size: text.length, mtimeMs: 0 });
}
