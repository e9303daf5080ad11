/**
 * Corpus text shown by VS Code stays text: no theme icon from "$(zap)" in a QuickPick item, no
 * Markdown syntax or HTML in a card or a note. No vscode import, so unit tests can run it.
 */

/** QuickPick labels, descriptions and details read "$(name)" as an icon: a backslash keeps it text. */
export function escapeThemeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * Backslash-escapes everything Markdown could read as syntax, and neutralises HTML, icons and
 * autolinks: with ":", "." and "@" escaped, neither "https://…", "www.…" nor an e-mail address is
 * read as a link.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~>$:@]/g, '\\$&')
    .replace(/\s+/g, ' ');
}

/** Command arguments inside a Markdown link: every character that could end or bend the link is percent-encoded. */
export function encodeCommandArgs(args: unknown[]): string {
  return encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Lighter escaping for text that goes into the user's own note (Insert Citation): what Markdown or
 * HTML could read inside a line, what a preview would autolink, and a list or heading marker at its
 * start; dots in numbers, dashes and parentheses stay as written, so the note stays readable.
 */
export function escapeInlineMarkdown(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/[\\`*_[\]|~>@]/g, '\\$&')
      .replace(/\$\(/g, '\\$(')
      // "https://", "www.example.com": a link to nowhere we chose, unless the colon and the dots before letters are escaped.
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/\.(?=\p{L})/gu, '\\.')
      .replace(/\s+/g, ' ')
      .replace(/^(\d+)([.)])/, '$1\\$2')
      .replace(/^([#+=-])/, '\\$1')
  );
}
