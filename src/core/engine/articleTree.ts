/**
 * The Articles tree as the engine answers it, one level at a time: the extension host asks for a
 * group's children when the user opens it, so it holds no copy of every article's summary (at ×50,
 * 111,250 of them had been mirrored in the host and sent across at every load).
 */
import { groupArticles, type Group, type GroupingMode, type StoryGroupInput } from '../grouping';
import { summarize, type ArticleSummary } from '../types';

/** A group as the tree shows it: its label, its count, and (for a story) how many sources it has. */
export interface TreeGroup {
  kind: Group['kind'];
  /** The source name, date or story id; null for "Unknown source" / "Undated" / "Not in a story". */
  key: string | null;
  label: string;
  count: number;
  sources: number;
}

/** A group key path from the top: `[]` is the top level, `['BBC News']` that source's dates. */
export type TreeKeys = (string | null)[];

export type TreeLevel = { groups: TreeGroup[] } | { articles: ArticleSummary[] };

export class ArticleTree {
  private readonly grouped = new Map<GroupingMode, Group[]>();

  /** `articles`: the corpus's records as they are (a summary is made only for the articles a level answers with). */
  constructor(
    private readonly articles: () => ArticleSummary[],
    private readonly stories: () => readonly StoryGroupInput[],
  ) {}

  /** The corpus or its stories changed: the groups are made again when next asked for. */
  invalidate(): void {
    this.grouped.clear();
  }

  /** The groups or articles under the group at `keys` (none when no such group is left). */
  children(mode: GroupingMode, keys: TreeKeys): TreeLevel {
    let groups = this.groups(mode);
    for (let depth = 0; depth < keys.length; depth++) {
      const group = groups.find((g) => g.key === keys[depth]);
      if (!group) return { groups: [] };
      if (!group.children.length) return depth === keys.length - 1 ? { articles: group.articles.map(summarize) } : { groups: [] };
      groups = group.children;
    }
    return { groups: groups.map(treeGroup) };
  }

  /** The keys of the groups that lead to an article, for revealing it. */
  keysOf(mode: GroupingMode, articlePath: string): TreeKeys | undefined {
    const find = (groups: Group[], keys: TreeKeys): TreeKeys | undefined => {
      for (const group of groups) {
        const here = [...keys, group.key];
        const found = group.children.length ? find(group.children, here) : group.articles.some((a) => a.path === articlePath) ? here : undefined;
        if (found) return found;
      }
      return undefined;
    };
    return find(this.groups(mode), []);
  }

  private groups(mode: GroupingMode): Group[] {
    let groups = this.grouped.get(mode);
    if (!groups) this.grouped.set(mode, (groups = groupArticles(this.articles(), mode, mode === 'story' ? this.stories() : [])));
    return groups;
  }
}

function treeGroup(group: Group): TreeGroup {
  const { kind, key, label, count } = group;
  return { kind, key, label, count, sources: kind === 'story' ? new Set(group.articles.map((a) => a.source)).size : 0 };
}
