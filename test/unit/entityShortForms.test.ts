import * as assert from 'node:assert/strict';
import { EntityIndex } from '../../src/core/entities/entityIndex';
import { WordCaseCounts } from '../../src/core/entities/wordCase';
import { resolveEntities, type ArticleNames, type ResolvedEntity } from '../../src/core/entities/resolve';
import type { EntityType } from '../../src/core/ner/tags';
import type { Article } from '../../src/core/types';

/** One article per list of "PER:Tony Blair" entries. */
function articles(...lists: string[][]): ArticleNames[] {
  return lists.map((list) => ({ names: list.map((x) => ({ type: x.split(':')[0] as EntityType, text: x.slice(x.indexOf(':') + 1) })), acronyms: [] }));
}

function groups(entities: ResolvedEntity[]): string[] {
  return entities.map((e) => `${e.type}:${e.name} = ${[...e.aliases].sort().join(' | ')}`).sort();
}

function repeat(times: number, list: string[]): string[][] {
  return Array.from({ length: times }, () => list);
}

describe('short forms of names across the corpus', () => {
  it('joins "Mr Blair" and "Blair" to the full name they appear beside, and names the entity by its full name', () => {
    const resolved = resolveEntities(
      articles(...repeat(5, ['PER:Tony Blair', 'PER:Mr Blair', 'PER:Blair']), ['PER:Euan Blair', 'PER:Tony Blair', 'PER:Mr Blair'], ['PER:Mr Blair']),
    );
    assert.deepEqual(groups(resolved.entities), ['person:Euan Blair = Euan Blair', 'person:Tony Blair = Blair | Mr Blair | Tony Blair']);
  });

  it('gives "Mrs Blair" to the Blair she appears beside alone, not the most mentioned one', () => {
    const resolved = resolveEntities(
      articles(
        ...repeat(6, ['PER:Tony Blair', 'PER:Mr Blair']),
        ['PER:Cherie Blair', 'PER:Mrs Blair'],
        ['PER:Cherie Blair', 'PER:Mrs Blair'],
        ['PER:Tony Blair', 'PER:Cherie Blair', 'PER:Mrs Blair'],
      ),
    );
    assert.ok(resolved.entities.find((e) => e.name === 'Cherie Blair')?.aliases.includes('Mrs Blair'));
  });

  it('shows a surname split between two full names as ambiguous, candidates likeliest first', () => {
    const resolved = resolveEntities(articles(...repeat(3, ['PER:Gordon Brown', 'PER:Brown']), ...repeat(3, ['PER:Wes Brown', 'PER:Brown'])));
    assert.deepEqual(groups(resolved.entities), ['person:Gordon Brown = Gordon Brown', 'person:Wes Brown = Wes Brown']);
    assert.equal(resolved.ambiguous[0].name, 'Brown');
    assert.deepEqual([...resolved.ambiguous[0].candidates].sort(), ['person:gordon brown', 'person:wes brown']);
  });

  it('never makes a person of a title alone: "Mr Kilroy-Silk" is Robert Kilroy-Silk', () => {
    const resolved = resolveEntities(articles(['PER:Robert Kilroy-Silk', 'PER:Mr Kilroy-Silk'], ['PER:Mr Kilroy-Silk']));
    assert.deepEqual(groups(resolved.entities), ['person:Robert Kilroy-Silk = Mr Kilroy-Silk | Robert Kilroy-Silk']);
  });

  it('does not count as a person one word that its articles never introduce with a first name or a title', () => {
    const resolved = resolveEntities(articles(...repeat(4, ['PER:Yukos', 'ORG:Yukos', 'PER:Christmas', 'LOC:Christmas', 'PER:Oscar']), ['PER:Passion Oscar']));
    assert.deepEqual(groups(resolved.entities), ['organization:Yukos = Yukos', 'person:Passion Oscar = Passion Oscar']);
  });

  it('makes a person of "Mr Ebbers" whatever one tag said, and nobody of a title alone ("Lord")', () => {
    const resolved = resolveEntities(articles(...repeat(3, ['PER:Bernie Ebbers', 'ORG:Mr Ebbers', 'ORG:Lord', 'PER:Lord'])));
    assert.deepEqual(groups(resolved.entities), ['person:Bernie Ebbers = Bernie Ebbers | Mr Ebbers']);
  });

  it('makes a person of a surname taken for an organization in stories that name the person in full ("Nadal", "Kilroy-Silk")', () => {
    const resolved = resolveEntities(articles(...repeat(4, ['PER:Rafael Nadal', 'ORG:Nadal', 'PER:Robert Kilroy-Silk', 'ORG:Kilroy-Silk'])));
    assert.deepEqual(groups(resolved.entities), ['person:Rafael Nadal = Nadal | Rafael Nadal', 'person:Robert Kilroy-Silk = Kilroy-Silk | Robert Kilroy-Silk']);
  });

  it('counts no work, product or award the rules called MISC in enough stories as an organization ("Golden Globe")', () => {
    const resolved = resolveEntities(articles(...repeat(3, ['ORG:Golden Globe']), ...repeat(2, ['MISC:Golden Globe']), ['ORG:Microsoft']));
    assert.deepEqual(groups(resolved.entities), ['organization:Microsoft = Microsoft']);
  });

  it('names an entity by its full name, not one with a headline\'s word after it ("European Union In")', () => {
    const resolved = resolveEntities(articles(['ORG:European Union In'], ...repeat(3, ['ORG:European Union', 'ORG:EU'])));
    assert.equal(resolved.entities[0]?.name, 'European Union');
  });

  it("makes an organization of a lone word that leads organizations' names: Sony of Sony Ericsson", () => {
    const resolved = resolveEntities(articles(...repeat(3, ['PER:Sony']), ['ORG:Sony Ericsson']));
    assert.ok(resolved.entities.some((e) => e.name === 'Sony' && e.type === 'organization'));
  });

  it('keeps a lone word the recognizer calls a person when a few articles are all there is', () => {
    const resolved = resolveEntities(articles(['PER:Ronaldinho']));
    assert.deepEqual(groups(resolved.entities), ['person:Ronaldinho = Ronaldinho']);
  });

  it('takes an organisation\'s last word to the club it stands beside: "United"', () => {
    const resolved = resolveEntities(articles(...repeat(4, ['ORG:Manchester United', 'ORG:United']), ['ORG:Leeds United']));
    assert.ok(resolved.entities.find((e) => e.name === 'Manchester United')?.aliases.includes('United'));
  });
});

describe('what names are not people or organizations', () => {
  it('leaves out events, places and countable acronyms', () => {
    const countable = { isCommon: () => false, isCountable: (acronym: string) => acronym === 'PC' || acronym === 'MP' };
    const resolved = resolveEntities(
      articles([
        'ORG:Champions League',
        'ORG:RBS Six Nations',
        'ORG:Consumer Electronics Show',
        'PER:Downing Street',
        'ORG:PC',
        'ORG:MP',
        'ORG:BBC',
        'ORG:Arab League',
        'ORG:United Nations',
      ]),
      undefined,
      countable,
    );
    assert.deepEqual(groups(resolved.entities), [
      'organization:Arab League = Arab League',
      'organization:BBC = BBC',
      'organization:United Nations = United Nations',
    ]);
  });

  it('leaves out a name the corpus follows with a thing\'s words, not an organisation\'s: "Linux software", "HDTV sets"', () => {
    const words = new WordCaseCounts();
    words.add([
      'Linux software runs it. Firms use Linux software and Linux systems. Linux users rejoiced.',
      'Microsoft software is sold. Microsoft said so. Microsoft said more. Microsoft shares rose. Microsoft boss Bill Gates spoke.',
      'HDTV sets are dear. Few HDTV sets sold.',
      'The Lisbon targets slip. Since the Lisbon summit, the Lisbon agenda stalled.',
    ]);
    assert.equal(words.namesAThing('Lisbon'), true, 'a place named for a programme or a meeting');
    assert.equal(words.namesAThing('Linux'), true);
    assert.equal(words.namesAThing('Microsoft'), false);
    assert.equal(words.namesAThing('HDTV'), false, 'two uses are too few to tell');
    const resolved = resolveEntities(articles(['ORG:Linux', 'ORG:Linux', 'PER:Linux', 'ORG:Microsoft', 'ORG:Microsoft']), undefined, words);
    assert.deepEqual(groups(resolved.entities), ['organization:Microsoft = Microsoft']);
    const again = new WordCaseCounts();
    again.restore(JSON.parse(JSON.stringify(words.toJSON())));
    assert.equal(again.namesAThing('Linux'), true, 'the counts survive the names cache');
  });

  it("joins a party's plural, singular and abbreviated names: Conservatives, Liberal Democrat, Lib Dems", () => {
    const resolved = resolveEntities(
      articles([
        'ORG:Conservative Party',
        'ORG:Conservatives',
        'ORG:Liberal Democrats',
        'ORG:Liberal Democrats',
        'ORG:Liberal Democrat',
        'ORG:Lib Dems',
        'ORG:BBC News',
        'ORG:BBC Newcastle',
      ]),
      undefined,
      {
        isCommon: (word) => word.toLowerCase() === 'news',
        isCountable: () => false,
      },
    );
    const expected = `organization:BBC Newcastle = BBC Newcastle
organization:BBC News = BBC News
organization:Conservative Party = Conservative Party | Conservatives
organization:Liberal Democrats = Lib Dems | Liberal Democrat | Liberal Democrats`;
    assert.equal(groups(resolved.entities).join('\n'), expected, '"BBC News" shortens nothing: "news" is a word');
  });

  it('makes one entity of spellings that end with one id: Hewlett-Packard and Hewlett Packard', () => {
    const resolved = resolveEntities(articles(['ORG:Hewlett-Packard', 'PER:Hewlett Packard', 'ORG:Hewlett Packard', 'ORG:Hewlett Packard']));
    const ids = resolved.entities.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    assert.equal(resolved.entities.filter((e) => e.aliases.includes('Hewlett-Packard') || e.aliases.includes('Hewlett Packard')).length, 1);
  });
});

function article(path: string, ...paragraphs: string[]): Article {
  return { path, title: path, source: null, date: null, paragraphs: paragraphs.map((text, i) => ({ text, line: i * 2 })), size: 0, mtimeMs: 0 };
}

function names(...list: string[]): ArticleNames {
  return articles(list)[0];
}

describe('mentions resolved inside each article', () => {
  const gordon = article('/c/gordon.txt', 'Chancellor Gordon Brown presented the budget.', 'Mr Brown said taxes would not rise. Brown smiled.');
  const wes = article('/c/wes.txt', 'Defender Wes Brown was injured.', 'Brown will miss the match.');
  const both = article('/c/both.txt', 'Gordon Brown watched Wes Brown play.', 'Afterwards Brown left.');
  const bare = article('/c/bare.txt', 'Brown spoke again.');

  function built(): EntityIndex {
    const index = new EntityIndex();
    index.reset([
      { article: gordon, names: names('PER:Gordon Brown', 'PER:Mr Brown', 'PER:Brown') },
      { article: wes, names: names('PER:Wes Brown', 'PER:Brown') },
      { article: both, names: names('PER:Gordon Brown', 'PER:Wes Brown', 'PER:Brown') },
      { article: bare, names: names('PER:Brown') },
    ]);
    return index;
  }

  const mentionedIn = (index: EntityIndex, name: string) => [...new Set(index.mentions(index.find(name)?.id ?? '').map((m) => m.path))].sort();

  it('counts "Brown" for the Brown written in the same article, the nearest before it', () => {
    const index = built();
    assert.deepEqual(mentionedIn(index, 'Gordon Brown'), ['/c/both.txt', '/c/gordon.txt']);
    assert.deepEqual(mentionedIn(index, 'Wes Brown'), ['/c/both.txt', '/c/wes.txt']);
    assert.equal(index.find('Gordon Brown')?.mentionCount, 4, 'Gordon Brown, Mr Brown, Brown in gordon.txt and Gordon Brown in both.txt');
    assert.equal(index.find('Wes Brown')?.mentionCount, 4, 'Wes Brown and Brown in wes.txt, Wes Brown and the later Brown in both.txt');
  });

  it('counts an ambiguous surname with no full name beside it for nobody', () => {
    const index = built();
    assert.equal(index.entitiesIn('/c/bare.txt').length, 0);
  });

  it('answers a hover on "Brown" in a note as ambiguous, and in an article as the Brown it means there', () => {
    const index = built();
    const note = 'Ask Brown about it.';
    const inNote = index.at(note, note.indexOf('Brown'));
    assert.ok(inNote && 'ambiguous' in inNote);
    assert.deepEqual(inNote.ambiguous.candidates.map((c) => c.name).sort(), ['Gordon Brown', 'Wes Brown']);
    const line = wes.paragraphs[1].text;
    const inArticle = index.at(line, line.indexOf('Brown'), wes.path);
    assert.ok(inArticle && 'entity' in inArticle);
    assert.equal(inArticle.entity.name, 'Wes Brown');
  });

  it('finds a surname the recognizer missed after the full name', () => {
    const index = new EntityIndex();
    index.reset([
      {
        article: article('/c/hewitt.txt', 'Patricia Hewitt announced the plan.', 'Ms Hewitt told GMTV. Hewitt said more.'),
        names: names('PER:Patricia Hewitt'),
      },
    ]);
    const found = index.mentions(index.find('Patricia Hewitt')?.id ?? '');
    assert.equal(found.length, 3);
    assert.deepEqual(
      found.map((m) => ({ paragraph: m.paragraph, start: m.start })),
      [
        { paragraph: 0, start: 0 },
        { paragraph: 1, start: 0 },
        { paragraph: 1, start: 21 },
      ],
    );
  });
});
