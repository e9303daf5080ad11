import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Recognizer } from '../../src/core/ner/recognizer';
import { evaluateQuoteGold, type QuoteGold } from '../../src/core/quotes/quoteEval';
import { findQuotes, type NameSpan } from '../../src/core/quotes/quotes';
import { quoteSpans } from '../../src/core/quotes/quoteSpans';
import { repoRoot, sharedDir } from './helpers';

const gold = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'quotesGold.json'), 'utf8')) as QuoteGold;
const locate = (file: string) => (file.startsWith('seeds/') ? path.join(repoRoot, file) : path.join(sharedDir, 'corpora', file));

/** Names as the recognizer would give them: every listed string, wherever it is written. */
function namesIn(paragraphs: string[], people: string[], type = 'PER'): NameSpan[] {
  return paragraphs.flatMap((text, paragraph) =>
    people.flatMap((name) =>
      [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({ type, paragraph, start: m.index, end: m.index + name.length, text: name })),
    ),
  );
}

function pairs(paragraphs: string[], people: string[]): string[] {
  return findQuotes(paragraphs, namesIn(paragraphs, people)).map((q) => `${q.kind}: ${q.text} — ${q.speaker?.name ?? '?'}`);
}

describe('quotes and who said them', () => {
  it('finds curly and straight quotes, and a quote run on into a new opening mark', () => {
    const text = '“One two three,” he said. "Four five six. "Seven eight nine."';
    assert.deepEqual(
      quoteSpans(text).map((s) => [text.slice(s.start, s.end), s.open]),
      [
        ['One two three,', false],
        ['Four five six.', true],
        ['Seven eight nine.', false],
      ],
    );
  });

  it('attributes a quote to the name after it, before it, and a pronoun to the last speaker', () => {
    assert.deepEqual(
      pairs(
        ['"We never conduct secret talks," Lavrov said.', 'Kerry said: "We are close to a deal." "It is a good day for all," he added.'],
        ['Lavrov', 'Kerry'],
      ),
      ['direct: We never conduct secret talks, — Lavrov', 'direct: We are close to a deal. — Kerry', 'direct: It is a good day for all, — Kerry'],
    );
  });

  it('takes "said Cara Diemont of Dimension Data" as the person, and "according to" as attribution', () => {
    const paragraphs = ['"Customers are getting used to it," says Cara Diemont of Dimension Data.', '"Prices will rise next year", according to Brown.'];
    const names = [...namesIn(paragraphs, ['Cara Diemont', 'Brown']), ...namesIn(paragraphs, ['Dimension Data'], 'ORG')];
    assert.deepEqual(
      findQuotes(paragraphs, names).map((q) => q.speaker?.name),
      ['Cara Diemont', 'Brown'],
    );
  });

  it('keeps reported speech as a paraphrase, and leaves quoted terms alone', () => {
    assert.deepEqual(pairs(['Lavrov said that Russia held no secret talks with anyone.', 'He called it a "safe zone" again.'], ['Lavrov']), [
      'paraphrase: Russia held no secret talks with anyone — Lavrov',
    ]);
  });

  it('a paragraph that is only a quote goes on with the speaker of the quote before it', () => {
    assert.deepEqual(pairs(['"We will win this fight," Howard said.', '"And we will win it soon, whatever they say."'], ['Howard']), [
      'direct: We will win this fight, — Howard',
      'direct: And we will win it soon, whatever they say. — Howard',
    ]);
  });

  it('never returns a span outside the text, overlapping or out of order (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('"', '“', '”', ' ', 'a', '.', ',', '\n'), fc.string({ maxLength: 3 })), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        let last = 0;
        for (const span of quoteSpans(text)) {
          assert.ok(span.start >= last && span.start < span.end && span.end <= text.length);
          last = span.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the seeds: every direct quote with its speaker (the judged list)', async () => {
    const seeds = { articles: gold.articles.filter((a) => a.file.startsWith('seeds/')) };
    const score = await evaluateQuoteGold(seeds, locate, Recognizer.fromFile());
    assert.deepEqual(score.errors, []);
  });

  it('(quote, speaker) pairs on the seeds and 30 judged BBC articles: at least 90% precision and 80% recall', async function () {
    if (!existsSync(path.join(sharedDir, 'corpora', 'bbc'))) this.skip();
    const score = await evaluateQuoteGold(gold, locate, Recognizer.fromFile());
    assert.ok(score.precision >= 0.9 && score.recall >= 0.8, `precision ${score.precision}, recall ${score.recall}\n${score.errors.join('\n')}`);
  });
});

describe('sentences of a paragraph too long for the segmenter', () => {
  it('split at . ! ? before a capital, a quote mark or a digit, covering the whole text', async () => {
    const { sentenceBounds, SEGMENTER_LIMIT } = await import('../../src/core/text/sentences');
    const unit = 'He said no. "We will see!" 2016 was hard? yes it was. ';
    const text = unit.repeat(Math.ceil(SEGMENTER_LIMIT / unit.length) + 1);
    const bounds = sentenceBounds(text);
    assert.equal(bounds[0].start, 0);
    assert.equal(bounds.at(-1)?.end, text.length);
    assert.ok(
      bounds.every((b, i) => i === 0 || b.start === bounds[i - 1].end),
      'no gap, no overlap',
    );
    assert.deepEqual(
      bounds.slice(0, 4).map((b) => text.slice(b.start, b.end)),
      ['He said no. ', '"We will see!" ', '2016 was hard? yes it was. ', 'He said no. '],
    );
  });
});
