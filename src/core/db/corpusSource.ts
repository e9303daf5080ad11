/** A corpus the engine has read, as what a database ingest takes: paths relative to its folder, '/'-separated. */
import * as path from 'node:path';
import type { Article, FileStamp } from '../types';
import type { IngestSource } from './pgIngest';

export interface ReadCorpus {
  stamps(): Iterable<[string, FileStamp]>;
  get(filePath: string): Article | undefined;
}

export function corpusSource(engine: ReadCorpus, root: string): IngestSource {
  const toRelative = (absolute: string) => path.relative(root, absolute).split(path.sep).join('/');
  return {
    stamps: (function* () {
      for (const [absolute, stamp] of engine.stamps()) yield [toRelative(absolute), stamp] as [string, FileStamp];
    })(),
    read: (relative) => engine.get(path.join(root, ...relative.split('/'))),
  };
}
