/**
 * The Entities view: People / Organizations → entity (with its mention count) → the articles that
 * mention it, newest first. A filter in the title bar narrows it to names containing some text.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import type { CardArticle } from '../core/entities/entityCard';
import type { EntityInfo } from '../core/entities/entityQueries';
import { byMentions } from '../core/entities/entityOrder';
import { dateLabel, sourceLabel } from '../core/grouping';

export type EntitiesNode =
  | { kind: 'type'; type: EntityInfo['type']; count: number }
  | { kind: 'entity'; entity: EntityInfo }
  | { kind: 'article'; entity: EntityInfo; article: CardArticle };

const TYPE_LABELS: Record<EntityInfo['type'], string> = { person: 'People', organization: 'Organizations' };
const MAX_ENTITIES_SHOWN = 2000;

export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntitiesNode> {
  private readonly changed = new vscode.EventEmitter<EntitiesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private entities: Promise<EntityInfo[]> | undefined;
  private filterText = '';

  constructor(private readonly engine: EngineClient) {}

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', 'corpusLens.entitiesFiltered', this.filterText !== '');
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.entities = undefined;
    this.changed.fire(undefined);
  }

  async getChildren(node?: EntitiesNode): Promise<EntitiesNode[]> {
    if (!node) {
      const shown = await this.shown();
      return (['person', 'organization'] as const)
        .map((type) => ({ kind: 'type' as const, type, count: shown.filter((e) => e.type === type).length }))
        .filter((n) => n.count > 0);
    }
    if (node.kind === 'type') {
      // A repeated id would make VS Code drop the whole view: keep the first row of each.
      const seen = new Set<string>();
      return (await this.shown())
        .filter((e) => e.type === node.type && !seen.has(e.id) && seen.add(e.id))
        .slice(0, MAX_ENTITIES_SHOWN)
        .map((entity) => ({ kind: 'entity' as const, entity }));
    }
    if (node.kind === 'entity') {
      const card = await this.engine.entityCard(node.entity.id, { limit: 500, related: 0 });
      const seen = new Set<string>();
      return (card?.articles ?? [])
        .filter((a) => !seen.has(a.path) && seen.add(a.path))
        .map((article) => ({ kind: 'article' as const, entity: node.entity, article }));
    }
    return [];
  }

  getTreeItem(node: EntitiesNode): vscode.TreeItem {
    if (node.kind === 'type') {
      const item = new vscode.TreeItem(TYPE_LABELS[node.type], vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.count);
      item.id = `type/${node.type}`;
      return item;
    }
    if (node.kind === 'entity') {
      const { entity } = node;
      const item = new vscode.TreeItem(entity.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `entity/${entity.id}`;
      item.description = `${entity.mentionCount} in ${entity.articleCount} article${entity.articleCount === 1 ? '' : 's'}`;
      item.tooltip = entity.aliases.length > 1 ? `Also: ${entity.aliases.slice(1).join(', ')}` : undefined;
      item.iconPath = new vscode.ThemeIcon(entity.type === 'person' ? 'person' : 'organization');
      item.contextValue = 'corpusLens.entity';
      return item;
    }
    const { article } = node;
    const item = new vscode.TreeItem(article.title, vscode.TreeItemCollapsibleState.None);
    item.id = `entity/${node.entity.id}/${article.path}`;
    item.description = `${sourceLabel(article.source)} · ${dateLabel(article.date)}`;
    item.tooltip = `${article.sentence.before}${article.sentence.name}${article.sentence.after}`;
    item.resourceUri = vscode.Uri.file(article.path);
    item.command = { command: 'corpusLens.openArticle', title: 'Open Article', arguments: [article.path, article.line, article.match] };
    return item;
  }

  private async shown(): Promise<EntityInfo[]> {
    this.entities ??= this.engine.entityList().then((list) => list.sort(byMentions));
    const all = await this.entities;
    if (!this.filterText) return all;
    const needle = this.filterText.toLowerCase();
    return all.filter((e) => e.aliases.some((a) => a.toLowerCase().includes(needle)));
  }
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): EntitiesTreeProvider {
  const provider = new EntitiesTreeProvider(engine);
  const view = vscode.window.createTreeView('corpusLens.entities', { treeDataProvider: provider, showCollapseAll: true });
  const describeFilter = () => (view.description = provider.filter ? `filter: ${provider.filter}` : undefined);
  context.subscriptions.push(
    view,
    engine.onDidChangeEntities(() => provider.refresh()),
    vscode.commands.registerCommand('corpusLens.filterEntities', async (text?: unknown) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: 'Filter people and organizations',
              prompt: 'Show the names that contain this text (any alias)',
              value: provider.filter,
            });
      if (value === undefined) return;
      provider.setFilter(value);
      describeFilter();
    }),
    vscode.commands.registerCommand('corpusLens.clearEntitiesFilter', () => {
      provider.setFilter('');
      describeFilter();
    }),
  );
  return provider;
}
