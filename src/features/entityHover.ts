/**
 * Hover cards: on a person's or organisation's name in a note or an article, every article that
 * mentions them, newest first, with the sentence around the mention, and the lines of the user's
 * notes that name them.
 */
import * as vscode from 'vscode';
import { setting } from './shared/settings';
import type { EngineClient } from '../core/engine/engineClient';
import { renderAmbiguous, renderCard, type CardNote } from './shared/entityCardMarkdown';
import type { NotesIndex } from './shared/notesIndex';
import { documentFile, isEntityDocument, registerForEntityDocuments } from './shared/entityDocuments';

export function cardOptions(): { limit: number; related: number } {
  return { limit: Math.max(1, setting('hover.maxArticles')), related: 5 };
}

export class EntityHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly engine: EngineClient,
    private readonly notes: NotesIndex,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!(await isEntityDocument(document, this.engine))) return undefined;
    const line = document.lineAt(position.line).text;
    const answer = await this.engine.hoverAt(line, position.character, cardOptions(), documentFile(document));
    if (!answer || token.isCancellationRequested) return undefined;
    const range = new vscode.Range(position.line, answer.start, position.line, answer.end);
    if (!('card' in answer)) return new vscode.Hover(renderAmbiguous(answer.ambiguous), range);
    return new vscode.Hover(renderCard(answer.card, this.noteLines(answer.card.entity.id, document, position.line)), range);
  }

  /** The notes' lines that name the entity, but the one being hovered. */
  private noteLines(id: string, document: vscode.TextDocument, line: number): CardNote[] {
    return this.notes
      .mentionsOf(id)
      .filter((m) => m.uri.scheme === 'file' && !(m.uri.toString() === document.uri.toString() && m.line === line))
      .map((m) => ({ file: m.uri.fsPath, label: vscode.workspace.asRelativePath(m.uri), line: m.line, text: m.text }));
  }
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient, notes: NotesIndex): void {
  const provider = new EntityHoverProvider(engine, notes);
  registerForEntityDocuments(context, (selector) => vscode.languages.registerHoverProvider(selector, provider));
}
