/** What search needs from the entities: `person:` / `org:` / `said:` filters, and people and organization facets. */
import type { EntityFacets } from '../search/searchIndex';
import type { ParsedQuery } from '../search/query';
import type { EntityIndex } from './entityIndex';
import { articlesQuoting, type QuoteSources } from '../quotes/quoteQueries';

const FACET_SIZE = 8;

/** The articles every entity filter allows (`said:` — those quoting the person); undefined without filters; a message when one cannot be met. */
export function entityFilter(index: EntityIndex, filters: ParsedQuery['entities'], built: boolean, quotes: QuoteSources): Set<string> | undefined | string {
  if (filters.length === 0) return undefined;
  if (!built) return 'people and organizations are still being found; try person:, org: and said: again in a moment';
  let allowed: Set<string> | undefined;
  for (const { kind, name } of filters) {
    const entity = index.find(name);
    if (!entity || (kind !== 'said' && entity.type !== kind)) return `no ${kind === 'said' ? 'person or organization' : kind} called "${name}" in the corpus`;
    const paths = kind === 'said' ? articlesQuoting(index, quotes, entity.id) : new Set(index.mentions(entity.id).map((m) => m.path));
    allowed = allowed ? new Set([...allowed].filter((p) => paths.has(p))) : paths;
  }
  return allowed;
}

export function entityFacetsOf(index: EntityIndex, paths: string[]): EntityFacets {
  const counts = new Map<string, { name: string; type: string; articles: number }>();
  for (const path of paths) {
    for (const id of index.entitiesIn(path)) {
      const entity = index.get(id);
      if (!entity) continue;
      const entry = counts.get(id) ?? { name: entity.name, type: entity.type, articles: 0 };
      entry.articles++;
      counts.set(id, entry);
    }
  }
  const top = (type: string): [string, number][] =>
    [...counts.values()]
      .filter((c) => c.type === type)
      .sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name))
      .slice(0, FACET_SIZE)
      .map((c) => [c.name, c.articles]);
  return { people: top('person'), organizations: top('organization') };
}
