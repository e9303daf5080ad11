/**
 * File changes as the entities take them: the changed articles' names apply at once, for the
 * entities as they are; the whole corpus is resolved again a moment after the last change (it
 * takes seconds on a large corpus, and a burst of events waits for its end).
 */
import type { CorpusEntities } from '../entities/corpusEntities';
import type { Article } from '../types';

/** How long after the last file change the corpus's entities are resolved again. */
const SETTLE_MS = 500;

export type EntityChange = { article: Article; previous?: readonly string[] } | { removed: string; previous?: readonly string[] };

export class EntityChanges {
  /** True while a batch of file events is applied: changes wait for `flush`. */
  holding = false;
  private changed = new Map<string, { article: Article; previous?: readonly string[] }>();
  private removed = new Map<string, readonly string[] | undefined>();
  private pendingSettle: NodeJS.Timeout | undefined;

  constructor(
    private readonly entities: CorpusEntities,
    private readonly changedEntities: () => void,
  ) {}

  add(change: EntityChange): void {
    if ('article' in change) {
      const path = change.article.path;
      // The counts must lose the text the corpus had before this batch, not an intermediate version.
      const before = this.changed.get(path)?.previous ?? this.removed.get(path) ?? change.previous;
      this.removed.delete(path);
      this.changed.set(path, { article: change.article, previous: before });
    } else {
      const before = this.changed.get(change.removed)?.previous ?? change.previous;
      this.changed.delete(change.removed);
      this.removed.set(change.removed, before);
    }
    if (!this.holding) this.flush();
  }

  flush(): void {
    const [changed, removed] = [this.changed, this.removed];
    this.changed = new Map();
    this.removed = new Map();
    if (changed.size === 0 && removed.size === 0) return;
    this.entities.update(
      [...changed.values()],
      [...removed].map(([path, previous]) => ({ path, previous })),
      false,
    );
    this.changedEntities();
    clearTimeout(this.pendingSettle);
    this.pendingSettle = setTimeout(() => this.settle(), SETTLE_MS);
  }

  /** Resolves the corpus again now, if changes are waiting for it. */
  settle(): void {
    clearTimeout(this.pendingSettle);
    if (this.entities.index.settle()) this.changedEntities();
  }

  dispose(): void {
    clearTimeout(this.pendingSettle);
  }
}
