/** BILOU tags over PER / ORG / LOC / MISC, conversions between tags and spans, and legal transitions. */

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Index 0 is O; then B, I, L, U for each type in ENTITY_TYPES order. */
export const TAGS: string[] = ['O', ...ENTITY_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];
export const TAG_COUNT = TAGS.length;
/** The virtual tag before the first token. */
export const START = TAG_COUNT;

/** A span over token indexes [start, end). */
export interface TokenSpan {
  type: EntityType;
  start: number;
  end: number;
}

const prefixOf = (tag: number): string => TAGS[tag][0];
export const typeOf = (tag: number): EntityType => ENTITY_TYPES[(tag - 1) >> 2];
const tagIndex = (prefix: string, type: EntityType): number => 1 + ENTITY_TYPES.indexOf(type) * 4 + 'BILU'.indexOf(prefix);

export function spansToTags(spans: TokenSpan[], length: number): number[] {
  const tags = new Array<number>(length).fill(0);
  for (const span of spans) {
    if (span.end - span.start === 1) tags[span.start] = tagIndex('U', span.type);
    else {
      tags[span.start] = tagIndex('B', span.type);
      for (let i = span.start + 1; i < span.end - 1; i++) tags[i] = tagIndex('I', span.type);
      tags[span.end - 1] = tagIndex('L', span.type);
    }
  }
  return tags;
}

/** Reads spans back from tags; a malformed sequence (never produced by the constrained decoder) is read leniently. */
export function tagsToSpans(tags: ArrayLike<number>): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | undefined;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    const prefix = tag === 0 ? 'O' : prefixOf(tag);
    if (open && (prefix === 'O' || prefix === 'B' || prefix === 'U' || typeOf(tag) !== open.type)) {
      spans.push(open);
      open = undefined;
    }
    if (prefix === 'O') continue;
    if (prefix === 'U') spans.push({ type: typeOf(tag), start: i, end: i + 1 });
    else if (open) open.end = i + 1;
    else open = { type: typeOf(tag), start: i, end: i + 1 };
    if (prefix === 'L' && open) {
      spans.push(open);
      open = undefined;
    }
  }
  if (open) spans.push(open);
  return spans;
}

/** allowed[prev * TAG_COUNT + cur], with prev = START for the first token. */
export const ALLOWED: Uint8Array = (() => {
  const allowed = new Uint8Array((TAG_COUNT + 1) * TAG_COUNT);
  for (let prev = 0; prev <= TAG_COUNT; prev++) {
    for (let cur = 0; cur < TAG_COUNT; cur++) {
      const inside = prev < TAG_COUNT && (prefixOf(prev) === 'B' || prefixOf(prev) === 'I');
      const continues = cur !== 0 && (prefixOf(cur) === 'I' || prefixOf(cur) === 'L');
      allowed[prev * TAG_COUNT + cur] = Number(inside ? continues && typeOf(cur) === typeOf(prev) : !continues);
    }
  }
  return allowed;
})();

/** Tags a sequence may end on: O, L-x, U-x. */
export const CAN_END: Uint8Array = Uint8Array.from(TAGS, (t) => Number(t === 'O' || t[0] === 'L' || t[0] === 'U'));
