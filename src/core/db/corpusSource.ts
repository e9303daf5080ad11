/** A corpus the engine has read, as what a database ingest takes: paths relative to its folder, '/'-separated. */
import * as path from 'node:path';
import type { Article, FileStamp } from '../types';
import type { IngestSource } from './pgIngest';

export interface ReadCorpus {
  stamps(): Iterable<[string, FileStamp]>;
  get(filePath: string): Article | undefined;
  /** Why an article's text could not be read back (it then reads as empty). */
  readonly textUnreadable?: string;
}

/** Database paths (relative to the corpus, '/'-separated) to the engine's (absolute) and back. */
export interface PathMapping {
  toAbsolute(relative: string): string;
  toRelative(absolute: string): string;
}

export function pathMapping(root: () => string): PathMapping {
  return {
    toRelative: (absolute) => path.relative(root(), absolute).split(path.sep).join('/'),
    toAbsolute: (relative) => path.resolve(root(), ...relative.split('/')),
  };
}

export function corpusSource(engine: ReadCorpus, root: string): IngestSource {
  const paths = pathMapping(() => root);
  return {
    stamps: (function* () {
      for (const [absolute, stamp] of engine.stamps()) yield [paths.toRelative(absolute), stamp] as [string, FileStamp];
    })(),
    read: (relative) => {
      const article = engine.get(paths.toAbsolute(relative));
      // An article without its text is not written over the one the database holds.
      if (engine.textUnreadable) throw new Error(`${engine.textUnreadable}; the cache is rebuilt by the next run`);
      return article;
    },
  };
}
