import * as assert from 'node:assert/strict';
import { dateInRange, parseQuery, type ParsedQuery } from '../../src/core/search/query';

function parsed(text: string): ParsedQuery {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(result.error);
  return result.query;
}

function error(text: string): string {
  const result = parseQuery(text);
  assert.equal(result.ok, false, `"${text}" should not parse`);
  return result.ok ? '' : result.error;
}

describe('the query language', () => {
  it('reads plain words as terms combined with AND', () => {
    assert.deepEqual(parsed('secret Negotiations').clauses, [
      { kind: 'term', text: 'secret' },
      { kind: 'term', text: 'negotiations' },
    ]);
  });
  it('reads "exact phrases", straight or curly quotes', () => {
    assert.deepEqual(parsed('"Security Council" “no secret”').clauses, [
      { kind: 'phrase', words: ['security', 'council'], text: 'Security Council' },
      { kind: 'phrase', words: ['no', 'secret'], text: 'no secret' },
    ]);
  });
  it('keeps a hyphenated name together as a phrase', () => {
    assert.deepEqual(parsed('al-Nusra').clauses, [{ kind: 'phrase', words: ['al', 'nusra'], text: 'al-Nusra' }]);
  });
  it('groups OR with its neighbours, tighter than AND', () => {
    const q = parsed('talks Kerry OR Lavrov OR "de Mistura" Geneva');
    assert.equal(q.clauses.length, 3);
    assert.equal(q.clauses[1].kind, 'or');
    assert.equal(q.clauses[1].kind === 'or' && q.clauses[1].options.length, 3);
  });
  it('reads -exclusions of words and phrases', () => {
    const q = parsed('Syria -Kerry -"Security Council"');
    assert.deepEqual(
      q.excluded.map((c) => c.kind),
      ['term', 'phrase'],
    );
  });
  it('reads source: and date: filters', () => {
    const q = parsed('source:Sputnik source:"al jazeera" date:2016 date:2016-01..2016-08 talks');
    assert.deepEqual(q.sources, ['sputnik', 'al jazeera']);
    assert.deepEqual(q.dates, [
      { from: '2016', to: '2016' },
      { from: '2016-01', to: '2016-08' },
    ]);
    assert.equal(q.clauses.length, 1);
  });
  it('matches dates against ranges of prefixes; partial dates match no range', () => {
    assert.ok(dateInRange('2016-06-04', { from: '2016', to: '2016' }));
    assert.ok(dateInRange('2016-08-31', { from: '2016-01', to: '2016-08' }));
    assert.ok(!dateInRange('2016-09-01', { from: '2016-01', to: '2016-08' }));
    assert.ok(!dateInRange('--06-04', { from: '2016', to: '2016' }));
    assert.ok(!dateInRange(null, { from: '2016', to: '2016' }));
  });
  it('explains malformed queries instead of throwing', () => {
    assert.match(error('"Security Council'), /Unbalanced quote/);
    assert.match(error('date:2016-13'), /no such month/);
    assert.match(error('date:16'), /use YYYY/);
    assert.match(error('date:2016-08..2016-01'), /end comes before the start/);
    assert.match(error('date:2016..'), /Bad date range/);
    assert.match(error('OR Lavrov'), /OR needs a word on each side/);
    assert.match(error('source:'), /needs a value/);
  });
  it('treats a lone dash and unknown field words as text', () => {
    assert.deepEqual(
      parsed('Kerry - author:Lavrov').clauses.map((c) => c.kind),
      ['term', 'phrase'],
    );
  });
});

describe('person:, org: and said: in queries', () => {
  it('reads them as entity filters, quoted or not', () => {
    const query = parsed('talks person:"John Kerry" org:ISSG said:Lavrov');
    assert.deepEqual(query.entities, [
      { kind: 'person', name: 'John Kerry' },
      { kind: 'organization', name: 'ISSG' },
      { kind: 'said', name: 'Lavrov' },
    ]);
    assert.equal(query.clauses.length, 1);
  });

  it('asks for a value when there is none', () => {
    assert.equal(error('person: talks'), '"person:" needs a value, e.g. person:lavrov');
    assert.equal(error('said: talks'), '"said:" needs a value, e.g. said:lavrov');
  });
});
