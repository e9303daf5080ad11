/**
 * From a place in a paragraph's reading text back to the file: its line, column and offset. The
 * paragraph knows on which line each of its lines began; the column is where the name is written on
 * that line, the occurrence nearest to where the collapsed text puts it.
 */
import { lineStartInParagraph, paragraphLine, type Paragraph } from '../types';

export interface FilePlace {
  /** 0-based line and column, and offsets into the file's text (end excluded). */
  line: number;
  column: number;
  start: number;
  end: number;
}

export interface FileLines {
  lines: string[];
  /** Offset in the text where each line begins. */
  starts: number[];
}

export function fileLines(text: string): FileLines {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return { lines, starts };
}

export function placeInFile(file: FileLines, paragraph: Paragraph, start: number, text: string): FilePlace {
  const line = Math.min(paragraphLine(paragraph, start), file.lines.length - 1);
  const raw = file.lines[line] ?? '';
  const indent = raw.length - raw.trimStart().length;
  const expected = indent + start - lineStartInParagraph(paragraph, start);
  const column = nearestOccurrence(raw, text, expected) ?? nearestOccurrence(raw, text.split(/\s+/)[0], expected) ?? Math.min(expected, raw.length);
  const offset = (file.starts[line] ?? 0) + column;
  return { line, column, start: offset, end: offset + text.length };
}

function nearestOccurrence(line: string, text: string, expected: number): number | undefined {
  if (!text) return undefined;
  let best: number | undefined;
  for (let at = line.indexOf(text); at >= 0; at = line.indexOf(text, at + 1)) {
    if (best === undefined || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
  }
  return best;
}
