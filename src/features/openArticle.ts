/** The command behind every "open the article" link: corpusLens.openArticle(path, line?, match?). */
import * as vscode from 'vscode';
import { openArticle } from './shared/openArticle';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('corpusLens.openArticle', (filePath: string, line?: number, match?: string) => openArticle(filePath, line, match)),
  );
}
