/** Turning the bytes of a capture into text, whatever encoding mess it arrives in. */
// Node's TextDecoder reads 'windows-1252' as latin1 (0x93 is not “), so iconv-lite does that one.
import type * as Iconv from 'iconv-lite';

let iconvModule: typeof Iconv | undefined;
/** iconv-lite and its tables, loaded for the first file that is not plain UTF-8 (not with the engine). */
function iconv(): typeof Iconv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load: esbuild bundles it, the engine starts without it
  return (iconvModule ??= require('iconv-lite') as typeof Iconv);
}

export class UnreadableContentError extends Error {}

export interface DecodedText {
  text: string;
  /** Set when the bytes were not valid UTF-8 and were read as windows-1252. */
  fallbackEncoding?: 'windows-1252';
  /** How the bytes were read when not as plain UTF-8, in words for the output channel. */
  note?: string;
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
  const declared = declaredCharset(body);
  if (declared) return { text: normaliseNewlines(iconv().decode(Buffer.from(body), declared)), note: `read as ${declared}, as its <meta charset> says` };
  try {
    return { text: normaliseNewlines(new TextDecoder('utf-8', { fatal: true }).decode(body)) };
  } catch {
    if (hasUtf8Sequences(body))
      return { text: normaliseNewlines(decodeMixedUtf8(body)), note: 'a few bytes are not valid UTF-8; those were read as windows-1252, the rest as UTF-8' };
    return {
      text: normaliseNewlines(iconv().decode(Buffer.from(body), 'windows-1252')),
      fallbackEncoding: 'windows-1252',
      note: 'not valid UTF-8; read as windows-1252',
    };
  }
}

/** A page's declared encoding (`<meta charset>`, or the http-equiv Content-Type) when it is not UTF-8 and iconv-lite knows it. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const found = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!found || /^utf-?8$/.test(found) || !iconv().encodingExists(found)) return undefined;
  // Pages that say latin-1 nearly always mean windows-1252 (what browsers do).
  return /^(iso-8859-1|latin-?1|us-ascii|ascii)$/.test(found) ? 'windows-1252' : found;
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  for (let k = 1; k < length; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return 0;
  return length;
}

/** Any multi-byte UTF-8 sequence: the file is UTF-8 with a few stray bytes, not windows-1252 throughout. */
function hasUtf8Sequences(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0xc2 && utf8SequenceAt(bytes, i) > 1) return true;
  return false;
}

/** Valid UTF-8 as UTF-8, each invalid byte on its own as windows-1252 ("Mäscot" stays "Mäscot" around one stray byte). */
function decodeMixedUtf8(bytes: Uint8Array): string {
  const parts: string[] = [];
  const utf8 = new TextDecoder('utf-8');
  let runStart = 0;
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceAt(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    parts.push(utf8.decode(bytes.subarray(runStart, i)), iconv().decode(Buffer.from([bytes[i]]), 'windows-1252'));
    runStart = ++i;
  }
  parts.push(utf8.decode(bytes.subarray(runStart)));
  return parts.join('');
}

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
