/**
 * Builds the people and organisations after every corpus load, in the engine's worker with a
 * cancellable progress notification, and applies the user's corrections from
 * `.corpus-lens/entities.json` whenever that file changes.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import type { CorpusLoading } from './corpusLoading';
import type { Log } from './output';

export const ENTITIES_FILE = '.corpus-lens/entities.json';

export interface EntityBuilding {
  /** True once entities exist for the current corpus. */
  readonly ready: boolean;
  /** Resolves when the build that is running (or the next one) has finished. */
  whenReady(): Promise<void>;
  rebuild(): Promise<void>;
}

function cacheFile(context: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'entities-cache.json').fsPath;
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, loading: CorpusLoading, log: Log): EntityBuilding {
  let ready = false;
  let current: AbortController | undefined;
  let waiting: (() => void)[] = [];

  const rebuild = async (): Promise<void> => {
    current?.abort();
    ready = false;
    if (loading.state !== 'ready') return;
    const controller = (current = new AbortController());
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Corpus Lens: finding people and organizations', cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        return engine.buildEntities({
          cacheFile: cacheFile(context),
          signal: controller.signal,
          onProgress: (done, total) => {
            progress.report({ message: `${done} / ${total} articles`, increment: ((done - reported) / Math.max(total, 1)) * 100 });
            reported = done;
          },
        });
      },
    );
    if (controller !== current) return;
    if (report.cacheRebuilt) log.info(`The entities cache ${report.cacheRebuilt}; it was rebuilt.`);
    if (report.cacheUnwritable) log.channel.warn(report.cacheUnwritable);
    if (report.cancelled) {
      log.info('Finding people and organizations was cancelled; hovers stay off until "Corpus Lens: Refresh".');
      return;
    }
    log.info(`People and organizations: ${report.recognized} articles recognized, ${report.fromCache} from the cache, in ${Math.round(report.ms)} ms.`);
    ready = true;
    waiting.forEach((resolve) => resolve());
    waiting = [];
  };

  const applyOverrides = async (userAction: boolean): Promise<void> => {
    const file = overridesUri();
    if (!file) return;
    const report = (message: string) => {
      log.channel.error(`${message} The last good corrections stay in use.`);
      if (userAction) void vscode.window.showWarningMessage(`Corpus Lens: ${message}`);
    };
    let text = '';
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch (error) {
      // No file means no corrections; a file that cannot be read changes nothing.
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) return report(`${ENTITIES_FILE} cannot be read: ${(error as Error).message}.`);
    }
    const parsed = await engine.setEntityOverrides(text);
    if (!parsed.ok) report(`${ENTITIES_FILE} line ${parsed.line}: ${parsed.message}.`);
  };

  // The folder too: a file written together with its new folder may arrive as one folder event.
  const watcher = vscode.workspace.createFileSystemWatcher(`**/{${path.posix.dirname(ENTITIES_FILE)},${ENTITIES_FILE}}`);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(() => void applyOverrides(true)),
    watcher.onDidChange(() => void applyOverrides(true)),
    watcher.onDidDelete(() => void applyOverrides(true)),
    // A watcher can miss a file created with its folder; a save in the editor is never missed.
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.path.endsWith(`/${ENTITIES_FILE}`)) void applyOverrides(true);
    }),
    loading.onDidChangeState((state) => {
      if (state === 'ready') void applyOverrides(false).then(rebuild);
      else {
        // A new load (or a restarted engine): the entities are for the corpus that was.
        ready = false;
        current?.abort();
      }
    }),
    { dispose: () => current?.abort() },
  );
  if (loading.state === 'ready') void applyOverrides(false).then(rebuild);

  return {
    get ready() {
      return ready;
    },
    whenReady: () => (ready ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
    rebuild,
  };
}

function overridesUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && vscode.Uri.joinPath(folder.uri, ENTITIES_FILE);
}
