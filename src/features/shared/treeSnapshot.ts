/**
 * The top of the Articles tree as the last load left it (its groups and counts in each grouping), kept
 * in workspace storage and shown while the worker reads its cache. A few hundred groups: the articles
 * under them are asked for when a group is opened.
 */
import { promises as fs } from 'node:fs';
import { asciiJson, writeJsonAtomically } from '../../core/engine/stores/jsonFiles';
import type { EngineClient, TreeSeed } from '../../core/engine/engineClient';
import type { GroupingMode } from '../../core/grouping';

/** The groupings kept: the story groups are found with the names, after the load. */
const KEPT: GroupingMode[] = ['source', 'date'];

/** Shows the last load's tree at once; returns what was shown, to tell after the load whether it changed. */
export async function showSnapshot(file: string, engine: EngineClient, folders: string[]): Promise<string | undefined> {
  try {
    const text = await fs.readFile(file, 'utf8');
    const snapshot = JSON.parse(text) as TreeSeed;
    if (typeof snapshot.count === 'number' && JSON.stringify(snapshot.folders) === JSON.stringify(folders) && engine.seed(snapshot)) return text;
  } catch {
    // No snapshot (a first session), one of an earlier version or an unreadable one: the tree fills after the load.
  }
  return undefined;
}

/** Keeps this load's top of the tree for the next session, unless it is the one shown when the session started. */
export async function saveSnapshot(file: string, engine: EngineClient, shown?: string): Promise<void> {
  const seed: TreeSeed = { folders: [...engine.folders], count: engine.size, top: {} };
  for (const mode of KEPT) {
    const level = await engine.treeChildren(mode, []).catch(() => undefined);
    if (level && 'groups' in level) seed.top[mode] = level.groups;
  }
  if (asciiJson(seed) === shown) return;
  await writeJsonAtomically(file, seed).catch(() => undefined);
}
