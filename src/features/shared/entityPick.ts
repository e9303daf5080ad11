/** Choosing a person or organization: the name under the cursor if there is one, else a QuickPick of all, most mentioned first. */
import * as vscode from 'vscode';
import type { EngineClient } from '../../core/engine/engineClient';
import { escapeThemeIcons } from './inertText';
import { nameUnderCursor } from './mentionPick';

/** `useCursor` false: always ask (the Timeline's "Compare with…"). */
export async function pickEntity(engine: EngineClient, title: string, useCursor = true): Promise<string | undefined> {
  const underCursor = useCursor ? await nameUnderCursor(engine) : undefined;
  if (underCursor) return underCursor;
  const entities = (await engine.entityList()).sort((a, b) => b.mentionCount - a.mentionCount);
  const chosen = await vscode.window.showQuickPick(
    entities.map((e) => ({
      label: escapeThemeIcons(e.name),
      description: `${e.type} · ${e.articleCount} article${e.articleCount === 1 ? '' : 's'}`,
      detail: e.aliases.length > 1 ? escapeThemeIcons(`also ${e.aliases.slice(1).join(', ')}`) : undefined,
      id: e.id,
    })),
    { title, matchOnDetail: true },
  );
  return chosen?.id;
}
