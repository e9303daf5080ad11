/** The tree of the last load (folders and summaries), kept in workspace storage and shown while the worker reads its cache. */
import { promises as fs } from 'node:fs';
import { writeJsonAtomically } from '../../core/engine/stores/jsonFiles';
import type { EngineClient } from '../../core/engine/engineClient';
import type { ArticleSummary } from '../../core/types';

interface TreeSnapshot {
  folders: string[];
  articles: ArticleSummary[];
}

/** Shows the last load's tree at once; returns the articles shown, to tell after the load whether they changed. */
export async function showSnapshot(file: string, engine: EngineClient, folders: string[]): Promise<ArticleSummary[] | undefined> {
  try {
    const snapshot = JSON.parse(await fs.readFile(file, 'utf8')) as TreeSnapshot;
    if (Array.isArray(snapshot.articles) && JSON.stringify(snapshot.folders) === JSON.stringify(folders) && engine.seed(folders, snapshot.articles))
      return snapshot.articles;
  } catch {
    // No snapshot (a first session) or an unreadable one: the tree fills after the load.
  }
  return undefined;
}

/**
 * Keeps this load's tree for the next session, unless it is the one shown when the session started
 * (at ×50, 111,250 summaries are 19 MB of JSON and 0.1 s of the extension host's thread to write).
 */
export async function saveSnapshot(file: string, engine: EngineClient, shown?: ArticleSummary[]): Promise<void> {
  const articles = engine.articles();
  if (shown && sameSummaries(shown, articles)) return;
  const snapshot: TreeSnapshot = { folders: [...engine.folders], articles };
  await writeJsonAtomically(file, snapshot).catch(() => undefined);
}

function sameSummaries(a: ArticleSummary[], b: ArticleSummary[]): boolean {
  return a.length === b.length && a.every((x, i) => x.path === b[i].path && x.title === b[i].title && x.source === b[i].source && x.date === b[i].date);
}
