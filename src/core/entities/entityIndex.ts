/**
 * Entities and where they are mentioned. Holds each article's recognized names (the slow part,
 * cached on disk by the engine), resolves them into entities, and finds every alias in every
 * article so that a mention the recognizer missed still counts.
 */
import type { Article } from '../types';
import { AliasMatcher } from './aliasMatcher';
import { articleMentions, type MatchTarget } from './articleMentions';
import { distinctFirsts, EntityArticles, forEachMention, NO_MENTIONS, packMentions, packNumbers } from './mentionTable';
import { fold, HONORIFICS, nameKey, nameWords, NOT_NAMES, withoutPossessive } from './names';
import { NO_OVERRIDES, type EntityOverrides } from './overrides';
import { resolveEntities, type AmbiguousName, type ArticleNames, type Resolution, type ResolvedEntity } from './resolve';
import { WordCaseCounts, type WordCaseSnapshot } from './wordCase';
import { KeptNamesTable } from './keptNames';
import { Int32ArraysByKey } from './arenas';

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

/** What is under the cursor: an entity, or a short name that stands for several. */
export type NameAt = { start: number; end: number } & (
  { entity: EntityInfo } | { ambiguous: { name: string; type: AmbiguousName['type']; candidates: EntityInfo[] } }
);

const NO_RESOLUTION: Resolution = { entities: [], ambiguous: [], shortForms: [] };

/** The paragraphs' texts of an article of the corpus, read from wherever the engine keeps them. */
export type TextSource = (path: string) => readonly string[];

/** An article as the index takes it: its names, its texts, and for a changed one the texts it had (to uncount them). */
export interface IndexedArticle {
  article: Pick<Article, 'path' | 'paragraphs'>;
  names: ArticleNames;
  previous?: readonly string[];
}

export class EntityIndex {
  private names = new KeptNamesTable();
  /** The texts, kept here only when no source was given (tests, small uses). */
  private readonly kept = new Map<string, readonly string[]>();
  private found = new Int32ArraysByKey();
  private entities: ResolvedEntity[] = [];
  private resolution: Resolution = NO_RESOLUTION;
  private byAlias = new Map<string, number>();
  private byId = new Map<string, number>();
  private matcher = new AliasMatcher([]);
  private targets: MatchTarget[] = [];
  private shortForms = new Set<string>();
  private byEntity: EntityArticles | undefined;
  private pathTable: string[] = [];
  private readonly relatedCache = new Map<number, { index: number; articles: number }[]>();
  private readonly derived = new Map<string, unknown>();
  private overrides: EntityOverrides = NO_OVERRIDES;
  private readonly wordCase = new WordCaseCounts();
  /** After a restore from the cache, word counts are taken only when a resolution needs them. */
  private wordCaseStale = false;

  /** `source`: where the articles' texts are read when needed; without one the index keeps them itself. */
  constructor(private readonly source?: TextSource) {}

  private textsOf(path: string): readonly string[] {
    return this.source ? this.source(path) : (this.kept.get(path) ?? []);
  }

  get articleCount(): number {
    return this.names.size;
  }

  /** Replaces the whole content: one call after a corpus load. */
  reset(articles: Iterable<IndexedArticle>): void {
    this.names.clear();
    this.kept.clear();
    this.wordCase.clear();
    this.wordCaseStale = false;
    for (const { article, names } of articles) this.remember(article, names, []);
    this.names.trim();
    this.resolveAndScan();
  }

  /** Takes entities and mentions as a cache stored them (every file unchanged, same corrections). */
  restore(
    articles: readonly { article: Pick<Article, 'path' | 'paragraphs'>; names: ArticleNames; mentions: readonly number[] }[],
    resolution: Resolution,
    wordCase?: WordCaseSnapshot,
  ): void {
    const names = new KeptNamesTable();
    const found = new Int32ArraysByKey();
    // The typed arrays sized once: grown by doubling, the old and the new one are held at once.
    names.reserve(articles.map((a) => a.names));
    found.reserve(
      articles.length,
      articles.reduce((n, a) => n + a.mentions.length, 0),
    );
    for (const { article, names: articleNames, mentions } of articles) {
      names.set(article.path, articleNames);
      found.set(article.path, packNumbers(mentions));
    }
    names.trim();
    found.trim();
    this.adopt(names, found, resolution, wordCase);
  }

  /** Takes these names and mentions (every file unchanged, same corrections) as they are, without copying them: they are the index's from now on. */
  adopt(names: KeptNamesTable, mentions: Int32ArraysByKey, resolution: Resolution, wordCase?: WordCaseSnapshot): void {
    this.kept.clear();
    this.names = names;
    this.found = mentions;
    this.wordCase.clear();
    this.wordCaseStale = true;
    // With the cached word counts, the first change after a restore needs no pass over every text.
    if (wordCase) {
      this.wordCase.restore(wordCase);
      this.wordCaseStale = false;
    }
    this.useResolution(resolution);
    this.tablesChanged();
  }

  /** What a cache keeps: the resolution, and per file its names and mentions (flat quadruples). */
  snapshot(): { resolution: Resolution; wordCase?: WordCaseSnapshot; files: Map<string, ArticleNames & { mentions: number[] }> } {
    const files = new Map<string, ArticleNames & { mentions: number[] }>();
    for (const path of this.names.paths()) {
      files.set(path, { ...this.names.get(path)!, mentions: Array.from(this.found.get(path) ?? NO_MENTIONS) });
    }
    return { resolution: this.resolution, wordCase: this.wordCaseStale ? undefined : this.wordCase.toJSON(), files };
  }

  /** Identifies the corrections in use, so a cache made with others is not taken as is. */
  overridesSignature(): string {
    const { merge, keepApart, rename, retype, hide } = this.overrides;
    return JSON.stringify([merge, [...keepApart], [...rename], [...retype], [...hide]]);
  }

  /** One article added or changed: resolve again; rescan everything only if the aliases changed. */
  upsert(article: Pick<Article, 'path' | 'paragraphs'>, names: ArticleNames, previous?: readonly string[]): void {
    this.update([{ article, names, previous }], []);
  }

  remove(path: string, previous?: readonly string[]): void {
    this.update([], [{ path, previous }]);
  }

  /**
   * Many files at once (a checkout, a copied folder): one resolution for all of them. With a text
   * source, `previous` is the text an article had, to take its words out of the counts.
   */
  update(upserts: IndexedArticle[], removed: { path: string; previous?: readonly string[] }[], resolveNow = true): void {
    const gone = removed.filter(({ path, previous }) => this.forget(path, previous));
    for (const { article, names, previous } of upserts) this.remember(article, names, previous ?? this.kept.get(article.path) ?? []);
    if (upserts.length === 0 && gone.length === 0) return;
    if (resolveNow) return this.refresh(upserts.map((u) => u.article.path));
    // The changed articles are scanned for the entities as they are; the corpus is resolved again by `settle`.
    for (const { article } of upserts) this.scan(article.path);
    this.byEntity = undefined;
    this.relatedCache.clear();
    this.derived.clear();
    this.unsettled = true;
  }

  /** Changes were applied without resolving the corpus again (`update(…, false)`). */
  private unsettled = false;

  /** Resolves the corpus again after deferred updates; true when that changed anything. */
  settle(): boolean {
    if (!this.unsettled) return false;
    this.unsettled = false;
    this.refresh([]);
    return true;
  }

  private forget(path: string, previous = this.kept.get(path) ?? []): boolean {
    if (!this.names.delete(path)) return false;
    if (!this.wordCaseStale) this.wordCase.add(previous, -1);
    this.kept.delete(path);
    this.found.delete(path);
    return true;
  }

  setOverrides(overrides: EntityOverrides): void {
    this.overrides = overrides;
    this.resolveAndScan();
  }

  namesOf(path: string): ArticleNames | undefined {
    return this.names.get(path);
  }

  /** What story clustering compares, without the article's names made into objects. */
  storyOf(path: string): ArticleNames['story'] {
    return this.names.story(path);
  }

  /** The article's quotes, packed (quotePacking.ts). */
  quotesOf(path: string): ArticleNames['quotes'] {
    return this.names.quotes(path);
  }

  list(): EntityInfo[] {
    const byEntity = this.entityArticles();
    return this.entities.flatMap((entity, i) => {
      const mentionCount = byEntity.mentionCount(i);
      return mentionCount > 0 ? [{ ...entity, mentionCount, articleCount: byEntity.articleCount(i) }] : [];
    });
  }

  get(id: string): EntityInfo | undefined {
    const index = this.byId.get(id);
    if (index === undefined) return undefined;
    const byEntity = this.entityArticles();
    return { ...this.entities[index], mentionCount: byEntity.mentionCount(index), articleCount: byEntity.articleCount(index) };
  }

  /**
   * The entity a name refers to: an alias (ignoring case, accents, a possessive), else a spelling
   * variant, else the most mentioned entity with an alias ending in those words ("Kerry").
   */
  find(name: string): EntityInfo | undefined {
    // Asked for every quote's speaker (the Quotes view, said:): kept per name until the index changes.
    const index = this.cached(`find:${name}`, () => this.findIndex(name));
    return index < 0 ? undefined : this.get(this.entities[index].id);
  }

  private findIndex(name: string): number {
    const folded = fold(withoutPossessive(name.trim()));
    const key = nameKey(name, 'person');
    let index = this.byAlias.get(folded) ?? this.personKeys().get(key) ?? -1;
    if (index < 0 && key) index = this.personKeyEndings().get(key) ?? -1;
    return index;
  }

  /**
   * The last words of each alias's person key ("blair" of "tony blair"), to the most mentioned
   * entity (the first of equals) that has such an alias: a name no alias has whole is that entity.
   * Made once: looked up for every quote's speaker, each list of every alias had cost a card 0.1 s.
   */
  private personKeyEndings(): Map<string, number> {
    return this.cached('person-key-endings', () => {
      const byEntity = this.entityArticles();
      const endings = new Map<string, { index: number; mentions: number }>();
      this.entities.forEach((entity, index) => {
        const mentions = byEntity.mentionCount(index);
        if (mentions === 0) return;
        for (const alias of entity.aliases) {
          const key = nameKey(alias, 'person');
          for (let space = key.indexOf(' '); space >= 0; space = key.indexOf(' ', space + 1)) {
            const ending = key.slice(space + 1);
            const best = endings.get(ending);
            if (!best || mentions > best.mentions || (mentions === best.mentions && index < best.index)) endings.set(ending, { index, mentions });
          }
        }
      });
      return new Map([...endings].map(([ending, { index }]) => [ending, index]));
    });
  }

  /** Each alias's person key, to the first entity that has it. */
  private personKeys(): Map<string, number> {
    return this.cached('person-keys', () => {
      const keys = new Map<string, number>();
      this.entities.forEach((entity, i) => entity.aliases.forEach((alias) => keys.has(nameKey(alias, 'person')) || keys.set(nameKey(alias, 'person'), i)));
      return keys;
    });
  }

  /**
   * The longest name covering `offset` in a line of text (a note, an article). In an article of the
   * corpus (`path`), a short form is whoever the article's own mentions of it count for.
   */
  at(text: string, offset: number, path?: string): NameAt | undefined {
    const match = this.matcher.at(text, offset);
    if (!match) return undefined;
    const written = text.slice(match.start, match.end);
    const inArticle = path === undefined ? undefined : this.entityOfWritten(path, written);
    const index = inArticle ?? this.targets[match.entity]?.entity;
    const entity = index === undefined ? undefined : this.get(this.entities[index].id);
    if (entity) return { entity, start: match.start, end: match.end };
    const ambiguous = this.resolution.ambiguous[match.entity - this.entities.length];
    if (!ambiguous) return undefined;
    const candidates = ambiguous.candidates.flatMap((id) => this.get(id) ?? []);
    return { ambiguous: { name: ambiguous.name, type: ambiguous.type, candidates }, start: match.start, end: match.end };
  }

  /** Every name of an entity in a text (a note's line): where, and whose; ambiguous short names are left out. */
  namesIn(text: string): { start: number; end: number; id: string; name: string }[] {
    return this.matcher.scan(text).flatMap((match) => {
      const index = this.targets[match.entity]?.entity;
      const entity = index === undefined ? undefined : this.entities[index];
      return entity ? [{ start: match.start, end: match.end, id: entity.id, name: entity.name }] : [];
    });
  }

  /** The entity most of an article's mentions written so count for ("Mr Brown" in a story about Wes Brown). */
  private entityOfWritten(path: string, written: string): number | undefined {
    const folded = fold(written);
    if (!this.shortForms.has(folded)) return undefined;
    const votes = new Map<number, number>();
    const texts = this.textsOf(path);
    forEachMention(this.found.get(path) ?? NO_MENTIONS, (entity, paragraph, start, end) => {
      if (fold(texts[paragraph]?.slice(start, end) ?? '') === folded) votes.set(entity, (votes.get(entity) ?? 0) + 1);
    });
    return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
  }

  mentions(id: string): EntityMention[] {
    const index = this.byId.get(id);
    if (index === undefined) return [];
    const mentions: EntityMention[] = [];
    for (const article of this.entityArticles().articles(index)) {
      const path = this.pathTable[article];
      forEachMention(
        this.found.get(path) ?? NO_MENTIONS,
        (entity, paragraph, start, end) => entity === index && mentions.push({ path, paragraph, start, end }),
      );
    }
    return mentions;
  }

  /** Entities mentioned in the same articles, most shared articles first (kept until the index changes). */
  related(id: string, limit: number): { entity: EntityInfo; articles: number }[] {
    const own = this.byId.get(id);
    if (own === undefined) return [];
    let ranked = this.relatedCache.get(own);
    if (!ranked) {
      const counts = new Map<number, number>();
      for (const article of this.entityArticles().articles(own)) {
        for (const other of distinctFirsts(this.found.get(this.pathTable[article]) ?? NO_MENTIONS)) {
          if (other !== own) counts.set(other, (counts.get(other) ?? 0) + 1);
        }
      }
      ranked = [...counts]
        .sort((a, b) => b[1] - a[1] || this.entities[a[0]].name.localeCompare(this.entities[b[0]].name))
        .slice(0, 20)
        .map(([index, articles]) => ({ index, articles }));
      this.relatedCache.set(own, ranked);
    }
    return ranked.slice(0, limit).flatMap(({ index, articles }) => {
      const entity = this.get(this.entities[index].id);
      return entity ? [{ entity, articles }] : [];
    });
  }

  /** A value computed from the index (a card's sorted articles), kept until the index changes. */
  cached<T>(key: string, compute: () => T): T {
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = compute();
    this.derived.set(key, value);
    return value;
  }

  /** A value that holds only for the index as it is now (stories a database stored), dropped when it changes. */
  keepUntilChanged(key: string, value: unknown): void {
    this.derived.set(key, value);
  }

  /** What keepUntilChanged kept, once: it is let go. */
  takeKept<T>(key: string): T | undefined {
    const value = this.derived.get(key) as T | undefined;
    this.derived.delete(key);
    return value;
  }

  /** Every mention in one article, whoever it is of: the entity's id, the paragraph and the offsets. */
  mentionsIn(path: string): { id: string; paragraph: number; start: number; end: number }[] {
    const found: { id: string; paragraph: number; start: number; end: number }[] = [];
    forEachMention(this.found.get(path) ?? NO_MENTIONS, (entity, paragraph, start, end) => {
      const id = this.entities[entity]?.id;
      if (id) found.push({ id, paragraph, start, end });
    });
    return found;
  }

  /** The ids of the entities one article mentions. */
  entitiesIn(path: string): string[] {
    return distinctFirsts(this.found.get(path) ?? NO_MENTIONS).map((i) => this.entities[i].id);
  }

  /** The text of a paragraph, for the sentence around a mention. */
  paragraphText(path: string, paragraph: number): string | undefined {
    return this.textsOf(path)[paragraph];
  }

  private remember(article: Pick<Article, 'path' | 'paragraphs'>, names: ArticleNames, previous: readonly string[]): void {
    this.names.set(article.path, names);
    const texts = article.paragraphs.map((p) => p.text);
    if (!this.wordCaseStale) {
      this.wordCase.add(previous, -1);
      this.wordCase.add(texts);
    }
    if (!this.source) this.kept.set(article.path, texts);
  }

  private refresh(changed: string[]): void {
    const before = this.resolution;
    const after = this.resolve();
    if (sameResolution(before, after)) {
      for (const path of changed) this.scan(path);
      this.tablesChanged();
    } else this.resolveAndScan(after);
  }

  private useResolution(resolution: Resolution): void {
    const { entities, ambiguous } = resolution;
    this.resolution = resolution;
    this.entities = entities;
    this.byAlias = new Map();
    this.byId = new Map(entities.map((e, i) => [e.id, i]));
    entities.forEach((e, i) => e.aliases.forEach((a) => this.byAlias.set(fold(a), i)));
    this.matcher = new AliasMatcher([...entities, ...ambiguous.map((a) => ({ aliases: [a.name] }))]);
    this.targets = [...entities.map((e, i) => ({ kind: e.type, entity: i })), ...ambiguous.map((a) => ({ kind: a.type, entity: undefined }))];
    this.shortForms = new Set(resolution.shortForms);
  }

  private resolveAndScan(resolution = this.resolve()): void {
    this.useResolution(resolution);
    this.found.clear();
    for (const path of this.names.paths()) this.scan(path);
    this.found.trim();
    this.tablesChanged();
  }

  private resolve(): Resolution {
    if (this.wordCaseStale) {
      this.wordCase.clear();
      for (const path of this.names.paths()) this.wordCase.add(this.textsOf(path));
      this.wordCaseStale = false;
    }
    const table = this.names;
    const names = function* (): Generator<ArticleNames> {
      for (const path of table.paths()) yield table.names(path)!;
    };
    return resolveEntities(names(), this.overrides, this.wordCase);
  }

  private scan(path: string): void {
    const enclosingNames = (this.names.names(path)?.names ?? []).flatMap((n) => this.enclosing(n));
    const context = { matcher: this.matcher, targets: this.targets, shortForms: this.shortForms, isCommon: this.wordCase.isCommon, enclosingNames };
    this.found.set(path, packMentions(articleMentions(this.textsOf(path), context)));
  }

  /**
   * A name in whose text an alias is no mention: a place or other name ("York" in "New York"), and a
   * name the corpus found to be no person or organisation ("Dollar Baby" in the film "Million Dollar
   * Baby"). Not a name that only lost a leading word ("Chelsea" in "Both Chelsea") or a title.
   */
  private enclosing(name: { type: string; text: string }): string[] {
    if (name.type === 'LOC' || name.type === 'MISC') return [name.text];
    // "Stewart Downing's" is "Stewart Downing": an alias, which encloses nothing.
    const text = withoutPossessive(name.text);
    const first = fold(nameWords(text)[0] ?? '');
    // Names joined by "and" ("Nortel Networks and Motorola") enclose no name: each is mentioned.
    return this.byAlias.has(fold(text)) || NOT_NAMES.has(first) || HONORIFICS.has(first) || text.includes(' and ') ? [] : [text];
  }

  /** Per-entity tables are rebuilt now, in the build, not on the first hover after it. */
  private tablesChanged(): void {
    this.byEntity = undefined;
    this.relatedCache.clear();
    this.derived.clear();
    this.entityArticles();
  }

  /** Per entity, its articles (numbers into `pathTable`) and how often it is mentioned. */
  private entityArticles(): EntityArticles {
    if (this.byEntity) return this.byEntity;
    this.pathTable = [...this.found.keys()];
    const articles = this.pathTable.map((path) => this.found.get(path) ?? NO_MENTIONS);
    return (this.byEntity = EntityArticles.build(this.entities.length, articles));
  }
}

function sameResolution(a: Resolution, b: Resolution): boolean {
  return sameAliases(a.entities, b.entities) && JSON.stringify([a.ambiguous, a.shortForms]) === JSON.stringify([b.ambiguous, b.shortForms]);
}

function sameAliases(a: ResolvedEntity[], b: ResolvedEntity[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((e, i) => e.id === b[i].id && e.type === b[i].type && e.aliases.join('\u0000') === b[i].aliases.join('\u0000'));
}
