import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeKeys } from '../../src/core/engine/articleTree';
import { CorpusEngine } from '../../src/core/engine/engine';
import type { EngineClient } from '../../src/core/engine/engineClient';
import type { ArticleSummary } from '../../src/core/types';
import type { CorpusLensApi } from '../../src/extension';
import { HOSTILE_NAME, writeHostileCorpus } from '../fixtures/hostileCorpus';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

/** The Markdown of every hover at the first occurrence of `word` in the document. */
async function hoverMarkdown(document: vscode.TextDocument, word: string): Promise<string> {
  const at = document.getText().indexOf(word);
  assert.ok(at >= 0, `"${word}" is in the document`);
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, document.positionAt(at + 1))) as vscode.Hover[];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** What a Markdown renderer would make a link, an image or HTML of, besides our own command links. */
function foreignMarkup(markdown: string): string[] {
  const found: string[] = [];
  for (const m of markdown.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) if (!m[1].startsWith('command:corpusLens.')) found.push(`link ${m[1]}`);
  for (const m of markdown.matchAll(/(?<![\\\w])(https?:\/\/|www\.)\S*/gi)) found.push(`autolink ${m[0]}`);
  for (const m of markdown.matchAll(/(?<!\\)!\[/g)) found.push(`image at ${m.index}`);
  for (const m of markdown.matchAll(/<[a-z!/]/gi)) found.push(`html ${m[0]}`);
  return found;
}

describe('a hostile corpus in the extension host', () => {
  let api: CorpusLensApi;
  const hostile = path.join(workspaceRoot().fsPath, 'hostile');
  const config = () => vscode.workspace.getConfiguration('corpusLens');

  before(async function () {
    this.timeout(120_000);
    api = await activateExtension();
    writeHostileCorpus(hostile);
    await config().update('corpusFolders', ['seeds', 'hostile'], vscode.ConfigurationTarget.Workspace);
    await waitFor('the hostile articles', async () => (await api.engine.summary(path.join(hostile, HOSTILE_NAME))) !== undefined, 60_000);
    await waitFor('the entities', () => api.entities.ready, 60_000);
  });

  after(async function () {
    this.timeout(60_000);
    await config().update('corpusFolders', undefined, vscode.ConfigurationTarget.Workspace);
    rmSync(hostile, { recursive: true, force: true });
    await waitFor('the seeds alone', () => api.engine.size === 5, 30_000);
    await api.entities.whenReady();
  });

  it('shows cards in hostile articles and in a note with no link, image or HTML but our own commands', async () => {
    for (const name of [HOSTILE_NAME, 'markdown-title.md', 'crlf-bom.txt']) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(hostile, name)));
      const markdown = await hoverMarkdown(document, 'Tony Blair');
      assert.match(markdown, /Tony Blair/, `a card in ${name}`);
      assert.deepEqual(foreignMarkup(markdown), [], `${name}: ${markdown}`);
    }
    const note = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'What did Tony Blair say?' });
    const markdown = await hoverMarkdown(note, 'Tony Blair');
    assert.match(markdown, /Mentioned in \d+ articles/);
    assert.match(markdown, /\*\*Said\*\*\n\n- “Run /, 'the hostile quote is in the card, as text');
    assert.deepEqual(foreignMarkup(markdown), []);
    assert.match(markdown, /command:corpusLens\.openArticle\?[^)\s]*odd%20%5C%22name%5C%22%5Bx%5D%28y%29/, 'the odd file name is encoded whole in its link');
  });

  it('finds references in the hostile files, on the lines where the names are written', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(hostile, HOSTILE_NAME)));
    const at = document.positionAt(document.getText().indexOf('Tony Blair') + 1);
    const locations = (await vscode.commands.executeCommand('vscode.executeReferenceProvider', document.uri, at)) as vscode.Location[];
    const here = locations.filter((l) => l.uri.fsPath === document.uri.fsPath);
    assert.ok(here.length >= 2, 'Tony Blair and Mr Blair');
    for (const location of here) assert.match(document.getText(location.range), /Blair/);
  });

  it('recovers from a crashed engine: it says so, loads again from the cache, and answers hovers', async function () {
    this.timeout(60_000);
    const restarted = new Promise<string>((resolve) => api.engine.onDidRestart(resolve));
    api.engine.simulateFault('crash');
    assert.match(await restarted, /exit code 70/);
    const note = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Ask Sergei Lavrov.' });
    await waitFor('a card from the restarted engine', async () => /Mentioned in 5 articles/.test(await hoverMarkdown(note, 'Lavrov')), 45_000);
    assert.equal(api.loading.state, 'ready');
  });

  it('takes a burst of 2,000 created, changed and deleted files to the state a fresh load gives', async function () {
    this.timeout(120_000);
    const burst = path.join(hostile, 'burst');
    mkdirSync(burst, { recursive: true });
    const files = Array.from({ length: 1000 }, (_, i) => path.join(burst, `story-${i}.txt`));
    files.forEach((file, i) => writeFileSync(file, `Burst story ${i} headline\n\nLONDON (Reuters) – Gordon Brown spoke about item ${i}.\n`));
    files.slice(0, 500).forEach((file, i) => writeFileSync(file, `Changed burst story ${i}\n\nLONDON (Reuters) – Tony Blair answered.\n`));
    files.slice(500).forEach((file, i) => i % 2 === 0 && rmSync(file));
    const fresh = new CorpusEngine();
    await fresh.load([path.join(workspaceRoot().fsPath, 'seeds'), hostile]);
    const expected = fresh
      .articles()
      .map((a) => `${a.path}|${a.title}`)
      .sort();
    const shown = async () => (await treeArticles(api.engine)).map((a) => `${a.path}|${a.title}`).sort();
    await waitFor('the burst to settle as a fresh load', async () => JSON.stringify(await shown()) === JSON.stringify(expected), 90_000);
    assert.equal((await treeArticles(api.engine)).filter((a) => a.path.startsWith(burst)).length, 750);
  });
});

/** Every article the engine's tree shows, level by level. */
async function treeArticles(engine: EngineClient, keys: TreeKeys = []): Promise<ArticleSummary[]> {
  const level = await engine.treeChildren('source', keys);
  if ('articles' in level) return level.articles;
  const below = await Promise.all(level.groups.map((group) => treeArticles(engine, [...keys, group.key])));
  return below.flat();
}
