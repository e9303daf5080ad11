/** The People & Organizations view's order, shared by the view and the test of its top names. */
import type { EntityInfo } from './entityIndex';

/** Most mentioned first, then by name. */
export const byMentions = (a: Pick<EntityInfo, 'mentionCount' | 'name'>, b: Pick<EntityInfo, 'mentionCount' | 'name'>): number =>
  b.mentionCount - a.mentionCount || a.name.localeCompare(b.name);
