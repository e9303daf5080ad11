/**
 * The Timeline (an editor panel): articles per month or year for the whole corpus, stacked by
 * source, or the mentions of up to five people and organizations. Choosing a period adds
 * `date:YYYY-MM` to the search panel's query and reveals that period in the Articles tree. Opened
 * from the command palette, a hover card, or the People & Organizations view.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import type { Timeline, TimelineStep } from '../core/timeline/timeline';
import type { FromTimeline, ToTimeline } from '../webview/timelineProtocol';
import { pickEntity } from './shared/entityPick';
import { webviewHtml, webviewRoots } from './shared/webviewPage';
import { entityArgument } from './shared/mentionPick';

const MAX_COMPARED = 5;

interface TimelineState {
  by: TimelineStep;
  /** Entity ids compared; none: the whole corpus. */
  entities: string[];
}

export class TimelinePanel {
  private panel: vscode.WebviewPanel | undefined;
  private readonly state: TimelineState = { by: 'month', entities: [] };
  /** What was last sent to the page, for the in-host tests. */
  lastShown: Timeline[] = [];

  constructor(
    private readonly engine: EngineClient,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Shows the whole corpus (no entity) or one entity's mentions. */
  async show(entity?: string): Promise<void> {
    this.state.entities = entity ? [entity] : [];
    this.open();
    await this.send();
  }

  private open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel('corpusLens.timeline', 'Corpus Lens Timeline', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: webviewRoots(this.extensionUri),
    });
    panel.webview.html = html(panel.webview, this.extensionUri);
    panel.webview.onDidReceiveMessage((message: FromTimeline) => void this.onMessage(message));
    panel.onDidDispose(() => (this.panel = undefined));
    this.panel = panel;
  }

  private async onMessage(message: FromTimeline): Promise<void> {
    if (message.type === 'period') {
      await vscode.commands.executeCommand('corpusLens.addSearchFilter', `date:${message.period}`);
      await vscode.commands.executeCommand('corpusLens.revealPeriod', message.period);
      return;
    }
    if (message.type === 'by') this.state.by = message.by;
    else if (message.type === 'corpus') this.state.entities = [];
    else if (message.type === 'remove') {
      // The page names a timeline by its display name; the state holds the ids in the same order.
      const at = this.lastShown.findIndex((t) => t.name === message.name);
      this.state.entities = this.state.entities.filter((_, i) => i !== at);
    } else if (message.type === 'add') {
      const id = await pickEntity(this.engine, 'Timeline: compare with whom?', false);
      if (id && !this.state.entities.includes(id)) this.state.entities = [...this.state.entities, id].slice(-MAX_COMPARED);
    }
    await this.send();
  }

  private async send(): Promise<void> {
    const { by, entities } = this.state;
    const answers = await Promise.all((entities.length ? entities : [null]).map((name) => this.engine.timeline(name, by)));
    // An entity gone since (a corrected name) drops out; ids and timelines stay in the same order.
    if (entities.length) this.state.entities = entities.filter((_, i) => answers[i] !== undefined);
    const timelines = answers.filter((t): t is Timeline => t !== undefined);
    this.lastShown = timelines;
    void this.panel?.webview.postMessage({ type: 'show', by, timelines } satisfies ToTimeline);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, {
    title: 'Timeline',
    stylesheet: 'timeline.css',
    script: 'timeline.js',
    body: `<div class="toolbar" role="toolbar" aria-label="Timeline">
  <button id="by-month" aria-pressed="true">By month</button>
  <button id="by-year" aria-pressed="false">By year</button>
  <span id="chips"></span>
</div>
<p id="summary" role="status"></p>
<div class="chart-box" id="chart-box"><canvas id="chart" role="img" aria-label="Bar chart of the numbers in the table below"></canvas></div>
<p id="outside"></p>
<table id="numbers"></table>`,
  });
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): TimelinePanel {
  const timeline = new TimelinePanel(engine, context.extensionUri);
  context.subscriptions.push(
    timeline,
    vscode.commands.registerCommand('corpusLens.showTimeline', () => timeline.show()),
    vscode.commands.registerCommand('corpusLens.showTimelineFor', async (arg?: unknown) => {
      const entity = entityArgument(arg) ?? (await pickEntity(engine, 'Show the timeline of whom?'));
      if (entity) await timeline.show(entity);
    }),
  );
  return timeline;
}
