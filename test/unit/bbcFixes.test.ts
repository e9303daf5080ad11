import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { dateInRange, yearLabel } from '../../src/core/articleDate';
import { CorpusEngine } from '../../src/core/engine/engine';
import { compareDatesNewestFirst, dateLabel, groupArticles } from '../../src/core/grouping';
import { listArticleFiles, PARSE_RULES } from '../../src/core/ingest/articleFiles';
import { parseSourceRules, ruleFor } from '../../src/core/ingest/sourceRules';
import { sourcesPhrase } from '../../src/features/shared/cardText';
import { citationEdit } from '../../src/features/shared/citation';
import { escapeInlineMarkdown, escapeMarkdown, escapeThemeIcons } from '../../src/features/shared/inertText';
import { repoRoot, tempDir } from './helpers';

describe('which files are articles', () => {
  it("leaves out a dataset's README, LICENSE and CHANGELOG and everything in dot-folders", async () => {
    const dir = tempDir();
    for (const name of ['README.TXT', 'LICENSE.md', 'CHANGELOG.md', 'readme.html', 'story.txt', '.hidden.txt'])
      writeFileSync(path.join(dir, name), 'A Story Headline Here\n\nText.\n');
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, '.archive'));
    writeFileSync(path.join(dir, '.archive', 'old.txt'), 'An Old Story Headline\n\nText.\n');
    const files = await listArticleFiles([dir]);
    assert.deepEqual(
      files.map((f) => path.basename(f)),
      ['story.txt'],
    );
    const engine = new CorpusEngine();
    await engine.load([dir]);
    assert.equal(engine.contains(path.join(dir, 'README.TXT')), false, 'a watcher event for the README is ignored');
    assert.equal(engine.contains(path.join(dir, '.archive', 'new.txt')), false, 'and for a file in a dot-folder');
    assert.equal(engine.contains(path.join(dir, 'other.txt')), true);
  });
});

describe('.corpus-lens/sources.json', () => {
  const base = '/work/notes';

  it('gives files under a folder or a glob a source and a default date range', () => {
    const parsed = parseSourceRules(
      '// BBC\n[{ "files": "corpus/bbc", "source": "BBC News", "dates": "2004..2005" },\n { "files": "corpus/**/*.html", "source": "Web" },]',
      base,
    );
    assert.ok(parsed.ok);
    assert.deepEqual(ruleFor('/work/notes/corpus/bbc/politics/001.txt', parsed.rules), { source: 'BBC News', dates: '2004..2005' });
    assert.deepEqual(ruleFor('/work/notes/corpus/web/page.html', parsed.rules), { source: 'Web' });
    assert.deepEqual(ruleFor('/work/notes/other/001.txt', parsed.rules), {});
  });

  it('says which line of a malformed file is wrong', () => {
    const bad = parseSourceRules('[\n  { "files": "corpus" },\n]', base);
    assert.deepEqual(bad, { ok: false, line: 2, message: 'rule 1: a rule needs a "source", "dates" or both' });
    const badDates = parseSourceRules('[{ "files": "x", "dates": "2005..2004" }]', base);
    assert.equal(badDates.ok ? '' : badDates.message, 'rule 1: Bad date range "2005..2004": the end comes before the start');
    const notJson = parseSourceRules('[{ "files": }]', base);
    assert.equal(notJson.ok, false);
    assert.equal(parseSourceRules('{ "files": "x" }', base).ok, false);
  });

  it('is used by the engine: the source replaces the guess, the dates fill only undated files, and the cache notices a change', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'A Story Headline Here\n\nMOSCOW (Sputnik) – Text.\n');
    writeFileSync(path.join(dir, 'b.txt'), 'Another Story Headline\n\nPublished: 3 March 2015\n\nText.\n');
    const cacheDir = path.join(tempDir(), 'cache');
    const rules = parseSourceRules(JSON.stringify([{ files: dir, source: 'Archive', dates: '2004' }]), '/');
    assert.ok(rules.ok);
    const before = new CorpusEngine();
    await before.load([dir], { cacheDir });
    assert.equal(before.get(path.join(dir, 'a.txt'))?.source, 'Sputnik');
    const after = new CorpusEngine({ sourceRules: rules.rules });
    const report = await after.load([dir], { cacheDir });
    assert.match(report.cacheRebuilt ?? '', /other source rules/);
    assert.deepEqual([after.get(path.join(dir, 'a.txt'))?.source, after.get(path.join(dir, 'a.txt'))?.date], ['Archive', '2004']);
    assert.equal(after.get(path.join(dir, 'b.txt'))?.date, '2015-03-03', "a file's own date wins");
    const outcome = await after.search('date:2004-06');
    assert.ok(outcome.ok && outcome.total === 1, 'a period matches a date filter inside it');
  });

  it('rebuilds a cache made by an older version of the parsing rules, and says so', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'A Story Headline Here\n\nMOSCOW (Sputnik) – Text.\n');
    const cacheDir = path.join(tempDir(), 'cache');
    await new CorpusEngine().load([dir], { cacheDir });
    const summaries = path.join(cacheDir, 'summaries.json');
    const file = JSON.parse(readFileSync(summaries, 'utf8')) as { signature: string };
    file.signature = file.signature.replace(`"rules":${PARSE_RULES}`, `"rules":${PARSE_RULES - 1}`);
    writeFileSync(summaries, JSON.stringify(file));
    const report = await new CorpusEngine().load([dir], { cacheDir });
    assert.match(report.cacheRebuilt ?? '', /older version of the parsing rules/);
    assert.equal(report.fromCache, 0);
  });
});

describe('periods as article dates', () => {
  it('match date filters they overlap, and read as a range', () => {
    assert.ok(dateInRange('2004..2005', { from: '2005-03', to: '2005-03' }));
    assert.ok(!dateInRange('2004..2005', { from: '2006', to: '2006' }));
    assert.ok(dateInRange('2016-08-31', { from: '2016-01', to: '2016-08' }));
    assert.equal(dateLabel('2004..2005'), '2004–2005');
    assert.equal(yearLabel('2004..2005'), '2004–2005');
    assert.equal(yearLabel('2004-06-01'), '2004');
  });

  it('sort after days and before partial dates', () => {
    const sorted = ['--11-05', null, '2004..2005', '2016-06-04', '2003'].sort(compareDatesNewestFirst);
    assert.deepEqual(sorted, ['2016-06-04', '2004..2005', '2003', '--11-05', null]);
    const groups = groupArticles([{ path: 'a', title: 'A', source: 'BBC News', date: '2004..2005' }], 'source');
    assert.equal(groups[0].children[0].label, '2004–2005');
  });
});

describe("a card's sources", () => {
  it('says "source unknown" rather than "from 0 sources"', () => {
    assert.equal(sourcesPhrase({ sourceCount: 0, unknownSourceCount: 12 }), 'source unknown');
    assert.equal(sourcesPhrase({ sourceCount: 1, unknownSourceCount: 0 }), 'from 1 source');
    assert.equal(sourcesPhrase({ sourceCount: 3, unknownSourceCount: 2 }), 'from 3 sources and 2 of unknown source');
  });
});

describe('corpus text stays text', () => {
  it('escapes theme icons for QuickPick items and Markdown', () => {
    assert.equal(escapeThemeIcons('Power $(zap) cut'), 'Power \\$(zap) cut');
    assert.equal(escapeMarkdown('$(zap) <b>x</b> [y](z)'), '\\$\\(zap\\) &lt;b\\>x&lt;/b\\> \\[y\\]\\(z\\)');
    assert.equal(escapeMarkdown('https://evil.example www.evil.example a@evil.example'), 'https\\://evil\\.example www\\.evil\\.example a\\@evil\\.example');
    assert.equal(
      escapeInlineMarkdown('1. A *bold* <img src=x> [link](http://x) of 3.5% $(zap)'),
      '1\\. A \\*bold\\* &lt;img src=x\\> \\[link\\](http\\://x) of 3.5% \\$(zap)',
    );
  });

  it("puts a citation after the cursor's line, with a blank line before and after", () => {
    const lines = (text: string) => text.split('\n').map((l) => ({ isEmptyOrWhitespace: l.trim() === '' }));
    assert.deepEqual(citationEdit(lines('Gordon Brown presented\nnext line'), 0, '> quote\n'), { line: 0, text: '\n\n> quote\n' });
    assert.deepEqual(citationEdit(lines('Gordon Brown presented\n\nnext line'), 0, '> quote\n'), { line: 0, text: '\n\n> quote' });
    assert.deepEqual(citationEdit(lines('# Draft\n\n'), 2, '> quote\n'), { line: 2, text: '> quote' });
    assert.deepEqual(citationEdit(lines('# Draft\n'), 1, '> quote\n'), { line: 1, text: '\n> quote' });
  });
});

describe('the CLI through a pipe', () => {
  it('writes all of a large output before exiting', async function () {
    this.timeout(60000);
    const dir = tempDir();
    for (let i = 0; i < 1500; i++)
      writeFileSync(
        path.join(dir, `${String(i).padStart(4, '0')}.txt`),
        `Headline number ${i} about a long story of the corpus, written to fill the output\n\nText.\n`,
      );
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, 'articles', '--json', '--corpus', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('error', reject);
      child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    assert.ok(out.length > 200_000, `a large output (${out.length} bytes)`);
    assert.equal((JSON.parse(out) as unknown[]).length, 1500);
  });
});
