/**
 * "Corpus Lens: Insert Citation": pick a mention of the person or organization under the cursor
 * (or chosen from the Entities view) and insert it into the note as a Markdown quote with the
 * article's title (linked), source and date.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engineClient';
import type { MentionLocation } from '../core/entities/entityQueries';
import { dateLabel } from './entityCardMarkdown';
import { entityArgument, mentionPick, nameUnderCursor } from './entityMentions';

/** The citation text; the link is relative to the note's folder, to the line of the mention. */
export function citationMarkdown(mention: MentionLocation, noteFile: string | undefined): string {
  const target = noteFile ? path.relative(path.dirname(noteFile), mention.path).split(path.sep).join('/') : vscode.Uri.file(mention.path).toString();
  const { before, name, after } = mention.sentence;
  const quote = `${before}**${name}**${after}`.replace(/\s+/g, ' ').trim();
  const title = mention.title.replace(/[[\]]/g, '');
  return `> ${quote}\n>\n> — [${title}](${encodeURI(target)}#L${mention.line + 1}), ${mention.source ?? 'unknown source'}, ${dateLabel(mention.date)}\n`;
}

export async function insertCitation(engine: EngineClient, entity?: string): Promise<vscode.QuickPick<vscode.QuickPickItem> | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Corpus Lens: open the note to insert the citation into first.');
    return undefined;
  }
  const chosenEntity = entity ?? (await pickEntity(engine));
  if (!chosenEntity) return undefined;
  return mentionPick(engine, chosenEntity, (mention) => {
    const note = editor.document.uri.scheme === 'file' ? editor.document.uri.fsPath : undefined;
    const text = citationMarkdown(mention, note);
    void editor.edit((edit) => edit.replace(editor.selection, editor.selection.active.character > 0 ? `\n${text}` : text));
  });
}

/** The name under the cursor if there is one, else a choice among all people and organizations. */
async function pickEntity(engine: EngineClient): Promise<string | undefined> {
  const underCursor = await nameUnderCursor(engine);
  if (underCursor) return underCursor;
  const entities = (await engine.entityList()).sort((a, b) => b.mentionCount - a.mentionCount);
  const chosen = await vscode.window.showQuickPick(
    entities.map((e) => ({ label: e.name, description: `${e.type} · ${e.articleCount} article${e.articleCount === 1 ? '' : 's'}`, detail: e.aliases.length > 1 ? `also ${e.aliases.slice(1).join(', ')}` : undefined, id: e.id })),
    { title: 'Insert a citation: whose mention?', matchOnDetail: true },
  );
  return chosen?.id;
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): void {
  context.subscriptions.push(vscode.commands.registerCommand('corpusLens.insertCitation', (entity?: unknown) => insertCitation(engine, entityArgument(entity))));
}
