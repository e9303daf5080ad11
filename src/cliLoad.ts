/** What every corpus command of the CLI shares: where its stores are kept, and how a load's problems are said. */
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Problem } from './core/types';

/** A cache folder per corpus under the user's cache directory, so a second run on the same corpus starts warm. */
export function defaultCacheDir(corpus: string): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'corpus-lens', createHash('sha1').update(corpus).digest('hex').slice(0, 16));
}

export function reportLoad(args: { corpus: string }, problems: Problem[], cacheUnwritable: string | undefined, err: (s: string) => void): void {
  for (const p of problems) err(`corpus-lens: ${path.relative(args.corpus, p.path) || p.path}: ${p.message}`);
  if (cacheUnwritable) err(`corpus-lens: ${cacheUnwritable}`);
}
