/**
 * "Corpus Lens: Insert Citation": pick a mention of the person or organization under the cursor
 * (or chosen from the Entities view) — or, listed first, one of the things that entity is quoted
 * saying — and insert it into the note as a Markdown quote with the article's title (linked), source and date.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineClient } from '../core/engine/engineClient';
import type { MentionLocation } from '../core/entities/entityQueries';
import type { QuoteInfo } from '../core/quotes/quoteQueries';
import { dateLabel, sourceLabel } from '../core/grouping';
import { entityArgument, mentionPick } from './shared/mentionPick';
import { pickEntity } from './shared/entityPick';
import { citationEdit } from './shared/citation';
import { escapeInlineMarkdown } from './shared/inertText';

/** The article as the note links it: relative to the note's folder, else a file URI. */
function linkTarget(article: string, noteFile: string | undefined): string {
  return noteFile ? path.relative(path.dirname(noteFile), article).split(path.sep).join('/') : vscode.Uri.file(article).toString();
}

/**
 * The citation text: the sentence and the article's title, source and date escaped (the corpus's
 * Markdown and HTML stay text), with the one link we write, relative to the note's folder, to the
 * line of the mention.
 */
export function citationMarkdown(mention: MentionLocation, noteFile: string | undefined): string {
  const target = linkTarget(mention.path, noteFile);
  const { before, name, after } = mention.sentence;
  const quote = `${escapeInlineMarkdown(before.trimStart())}**${escapeInlineMarkdown(name)}**${escapeInlineMarkdown(after.trimEnd())}`;
  const credit = `[${escapeInlineMarkdown(mention.title)}](<${encodeURI(target)}#L${mention.line + 1}>), ${escapeInlineMarkdown(sourceLabel(mention.source))}, ${dateLabel(mention.date)}`;
  return `> ${quote}\n>\n> — ${credit}\n`;
}

/** A quote's citation: the quote itself, who said it, and the same credit line as a mention's. */
export function quoteCitationMarkdown(quote: QuoteInfo, noteFile: string | undefined): string {
  const target = linkTarget(quote.path, noteFile);
  const words = escapeInlineMarkdown(quote.text.trim().replace(/[,;:]$/, ''));
  const credit = `${escapeInlineMarkdown(quote.speaker)}, [${escapeInlineMarkdown(quote.title)}](<${encodeURI(target)}#L${quote.line + 1}>), ${escapeInlineMarkdown(sourceLabel(quote.source))}, ${dateLabel(quote.date)}`;
  return `> “${words}”\n>\n> — ${credit}\n`;
}

export async function insertCitation(engine: EngineClient, entity?: string): Promise<vscode.QuickPick<vscode.QuickPickItem> | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Corpus Lens: open the note to insert the citation into first.');
    return undefined;
  }
  const chosenEntity = entity ?? (await pickEntity(engine, 'Insert a citation: whose mention?'));
  if (!chosenEntity) return undefined;
  const note = editor.document.uri.scheme === 'file' ? editor.document.uri.fsPath : undefined;
  const insert = (markdown: string) => {
    const { document } = editor;
    const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i));
    const { line, text } = citationEdit(lines, editor.selection.active.line, markdown);
    const at = document.lineAt(line).range.end;
    void editor
      .edit((edit) => edit.insert(at, text))
      .then((done) => {
        if (!done) return;
        const end = document.positionAt(document.offsetAt(at) + text.length);
        editor.selection = new vscode.Selection(end, end);
      });
  };
  return mentionPick(
    engine,
    chosenEntity,
    (mention) => insert(citationMarkdown(mention, note)),
    (quote) => insert(quoteCitationMarkdown(quote, note)),
  );
}

export function activate(context: vscode.ExtensionContext, engine: EngineClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('corpusLens.insertCitation', (entity?: unknown) => insertCitation(engine, entityArgument(entity))),
  );
}
