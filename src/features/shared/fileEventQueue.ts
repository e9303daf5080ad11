/**
 * File events coalesced: a `git checkout` of the corpus fires thousands of them within a second.
 * Each path keeps only its last event; a batch goes out once the events pause (or every second
 * during a long burst), one batch at a time, so the engine resolves the entities once per batch.
 */
export type FileEvent = 'updated' | 'removed';

const QUIET_MS = 150;
const MAX_WAIT_MS = 1000;

export class FileEventQueue {
  private readonly pending = new Map<string, FileEvent>();
  private timer: NodeJS.Timeout | undefined;
  private firstAt = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly apply: (updated: string[], removed: string[]) => Promise<unknown>) {}

  add(path: string, event: FileEvent): void {
    if (this.pending.size === 0) this.firstAt = Date.now();
    this.pending.delete(path); // the last event decides, and keeps its place at the end
    this.pending.set(path, event);
    clearTimeout(this.timer);
    const waited = Date.now() - this.firstAt;
    this.timer = setTimeout(() => this.flush(), waited >= MAX_WAIT_MS ? 0 : QUIET_MS);
  }

  /** Sends what is pending after the batch in flight; resolves when it has been applied. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.pending.size === 0) return this.running;
    const events = [...this.pending];
    this.pending.clear();
    const updated = events.filter(([, e]) => e === 'updated').map(([p]) => p);
    const removed = events.filter(([, e]) => e === 'removed').map(([p]) => p);
    this.running = this.running
      .then(() => this.apply(updated, removed))
      .then(
        () => undefined,
        () => undefined,
      );
    return this.running;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }
}
