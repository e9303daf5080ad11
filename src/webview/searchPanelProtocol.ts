/** The messages between the search panel's page (src/webview/searchPanel.ts) and its provider (src/features/searchPanel.ts). No vscode or node imports: both sides use it. */

/** A facet entry: what to add to the query, what to show, and how many results have it. */
export interface Facet {
  filter: string;
  label: string;
  count: number;
}

export interface FacetGroup {
  title: string;
  facets: Facet[];
}

export interface PanelHit {
  path: string;
  /** Workspace-relative path, for the row's last line. */
  file: string;
  title: string;
  meta: string;
  snippet: string;
  highlights: [number, number][];
  /** 0-based line of the hit, and the matched text (to select it when opening). */
  line: number;
  match?: string;
}

/** `seq` -1: a refresh after the corpus changed (always shown). */
export type ToPanel =
  | { type: 'results'; seq: number; query: string; total: number; ms: number; facets: FacetGroup[]; hits: PanelHit[] }
  | { type: 'error'; seq: number; query: string; message: string }
  | { type: 'setQuery'; query: string };

export type FromPanel =
  { type: 'search'; query: string; seq: number; typing: boolean } | { type: 'open'; path: string; line: number; match?: string } | { type: 'ready' };
