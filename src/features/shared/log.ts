/** The "Corpus Lens" output channel: one line per bad file, and a notification only when the user acted. */
import * as vscode from 'vscode';
import type { Problem } from '../../core/types';

export interface Log {
  channel: vscode.LogOutputChannel;
  problem(problem: Problem): void;
  info(message: string): void;
  /** A notification that names how many files were skipped, with a button to the output channel. */
  notifyProblems(problems: Problem[]): void;
}

export function createLog(context: vscode.ExtensionContext): Log {
  const channel = vscode.window.createOutputChannel('Corpus Lens', { log: true });
  context.subscriptions.push(channel);
  return {
    channel,
    problem: (p) => (p.severity === 'loaded' ? channel.info : channel.warn).call(channel, `${vscode.workspace.asRelativePath(p.path)}: ${p.message}`),
    info: (message) => channel.info(message),
    notifyProblems: (problems) => {
      const skipped = problems.filter((p) => p.severity !== 'loaded');
      if (skipped.length === 0) return;
      const first = `${vscode.workspace.asRelativePath(skipped[0].path)}: ${skipped[0].message}`;
      const text = skipped.length === 1 ? `Corpus Lens skipped a file — ${first}` : `Corpus Lens skipped ${skipped.length} files (first: ${first}).`;
      void vscode.window.showWarningMessage(text, 'Show Output').then((choice) => {
        if (choice) channel.show(true);
      });
    },
  };
}
