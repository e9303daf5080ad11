import * as assert from 'node:assert/strict';
import { groupArticles, compareDatesNewestFirst, dateLabel } from '../../src/core/grouping';
import type { Article } from '../../src/core/types';

function article(title: string, source: string | null, date: string | null): Article {
  return { path: `/c/${title}.txt`, title, source, date, paragraphs: [], size: 0, mtimeMs: 0 };
}

describe('grouping articles', () => {
  const articles = [
    article('a', 'Sputnik', '2016-04-18'),
    article('b', 'Sputnik', null),
    article('c', null, '--08-25'),
    article('d', 'sana', '2016-06-04'),
    article('e', 'Sputnik', '2016-06-04'),
    article('f', 'Sputnik', '--11-05'),
  ];

  it('orders sources alphabetically with the unknown source last', () => {
    assert.deepEqual(
      groupArticles(articles, 'source').map((g) => g.label),
      ['sana', 'Sputnik', 'Unknown source'],
    );
  });

  it('orders dates newest first, partial dates after full ones, undated last', () => {
    const sputnik = groupArticles(articles, 'source')[1];
    assert.deepEqual(
      sputnik.children.map((g) => g.key),
      ['2016-06-04', '2016-04-18', '--11-05', null],
    );
    assert.deepEqual(
      sputnik.children.map((g) => g.label),
      ['2016-06-04', '2016-04-18', '11-05 (year unknown)', 'Undated'],
    );
    assert.equal(sputnik.count, 4);
  });

  it('groups by date then source', () => {
    const groups = groupArticles(articles, 'date');
    assert.equal(groups[0].key, '2016-06-04');
    assert.deepEqual(
      groups[0].children.map((g) => g.label),
      ['sana', 'Sputnik'],
    );
    assert.deepEqual(
      groups.map((g) => g.count),
      [2, 1, 1, 1, 1],
    );
  });

  it('sorts partial dates by month and day', () => {
    assert.ok(compareDatesNewestFirst('--11-05', '--08-25') < 0);
    assert.equal(dateLabel(null), 'Undated');
  });
});
