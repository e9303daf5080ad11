import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { summariesDigest } from '../../src/core/engine/summaryDigest';
import type { ArticleSummary } from '../../src/core/types';

const summary = fc.record<ArticleSummary>({
  path: fc.string({ minLength: 1 }),
  title: fc.string(),
  source: fc.option(fc.string(), { nil: null }),
  date: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
});

describe('summariesDigest (whether the host holds the engine’s tree)', () => {
  it('is the same for the same folders and summaries, made anew', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.array(summary), (folders, summaries) => {
        const copy = summaries.map((s) => ({ ...s }));
        assert.equal(summariesDigest([...folders], copy), summariesDigest(folders, summaries));
      }),
    );
  });

  it('changes when any one field of any summary changes, when one is added or removed, or when the folders change', () => {
    const field = fc.constantFrom<keyof ArticleSummary>('path', 'title', 'source', 'date');
    fc.assert(
      fc.property(fc.array(summary, { minLength: 1 }), fc.nat(), field, fc.string(), (summaries, at, key, value) => {
        const i = at % summaries.length;
        const before = summariesDigest(['/corpus'], summaries);
        const changed = summaries.map((s, j) => (j === i ? { ...s, [key]: value } : s));
        if (changed[i][key] !== summaries[i][key]) assert.notEqual(summariesDigest(['/corpus'], changed), before);
        assert.notEqual(summariesDigest(['/corpus'], summaries.slice(1)), before);
        assert.notEqual(summariesDigest(['/corpus'], [...summaries, summaries[i]]), before);
        assert.notEqual(summariesDigest(['/corpus', '/more'], summaries), before);
      }),
    );
  });

  it('tells a missing source or date from an empty one, and fields that run into each other', () => {
    const base = { path: '/c/a.txt', title: 'Title', source: null, date: null };
    const digests = [
      summariesDigest([], [base]),
      summariesDigest([], [{ ...base, source: '' }]),
      summariesDigest([], [{ ...base, date: '' }]),
      summariesDigest([], [{ ...base, title: 'Titl', source: 'e' }]),
    ];
    assert.equal(new Set(digests).size, digests.length);
  });
});
