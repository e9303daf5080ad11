/**
 * Many small arrays of numbers kept in one typed array: a typed array of its own costs about 200
 * bytes besides its numbers (its object, its buffer's), more than an article's mentions or names
 * take. Parts let go are counted, and the array is rewritten without them when they are most of it.
 */

/** Numbers appended to one typed array, each run found again by where it starts and how long it is. */
export class Arena<T extends Int32Array | Uint8Array> {
  used = 0;
  live = 0;
  constructor(
    public array: T,
    private readonly make: (length: number) => T,
  ) {}

  static ofInts(length = 1024): Arena<Int32Array> {
    return new Arena(new Int32Array(length), (n) => new Int32Array(n));
  }

  static ofBytes(length = 4096): Arena<Uint8Array> {
    return new Arena(new Uint8Array(length), (n) => new Uint8Array(n));
  }

  append(values: ArrayLike<number>): number {
    const at = this.used;
    if (at + values.length > this.array.length) this.resize(Math.max(grownLength(this.array.length), at + values.length));
    this.array.set(values, at);
    this.used += values.length;
    this.live += values.length;
    return at;
  }

  /** The run at `start` (a view: read it now, it is not updated by later changes). */
  view(start: number, length: number): T {
    return this.array.subarray(start, start + length) as T;
  }

  release(length: number): void {
    this.live -= length;
  }

  /** Room for `more` numbers, made at once (growing by doubling holds the old array and the new one, up to half of it empty). */
  reserve(more: number): void {
    if (this.used + more > this.array.length) this.resize(this.used + more);
  }

  /** Without the room left for more (after a corpus's articles were all added). */
  trim(): void {
    if (this.array.length > this.used) this.resize(this.used);
  }

  private resize(length: number): void {
    this.array = resized(this.array, length, this.make);
  }

  get wasteful(): boolean {
    return this.used > 4096 && this.live < this.used / 2;
  }

  /** A new arena of the live runs: `moveAll` appends each to it (and keeps where it went). */
  compacted(moveAll: (into: Arena<T>) => void): Arena<T> {
    const into = new Arena(this.make(Math.max(1024, this.live)), this.make);
    moveAll(into);
    return into;
  }
}

/** Small arrays double; a large one (a corpus's, trimmed after its load) grows by a quarter when one article changes. */
function grownLength(length: number): number {
  return length < 1 << 20 ? 2 * length : length + (length >> 2);
}

/** Slots for keys, reused when a key goes: each slot one place in some per-slot columns. */
export class Slots {
  private readonly numbers = new Map<string, number>();
  private readonly free: number[] = [];

  get size(): number {
    return this.numbers.size;
  }

  /** How many slots exist, in use or free (the columns' length needed). */
  get extent(): number {
    return this.numbers.size + this.free.length;
  }

  keys(): IterableIterator<string> {
    return this.numbers.keys();
  }

  entries(): IterableIterator<[string, number]> {
    return this.numbers.entries();
  }

  of(key: string): number | undefined {
    return this.numbers.get(key);
  }

  /** The key's slot; a key that has none gets one (a key set again keeps its slot and its place in the order). */
  take(key: string): number {
    const had = this.numbers.get(key);
    if (had !== undefined) return had;
    const slot = this.free.pop() ?? this.numbers.size;
    this.numbers.set(key, slot);
    return slot;
  }

  release(key: string): number | undefined {
    const slot = this.numbers.get(key);
    if (slot === undefined) return undefined;
    this.numbers.delete(key);
    this.free.push(slot);
    return slot;
  }

  clear(): void {
    this.numbers.clear();
    this.free.length = 0;
  }
}

/** A typed array as long as `length`, with the first numbers of `array` (as many as fit). */
export function resized<T extends Int32Array | Uint32Array | Uint8Array>(array: T, length: number, make: (length: number) => T): T {
  const grown = make(length);
  grown.set(array.subarray(0, Math.min(length, array.length)));
  return grown;
}

/** Arrays of 32-bit integers by key (an article's mentions by its path), in one typed array. */
export class Int32ArraysByKey {
  private readonly slots = new Slots();
  private arena = Arena.ofInts();
  private starts = new Int32Array(0);
  private lengths = new Int32Array(0);

  get size(): number {
    return this.slots.size;
  }

  /** Numbers held, the parts let go and not yet rewritten included. */
  get held(): number {
    return this.arena.used;
  }

  keys(): IterableIterator<string> {
    return this.slots.keys();
  }

  has(key: string): boolean {
    return this.slots.of(key) !== undefined;
  }

  /** Room for `keys` more keys holding `values` numbers in all, made at once. */
  reserve(keys: number, values: number): void {
    this.arena.reserve(values);
    if (this.slots.extent + keys > this.starts.length) this.resize(this.slots.extent + keys);
  }

  set(key: string, values: ArrayLike<number>): void {
    const had = this.slots.of(key);
    if (had !== undefined) this.arena.release(this.lengths[had]);
    const slot = this.slots.take(key);
    if (slot >= this.starts.length) this.resize(Math.max(64, 2 * slot));
    this.starts[slot] = this.arena.append(values);
    this.lengths[slot] = values.length;
    if (had !== undefined) this.compactIfWasteful();
  }

  /** The key's numbers, as a view to read now. */
  get(key: string): Int32Array | undefined {
    const slot = this.slots.of(key);
    return slot === undefined ? undefined : this.arena.view(this.starts[slot], this.lengths[slot]);
  }

  delete(key: string): boolean {
    const slot = this.slots.release(key);
    if (slot === undefined) return false;
    this.arena.release(this.lengths[slot]);
    this.compactIfWasteful();
    return true;
  }

  clear(): void {
    this.slots.clear();
    this.arena = Arena.ofInts();
    this.resize(0);
  }

  trim(): void {
    this.arena.trim();
    this.resize(this.slots.extent);
  }

  private resize(length: number): void {
    this.starts = resized(this.starts, length, (n) => new Int32Array(n));
    this.lengths = resized(this.lengths, length, (n) => new Int32Array(n));
  }

  private compactIfWasteful(): void {
    if (!this.arena.wasteful) return;
    this.arena = this.arena.compacted((into) => {
      for (const [, slot] of this.slots.entries()) this.starts[slot] = into.append(this.arena.view(this.starts[slot], this.lengths[slot]));
    });
  }
}
