/**
 * Builds the people and organisations after every corpus load, in the engine's worker with a
 * cancellable progress notification, and applies the user's corrections from
 * `.corpus-lens/entities.json` whenever that file changes.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import type { EntityBuildReport } from '../core/entities/corpusEntities';
import { ENTITIES_FILE } from '../core/entities/overrides';
import type { CorpusLoading } from './shared/corpusState';
import type { Log } from './shared/log';
import { withCancellableProgress } from './shared/progress';
import { readWorkspaceFile, reportFileProblem, watchWorkspaceFile } from './shared/workspaceFiles';

export { ENTITIES_FILE };

export interface EntityBuilding {
  /** True once entities exist for the current corpus. */
  readonly ready: boolean;
  /** Resolves when the build that is running (or the next one) has finished. */
  whenReady(): Promise<void>;
  rebuild(): Promise<void>;
  /** What the last finished build did: how many articles it recognized, took from the cache or from the database. */
  readonly lastReport: EntityBuildReport | undefined;
}

class EntityBuilder implements EntityBuilding, vscode.Disposable {
  private isReady = false;
  lastReport: EntityBuildReport | undefined;
  private current: AbortController | undefined;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly engine: EngineClient,
    private readonly loading: CorpusLoading,
    private readonly log: Log,
  ) {}

  get ready(): boolean {
    return this.isReady;
  }

  whenReady(): Promise<void> {
    return this.isReady ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  async rebuild(): Promise<void> {
    this.current?.abort();
    this.isReady = false;
    if (this.loading.state !== 'ready') return;
    const controller = (this.current = new AbortController());
    const cacheFile = vscode.Uri.joinPath(this.context.storageUri ?? this.context.globalStorageUri, 'entities-cache.json').fsPath;
    const report = await withCancellableProgress('Corpus Lens: finding people and organizations', 'articles', controller, (signal, onProgress) =>
      this.engine.buildEntities({ cacheFile, signal, onProgress }),
    );
    if (controller !== this.current) return;
    if (report.cacheRebuilt) this.log.info(`The entities cache ${report.cacheRebuilt}; it was rebuilt.`);
    if (report.cacheUnwritable) this.log.channel.warn(report.cacheUnwritable);
    if (report.cancelled) {
      this.log.info('Finding people and organizations was cancelled; hovers stay off until "Corpus Lens: Refresh".');
      return;
    }
    const stored = report.fromStored ?? 0;
    this.log.info(
      `People and organizations: ${report.recognized} articles recognized, ${report.fromCache - stored} from the cache` +
        (report.fromStored === undefined ? '' : `, ${stored} from the database`) +
        `, in ${Math.round(report.ms)} ms.`,
    );
    this.lastReport = report;
    this.isReady = true;
    this.waiting.forEach((resolve) => resolve());
    this.waiting = [];
  }

  /** A new load (or a restarted engine) makes the entities those of the corpus that was. */
  onLoadingState(state: string): void {
    if (state === 'ready') void this.applyOverrides(false).then(() => this.rebuild());
    else {
      this.isReady = false;
      this.current?.abort();
    }
  }

  /** Sends the corrections file to the engine; a malformed or unreadable one is reported, and the last good corrections stay. */
  async applyOverrides(userAction: boolean): Promise<void> {
    const read = await readWorkspaceFile(ENTITIES_FILE);
    const report = (message: string) => reportFileProblem(this.log.channel, `${message} The last good corrections stay in use.`, userAction);
    if ('error' in read) return report(read.error);
    const parsed = await this.engine.setEntityOverrides('text' in read ? read.text : '');
    if (!parsed.ok) report(`${ENTITIES_FILE} line ${parsed.line}: ${parsed.message}.`);
  }

  dispose(): void {
    this.current?.abort();
  }
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, loading: CorpusLoading, log: Log): EntityBuilding {
  const builder = new EntityBuilder(context, engine, loading, log);
  context.subscriptions.push(
    builder,
    ...watchWorkspaceFile(ENTITIES_FILE, () => void builder.applyOverrides(true)),
    loading.onDidChangeState((state) => builder.onLoadingState(state)),
  );
  if (loading.state === 'ready') builder.onLoadingState('ready');
  return builder;
}
