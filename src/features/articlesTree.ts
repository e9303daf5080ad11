/** The Articles tree: source → date → article (or date → source → article, or story → article), with open and reveal. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setting } from './shared/settings';
import type { EngineClient } from '../core/engine/engineClient';
import { sourceLabel, dateLabel, type GroupingMode } from '../core/grouping';
import type { TreeGroup, TreeKeys } from '../core/engine/articleTree';
import type { ArticleSummary } from '../core/types';
import type { StoryInfo } from '../core/stories/corpusStories';

/** The engine answers the tree a level at a time, when a group is first opened: the host holds no copy of every summary. */
export type ArticlesNode =
  | { kind: 'group'; id: string; keys: TreeKeys; group: TreeGroup; parent?: ArticlesNode; children?: Promise<ArticlesNode[]> }
  | { kind: 'article'; article: ArticleSummary; parent: ArticlesNode };

const TOOLTIP_LINES = 4;
const TOOLTIP_CHARS = 600;

export class ArticlesTreeProvider implements vscode.TreeDataProvider<ArticlesNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<ArticlesNode[]> | undefined;

  constructor(
    private readonly engine: EngineClient,
    private mode: GroupingMode,
  ) {}

  get grouping(): GroupingMode {
    return this.mode;
  }

  setGrouping(mode: GroupingMode): void {
    this.mode = mode;
    this.refresh();
  }

  refresh(): void {
    this.invalidate();
    this.changed.fire();
  }

  /** Forgets the levels read so the next read sees the engine as it is now (the view is told later). */
  invalidate(): void {
    this.roots = undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }

  getChildren(node?: ArticlesNode): Promise<ArticlesNode[]> {
    if (!node) return (this.roots ??= this.level(undefined, []));
    if (node.kind === 'article') return Promise.resolve([]);
    return (node.children ??= this.level(node, node.keys));
  }

  getParent(node: ArticlesNode): ArticlesNode | undefined {
    return node.parent;
  }

  /** The tree node of an article file, for Reveal Active Article. */
  async nodeFor(filePath: string): Promise<ArticlesNode | undefined> {
    const keys = await this.engine.treeKeysOf(this.mode, filePath).catch(() => undefined);
    if (!keys) return undefined;
    let nodes = await this.getChildren();
    for (const key of keys) {
      const group = nodes.find((n) => n.kind === 'group' && n.group.key === key);
      if (!group) return undefined;
      nodes = await this.getChildren(group);
    }
    const wanted = path.resolve(filePath);
    return nodes.find((n) => n.kind === 'article' && n.article.path === wanted);
  }

  getTreeItem(node: ArticlesNode): vscode.TreeItem {
    return node.kind === 'group' ? groupItem(node) : articleItem(node.article, this.mode === 'story');
  }

  /** The tooltip's opening lines come from the engine only when the user hovers an article. */
  async resolveTreeItem(item: vscode.TreeItem, node: ArticlesNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'article') return item;
    const [paragraphs, story] = await Promise.all([
      this.engine.paragraphs(node.article.path, TOOLTIP_LINES).catch(() => []),
      this.engine.storyOf(node.article.path).catch(() => undefined),
    ]);
    item.tooltip = articleTooltip(node.article, paragraphs.map((p) => p.text).join('\n'), story);
    return item;
  }

  private async level(parent: Extract<ArticlesNode, { kind: 'group' }> | undefined, keys: TreeKeys): Promise<ArticlesNode[]> {
    const level = await this.engine.treeChildren(this.mode, keys).catch(() => ({ groups: [] }));
    if ('articles' in level) return parent ? level.articles.map((article) => ({ kind: 'article', article, parent })) : [];
    const parentId = parent?.id ?? this.mode;
    return level.groups.map((group) => ({ kind: 'group', id: `${parentId}/${group.kind}:${group.key ?? '∅'}`, keys: [...keys, group.key], group, parent }));
  }
}

function groupItem(node: Extract<ArticlesNode, { kind: 'group' }>): vscode.TreeItem {
  const { group } = node;
  const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `${group.count}`;
  item.tooltip = `${group.label}: ${group.count} article${group.count === 1 ? '' : 's'}`;
  item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[group.kind][group.key === null ? 1 : 0]);
  if (group.kind === 'story' && group.key !== null) item.description = `${group.count} · ${group.sources} sources`;
  item.contextValue = `corpusLens.${group.kind}Group`;
  return item;
}

/** A group's icon, and the one of its unknown/undated/not-in-a-story group. */
const GROUP_ICONS: Record<TreeGroup['kind'], [string, string]> = {
  source: ['globe', 'question'],
  date: ['calendar', 'circle-slash'],
  story: ['layers', 'circle-slash'],
};

/** A plain-string tooltip: article text is untrusted and is never rendered as Markdown. */
function articleTooltip(article: ArticleSummary, opening: string, story?: StoryInfo): string {
  const head = `${article.title}\n${sourceLabel(article.source)} · ${dateLabel(article.date)}${story ? `\n${sameStoryLine(article, story)}` : ''}`;
  return opening ? `${head}\n\n${opening.slice(0, TOOLTIP_CHARS)}` : head;
}

/** "Same story: 2 other outlets (SANA, RFE/RL)". */
function sameStoryLine(article: ArticleSummary, story: StoryInfo): string {
  const others = story.articles.filter((a) => a.path !== article.path);
  const outlets = [...new Set(others.map((a) => sourceLabel(a.source)))];
  return `Same story: ${outlets.length} other outlet${outlets.length === 1 ? '' : 's'} (${outlets.join(', ')})`;
}

function articleItem(article: ArticleSummary, inStory: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(article.title, vscode.TreeItemCollapsibleState.None);
  item.resourceUri = vscode.Uri.file(article.path);
  item.description = inStory ? `${sourceLabel(article.source)} · ${dateLabel(article.date)}` : path.basename(article.path);
  // No tooltip here: VS Code calls resolveTreeItem on hover only while it is undefined.
  item.iconPath = new vscode.ThemeIcon('file-text');
  item.contextValue = 'corpusLens.article';
  item.command = { command: 'corpusLens.openArticle', title: 'Open Article', arguments: [article.path] };
  return item;
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): ArticlesTreeProvider {
  const provider = new ArticlesTreeProvider(engine, setting('treeGrouping'));
  const view = vscode.window.createTreeView('corpusLens.articles', { treeDataProvider: provider, showCollapseAll: true });
  const updateMessage = () => {
    view.description = engine.size > 0 ? `${engine.size} articles` : undefined;
  };
  let pending: NodeJS.Timeout | undefined;
  const engineListener = engine.onDidChange(() => {
    provider.invalidate();
    // File events arrive in bursts (a copied folder): the view redraws once per burst.
    clearTimeout(pending);
    pending = setTimeout(() => {
      provider.refresh();
      updateMessage();
    }, 50);
  });
  const setGrouping = async (mode: GroupingMode) => {
    provider.setGrouping(mode);
    await vscode.commands.executeCommand('setContext', 'corpusLens.treeGrouping', mode);
  };
  void vscode.commands.executeCommand('setContext', 'corpusLens.treeGrouping', provider.grouping);

  context.subscriptions.push(
    view,
    provider,
    engineListener,
    { dispose: () => clearTimeout(pending) },
    vscode.commands.registerCommand('corpusLens.collapseAll', () =>
      vscode.commands.executeCommand('workbench.actions.treeView.corpusLens.articles.collapseAll'),
    ),
    vscode.commands.registerCommand('corpusLens.groupByDate', () => setGrouping('date')),
    vscode.commands.registerCommand('corpusLens.groupBySource', () => setGrouping('source')),
    vscode.commands.registerCommand('corpusLens.groupByStory', () => setGrouping('story')),
    // The stories are found with the names.
    engine.onDidChangeEntities(() => provider.grouping === 'story' && provider.refresh()),
    vscode.commands.registerCommand('corpusLens.revealPeriod', async (period?: unknown) => {
      if (typeof period !== 'string') return;
      if (provider.grouping !== 'date') await setGrouping('date');
      const node = (await provider.getChildren()).find((n) => n.kind === 'group' && (n.group.key ?? '').startsWith(period));
      if (node) await view.reveal(node, { select: true, focus: false, expand: true });
    }),
    vscode.commands.registerCommand('corpusLens.revealActiveArticle', async () => {
      const editor = vscode.window.activeTextEditor;
      const node = editor && (await provider.nodeFor(editor.document.uri.fsPath));
      if (!node) {
        void vscode.window.showInformationMessage('Corpus Lens: the active editor is not an article of the corpus.');
        return;
      }
      await view.reveal(node, { select: true, focus: true, expand: true });
    }),
  );
  return provider;
}
