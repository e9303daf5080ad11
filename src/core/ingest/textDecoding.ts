/** Turning the bytes of a capture into text, whatever encoding mess it arrives in. */
// Node's TextDecoder reads 'windows-1252' as latin1 (0x93 is not “), so iconv-lite does that one.
import * as iconv from 'iconv-lite';

export class UnreadableContentError extends Error {}

export interface DecodedText {
  text: string;
  /** Set when the bytes were not valid UTF-8 and were read as windows-1252. */
  fallbackEncoding?: 'windows-1252';
}

const SNIFF_BYTES = 8192;

function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, and, when the
 * bytes are not valid UTF-8, windows-1252 (what old web captures almost always are).
 * Line endings are normalised to `\n`; the number of lines is unchanged.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: normaliseNewlines(new TextDecoder('utf-16le').decode(bytes.subarray(2))) };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: normaliseNewlines(new TextDecoder('utf-16be').decode(bytes.subarray(2))) };
  if (isBinary(bytes)) throw new UnreadableContentError('looks like a binary file (it contains NUL bytes), not text');
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return { text: normaliseNewlines(new TextDecoder('utf-8', { fatal: true }).decode(body)) };
  } catch {
    return { text: normaliseNewlines(iconv.decode(Buffer.from(body), 'windows-1252')), fallbackEncoding: 'windows-1252' };
  }
}

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
