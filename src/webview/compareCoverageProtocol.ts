/** The messages between the Compare Coverage page (src/webview/compareCoverage.ts) and its panel (src/features/compareCoverage.ts). No vscode or node imports: both sides use it. */
import type { Coverage } from '../core/stories/coverage';

export type ToCoverage = { type: 'show'; coverage: Coverage; labels: string[] };

export type FromCoverage = { type: 'open'; path: string; line: number } | { type: 'ready' };
