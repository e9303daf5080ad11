/** The tree of the last load (folders and summaries), kept in workspace storage and shown while the worker reads its cache. */
import { promises as fs } from 'node:fs';
import { writeJsonAtomically } from '../../core/engine/stores/jsonFiles';
import type { EngineClient } from '../../core/engine/engineClient';
import type { ArticleSummary } from '../../core/types';

interface TreeSnapshot {
  folders: string[];
  articles: ArticleSummary[];
}

export async function showSnapshot(file: string, engine: EngineClient, folders: string[]): Promise<void> {
  try {
    const snapshot = JSON.parse(await fs.readFile(file, 'utf8')) as TreeSnapshot;
    if (Array.isArray(snapshot.articles) && JSON.stringify(snapshot.folders) === JSON.stringify(folders)) engine.seed(folders, snapshot.articles);
  } catch {
    // No snapshot (a first session) or an unreadable one: the tree fills after the load.
  }
}

export function saveSnapshot(file: string, engine: EngineClient): void {
  const snapshot: TreeSnapshot = { folders: [...engine.folders], articles: engine.articles() };
  void writeJsonAtomically(file, snapshot).catch(() => undefined);
}
