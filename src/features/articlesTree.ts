/** The Articles tree: source → date → article (or date → source → article, or story → article), with open and reveal. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setting } from './shared/settings';
import type { EngineClient } from '../core/engine/engineClient';
import { groupArticles, sourceLabel, dateLabel, type Group, type GroupingMode } from '../core/grouping';
import type { ArticleSummary } from '../core/types';
import type { StoryInfo } from '../core/stories/corpusStories';

/** A group's children are made when it is first opened: at ×50 a node and an id for each of 111,250 articles had been made at every change. */
export type ArticlesNode =
  | { kind: 'group'; id: string; group: Group; parent?: ArticlesNode; children?: ArticlesNode[] }
  | { kind: 'article'; article: ArticleSummary; parent: ArticlesNode };

const TOOLTIP_LINES = 4;
const TOOLTIP_CHARS = 600;

export class ArticlesTreeProvider implements vscode.TreeDataProvider<ArticlesNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ArticlesNode[] | undefined;
  private stories: StoryInfo[] = [];

  constructor(
    private readonly engine: EngineClient,
    private mode: GroupingMode,
  ) {}

  get grouping(): GroupingMode {
    return this.mode;
  }

  async setGrouping(mode: GroupingMode): Promise<void> {
    this.mode = mode;
    if (mode === 'story') await this.loadStories();
    this.refresh();
  }

  /** The engine's stories, asked for again when the names change (stories are found with them). */
  async loadStories(): Promise<void> {
    this.stories = await this.engine.stories().catch(() => []);
    this.invalidate();
  }

  refresh(): void {
    this.invalidate();
    this.changed.fire();
  }

  /** Forgets the built tree so the next read sees the engine as it is now (the view is told later). */
  invalidate(): void {
    this.roots = undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }

  getChildren(node?: ArticlesNode): ArticlesNode[] {
    if (!node) return this.build();
    return node.kind === 'group' ? childrenOf(node) : [];
  }

  getParent(node: ArticlesNode): ArticlesNode | undefined {
    return node.parent;
  }

  /** The tree node of an article file, for Reveal Active Article. */
  nodeFor(filePath: string): ArticlesNode | undefined {
    const wanted = path.resolve(filePath);
    const find = (nodes: ArticlesNode[]): ArticlesNode | undefined => {
      for (const node of nodes) {
        if (node.kind === 'article') {
          if (node.article.path === wanted) return node;
        } else if (holds(node.group, wanted)) return find(childrenOf(node));
      }
      return undefined;
    };
    return find(this.build());
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

  private build(): ArticlesNode[] {
    this.roots ??= groupArticles(this.engine.articles(), this.mode, this.stories).map((group) => groupNode(group, undefined, this.mode));
    return this.roots;
  }
}

function groupNode(group: Group, parent: ArticlesNode | undefined, parentId: string): ArticlesNode {
  return { kind: 'group', id: `${parentId}/${group.kind}:${group.key ?? '∅'}`, group, parent };
}

function childrenOf(node: Extract<ArticlesNode, { kind: 'group' }>): ArticlesNode[] {
  const { group } = node;
  node.children ??= group.children.length
    ? group.children.map((child) => groupNode(child, node, node.id))
    : group.articles.map((article) => ({ kind: 'article', article, parent: node }));
  return node.children;
}

/** Whether a group (or one of its groups) lists the article. */
function holds(group: Group, articlePath: string): boolean {
  return group.children.length ? group.children.some((child) => holds(child, articlePath)) : group.articles.some((a) => a.path === articlePath);
}

function groupItem(node: Extract<ArticlesNode, { kind: 'group' }>): vscode.TreeItem {
  const { group } = node;
  const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `${group.count}`;
  item.tooltip = `${group.label}: ${group.count} article${group.count === 1 ? '' : 's'}`;
  item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[group.kind][group.key === null ? 1 : 0]);
  if (group.kind === 'story' && group.key !== null) item.description = `${group.count} · ${new Set(group.articles.map((a) => a.source)).size} sources`;
  item.contextValue = `corpusLens.${group.kind}Group`;
  return item;
}

/** A group's icon, and the one of its unknown/undated/not-in-a-story group. */
const GROUP_ICONS: Record<Group['kind'], [string, string]> = {
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
    await provider.setGrouping(mode);
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
    engine.onDidChangeEntities(() => {
      if (provider.grouping === 'story') void provider.loadStories().then(() => provider.refresh());
    }),
    vscode.commands.registerCommand('corpusLens.revealPeriod', async (period?: unknown) => {
      if (typeof period !== 'string') return;
      if (provider.grouping !== 'date') await setGrouping('date');
      const node = provider.getChildren().find((n) => n.kind === 'group' && (n.group.key ?? '').startsWith(period));
      if (node) await view.reveal(node, { select: true, focus: false, expand: true });
    }),
    vscode.commands.registerCommand('corpusLens.revealActiveArticle', async () => {
      const editor = vscode.window.activeTextEditor;
      const node = editor && provider.nodeFor(editor.document.uri.fsPath);
      if (!node) {
        void vscode.window.showInformationMessage('Corpus Lens: the active editor is not an article of the corpus.');
        return;
      }
      await view.reveal(node, { select: true, focus: true, expand: true });
    }),
  );
  return provider;
}
