/**
 * "Corpus Lens: List Names in This Article": the people, organizations and places the recognizer
 * finds in the active article (run in the engine's worker), grouped by type; pick one to go to it.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import type { Mention } from '../core/ner/articleEntities';
import type { EntityType } from '../core/ner/tags';
import { articleTarget as targetPath } from './shared/articleTarget';
import { openArticle } from './shared/openArticle';
import { escapeThemeIcons } from './shared/inertText';

const GROUPS: { type: EntityType; label: string; icon: string }[] = [
  { type: 'PER', label: 'People', icon: 'person' },
  { type: 'ORG', label: 'Organizations', icon: 'organization' },
  { type: 'LOC', label: 'Places', icon: 'globe' },
  { type: 'MISC', label: 'Other names', icon: 'tag' },
];

export interface NameItem extends vscode.QuickPickItem {
  mention?: Mention;
}

/** One row per distinct name and type, at its first mention, with how often it occurs. */
export function nameItems(mentions: Mention[]): NameItem[] {
  const items: NameItem[] = [];
  for (const group of GROUPS) {
    const byName = new Map<string, Mention[]>();
    for (const m of mentions) if (m.type === group.type) byName.set(m.text, [...(byName.get(m.text) ?? []), m]);
    if (byName.size === 0) continue;
    items.push({ label: group.label, kind: vscode.QuickPickItemKind.Separator });
    for (const [name, all] of [...byName].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
      const role = all.find((m) => m.role)?.role;
      items.push({
        label: `$(${group.icon}) ${escapeThemeIcons(name)}`,
        description: escapeThemeIcons(`${all.length}×${role ? ` · ${role}` : ''}`),
        detail: escapeThemeIcons(all[0].paragraph.length > 160 ? `${all[0].paragraph.slice(0, 160)}…` : all[0].paragraph),
        mention: all[0],
      });
    }
  }
  return items;
}

/** The article to list: a tree item's or an editor menu's resource, else the active editor's file. */
async function listNames(engine: EngineClient, target: unknown): Promise<vscode.QuickPick<NameItem> | undefined> {
  const filePath = targetPath(target);
  const mentions = filePath ? await engine.names(filePath) : undefined;
  if (!filePath || !mentions) {
    void vscode.window.showInformationMessage('Corpus Lens: open an article of the corpus to list the names in it.');
    return undefined;
  }
  const pick = vscode.window.createQuickPick<NameItem>();
  pick.title = `Names in ${vscode.workspace.asRelativePath(filePath)}`;
  pick.placeholder = mentions.length ? 'Type to filter; Enter goes to the first mention' : 'No names found in this article';
  pick.matchOnDescription = true;
  pick.items = nameItems(mentions);
  pick.onDidAccept(() => {
    const mention = pick.selectedItems[0]?.mention;
    if (!mention) return;
    pick.hide();
    void openArticle(filePath, mention.line, mention.text);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  return pick;
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('corpusLens.listNamesInArticle', (target?: unknown) => listNames(engine, target)));
}
