/** The messages between the Timeline page (src/webview/timeline.ts) and its panel (src/features/timeline.ts). No vscode or node imports: both sides use it. */
import type { Timeline, TimelineStep } from '../core/timeline/timeline';

/** `timelines`: one for the whole corpus (stacked by source), or one per compared entity (mentions). */
export type ToTimeline = { type: 'show'; by: TimelineStep; timelines: Timeline[] };

export type FromTimeline =
  | { type: 'ready' }
  /** A bar was chosen: filter the search panel and reveal the period in the Articles tree. */
  | { type: 'period'; period: string }
  | { type: 'by'; by: TimelineStep }
  | { type: 'add' }
  | { type: 'remove'; name: string }
  | { type: 'corpus' };
