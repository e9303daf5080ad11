import * as assert from 'node:assert/strict';
import { AliasMatcher } from '../../src/core/entities/aliasMatcher';

const ENTITIES = [
  { aliases: ['United States', 'US', 'U.S.'] },
  { aliases: ['Islamic State', 'IS'] },
  { aliases: ['Bashar al-Assad', 'Assad'] },
  { aliases: ['Staffan de Mistura', 'de Mistura'] },
  { aliases: ['UN Security Council', 'Security Council'] },
  { aliases: ['United Nations', 'UN'] },
];

function found(text: string): string[] {
  return new AliasMatcher(ENTITIES).scan(text).map((m) => text.slice(m.start, m.end));
}

describe('finding aliases in text', () => {
  it('matches an acronym only as written: "US" and "IS", not "us" and "is"', () => {
    assert.deepEqual(found('The US told us that IS is losing ground.'), ['US', 'IS']);
    assert.deepEqual(found('the U.S. said'), ['U.S']);
  });

  it('respects word boundaries: no "US" inside "USA", no "UN" inside "UNESCO"', () => {
    assert.deepEqual(found('USA and UNESCO and UNSC'), []);
  });

  it('takes the longest name at each place', () => {
    assert.deepEqual(found('the UN Security Council met; the Security Council and the UN agreed'), ['UN Security Council', 'Security Council', 'UN']);
  });

  it('needs capitals on the words of a name but not on its particles', () => {
    assert.deepEqual(found('Bashar Al-Assad and Staffan de Mistura; the assad family; De Mistura said'), [
      'Bashar Al-Assad',
      'Staffan de Mistura',
      'De Mistura',
    ]);
  });

  it("matches before a possessive and across a line's spaces, not across a comma", () => {
    assert.deepEqual(found("Assad's forces"), ['Assad']);
    assert.deepEqual(found('Bashar  al-Assad'), ['Bashar  al-Assad']);
    assert.deepEqual(found('Islamic, State'), []);
  });

  it('finds the name under a cursor', () => {
    const matcher = new AliasMatcher(ENTITIES);
    const text = 'Talks with Staffan de Mistura today';
    const at = matcher.at(text, text.indexOf('Mistura') + 2);
    assert.equal(at && text.slice(at.start, at.end), 'Staffan de Mistura');
    assert.equal(matcher.at(text, text.indexOf('today')), undefined);
  });
});
