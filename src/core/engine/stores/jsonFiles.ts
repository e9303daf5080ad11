/**
 * Versioned JSON files of the on-disk stores, written atomically (temp file, then rename): a
 * missing one is built, a corrupt or old one is rebuilt and says why.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A versioned JSON cache: missing, usable, or invalid with the reason (then it is rebuilt). */
export async function readJsonCache<T extends { version: number }>(
  file: string,
  version: number,
  complete: (data: T) => boolean,
): Promise<{ data: T } | { missing: true } | { invalid: string }> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { invalid: `cannot be read (${(error as Error).message})` };
  }
  try {
    const data = JSON.parse(raw) as T;
    if (data?.version !== version) return { invalid: `is from another version (${String(data?.version)}, expected ${version})` };
    if (!complete(data)) return { invalid: 'is incomplete' };
    return { data };
  } catch (error) {
    return { invalid: `is corrupt (${(error as Error).message})` };
  }
}

export async function writeJsonAtomically(file: string, data: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Unique per write: two saves of one file in the same millisecond (a background save and an asked one) shared a name, and one's rename failed.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(temp, asciiJson(data));
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * JSON in ASCII, every other character as a `\u` escape: read back, the file is a one-byte string. One
 * character past Latin-1 anywhere (the parse rules' signature has "’") had made the whole file a
 * two-byte string, twice its size while it is parsed (×50: the summaries 26 MB instead of 13).
 */
export function asciiJson(data: unknown): string {
  return JSON.stringify(data).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
