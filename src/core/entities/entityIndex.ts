/**
 * Entities and where they are mentioned. Holds each article's recognized names (the slow part,
 * cached on disk by the engine), resolves them into entities, and finds every alias in every
 * article so that a mention the recognizer missed still counts.
 */
import type { Article } from '../types';
import { AliasMatcher } from './aliasMatcher';
import { fold, nameKey, withoutPossessive } from './names';
import { NO_OVERRIDES, type EntityOverrides } from './overrides';
import { resolveEntities, type ArticleNames, type ResolvedEntity } from './resolve';
import { WordCaseCounts } from './wordCase';

export interface EntityMention {
  path: string;
  /** Index of the paragraph in the article, and character offsets in that paragraph. */
  paragraph: number;
  start: number;
  end: number;
}

export interface EntityInfo extends ResolvedEntity {
  articleCount: number;
  mentionCount: number;
}

interface StoredMention {
  entity: number;
  paragraph: number;
  start: number;
  end: number;
}

export class EntityIndex {
  private readonly names = new Map<string, ArticleNames>();
  private readonly paragraphsOf = new Map<string, readonly string[]>();
  private readonly found = new Map<string, StoredMention[]>();
  private entities: ResolvedEntity[] = [];
  private byAlias = new Map<string, number>();
  private byId = new Map<string, number>();
  private matcher = new AliasMatcher([]);
  private byEntity: Map<number, EntityMention[]> | undefined;
  private overrides: EntityOverrides = NO_OVERRIDES;
  private readonly wordCase = new WordCaseCounts();

  get articleCount(): number {
    return this.names.size;
  }

  /** Replaces the whole content: one call after a corpus load. */
  reset(articles: Iterable<{ article: Pick<Article, 'path' | 'paragraphs'>; names: ArticleNames }>): void {
    this.names.clear();
    this.paragraphsOf.clear();
    this.wordCase.clear();
    for (const { article, names } of articles) this.remember(article, names);
    this.resolveAndScan();
  }

  /** One article added or changed: resolve again; rescan everything only if the aliases changed. */
  upsert(article: Pick<Article, 'path' | 'paragraphs'>, names: ArticleNames): void {
    this.remember(article, names);
    this.refresh([article.path]);
  }

  remove(path: string): void {
    if (!this.names.delete(path)) return;
    this.wordCase.add(this.paragraphsOf.get(path) ?? [], -1);
    this.paragraphsOf.delete(path);
    this.found.delete(path);
    this.refresh([]);
  }

  setOverrides(overrides: EntityOverrides): void {
    this.overrides = overrides;
    this.resolveAndScan();
  }

  namesOf(path: string): ArticleNames | undefined {
    return this.names.get(path);
  }

  list(): EntityInfo[] {
    const byEntity = this.mentionsByEntity();
    return this.entities
      .map((entity, i) => ({ ...entity, mentionCount: byEntity.get(i)?.length ?? 0, articleCount: new Set(byEntity.get(i)?.map((m) => m.path)).size }))
      .filter((e) => e.mentionCount > 0);
  }

  get(id: string): EntityInfo | undefined {
    const index = this.byId.get(id);
    if (index === undefined) return undefined;
    const mentions = this.mentionsByEntity().get(index) ?? [];
    return { ...this.entities[index], mentionCount: mentions.length, articleCount: new Set(mentions.map((m) => m.path)).size };
  }

  /**
   * The entity a name refers to: an alias (ignoring case, accents, a possessive), else a spelling
   * variant, else the most mentioned entity with an alias ending in those words ("Kerry").
   */
  find(name: string): EntityInfo | undefined {
    const folded = fold(withoutPossessive(name.trim()));
    const key = nameKey(name, 'person');
    let index = this.byAlias.get(folded) ?? this.entities.findIndex((e) => e.aliases.some((a) => nameKey(a, 'person') === key));
    if (index < 0 && key) {
      const endsSo = (alias: string) => nameKey(alias, 'person').endsWith(` ${key}`);
      const candidates = this.list().filter((e) => e.aliases.some(endsSo));
      const best = candidates.sort((x, y) => y.mentionCount - x.mentionCount)[0];
      index = best ? (this.byId.get(best.id) ?? -1) : -1;
    }
    return index < 0 ? undefined : this.get(this.entities[index].id);
  }

  /** The longest entity name covering `offset` in a line of text (a note, an article). */
  at(text: string, offset: number): { entity: EntityInfo; start: number; end: number } | undefined {
    const match = this.matcher.at(text, offset);
    const entity = match && this.get(this.entities[match.entity].id);
    return entity && match ? { entity, start: match.start, end: match.end } : undefined;
  }

  mentions(id: string): EntityMention[] {
    const index = this.byId.get(id);
    return index === undefined ? [] : (this.mentionsByEntity().get(index) ?? []);
  }

  /** Entities mentioned in the same articles, most shared articles first. */
  related(id: string, limit: number): { entity: EntityInfo; articles: number }[] {
    const own = this.byId.get(id);
    const counts = new Map<number, number>();
    for (const path of new Set(this.mentions(id).map((m) => m.path))) {
      for (const other of new Set((this.found.get(path) ?? []).map((m) => m.entity))) {
        if (other !== own) counts.set(other, (counts.get(other) ?? 0) + 1);
      }
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1] || this.entities[a[0]].name.localeCompare(this.entities[b[0]].name))
      .slice(0, limit)
      .flatMap(([index, articles]) => {
        const entity = this.get(this.entities[index].id);
        return entity ? [{ entity, articles }] : [];
      });
  }

  /** The text of a paragraph, for the sentence around a mention. */
  paragraphText(path: string, paragraph: number): string | undefined {
    return this.paragraphsOf.get(path)?.[paragraph];
  }

  private remember(article: Pick<Article, 'path' | 'paragraphs'>, names: ArticleNames): void {
    this.names.set(article.path, names);
    this.wordCase.add(this.paragraphsOf.get(article.path) ?? [], -1);
    const texts = article.paragraphs.map((p) => p.text);
    this.paragraphsOf.set(article.path, texts);
    this.wordCase.add(texts);
  }

  private refresh(changed: string[]): void {
    const before = this.entities;
    const after = this.resolve();
    if (sameAliases(before, after)) {
      for (const path of changed) this.scan(path);
      this.byEntity = undefined;
    } else this.resolveAndScan(after);
  }

  private resolveAndScan(entities = this.resolve()): void {
    this.entities = entities;
    this.byAlias = new Map();
    this.byId = new Map(entities.map((e, i) => [e.id, i]));
    entities.forEach((e, i) => e.aliases.forEach((a) => this.byAlias.set(fold(a), i)));
    this.matcher = new AliasMatcher(entities);
    this.found.clear();
    for (const path of this.names.keys()) this.scan(path);
    this.byEntity = undefined;
  }

  private resolve(): ResolvedEntity[] {
    return resolveEntities(this.names.values(), this.overrides, this.wordCase.isCommon);
  }

  private scan(path: string): void {
    const paragraphs = this.paragraphsOf.get(path) ?? [];
    const mentions: StoredMention[] = [];
    paragraphs.forEach((text, paragraph) => {
      for (const m of this.matcher.scan(text)) mentions.push({ entity: m.entity, paragraph, start: m.start, end: m.end });
    });
    this.found.set(path, mentions);
  }

  private mentionsByEntity(): Map<number, EntityMention[]> {
    if (this.byEntity) return this.byEntity;
    const byEntity = new Map<number, EntityMention[]>();
    for (const [path, mentions] of this.found) {
      for (const { entity, paragraph, start, end } of mentions) {
        let list = byEntity.get(entity);
        if (!list) byEntity.set(entity, (list = []));
        list.push({ path, paragraph, start, end });
      }
    }
    return (this.byEntity = byEntity);
  }
}

function sameAliases(a: ResolvedEntity[], b: ResolvedEntity[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((e, i) => e.id === b[i].id && e.type === b[i].type && e.aliases.join('\u0000') === b[i].aliases.join('\u0000'));
}
