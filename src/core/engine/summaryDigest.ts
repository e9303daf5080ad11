/**
 * A digest of the tree's contents (the corpus folders and every article's summary, in order): the
 * extension host keeps its copy of the summaries when the engine's digest is the one it holds, so a
 * reopened window does not receive 111,250 summaries (at ×50) twice more after its snapshot.
 */
import type { ArticleSummary } from '../types';

/** Two 32-bit FNV-1a hashes with different seeds, so a stale tree would need both to collide. */
export class SummaryDigest {
  private low = 0x811c9dc5;
  private high = 0x01000193 ^ 0x5bd1e995;
  private count = 0;

  add(text: string | null): this {
    const value = text ?? '';
    let { low, high } = this;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      low = Math.imul(low ^ code, 0x01000193);
      high = Math.imul(high ^ code, 0x01000193) ^ (high >>> 15);
    }
    // A separator no text has (another for a missing field), so fields cannot run into each other.
    const separator = text === null ? 0x1fffe : 0x1ffff;
    this.low = Math.imul(low ^ separator, 0x01000193);
    this.high = Math.imul(high ^ separator, 0x01000193);
    this.count++;
    return this;
  }

  toString(): string {
    return `${this.count}:${(this.low >>> 0).toString(16)}:${(this.high >>> 0).toString(16)}`;
  }
}

export function summariesDigest(folders: readonly string[], summaries: Iterable<ArticleSummary>): string {
  const digest = new SummaryDigest();
  for (const folder of folders) digest.add(folder);
  digest.add(null);
  for (const { path, title, source, date } of summaries) digest.add(path).add(title).add(source).add(date);
  return digest.toString();
}
