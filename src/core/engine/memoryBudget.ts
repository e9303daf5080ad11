/**
 * The memory guard: before the search index is built or loaded, the heap it will need is estimated
 * from the text it holds; past the budget the engine says so and goes on without search, instead of
 * running out of heap (which kills the whole engine, tree and hovers with it).
 */
import * as os from 'node:os';
import * as v8 from 'node:v8';

const MB = 1024 * 1024;
/**
 * Memory per byte of reading text while minisearch builds or loads its index, the peak of loading
 * its JSON included, and per article: measured with `npm run bench -- stores` on the BBC corpus ×20
 * (1,658 MB for 90 MB of text) and ×50 (3,956 MB for 225 MB).
 */
export const INDEX_HEAP_PER_TEXT_BYTE = 16;
export const INDEX_HEAP_PER_ARTICLE = 2_000;

/** The heap the engine may use by default: most of what V8 allows this thread, and never more than half the machine's memory. */
export function defaultBudgetMB(): number {
  const heapLimitMB = v8.getHeapStatistics().heap_size_limit / MB;
  return Math.floor(Math.min(heapLimitMB * 0.85, os.totalmem() / MB / 2));
}

/** The heap limit a worker engine gets: room for a large index, within half of the machine's memory. */
export function workerHeapLimitMB(): number {
  return Math.floor(Math.max(v8.getHeapStatistics().heap_size_limit / MB, Math.min(os.totalmem() / MB / 2, 16_384)));
}

export function estimatedIndexMB(textBytes: number, articles: number): number {
  return Math.ceil((textBytes * INDEX_HEAP_PER_TEXT_BYTE + articles * INDEX_HEAP_PER_ARTICLE) / MB);
}

/** The message when the index would not fit: the corpus size, the budget, and the ways out. */
export function overBudgetMessage(articles: number, textBytes: number, neededMB: number, budgetMB: number): string {
  return (
    `Search is off for this corpus: its index (${articles.toLocaleString('en')} articles, ${size(textBytes)} of text) ` +
    `would need about ${neededMB.toLocaleString('en')} MB of memory, over the budget of ${budgetMB.toLocaleString('en')} MB. ` +
    "The Articles tree, hovers and names keep working. To search it, raise corpusLens.memoryBudgetMB (the CLI's --memory-budget) " +
    'or open fewer corpus folders at once.'
  );
}

function size(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB).toLocaleString('en')} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
