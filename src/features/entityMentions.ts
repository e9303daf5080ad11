/**
 * Every mention of an entity: "Find All References" (Shift+F12) on a name in a note or an article,
 * and "Corpus Lens: Show All Mentions", a list to pick from that opens the article at the mention.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import { documentFile, isEntityDocument, registerForEntityDocuments } from './shared/entityDocuments';
import { entityArgument, mentionPick, pickCandidate, type MentionItem } from './shared/mentionPick';
import { openArticle } from './shared/openArticle';

export class EntityReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly engine: EngineClient) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    if (!(await isEntityDocument(document, this.engine))) return undefined;
    const answer = await this.engine.hoverAt(document.lineAt(position.line).text, position.character, { limit: 0, related: 0 }, documentFile(document));
    const entity = answer && ('card' in answer ? answer.card.entity.id : await pickCandidate(answer.ambiguous));
    if (!entity) return undefined;
    const mentions = await this.engine.entityMentions(entity);
    return mentions.map((m) => new vscode.Location(vscode.Uri.file(m.path), new vscode.Range(m.line, m.column, m.line, m.column + m.text.length)));
  }
}

/** "Show All Mentions": Enter opens the article at the mention. */
export function showMentions(engine: EngineClient, entity?: string): Promise<vscode.QuickPick<MentionItem> | undefined> {
  return mentionPick(engine, entity, (m) => void openArticle(m.path, m.line, m.text));
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): void {
  const provider = new EntityReferenceProvider(engine);
  registerForEntityDocuments(context, (selector) => vscode.languages.registerReferenceProvider(selector, provider));
  context.subscriptions.push(vscode.commands.registerCommand('corpusLens.showMentions', (entity?: unknown) => showMentions(engine, entityArgument(entity))));
}
