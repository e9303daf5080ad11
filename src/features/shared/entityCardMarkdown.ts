/**
 * Renders an entity card as hover Markdown. Every piece of article text is escaped, links run only
 * the extension's own commands, and HTML stays off.
 */
import * as vscode from 'vscode';
import type { EntityCard } from '../../core/entities/entityCard';
import type { AmbiguousCard } from '../../core/entities/entityQueries';
import { dateLabel, sourceLabel } from '../../core/grouping';
import { sourcesPhrase } from './cardText';
import { encodeCommandArgs, escapeMarkdown } from './inertText';

export { dateLabel, escapeMarkdown };

/** The only commands a card may run. */
export const CARD_COMMANDS = ['corpusLens.openArticle', 'corpusLens.showMentions', 'corpusLens.searchArticles', 'corpusLens.showTimelineFor'];

const TYPE_LABEL: Record<string, string> = { person: 'person', organization: 'organization' };

export function commandLink(label: string, command: string, args: unknown[], tooltip?: string): string {
  const title = tooltip ? ` "${tooltip.replace(/["\\]/g, '')}"` : '';
  return `[${label}](command:${command}?${encodeCommandArgs(args)}${title})`;
}

/** A search query for the articles that mention the entity, under any of its names. */
export function searchQueryFor(entity: { name: string; type: string }): string {
  return `${entity.type === 'person' ? 'person' : 'org'}:"${entity.name.replace(/"/g, '')}"`;
}

/** A line of the user's notes that names the entity (a backlink). */
export interface CardNote {
  file: string;
  label: string;
  line: number;
  text: string;
}

const NOTES_ON_CARD = 5;

export function renderCard(card: EntityCard, notes: CardNote[] = []): vscode.MarkdownString {
  const { entity } = card;
  // Theme icons stay off: "$(zap)" in an article is text.
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = { enabledCommands: CARD_COMMANDS };
  md.supportHtml = false;
  const others = entity.aliases.filter((a) => a !== entity.name);
  md.appendMarkdown(`**${escapeMarkdown(entity.name)}** · ${TYPE_LABEL[entity.type] ?? entity.type}`);
  if (others.length) md.appendMarkdown(` · also ${others.map(escapeMarkdown).join(', ')}`);
  const articles = entity.articleCount;
  md.appendMarkdown(`\n\nMentioned in ${articles} article${articles === 1 ? '' : 's'} ${sourcesPhrase(card)}\n\n`);
  if (card.said?.length) {
    md.appendMarkdown(`**Said**\n\n`);
    for (const q of card.said) {
      const where = escapeMarkdown(`${sourceLabel(q.source)} · ${dateLabel(q.date)}`);
      md.appendMarkdown(
        `- “${escapeMarkdown(shortQuote(q.text))}” — ${commandLink(where, 'corpusLens.openArticle', [q.path, q.line], 'Open the article at the quote')}\n`,
      );
    }
    md.appendMarkdown(`\n**Mentioned in**\n\n`);
  }
  for (const a of card.articles) {
    const label = escapeMarkdown(`${sourceLabel(a.source)} · ${dateLabel(a.date)} · ${a.title}`);
    const { before, name, after } = a.sentence;
    const story = a.sameStory ? ` · same story: ${a.sameStory} other outlet${a.sameStory === 1 ? '' : 's'}` : '';
    md.appendMarkdown(`- ${commandLink(label, 'corpusLens.openArticle', [a.path, a.line, a.match], 'Open the article at the mention')}${story}  \n`);
    md.appendMarkdown(`  ${escapeMarkdown(before)}**${escapeMarkdown(name)}**${escapeMarkdown(after)}\n`);
  }
  if (card.more > 0) md.appendMarkdown(`\n${commandLink(`${card.more} more…`, 'corpusLens.showMentions', [entity.id], 'List every mention')}\n`);
  if (notes.length) {
    md.appendMarkdown(`\n\n**In your notes**\n\n`);
    for (const note of notes.slice(0, NOTES_ON_CARD)) {
      const link = commandLink(
        escapeMarkdown(`${note.label}:${note.line + 1}`),
        'corpusLens.openArticle',
        [note.file, note.line],
        'Open the note at this line',
      );
      md.appendMarkdown(`- ${link} ${escapeMarkdown(note.text.trim().slice(0, 120))}\n`);
    }
    if (notes.length > NOTES_ON_CARD) md.appendMarkdown(`- and ${notes.length - NOTES_ON_CARD} more lines\n`);
  }
  if (card.related.length) {
    md.appendMarkdown(`\n\nOften with: ${card.related.map((r) => `${escapeMarkdown(r.name)} (${r.articles})`).join(', ')}`);
  }
  md.appendMarkdown(
    `\n\n${commandLink('Show all mentions', 'corpusLens.showMentions', [entity.id])} · ${commandLink('Search the corpus', 'corpusLens.searchArticles', [searchQueryFor(entity)])} · ${commandLink('Timeline', 'corpusLens.showTimelineFor', [entity.id], 'Mentions per month')}`,
  );
  return md;
}

/** A quote cut to a hover's width, at a word. */
function shortQuote(text: string): string {
  const clean = text.replace(/\s+/g, ' ').replace(/[,;:]$/, '');
  return clean.length <= 160 ? clean : `${clean.slice(0, 160).replace(/\s\S*$/, '')}…`;
}

/** A short name that stands for several entities: each candidate, with links to its mentions. */
export function renderAmbiguous(ambiguous: AmbiguousCard): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = { enabledCommands: CARD_COMMANDS };
  md.supportHtml = false;
  const kind = ambiguous.type === 'person' ? 'people' : 'organizations';
  md.appendMarkdown(`**${escapeMarkdown(ambiguous.name)}** · ambiguous: ${ambiguous.candidates.length} ${kind} in the corpus go by this name\n\n`);
  for (const c of ambiguous.candidates.slice(0, 8)) {
    const count = `${c.articleCount} article${c.articleCount === 1 ? '' : 's'}`;
    md.appendMarkdown(`- ${commandLink(escapeMarkdown(c.name), 'corpusLens.showMentions', [c.id], 'List every mention')} · ${count}\n`);
  }
  md.appendMarkdown(`\nIn an article, the full name written there decides; hover the name in the article to see whom it means.`);
  return md;
}
