/**
 * Choosing a mention of an entity: a QuickPick of every mention (Show All Mentions, Insert
 * Citation), the name under the cursor, and a choice among the candidates of an ambiguous name.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../../core/engine/engineClient';
import type { AmbiguousCard, MentionLocation } from '../../core/entities/entityQueries';
import { dateLabel, sourceLabel } from '../../core/grouping';
import type { QuoteInfo } from '../../core/quotes/quoteQueries';
import { documentFile } from './entityDocuments';
import { escapeThemeIcons } from './inertText';

export interface MentionItem extends vscode.QuickPickItem {
  mention?: MentionLocation;
  quote?: QuoteInfo;
}

/** An entity id or name from a command argument: a string, or an Entities view node. */
export function entityArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as { entity?: { id?: unknown } } | undefined;
  return typeof node?.entity?.id === 'string' ? node.entity.id : undefined;
}

/**
 * A QuickPick of every mention of an entity (an id or a name; else the name under the cursor);
 * `onAccept` gets the chosen mention. Undefined, with a message, when there is no such entity.
 */
export async function mentionPick(
  engine: EngineClient,
  entity: string | undefined,
  onAccept: (mention: MentionLocation) => void,
  onQuote?: (quote: QuoteInfo) => void,
): Promise<vscode.QuickPick<MentionItem> | undefined> {
  const name = entity ?? (await nameUnderCursor(engine));
  const card = name ? await engine.entityCard(name, { limit: 0, related: 0 }) : undefined;
  if (!card) {
    void vscode.window.showInformationMessage(
      name
        ? `Corpus Lens: no person or organization called "${name}" in the corpus.`
        : 'Corpus Lens: put the cursor on a name, or hover it and choose "Show all mentions".',
    );
    return undefined;
  }
  const mentions = await engine.entityMentions(card.entity.id);
  const pick = vscode.window.createQuickPick<MentionItem>();
  pick.title = `${card.entity.name}: ${mentions.length} mention${mentions.length === 1 ? '' : 's'} in ${card.entity.articleCount} article${card.entity.articleCount === 1 ? '' : 's'}`;
  pick.placeholder = 'Filter by source, title or sentence; Enter to choose';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const mentionItems: MentionItem[] = mentions.map((m) => ({
    label: escapeThemeIcons(m.title),
    description: escapeThemeIcons(`${sourceLabel(m.source)} · ${dateLabel(m.date)} · line ${m.line + 1}`),
    detail: escapeThemeIcons(`${m.sentence.before}${m.sentence.name}${m.sentence.after}`),
    mention: m,
  }));
  // With a quote handler (Insert Citation), what the entity said comes first.
  const quotes = onQuote ? (await engine.quotes(card.entity.id)).filter((q) => q.kind === 'direct') : [];
  pick.items = quotes.length
    ? [
        { label: 'Quotes', kind: vscode.QuickPickItemKind.Separator },
        ...quotes.map((q) => ({
          label: escapeThemeIcons(`“${q.text.replace(/[,;:]$/, '')}”`),
          description: escapeThemeIcons(`${sourceLabel(q.source)} · ${dateLabel(q.date)} · line ${q.line + 1}`),
          detail: escapeThemeIcons(q.title),
          quote: q,
        })),
        { label: 'Mentions', kind: vscode.QuickPickItemKind.Separator },
        ...mentionItems,
      ]
    : mentionItems;
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0];
    pick.hide();
    if (chosen?.mention) onAccept(chosen.mention);
    else if (chosen?.quote) onQuote?.(chosen.quote);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  return pick;
}

export async function nameUnderCursor(engine: EngineClient): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { active } = editor.selection;
  const answer = await engine.hoverAt(editor.document.lineAt(active.line).text, active.character, { limit: 0, related: 0 }, documentFile(editor.document));
  if (!answer) return undefined;
  return 'card' in answer ? answer.card.entity.id : pickCandidate(answer.ambiguous);
}

/** "Brown" could be Gordon or Wes: the user says which. */
export async function pickCandidate(ambiguous: AmbiguousCard): Promise<string | undefined> {
  const items = ambiguous.candidates.map((c) => ({
    label: escapeThemeIcons(c.name),
    description: `${c.articleCount} article${c.articleCount === 1 ? '' : 's'}`,
    id: c.id,
  }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: `"${ambiguous.name}" could be several ${ambiguous.type === 'person' ? 'people' : 'organizations'}: which one?`,
  });
  return chosen?.id;
}
