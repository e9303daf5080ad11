/** Phrases of a hover card (no vscode import: unit-tested). */
import type { EntityCard } from '../../core/entities/entityCard';

/** "from 3 sources", "source unknown", "from 2 sources and 4 of unknown source". */
export function sourcesPhrase(card: Pick<EntityCard, 'sourceCount' | 'unknownSourceCount'>): string {
  const known = `from ${card.sourceCount} source${card.sourceCount === 1 ? '' : 's'}`;
  if (card.unknownSourceCount === 0) return known;
  return card.sourceCount === 0 ? 'source unknown' : `${known} and ${card.unknownSourceCount} of unknown source`;
}
