import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli';
import { CorpusEngine } from '../../src/core/engine/engine';
import { parseHtml } from '../../src/core/ingest/html';
import { encodeCommandArgs, escapeMarkdown } from '../../src/features/shared/inertText';
import { DEEP_DEPTH, HOSTILE_NAME, INJECTIONS, writeHostileCorpus } from '../fixtures/hostileCorpus';
import { tempDir } from './helpers';

describe('a hostile corpus', () => {
  it('loads whole, within seconds: the 20,000-deep page read as plain text with a reason, every bad file reported once', async function () {
    this.timeout(60_000);
    const dir = tempDir();
    const { articles } = writeHostileCorpus(dir);
    const engine = new CorpusEngine();
    const started = performance.now();
    const report = await engine.load([dir]);
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 20, `the load took ${seconds.toFixed(1)} s`);
    assert.deepEqual(
      engine
        .articles()
        .map((a) => path.basename(a.path))
        .sort(),
      [...articles].sort(),
    );
    const messages = report.problems.map((p) => `${path.basename(p.path)}: ${p.message}`);
    assert.ok(
      messages.some((m) => /^deep\.html: read as plain text from its tags: its elements nest 20003 deep/.test(m)),
      messages.join('\n'),
    );
    assert.ok(messages.some((m) => /^wide\.html: read as plain text from its tags: it has \d+ elements/.test(m)));
    assert.ok(messages.some((m) => /^binary\.txt: skipped: looks like a binary file/.test(m)));
    assert.ok(messages.some((m) => /^empty\.txt: skipped: the file is empty/.test(m)));
    assert.match(engine.paragraphs(engine.articles().find((a) => a.path.endsWith('deep.html'))?.path ?? '', 1)[0]?.text ?? '', /^Tony Blair in a deep page/);
  });

  it('parses a deep page in a fraction of a second, where Readability alone would take hours', () => {
    const html = `<html><body>${'<div>'.repeat(DEEP_DEPTH)}<p>Text.</p>${'</div>'.repeat(DEEP_DEPTH)}</body></html>`;
    const started = performance.now();
    const parsed = parseHtml(html);
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(parsed.lines, ['Text.']);
  });

  it('escapes every injection so that Markdown reads no link, image or command in it', () => {
    for (const text of INJECTIONS) {
      const escaped = escapeMarkdown(text);
      assert.doesNotMatch(escaped, /(?<!\\)\[|(?<!\\)\]\(|https?:\/\/|www\.|<[a-z]/i, escaped);
    }
  });

  it('encodes any file name into a command link that ends where we end it', () => {
    const link = `[open](command:corpusLens.openArticle?${encodeCommandArgs([`/c/${HOSTILE_NAME}`, 3])})`;
    const target = /\]\(([^)]*)\)$/.exec(link)?.[1] ?? '';
    assert.ok(target.startsWith('command:corpusLens.openArticle?'));
    assert.deepEqual(JSON.parse(decodeURIComponent(target.split('?')[1])), [`/c/${HOSTILE_NAME}`, 3]);
    assert.doesNotMatch(target, /[\s"'()[\]]/);
  });
});

describe('where names are written', () => {
  it('gives each name its own line, column and offsets in the file, also inside a paragraph of several lines', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'story.txt');
    const text =
      'A Headline About The Talks\n\nThe talks went on for hours, and late in the\n  evening the Foreign Minister Sergei Lavrov\nspoke to John Kerry on the phone.\n';
    writeFileSync(file, text);
    let out = '';
    const code = await runCli(
      ['ner', file, '--json'],
      (s) => (out += s),
      () => undefined,
    );
    assert.equal(code, 0);
    const rows = JSON.parse(out) as { type: string; text: string; start: number; end: number; line: number; column: number }[];
    const lavrov = rows.find((r) => r.text === 'Sergei Lavrov');
    const kerry = rows.find((r) => r.text === 'John Kerry');
    assert.ok(lavrov && kerry, JSON.stringify(rows));
    assert.deepEqual([lavrov.line, lavrov.column], [4, 32]);
    assert.deepEqual([kerry.line, kerry.column], [5, 10]);
    const raw = readFileSync(file, 'utf8');
    for (const row of rows) assert.equal(raw.slice(row.start, row.end), row.text);
  });
});
