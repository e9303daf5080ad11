/**
 * The database backend's password: a command that keeps it in VS Code's secret storage (never in
 * settings), and a reload when it or the database setting changes.
 */
import * as vscode from 'vscode';
import type { CorpusLoading } from './shared/corpusState';
import { PASSWORD_SECRET } from './shared/databaseBackend';
import { affects, setting } from './shared/settings';

export function activate(context: vscode.ExtensionContext, loading: CorpusLoading): void {
  context.subscriptions.push(
    // Scripts and tests may pass the password; a person types it in a masked box.
    vscode.commands.registerCommand('corpusLens.setDatabasePassword', async (given?: string) => {
      const url = setting('backend.url').trim();
      const password =
        typeof given === 'string'
          ? given
          : await vscode.window.showInputBox({
              title: 'Corpus Lens: Database Password',
              prompt: url
                ? `The password for ${url}. Kept in VS Code's secret storage. Empty: forget the password.`
                : 'Set corpusLens.backend.url first; the password is kept in secret storage.',
              password: true,
              ignoreFocusOut: true,
            });
      if (password === undefined) return;
      if (password === '') await context.secrets.delete(PASSWORD_SECRET);
      else await context.secrets.store(PASSWORD_SECRET, password);
    }),
    context.secrets.onDidChange((event) => event.key === PASSWORD_SECRET && void loading.reload(true)),
    vscode.workspace.onDidChangeConfiguration((event) => affects(event, 'backend.url') && void loading.reload(true)),
  );
}
