import * as assert from 'node:assert/strict';
import { entityCard } from '../../src/core/entities/entityCard';
import { EntityIndex } from '../../src/core/entities/entityIndex';
import type { EntityType } from '../../src/core/ner/tags';
import type { ArticleNames } from '../../src/core/entities/resolve';
import type { Article } from '../../src/core/types';

function article(path: string, date: string | null, ...paragraphs: string[]): Article {
  return {
    path,
    title: `Title of ${path}`,
    source: 'Agency',
    date,
    paragraphs: paragraphs.map((text, line) => ({ text, line: line * 2 })),
    size: 0,
    mtimeMs: 0,
  };
}

function names(...list: string[]): ArticleNames {
  return { names: list.map((x) => ({ type: x.slice(0, x.indexOf(':')) as EntityType, text: x.slice(x.indexOf(':') + 1) })), acronyms: [] };
}

describe('the entity index', () => {
  const a = article('/c/a.txt', '2016-06-04', 'Sergei Lavrov met John Kerry in Geneva.', 'Later, Lavrov spoke to reporters.');
  const b = article('/c/b.txt', '2021-08-01', 'Talks went on. Lavrov said nothing.');

  function built(): EntityIndex {
    const index = new EntityIndex();
    // The recognizer found no name in b: its mention of Lavrov still counts.
    index.reset([
      { article: a, names: names('PER:Sergei Lavrov', 'PER:John Kerry', 'PER:Lavrov') },
      { article: b, names: names() },
    ]);
    return index;
  }

  it('counts every occurrence of every alias, including ones the recognizer missed', () => {
    const lavrov = built().find('lavrov');
    assert.equal(lavrov?.name, 'Sergei Lavrov');
    assert.equal(lavrov?.mentionCount, 3);
    assert.equal(lavrov?.articleCount, 2);
  });

  it('finds no mention of an organization inside a place the article names: "York" in "New York"', () => {
    const index = new EntityIndex();
    const c = article('/c/c.txt', null, 'York City won at home.', 'Fans came from New York to see it.');
    index.reset([{ article: c, names: names('ORG:York', 'LOC:New York') }]);
    assert.equal(index.find('York')?.mentionCount, 1);
  });

  it('finds no mention inside a name the corpus found to be no person or organisation: "Dollar Baby" in the film "Million Dollar Baby"', () => {
    const index = new EntityIndex();
    // The film is a work in one article; in the other the recognizer took it for an organisation.
    const review = article('/c/review.txt', null, 'The film Million Dollar Baby won. Eastwood made Million Dollar Baby.');
    const news = article('/c/news.txt', null, 'Million Dollar Baby leads the race.', 'Dollar Baby is his nickname.');
    index.reset([
      { article: review, names: names('MISC:Million Dollar Baby', 'MISC:Million Dollar Baby', 'PER:Eastwood') },
      { article: news, names: names('ORG:Million Dollar Baby', 'PER:Dollar Baby') },
    ]);
    assert.equal(index.find('Million Dollar Baby'), undefined);
    assert.equal(index.find('Dollar Baby')?.mentionCount, 1);
  });

  it('finds a name no alias has whole by its last words: the most mentioned entity whose alias ends so', () => {
    const index = new EntityIndex();
    const maria = article('/c/m.txt', null, 'Maria Elena Boschi spoke. Later Maria Elena Boschi left.');
    const pietro = article('/c/p.txt', null, 'Pietro Elena Boschi said so.');
    index.reset([
      { article: maria, names: names('PER:Maria Elena Boschi', 'PER:Maria Elena Boschi') },
      { article: pietro, names: names('PER:Pietro Elena Boschi') },
    ]);
    assert.equal(index.find('Elena Boschi')?.name, 'Maria Elena Boschi');
    assert.equal(index.find('Pietro Elena Boschi')?.name, 'Pietro Elena Boschi');
    assert.equal(index.find('Anna Boschi'), undefined, 'no alias ends with both words');
    index.upsert(
      article('/c/p2.txt', null, 'Pietro Elena Boschi again. Pietro Elena Boschi twice.'),
      names('PER:Pietro Elena Boschi', 'PER:Pietro Elena Boschi'),
    );
    assert.equal(index.find('Elena Boschi')?.name, 'Pietro Elena Boschi', 'now the most mentioned');
  });

  it('builds a card: newest article first, the sentence around the mention, co-mentioned entities', () => {
    const index = built();
    const byPath = new Map([a, b].map((x) => [x.path, x]));
    const sources = { summary: (p: string) => byPath.get(p), article: (p: string) => byPath.get(p) };
    const card = entityCard(index, index.find('Sergei Lavrov')!.id, sources, { limit: 1, related: 3 });
    assert.equal(card?.articles.length, 1);
    assert.equal(card?.more, 1);
    assert.equal(card?.articles[0].path, '/c/b.txt');
    assert.deepEqual(card?.articles[0].sentence, { before: '', name: 'Lavrov', after: ' said nothing.' });
    assert.deepEqual(
      card?.related.map((r) => r.name),
      ['John Kerry'],
    );
  });

  it('updates incrementally: a new alias rescans all, a changed file alone is rescanned, a removed file is forgotten', () => {
    const index = built();
    index.upsert(article('/c/b.txt', '2021-08-01', 'Kerry and Lavrov talked.'), names('PER:Kerry'));
    assert.deepEqual(index.find('John Kerry')?.aliases, ['John Kerry', 'Kerry']);
    assert.equal(index.find('John Kerry')?.articleCount, 2);
    index.upsert(article('/c/c.txt', null, 'Lavrov again, and Kerry.'), names());
    assert.equal(index.find('Lavrov')?.articleCount, 3);
    assert.equal(index.find('Kerry')?.mentionCount, 3);
    index.remove('/c/a.txt');
    assert.deepEqual(index.find('Kerry')?.aliases, ['Kerry'], 'John Kerry was only written in a.txt');
    assert.equal(index.find('Kerry')?.articleCount, 2);
  });

  it('answers which name is under a cursor in any text', () => {
    const index = built();
    const text = 'My note: ask Sergei Lavrov again.';
    const at = index.at(text, text.indexOf('Lavrov'));
    assert.ok(at && 'entity' in at);
    assert.equal(at.entity.name, 'Sergei Lavrov');
    assert.equal(text.slice(at.start, at.end), 'Sergei Lavrov');
  });
});

describe('the sentence around a mention', () => {
  it('does not stop at "U.S." or "Mr."', async () => {
    const { sentenceAround } = await import('../../src/core/entities/entityCard');
    const text = 'It began. Minister Sergey Lavrov and U.S. Secretary of State John Kerry met Mr. Brown. Then it ended.';
    const at = text.indexOf('Sergey Lavrov');
    assert.deepEqual(sentenceAround(text, at, at + 13), {
      before: 'Minister ',
      name: 'Sergey Lavrov',
      after: ' and U.S. Secretary of State John Kerry met Mr. Brown.',
    });
    const kerry = text.indexOf('John Kerry');
    assert.equal(sentenceAround(text, kerry, kerry + 10).before, 'Minister Sergey Lavrov and U.S. Secretary of State ');
  });
});
