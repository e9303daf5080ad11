import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

const SEED_TITLES: Record<string, string> = {
  '000_24cedd494502b823.txt': 'The Russian foreign minister said Moscow and Washington',
  '001_c7973225191394ad.txt': 'Lavrov: Russia isn’t’ conducting any secret negotiations',
  '002_36d8fbcc4219a082.txt': 'Lavrov: No Secret Russia-U.S. Talks On Syria',
  '003_53251bd098308f0e.txt': 'Russians Insist on No Delay of Syria Talks',
  '004_732f6ac769fbedc7.txt': 'US, Russia, holding crucial talks on Syria',
};

/** The hover text at the first occurrence of `word` in the document (cursor one letter in). */
async function hoverOn(document: vscode.TextDocument, word: string): Promise<string> {
  const at = document.getText().indexOf(word);
  assert.ok(at >= 0, `"${word}" is in ${path.basename(document.uri.fsPath)}`);
  const position = document.positionAt(at + 1);
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position)) as vscode.Hover[];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Opened article links in a card's article list (not its "Said" section): command:corpusLens.openArticle?[path, line, match]. */
function linkedArticles(markdown: string): string[] {
  return [...(markdown.split('**Mentioned in**')[1] ?? markdown).matchAll(/\(command:corpusLens\.openArticle\?([^ )]+)/g)].map((m) =>
    path.basename((JSON.parse(decodeURIComponent(m[1])) as string[])[0]),
  );
}

describe('people and organizations: hovers and references', () => {
  let api: CorpusLensApi;
  let note: vscode.TextDocument;

  before(async () => {
    api = await activateExtension();
    await api.entities.whenReady();
    note = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'notes.md'));
  });

  it('lists all five seed articles when hovering "Lavrov" in a note, newest first, with the sentence', async () => {
    const card = await hoverOn(note, 'Lavrov');
    assert.match(card, /\*\*Sergei Lavrov\*\* · person/);
    assert.match(card, /Mentioned in 5 articles from 4 sources/);
    const linked = linkedArticles(card);
    assert.deepEqual([...linked].sort(), Object.keys(SEED_TITLES).sort());
    assert.equal(linked[0], '000_24cedd494502b823.txt', 'the 2021 Sputnik article comes first');
    assert.match(card, /\*\*Lavrov\*\*/, 'the name is bold in its sentence');
  });

  it('lists exactly the articles that mention Kerry', async () => {
    const card = await hoverOn(note, 'Kerry');
    assert.match(card, /\*\*John Kerry\*\*/);
    assert.deepEqual(linkedArticles(card).sort(), ['003_53251bd098308f0e.txt', '004_732f6ac769fbedc7.txt']);
  });

  it('matches multi-word names with particles and aliases: de Mistura, Nusra Front', async () => {
    const mistura = await hoverOn(note, 'de Mistura');
    assert.match(mistura, /\*\*Staffan de Mistura\*\* · person/);
    const nusra = await hoverOn(note, 'Nusra Front');
    assert.match(nusra, /· organization · also .*Jabhat al\\-Nusra/);
    assert.ok(linkedArticles(nusra).length >= 3);
  });

  it('allows only its own commands in a card and escapes article text', async () => {
    const hovers = (await vscode.commands.executeCommand(
      'vscode.executeHoverProvider',
      note.uri,
      note.positionAt(note.getText().indexOf('Lavrov') + 1),
    )) as vscode.Hover[];
    const markdown = hovers[0].contents[0] as vscode.MarkdownString;
    const trusted = markdown.isTrusted;
    assert.ok(typeof trusted === 'object' && trusted.enabledCommands.every((c) => c.startsWith('corpusLens.')));
    assert.equal(markdown.supportHtml, false);
    assert.doesNotMatch(markdown.value, /command:(?!corpusLens\.)/);
  });

  it('runs its "Search the corpus" link as a search for the articles that mention the entity', async () => {
    const card = await hoverOn(note, 'Kerry');
    const link = /\[Search the corpus\]\(command:corpusLens\.searchArticles\?([^ )]+)\)/.exec(card);
    assert.ok(link, 'the card has a Search the corpus link');
    const args = JSON.parse(decodeURIComponent(link[1])) as string[];
    assert.deepEqual(args, ['person:"John Kerry"']);
    const pick = (await vscode.commands.executeCommand('corpusLens.searchArticles', ...args)) as vscode.QuickPick<
      vscode.QuickPickItem & { hit?: { path: string } }
    >;
    try {
      await waitFor('the two Kerry articles', () => pick.items.filter((i) => i.hit).length === 2);
      assert.deepEqual(pick.items.map((i) => path.basename(i.hit?.path ?? '')).sort(), ['003_53251bd098308f0e.txt', '004_732f6ac769fbedc7.txt']);
    } finally {
      pick.hide();
    }
  });

  it('escapes hostile article text in a card: no foreign command link, no HTML', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'seeds', 'hostile.txt');
    const text =
      'Hostile Capture Headline About The Talks\n\nBEIRUT (Reuters) – [run me](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> Sergei Lavrov said *nothing* on 3 March 2017.\n';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    try {
      await waitFor('the hostile article in the card', async () => /Mentioned in 6 articles/.test(await hoverOn(note, 'Lavrov')));
      const card = await hoverOn(note, 'Lavrov');
      assert.match(card, /Hostile Capture Headline/);
      assert.doesNotMatch(card, /\]\(command:(?!corpusLens\.)/, 'no link to a command of another extension');
      assert.doesNotMatch(card, /<img/);
      assert.match(card, /\\\[run me\\\]\\\(command\\:workbench/, 'the brackets and the colon are escaped, so the text stays text');
    } finally {
      await vscode.workspace.fs.delete(file);
    }
    await waitFor('the card back to five articles', async () => /Mentioned in 5 articles/.test(await hoverOn(note, 'Lavrov')));
  });

  it('shows nothing on a word that is not a name', async () => {
    assert.equal(await hoverOn(note, 'secret'), '');
  });

  it('hovers only in the note languages of corpusLens.hover.languages', async () => {
    const config = vscode.workspace.getConfiguration('corpusLens');
    await config.update('hover.languages', ['plaintext'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('no card in a Markdown note', async () => (await hoverOn(note, 'Lavrov')) === '');
    } finally {
      await config.update('hover.languages', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the card back', async () => /Mentioned in 5 articles/.test(await hoverOn(note, 'Lavrov')));
  });

  it('hovers in an article too', async () => {
    const article = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'seeds', '004_732f6ac769fbedc7.txt'));
    assert.match(await hoverOn(article, 'Kerry'), /Mentioned in 2 articles/);
  });

  it('finds every mention of a name across the corpus (Find All References)', async () => {
    const position = note.positionAt(note.getText().indexOf('Kerry') + 1);
    const locations = (await vscode.commands.executeCommand('vscode.executeReferenceProvider', note.uri, position)) as vscode.Location[];
    const files = new Set(locations.map((l) => path.basename(l.uri.fsPath)));
    assert.deepEqual([...files].sort(), ['003_53251bd098308f0e.txt', '004_732f6ac769fbedc7.txt']);
    assert.equal(locations.length, 8);
    for (const location of locations) {
      const document = await vscode.workspace.openTextDocument(location.uri);
      assert.match(document.getText(location.range), /^(John )?Kerry$/);
    }
  });

  it('applies corrections from .corpus-lens/entities.json without a reload, and keeps them when the file breaks', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), '.corpus-lens', 'entities.json');
    const write = (text: string) => vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    const card = () => api.engine.entityCard('ISIS', { limit: 10, related: 0 });
    try {
      await write('{ "merge": [["Daesh", "ISIS", "Islamic State"]] }\n');
      await waitFor('Daesh and ISIS to be one entity', async () => (await card())?.entity.aliases.includes('Daesh') === true);
      await write('{ "merge": [["Daesh", "ISIS"]],\n  "hide": oops }\n');
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok((await card())?.entity.aliases.includes('Daesh'), 'the last good corrections stay');
    } finally {
      await vscode.workspace.fs.delete(file);
    }
    await waitFor('the corrections to be gone', async () => (await card())?.entity.aliases.includes('Daesh') === false);
  });

  it('shows People and Organizations in the Entities view, each entity with its count and articles; filterable', async () => {
    const tree = api.entitiesTree;
    const types = await tree.getChildren();
    assert.deepEqual(
      types.map((t) => tree.getTreeItem(t).label),
      ['People', 'Organizations'],
    );
    const people = await tree.getChildren(types[0]);
    const lavrov = people.find((p) => tree.getTreeItem(p).label === 'Sergei Lavrov');
    assert.ok(lavrov, 'Sergei Lavrov is listed');
    assert.equal(tree.getTreeItem(lavrov).description, '30 in 5 articles');
    const children = await tree.getChildren(lavrov);
    const [quotes] = children;
    const articles = children.filter((n) => n.kind === 'article');
    assert.equal(quotes.kind, 'quotes', 'what he said comes first');
    assert.match(String(tree.getTreeItem(quotes).description), /^\d+ said, \d+ reported$/);
    const firstQuote = (await tree.getChildren(quotes))[0];
    assert.equal(tree.getTreeItem(firstQuote).command?.command, 'corpusLens.openArticle');
    assert.equal(articles.length, 5);
    assert.equal(tree.getTreeItem(articles[0]).command?.command, 'corpusLens.openArticle');
    await vscode.commands.executeCommand('corpusLens.filterEntities', 'nusra');
    try {
      const filtered = await tree.getChildren();
      assert.deepEqual(
        filtered.map((t) => tree.getTreeItem(t).label),
        ['Organizations'],
      );
      assert.deepEqual(
        (await tree.getChildren(filtered[0])).map((n) => tree.getTreeItem(n).label),
        ['al-Nusra Front'],
      );
    } finally {
      await vscode.commands.executeCommand('corpusLens.clearEntitiesFilter');
    }
  });

  it('lists every mention with "Show All Mentions"', async () => {
    const pick = (await vscode.commands.executeCommand('corpusLens.showMentions', 'Kerry')) as vscode.QuickPick<vscode.QuickPickItem>;
    try {
      assert.equal(pick.items.length, 8);
      assert.match(pick.title ?? '', /John Kerry: 8 mentions in 2 articles/);
    } finally {
      pick.hide();
    }
  });

  it('inserts a citation of a mention into a note as a Markdown quote with title, source and date', async () => {
    const draft = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Draft\n\n' });
    const editor = await vscode.window.showTextDocument(draft);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const pick = (await vscode.commands.executeCommand('corpusLens.insertCitation', 'Toner')) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.ok(pick, 'a list of mentions to cite');
    pick.value = 'Russians Insist';
    await waitFor('the article row to be active', () => pick.activeItems.length > 0);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor('the citation in the note', () => draft.getText().includes('> —'));
    const text = draft.getText();
    assert.match(text, /^> .*\*\*(Mark )?Toner\*\*/m);
    assert.match(text, /> — \[Russians Insist on No Delay of Syria Talks\]\(<.*003_53251bd098308f0e\.txt#L\d+>\), EIR, 2016-06-04/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('inserts a citation asked for inside a word after that line, as a block of its own', async function () {
    this.timeout(60_000);
    const draft = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Mark Toner briefed reporters.\nThe next line of the note.\n' });
    const editor = await vscode.window.showTextDocument(draft);
    editor.selection = new vscode.Selection(0, 8, 0, 8);
    const pick = (await vscode.commands.executeCommand('corpusLens.insertCitation')) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.ok(pick, 'the name under the cursor is cited without asking which');
    await waitFor('the mentions to be listed', () => pick.activeItems.length > 0);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor('the citation in the note', () => draft.getText().includes('> —'));
    const lines = draft.getText().split('\n');
    assert.equal(lines[0], 'Mark Toner briefed reporters.', 'the word under the cursor stays whole');
    assert.equal(lines[1], '', 'a blank line before the quote');
    assert.match(lines[2], /^> /);
    const next = lines.indexOf('The next line of the note.');
    assert.equal(lines[next - 1], '', 'a blank line after the quote, so the note does not join it');
    assert.match(lines[next - 2], /^> — /);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
