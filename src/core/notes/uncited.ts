/**
 * Which names of a note are not cited yet: a name of the corpus on a line that is not a quote
 * (`>`, as Insert Citation writes them), not inside a link, an autolink or code, of an entity the
 * note's quotes do not name.
 */
import type { NoteName } from '../engine/readerViews';

/** Where a line's text is a quote, a link, or code: names there are citations or references already. */
export function inertSpans(line: string): [number, number][] {
  if (/^\s*>/.test(line)) return [[0, line.length]];
  return [...line.matchAll(/\[[^\]]*\]\([^)]*\)|<[^>]*>|`[^`]*`|https?:\/\/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** The names to mark, with their 0-based lines. */
export function uncitedNames(lines: readonly string[], names: readonly (readonly NoteName[])[]): { line: number; name: NoteName }[] {
  const cited = new Set<string>();
  lines.forEach((text, line) => {
    if (/^\s*>/.test(text)) for (const name of names[line] ?? []) cited.add(name.id);
  });
  const found: { line: number; name: NoteName }[] = [];
  lines.forEach((text, line) => {
    const inert = inertSpans(text);
    for (const name of names[line] ?? []) {
      if (!cited.has(name.id) && !inert.some(([a, b]) => name.start < b && name.end > a)) found.push({ line, name });
    }
  });
  return found;
}
