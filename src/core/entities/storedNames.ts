/**
 * Names read from a database, put straight into the typed arrays the entity index keeps them in: a
 * window whose files all match takes these arrays as they are. Read into a names cache first (an
 * object per article, at ×20 105 MB), the cache and the arrays it was copied into were held at once,
 * and the heap pages the cache had filled stayed with the process after it was let go.
 */
import { Int32ArraysByKey } from './arenas';
import type { NamesCache } from './corpusEntities';
import type { EntityInfo } from './entityIndex';
import { KeptNamesTable } from './keptNames';
import type { ArticleNames } from './resolve';
import type { StoredStories } from '../stories/storedStories';
import type { FileStamp } from '../types';

/** Per article: its stamp, its names (with quotes and story features) and its mentions (entity, paragraph, start, end). */
export class NamesByPath {
  readonly names = new KeptNamesTable();
  readonly mentions = new Int32ArraysByKey();
  private readonly stamps = new Map<string, FileStamp>();

  get size(): number {
    return this.stamps.size;
  }

  set(path: string, stamp: FileStamp, names: ArticleNames, mentions: ArrayLike<number>): void {
    this.stamps.set(path, { size: stamp.size, mtimeMs: stamp.mtimeMs });
    this.names.set(path, names);
    this.mentions.set(path, mentions);
  }

  stamp(path: string): FileStamp | undefined {
    return this.stamps.get(path);
  }

  /** Without the room the arrays grew for more (once every article was read). */
  trim(): void {
    this.names.trim();
    this.mentions.trim();
  }

  /** Each article as a names cache file keeps it (objects made on demand: for comparisons, not for a corpus at once). */
  *entries(): Generator<[string, NamesCache['files'][string]]> {
    for (const [path, stamp] of this.stamps) yield [path, { ...stamp, ...this.names.get(path)!, mentions: Array.from(this.mentions.get(path) ?? []) }];
  }
}

/** A database's names: what a names cache holds, each article's part in typed arrays, and the stories the ingest clustered. */
export type StoredNames = Omit<NamesCache, 'files'> & { files: NamesByPath; stories?: StoredStories };

/** The entities a database stored with their counts, as the entity index lists them (those mentioned, in its order). */
export interface StoredEntityList extends Pick<NamesCache, 'version' | 'model' | 'overrides'> {
  entities: EntityInfo[];
}
