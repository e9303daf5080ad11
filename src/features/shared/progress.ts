/** A cancellable engine task under a progress notification: Cancel aborts it, the message counts "done / total". */
import * as vscode from 'vscode';

export type Progressing<T> = (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<T>;

export function withCancellableProgress<T>(title: string, unit: string, controller: AbortController, run: Progressing<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    return run(controller.signal, (done, total) => {
      progress.report({ message: `${done} / ${total} ${unit}`, increment: ((done - reported) / Math.max(total, 1)) * 100 });
      reported = done;
    });
  });
}
