/**
 * Hover cards: on a person's or organisation's name in a note or an article, every article that
 * mentions them, newest first, with the sentence around the mention.
 */
import * as vscode from 'vscode';
import { setting } from './shared/settings';
import type { EngineClient } from '../core/engine/engineClient';
import { renderAmbiguous, renderCard } from './shared/entityCardMarkdown';
import { articlePath, isEntityDocument, registerForEntityDocuments } from './shared/entityDocuments';

export function cardOptions(): { limit: number; related: number } {
  return { limit: Math.max(1, setting('hover.maxArticles')), related: 5 };
}

export class EntityHoverProvider implements vscode.HoverProvider {
  constructor(private readonly engine: EngineClient) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!isEntityDocument(document, this.engine)) return undefined;
    const line = document.lineAt(position.line).text;
    const answer = await this.engine.hoverAt(line, position.character, cardOptions(), articlePath(document, this.engine));
    if (!answer || token.isCancellationRequested) return undefined;
    const range = new vscode.Range(position.line, answer.start, position.line, answer.end);
    return new vscode.Hover('card' in answer ? renderCard(answer.card) : renderAmbiguous(answer.ambiguous), range);
  }
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): void {
  const provider = new EntityHoverProvider(engine);
  registerForEntityDocuments(context, (selector) => vscode.languages.registerHoverProvider(selector, provider));
}
