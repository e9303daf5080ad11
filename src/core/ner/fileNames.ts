/**
 * The names in one file as the product finds them (read → reading text → recognizer → rules), each
 * placed in the file: what `corpus-lens ner` prints and what `eval:ner --pipeline` scores.
 */
import { readFileSync } from 'node:fs';
import { fileLines, placeInFile } from '../ingest/filePlaces';
import type { LoadOptions } from '../ingest/articleFiles';
import { readArticle } from '../ingest/loader';
import { decodeText } from '../ingest/textDecoding';
import type { Problem } from '../types';
import { recognizeArticle } from './articleEntities';
import type { Recognizer } from './recognizer';
import type { EntityType } from './tags';

export interface NameInFile {
  type: EntityType;
  text: string;
  /** Offsets into the file's decoded text (end excluded). */
  start: number;
  end: number;
  /** 1-based line and column of the name itself. */
  line: number;
  column: number;
  role?: string;
}

export async function namesInFile(recognizer: Recognizer, file: string, options: LoadOptions = {}): Promise<{ names: NameInFile[] } | { problem: Problem }> {
  const result = await readArticle(file, options);
  if ('problem' in result) return result;
  const lines = fileLines(decodeText(readFileSync(file)).text);
  const names = recognizeArticle(recognizer, result.article).map((m) => {
    const place = placeInFile(lines, result.article.paragraphs[m.paragraphIndex], m.start, m.text);
    const name: NameInFile = { type: m.type, text: m.text, start: place.start, end: place.end, line: place.line + 1, column: place.column + 1 };
    if (m.role) name.role = m.role;
    return name;
  });
  return { names };
}
