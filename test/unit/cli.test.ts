import * as assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli';
import { seedsDir, tempDir } from './helpers';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    argv,
    (s) => (out += s + '\n'),
    (s) => (err += s + '\n'),
  );
  return { code, out, err };
}

describe('the corpus-lens CLI', () => {
  // The default cache folder is under the user's cache directory: the tests keep theirs apart.
  const userCache = process.env.XDG_CACHE_HOME;
  before(() => (process.env.XDG_CACHE_HOME = tempDir()));
  after(() => (userCache === undefined ? delete process.env.XDG_CACHE_HOME : (process.env.XDG_CACHE_HOME = userCache)));

  it('keeps the stores of a corpus between runs, so the second run reads no file; --no-cache keeps nothing', async () => {
    const cacheDir = path.join(tempDir(), 'cache');
    const first = await run('search', 'Brahimi', '--json', '--cache-dir', cacheDir);
    assert.equal(first.code, 0);
    assert.deepEqual(
      readdirSync(cacheDir)
        .filter((f) => !f.startsWith('text-'))
        .sort(),
      ['index.json', 'summaries.json'],
    );
    const stamp = statSync(path.join(cacheDir, 'summaries.json')).mtimeMs;
    const second = await run('search', 'Brahimi', '--json', '--cache-dir', cacheDir);
    assert.equal(second.out, first.out);
    assert.equal(statSync(path.join(cacheDir, 'summaries.json')).mtimeMs, stamp, 'nothing changed, nothing was written again');
    const listed = await run('articles', '--json', '--cache-dir', cacheDir);
    assert.equal((JSON.parse(listed.out) as unknown[]).length, 5);
    const before = readdirSync(process.env.XDG_CACHE_HOME as string).length;
    assert.equal((await run('articles', '--json', '--no-cache')).code, 0);
    assert.equal(readdirSync(process.env.XDG_CACHE_HOME as string).length, before, '--no-cache made no cache folder');
  });

  it('turns search off with the memory guard message under a tiny --memory-budget', async () => {
    const { code, err } = await run('search', 'Brahimi', '--no-cache', '--memory-budget', '0.01');
    assert.notEqual(code, 0);
    assert.match(err, /Search is off for this corpus/);
  });

  it('lists the bundled seeds as JSON with relative paths', async () => {
    const { code, out } = await run('articles', '--json');
    assert.equal(code, 0);
    const rows = JSON.parse(out) as { path: string; title: string; source: string | null; date: string | null }[];
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[3], { path: '003_53251bd098308f0e.txt', title: 'Russians Insist on No Delay of Syria Talks', source: 'EIR', date: '2016-06-04' });
    assert.equal(rows[4].source, null);
  });

  it('prints the tree grouped by source then date', async () => {
    const { out } = await run('tree', '--json');
    const tree = JSON.parse(out) as { source: string | null; dates: { date: string | null; articles: { path: string }[] }[] }[];
    assert.deepEqual(
      tree.map((s) => s.source),
      ['EIR', 'RFE/RL', 'SANA', 'Sputnik', null],
    );
    assert.deepEqual(tree[2].dates, [
      { date: null, articles: [{ path: '001_c7973225191394ad.txt', title: 'Lavrov: Russia isn’t’ conducting any secret negotiations about Syria' }] },
    ]);
  });

  it('prints readable text without --json', async () => {
    const { out } = await run('tree');
    assert.match(out, /^Unknown source \(1\)$/m);
    assert.match(out, /^ {2}Undated \(1\)$/m);
  });

  it('uses --corpus and reports bad files on stderr', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'A Story Headline Here\n\nText.\n');
    writeFileSync(path.join(dir, 'empty.txt'), '');
    const { code, out, err } = await run('articles', '--corpus', dir, '--json');
    assert.equal(code, 0);
    assert.equal(JSON.parse(out).length, 1);
    assert.match(err, /empty\.txt: skipped: the file is empty/);
  });

  it('searches the seeds and prints hits as JSON, best first', async () => {
    const { code, out } = await run('search', 'Brahimi', '--json');
    assert.equal(code, 0);
    const rows = JSON.parse(out) as { path: string; source: string; line: number; snippet: string; score: number }[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0].path, '002_36d8fbcc4219a082.txt');
    assert.equal(rows[0].source, 'RFE/RL');
    assert.ok(rows[0].line > 1 && rows[0].score > 0);
    assert.match(rows[0].snippet, /Brahimi/);
  });

  it('searches by person, under any of the names, by finding the entities first', async () => {
    const { code, out } = await run('search', 'person:Kerry', '--json');
    assert.equal(code, 0);
    assert.deepEqual((JSON.parse(out) as { path: string }[]).map((r) => r.path).sort(), ['003_53251bd098308f0e.txt', '004_732f6ac769fbedc7.txt']);
  });

  it('lists the stories of the seeds as JSON: Sputnik and SANA report one press conference', async () => {
    const { code, out } = await run('stories', '--json');
    assert.equal(code, 0);
    const stories = JSON.parse(out) as { id: string; title: string; articles: { path: string; source: string | null; date: string | null }[] }[];
    assert.equal(stories.length, 1);
    assert.match(stories[0].id, /^story-/);
    assert.deepEqual(stories[0].articles, [
      { path: '000_24cedd494502b823.txt', source: 'Sputnik', date: '2021-08-01' },
      { path: '001_c7973225191394ad.txt', source: 'SANA', date: null },
    ]);
  });

  it('lists what a person said, direct quotes and paraphrases, with file lines; exits 1 for an unknown name', async () => {
    const { code, out } = await run('quotes', 'Brahimi', '--json');
    assert.equal(code, 0);
    const quotes = JSON.parse(out) as { text: string; kind: string; path: string; line: number; source: string | null; date: string | null }[];
    const direct = quotes.filter((q) => q.kind === 'direct');
    assert.equal(direct.length, 2);
    assert.match(direct[0].text, /^The bloodshed that is taking place/);
    assert.deepEqual([direct[0].path, direct[0].source, direct[0].date], ['002_36d8fbcc4219a082.txt', 'RFE/RL', null]);
    assert.equal(direct[0].line, 52, 'the line in the file, counted from 1');
    assert.ok(quotes.some((q) => q.kind === 'paraphrase'));
    assert.equal((await run('quotes', 'Nobody Atall')).code, 1);
  });

  it('shows what was read from one file: title, source, date, paragraphs with their lines, and notes', async () => {
    const { code, out } = await run('article', path.join(seedsDir, '003_53251bd098308f0e.txt'), '--json');
    assert.equal(code, 0);
    const read = JSON.parse(out) as { title: string; source: string; date: string; notes: string[]; paragraphs: { line: number; text: string }[] };
    assert.deepEqual([read.title, read.source, read.date], ['Russians Insist on No Delay of Syria Talks', 'EIR', '2016-06-04']);
    assert.equal(read.paragraphs[1].line, 6);
    assert.match(read.paragraphs[1].text, /^June 4, 2016 \(EIRNS\)/);
    const latin = path.join(tempDir(), 'latin.txt');
    writeFileSync(latin, Buffer.from('A Caf\u00e9 Headline Here\n\nText.\n', 'latin1'));
    assert.match((await run('article', latin)).out, /note: not valid UTF-8; read as windows-1252/);
  });

  it("shows who wrote a file and in what language: a page's byline and lang, a clip's front matter, a capture's text", async () => {
    const dir = tempDir();
    const html = path.join(dir, 'page.html');
    writeFileSync(
      html,
      '<html lang="de-DE"><head><title>Stadtrat</title></head><body><article><h1>Der Stadtrat tagt</h1><p class="byline">Von Marie Jaster | 12.03.2021</p><p>Der Stadtrat hat am Dienstag über den Haushalt beraten und mehr Geld für Schulen beschlossen.</p></article></body></html>',
    );
    const page = JSON.parse((await run('article', html, '--json')).out) as { author: string; language: string };
    assert.deepEqual([page.author, page.language], ['Marie Jaster', 'de-DE']);
    const clip = path.join(dir, 'clip.md');
    writeFileSync(clip, '---\ntitle: Budget\nauthor: [Ann Lee, Tom Berg]\n---\nThe council met on the budget and agreed to spend more on schools this year.\n');
    const clipped = JSON.parse((await run('article', clip, '--json')).out) as { author: string; language: string };
    assert.deepEqual([clipped.author, clipped.language], ['Ann Lee, Tom Berg', 'en']);
    const text = await run('article', path.join(seedsDir, '003_53251bd098308f0e.txt'));
    assert.match(text.out, /^author: \(none found\)$/m);
    assert.match(text.out, /^language: en$/m);
  });

  it('limits search hits and explains a malformed query', async () => {
    assert.equal(JSON.parse((await run('search', 'Lavrov', '--json', '--limit', '2')).out).length, 2);
    const bad = await run('search', '"Security Council');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Unbalanced quote/);
  });

  it('lists the names in one article with types, lines and roles', async () => {
    const { code, out } = await run('ner', path.join(seedsDir, '003_53251bd098308f0e.txt'), '--json');
    assert.equal(code, 0);
    const rows = JSON.parse(out) as { type: string; text: string; line: number; role?: string }[];
    assert.deepEqual(
      rows.find((r) => r.text === 'John Kerry'),
      { type: 'PER', text: 'John Kerry', start: 158, end: 168, line: 6, column: 89, role: 'U.S. Secretary of State' },
    );
    assert.ok(rows.some((r) => r.type === 'ORG' && r.text === 'State Department'));
    const text = await run('ner', path.join(seedsDir, '003_53251bd098308f0e.txt'));
    assert.match(text.out, /^6\tPER\tJohn Kerry\t\(U\.S\. Secretary of State\)$/m);
  });

  it('prints an entity with its aliases, articles (newest first), mention lines and related names', async () => {
    const { code, out } = await run('entity', 'Kerry', '--json');
    assert.equal(code, 0);
    const entity = JSON.parse(out) as {
      name: string;
      type: string;
      aliases: string[];
      articles: { path: string; date: string | null; mentions: { line: number; text: string }[] }[];
      related: string[];
    };
    assert.equal(entity.name, 'John Kerry');
    assert.equal(entity.type, 'person');
    assert.deepEqual(entity.aliases, ['John Kerry', 'Kerry']);
    assert.deepEqual(
      entity.articles.map((a) => a.path),
      ['003_53251bd098308f0e.txt', '004_732f6ac769fbedc7.txt'],
    );
    assert.deepEqual(entity.articles[0].mentions[0], { line: 6, text: 'John Kerry' });
    assert.ok(entity.related.includes('Sergei Lavrov'));
  });

  it('exits 1 with a message when no entity matches, and lists all entities with counts', async () => {
    const missing = await run('entity', 'Nobody Atall');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no person or organization called "Nobody Atall"/);
    const { code, out } = await run('entities', '--json');
    assert.equal(code, 0);
    const rows = JSON.parse(out) as { name: string; type: string; articles: number; mentions: number }[];
    assert.deepEqual(rows[0], { ...rows[0], name: 'Sergei Lavrov', type: 'person', articles: 5 });
  });

  it('applies an entities file given with --entities, and names the line of a broken one', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.json');
    writeFileSync(good, '// corrections\n{ "merge": [["Daesh", "ISIS", "IS"]] }\n');
    const merged = JSON.parse((await run('entity', 'Daesh', '--json', '--entities', good)).out) as { aliases: string[]; articles: unknown[] };
    assert.deepEqual([...merged.aliases].sort(), ['Daesh', 'IS', 'ISIS']);
    assert.equal(merged.articles.length, 3);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "merge": [["Daesh", "ISIS"]]\n  "hide": []\n}\n');
    const broken = await run('entities', '--entities', bad);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /bad\.json:3: /);
    const unreadable = await run('entities', '--entities', dir);
    assert.equal(unreadable.code, 2);
    assert.match(unreadable.err, /cannot be read \(EISDIR/);
  });

  it('exits 2 with a message for a missing folder, a bad argument or command', async () => {
    const notArticle = path.join(tempDir(), 'notes.pdf');
    writeFileSync(notArticle, '%PDF');
    for (const argv of [
      ['articles', '--corpus', '/no/such/folder'],
      ['articles', '--frobnicate'],
      ['fly'],
      [],
      ['search'],
      ['search', 'x', '--limit', '0'],
      ['ner'],
      ['ner', '/no/such/file.txt'],
      ['ner', notArticle],
    ]) {
      const { code, err } = await run(...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, /Usage:/);
    }
  });
});
