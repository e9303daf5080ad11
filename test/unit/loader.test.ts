import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../../src/core/ingest/textDecoding';
import { loadCorpus, readArticle } from '../../src/core/ingest/loader';
import { seedsDir, tempDir } from './helpers';

const STORY = 'A Headline For The Story\n\nMOSCOW (Sputnik) – A sentence of the story on 4 June 2016.\n';

describe('loading a corpus', () => {
  it('loads the five seeds with no problem reported', async () => {
    const { articles, problems } = await loadCorpus([seedsDir]);
    assert.equal(articles.length, 5);
    assert.deepEqual(problems, []);
  });

  it('reports progress up to the file count', async () => {
    const seen: [number, number][] = [];
    await loadCorpus([seedsDir], { onProgress: (done, total) => seen.push([done, total]) });
    assert.deepEqual(seen.at(-1), [5, 5]);
  });

  it('reports each bad file once and still loads the rest', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'good.txt'), STORY);
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'blank.txt'), '  \n\n ');
    writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]));
    writeFileSync(path.join(dir, 'huge.txt'), 'x'.repeat(2048));
    writeFileSync(path.join(dir, 'notes.docx'), 'ignored: not an article type');
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    symlinkSync(path.join(dir, 'missing.txt'), path.join(dir, 'dangling.txt'));
    const { articles, problems } = await loadCorpus([dir], { maxFileBytes: 1024 });
    assert.deepEqual(
      articles.map((a) => path.basename(a.path)),
      ['good.txt'],
    );
    const byFile = new Map(problems.map((p) => [path.relative(dir, p.path), p.message]));
    assert.match(byFile.get('empty.txt') ?? '', /empty/);
    assert.match(byFile.get('blank.txt') ?? '', /white space/);
    assert.match(byFile.get('binary.txt') ?? '', /binary/);
    assert.match(byFile.get('huge.txt') ?? '', /over the 1 KB limit/);
    assert.match(byFile.get(path.join('sub', 'loop')) ?? '', /link loop/);
    assert.match(byFile.get('dangling.txt') ?? '', /cannot be followed/);
    assert.equal(problems.length, 6);
  });

  it('reports an unreadable file', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads anything: permissions cannot be tested as root
    const dir = tempDir();
    const file = path.join(dir, 'locked.txt');
    writeFileSync(file, STORY);
    chmodSync(file, 0o000);
    const result = await readArticle(file);
    assert.ok('problem' in result && /permission denied/.test(result.problem.message));
  });

  it('reports a file deleted between listing and reading', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'gone.txt');
    writeFileSync(file, STORY);
    unlinkSync(file);
    const result = await readArticle(file);
    assert.ok('problem' in result);
    assert.match(result.problem.message, /no longer exists/);
  });

  it('stops early when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { articles } = await loadCorpus([seedsDir], { signal: controller.signal });
    assert.equal(articles.length, 0);
  });
});

describe('decoding', () => {
  it('strips a UTF-8 BOM and normalises CRLF without changing line count', () => {
    const { text } = decodeText(Buffer.from('\ufeffTitle line\r\n\r\nBody.\r\n', 'utf8'));
    assert.equal(text, 'Title line\n\nBody.\n');
  });
  it('reads invalid UTF-8 as windows-1252 and says so', () => {
    const decoded = decodeText(Buffer.from([0x61, 0x20, 0xa3, 0x31, 0x35, 0x2e, 0x38, 0x6d, 0x20, 0x93, 0x71, 0x94]));
    assert.equal(decoded.text, 'a £15.8m “q”');
    assert.equal(decoded.fallbackEncoding, 'windows-1252');
  });
  it('reads UTF-16 with a BOM', () => {
    assert.equal(decodeText(Buffer.from('\ufeffHi', 'utf16le')).text, 'Hi');
  });
  it('keeps CRLF articles at the right line numbers', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'crlf.txt');
    writeFileSync(file, '\ufeffHeadline Of A CRLF Story\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n');
    const result = await readArticle(file);
    assert.ok('article' in result);
    assert.deepEqual(
      result.article.paragraphs.map((p) => p.line),
      [0, 2, 4],
    );
    assert.equal(result.article.title, 'Headline Of A CRLF Story');
  });
});
