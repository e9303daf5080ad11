/** The tree of the last load (folders and summaries), kept in workspace storage and shown while the worker reads its cache. */
import { promises as fs } from 'node:fs';
import { writeJsonAtomically } from '../../core/engine/stores/jsonFiles';
import type { EngineClient } from '../../core/engine/engineClient';
import type { ArticleSummary } from '../../core/types';

interface TreeSnapshot {
  folders: string[];
  articles: ArticleSummary[];
  /** The engine's digest of these summaries: when its load ends with the same, none are sent again. */
  digest?: string;
}

/** What was shown from the snapshot: its digest tells after the load whether the tree changed. */
export interface ShownSnapshot {
  digest: string | undefined;
}

/** Shows the last load's tree at once. */
export async function showSnapshot(file: string, engine: EngineClient, folders: string[]): Promise<ShownSnapshot | undefined> {
  try {
    const snapshot = JSON.parse(await fs.readFile(file, 'utf8')) as TreeSnapshot;
    const digest = typeof snapshot.digest === 'string' ? snapshot.digest : undefined;
    if (Array.isArray(snapshot.articles) && JSON.stringify(snapshot.folders) === JSON.stringify(folders) && engine.seed(folders, snapshot.articles, digest))
      return { digest };
  } catch {
    // No snapshot (a first session) or an unreadable one: the tree fills after the load.
  }
  return undefined;
}

/**
 * Keeps this load's tree for the next session, unless it is the one shown when the session started
 * (at ×50, 111,250 summaries are 19 MB of JSON and 0.1 s of the extension host's thread to write).
 */
export async function saveSnapshot(file: string, engine: EngineClient, shown?: ShownSnapshot): Promise<void> {
  const digest = engine.digest;
  if (digest !== undefined && shown?.digest === digest) return;
  const snapshot: TreeSnapshot = { folders: [...engine.folders], articles: engine.articles(), digest };
  await writeJsonAtomically(file, snapshot).catch(() => undefined);
}
