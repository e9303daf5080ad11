/**
 * The Entities view: People / Organizations → entity (with its mention count) → its Quotes (what it
 * is quoted saying), the lines of the user's notes that name it, and the articles that mention it,
 * newest first. A filter in the title bar narrows it to names containing some text.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import type { CardArticle } from '../core/entities/entityCard';
import type { EntityInfo } from '../core/entities/entityQueries';
import { byMentions } from '../core/entities/entityOrder';
import type { QuoteInfo } from '../core/quotes/quoteQueries';
import type { NoteMention, NotesIndex } from './shared/notesIndex';
import { dateLabel, sourceLabel } from '../core/grouping';

export type EntitiesNode =
  | { kind: 'type'; type: EntityInfo['type']; count: number }
  | { kind: 'entity'; entity: EntityInfo }
  | { kind: 'quotes'; entity: EntityInfo; quotes: QuoteInfo[] }
  | { kind: 'quote'; entity: EntityInfo; quote: QuoteInfo; index: number }
  | { kind: 'notes'; entity: EntityInfo; mentions: NoteMention[] }
  | { kind: 'note'; entity: EntityInfo; mention: NoteMention }
  | { kind: 'article'; entity: EntityInfo; article: CardArticle };

const TYPE_LABELS: Record<EntityInfo['type'], string> = { person: 'People', organization: 'Organizations' };
const MAX_ENTITIES_SHOWN = 2000;

export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntitiesNode> {
  private readonly changed = new vscode.EventEmitter<EntitiesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private entities: Promise<EntityInfo[]> | undefined;
  private filterText = '';

  constructor(
    private readonly engine: EngineClient,
    private readonly notes: NotesIndex,
  ) {}

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
      const [card, quotes] = await Promise.all([this.engine.entityCard(node.entity.id, { limit: 500, related: 0 }), this.engine.quotes(node.entity.id)]);
      const seen = new Set<string>();
      const articles = (card?.articles ?? [])
        .filter((a) => !seen.has(a.path) && seen.add(a.path))
        .map((article) => ({ kind: 'article' as const, entity: node.entity, article }));
      const notes = this.notes.mentionsOf(node.entity.id);
      return [
        ...(quotes.length ? [{ kind: 'quotes' as const, entity: node.entity, quotes }] : []),
        ...(notes.length ? [{ kind: 'notes' as const, entity: node.entity, mentions: notes }] : []),
        ...articles,
      ];
    }
    if (node.kind === 'quotes') return node.quotes.map((quote, index) => ({ kind: 'quote' as const, entity: node.entity, quote, index }));
    if (node.kind === 'notes') return node.mentions.map((mention) => ({ kind: 'note' as const, entity: node.entity, mention }));
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
    if (node.kind === 'quotes') {
      const item = new vscode.TreeItem('Quotes', vscode.TreeItemCollapsibleState.Collapsed);
      const direct = node.quotes.filter((q) => q.kind === 'direct').length;
      item.id = `entity/${node.entity.id}/quotes`;
      item.description = `${direct} said, ${node.quotes.length - direct} reported`;
      item.iconPath = new vscode.ThemeIcon('quote');
      return item;
    }
    if (node.kind === 'quote') return quoteItem(node);
    if (node.kind === 'notes') {
      const item = new vscode.TreeItem('In your notes', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `entity/${node.entity.id}/notes`;
      item.description = `${node.mentions.length} line${node.mentions.length === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon('notebook');
      return item;
    }
    if (node.kind === 'note') {
      const { mention } = node;
      const item = new vscode.TreeItem(mention.text.trim().slice(0, 120) || '(empty line)', vscode.TreeItemCollapsibleState.None);
      item.id = `entity/${node.entity.id}/note/${mention.uri.toString()}#${mention.line}`;
      item.description = `${vscode.workspace.asRelativePath(mention.uri)}:${mention.line + 1}`;
      item.iconPath = new vscode.ThemeIcon('note');
      item.command = {
        command: 'vscode.open',
        title: 'Open Note',
        arguments: [mention.uri, { selection: new vscode.Range(mention.line, 0, mention.line, 0) }],
      };
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
    // On a database, the list it stored shows while this window reads the names (an entity's articles come with them: the view is refreshed then).
    this.entities ??= this.engine.entityListEarly().then((list) => list.sort(byMentions));
    const all = await this.entities;
    if (!this.filterText) return all;
    const needle = this.filterText.toLowerCase();
    return all.filter((e) => e.aliases.some((a) => a.toLowerCase().includes(needle)));
  }
}

/** A quote: its words (a paraphrase marked so), where it was said, opening at its line. */
function quoteItem({ entity, quote, index }: Extract<EntitiesNode, { kind: 'quote' }>): vscode.TreeItem {
  const words = quote.kind === 'direct' ? `“${quote.text.replace(/[,;:]$/, '')}”` : `(said that) ${quote.text}`;
  const item = new vscode.TreeItem(words.length > 120 ? `${words.slice(0, 118)}…` : words, vscode.TreeItemCollapsibleState.None);
  item.id = `entity/${entity.id}/quote/${index}`;
  item.description = `${sourceLabel(quote.source)} · ${dateLabel(quote.date)}`;
  item.tooltip = `${words}\n\n${quote.title}\n${sourceLabel(quote.source)} · ${dateLabel(quote.date)}, line ${quote.line + 1}`;
  item.resourceUri = vscode.Uri.file(quote.path);
  item.iconPath = new vscode.ThemeIcon(quote.kind === 'direct' ? 'quote' : 'comment');
  item.command = { command: 'corpusLens.openArticle', title: 'Open Article', arguments: [quote.path, quote.line] };
  return item;
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, notes: NotesIndex): EntitiesTreeProvider {
  const provider = new EntitiesTreeProvider(engine, notes);
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
