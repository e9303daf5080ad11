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
