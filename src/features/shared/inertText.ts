/**
 * Corpus text shown by VS Code stays text: no theme icon from "$(zap)" in a QuickPick item, no
 * Markdown syntax or HTML in a card or a note. No vscode import, so unit tests can run it.
 */

/** QuickPick labels, descriptions and details read "$(name)" as an icon: a backslash keeps it text. */
export function escapeThemeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** Backslash-escapes everything Markdown could read as syntax, and neutralises HTML and icons. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~>$]/g, '\\$&')
    .replace(/\s+/g, ' ');
}

/**
 * Lighter escaping for text that goes into the user's own note (Insert Citation): what Markdown or
 * HTML could read inside a line, and a list or heading marker at its start; plain dots, dashes and
 * brackets stay as written, so the note stays readable.
 */
export function escapeInlineMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\\`*_[\]|~>]/g, '\\$&')
    .replace(/\$\(/g, '\\$(')
    .replace(/\s+/g, ' ')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([#+=-])/, '\\$1');
}
