/** Where Insert Citation puts its quote in a note (no vscode import: unit-tested). */

/**
 * Where a citation goes: after the cursor's line, never inside a word, as a block of its own with a
 * blank line before and after, so neither the line above nor the one below joins the quote.
 */
export function citationEdit(lines: { isEmptyOrWhitespace: boolean }[], cursorLine: number, citation: string): { line: number; text: string } {
  const current = lines[cursorLine];
  const next = lines[cursorLine + 1];
  const before = current.isEmptyOrWhitespace ? (cursorLine > 0 && !lines[cursorLine - 1].isEmptyOrWhitespace ? '\n' : '') : '\n\n';
  const after = next === undefined || next.isEmptyOrWhitespace ? '' : '\n';
  return { line: cursorLine, text: `${before}${citation.replace(/\n$/, '')}${after}` };
}
