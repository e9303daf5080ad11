import * as assert from 'node:assert/strict';
import { groupArticles, compareDatesNewestFirst, dateLabel } from '../../src/core/grouping';
import { ArticleTree } from '../../src/core/engine/articleTree';
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

describe('the Articles tree a level at a time (ArticleTree)', () => {
  const corpus = [article('a', 'Sputnik', '2016-04-18'), article('b', 'SANA', '2016-04-18'), article('c', null, null)];
  let articles = [...corpus];
  let stories = [{ id: 'story-1', title: 'a', articles: [corpus[0], corpus[1]] }];
  const tree = new ArticleTree(
    () => articles,
    () => stories,
  );

  it('answers each level by the keys of the groups above it, and where an article is', () => {
    const top = tree.children('date', []);
    assert.ok('groups' in top);
    assert.deepEqual(
      top.groups.map((g) => [g.key, g.count]),
      [
        ['2016-04-18', 2],
        [null, 1],
      ],
    );
    const keys = tree.keysOf('date', '/c/b.txt');
    assert.ok(keys);
    const leaf = tree.children('date', keys);
    assert.ok('articles' in leaf);
    assert.deepEqual(
      leaf.articles.map((a) => a.title),
      ['b'],
    );
    assert.deepEqual(tree.children('date', [...keys, 'deeper']), { groups: [] });
    assert.equal(tree.keysOf('date', '/c/none.txt'), undefined);
  });

  it('counts the sources of a story, and sees new articles and stories only once told', () => {
    const top = tree.children('story', []);
    assert.ok('groups' in top);
    assert.deepEqual(
      top.groups.map((g) => [g.label, g.count, g.sources]),
      [
        ['a', 2, 2],
        ['Not in a story', 1, 1],
      ],
    );
    articles = [...corpus, article('d', 'Sputnik', '2016-04-19')];
    stories = [];
    assert.deepEqual(tree.children('story', []), top, 'the groups made before');
    tree.invalidate();
    const after = tree.children('story', []);
    assert.ok('groups' in after);
    assert.deepEqual(
      after.groups.map((g) => [g.label, g.count]),
      [['Not in a story', 4]],
    );
  });
});
