import * as assert from 'node:assert/strict';
import { timelineOf, UNKNOWN_SOURCE_KEY } from '../../src/core/timeline/timeline';
import type { ArticleSummary } from '../../src/core/types';

const article = (path: string, date: string | null, source: string | null = 'Sputnik'): ArticleSummary => ({ path, title: path, source, date });

describe('timelines: articles per month or year', () => {
  const corpus = [
    article('a', '2016-06-04'),
    article('b', '2016-06-30', 'SANA'),
    article('c', '2016-08-01', null),
    article('d', '--06-04'),
    article('e', null),
    article('f', '2004..2005'),
    article('g', '2016-07'),
    article('h', '2016'),
  ];

  it('counts full dates per month, with the empty months between, stacked by source', () => {
    const timeline = timelineOf(corpus, 'month');
    assert.deepEqual(
      timeline.buckets.map((b) => [b.period, b.articles]),
      [
        ['2016-06', 2],
        ['2016-07', 1],
        ['2016-08', 1],
      ],
    );
    assert.deepEqual(timeline.buckets[0].bySource, { Sputnik: 1, SANA: 1 });
    assert.deepEqual(timeline.buckets[2].bySource, { [UNKNOWN_SOURCE_KEY]: 1 });
  });

  it('counts dates without a year, longer periods and undated articles apart, never in a guessed month', () => {
    const { partial, periods, undated } = timelineOf(corpus, 'month');
    assert.deepEqual({ partial, periods, undated }, { partial: 1, periods: 2, undated: 1 });
  });

  it('by year, a year-long period is in its year', () => {
    const timeline = timelineOf(corpus, 'year');
    assert.deepEqual(
      timeline.buckets.map((b) => [b.period, b.articles]),
      [['2016', 5]],
    );
    assert.equal(timeline.periods, 1, 'only 2004..2005 spans more than a year');
  });

  it('an entity timeline counts its mentions per period, and runs over a year end', () => {
    const mentions = new Map([
      ['x', 3],
      ['y', 1],
    ]);
    const timeline = timelineOf([article('x', '2015-12-31'), article('y', '2016-02-01')], 'month', 'Sergei Lavrov', mentions);
    assert.deepEqual(
      timeline.buckets.map((b) => [b.period, b.articles, b.mentions]),
      [
        ['2015-12', 1, 3],
        ['2016-01', 0, 0],
        ['2016-02', 1, 1],
      ],
    );
    assert.equal(timeline.name, 'Sergei Lavrov');
  });

  it('an empty or undated corpus has no buckets', () => {
    assert.deepEqual(timelineOf([article('e', null)], 'month').buckets, []);
  });
});
