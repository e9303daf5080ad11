import * as assert from 'node:assert/strict';
import { acronymDefinitions, isAcronym, nameKey } from '../../src/core/entities/names';
import { parseOverrides } from '../../src/core/entities/overrides';

describe('entity name keys', () => {
  it('unifies transliterations of a person (Sergei / Sergey, Dmitri / Dmitriy)', () => {
    assert.equal(nameKey('Sergei Lavrov', 'person'), nameKey('Sergey Lavrov', 'person'));
    assert.equal(nameKey('Dmitri Peskov', 'person'), nameKey('Dmitriy Peskov', 'person'));
    assert.notEqual(nameKey('Sergei Lavrov', 'person'), nameKey('Sergei Ivanov', 'person'));
  });

  it('drops Arabic particles, accents and a possessive', () => {
    assert.equal(nameKey('Bashar al-Assad', 'person'), nameKey('Bashar Assad', 'person'));
    assert.equal(nameKey("Assad's", 'person'), nameKey('Assad', 'person'));
    assert.equal(nameKey('José Mourinho', 'person'), nameKey('Jose Mourinho', 'person'));
  });

  it('lets organisation names meet in any word order, with Arabic words translated', () => {
    const front = nameKey('al-Nusra Front', 'organization');
    assert.equal(nameKey('Jabhat al-Nusra', 'organization'), front);
    assert.equal(nameKey('Nusra Front', 'organization'), front);
  });

  it('keeps an acronym case-sensitive: PCS the union is not PCs the computers', () => {
    assert.notEqual(nameKey('PCS', 'organization'), nameKey('PCs', 'organization'));
    assert.ok(isAcronym('U.S.') && isAcronym('ISSG') && !isAcronym('Reuters') && !isAcronym('I'));
  });

  it('reads acronym definitions "Long Form (ACR)" only when the capitals spell it', () => {
    assert.deepEqual(acronymDefinitions('talks of the International Syria Support Group (ISSG) in Vienna'), [
      { long: 'International Syria Support Group', short: 'ISSG' },
    ]);
    assert.deepEqual(acronymDefinitions('the Syrian Observatory for Human Rights (SOHR) said'), [
      { long: 'Syrian Observatory for Human Rights', short: 'SOHR' },
    ]);
    assert.deepEqual(acronymDefinitions('said the minister (AFP) on Monday'), []);
  });
});

describe('the entities file', () => {
  it('reads merge, split, rename, retype and hide, names matching any case', () => {
    const parsed = parseOverrides(
      '{ "merge": [["Daesh", "ISIS"]], "split": ["Assad"], "rename": { "sergey lavrov": "Sergei Lavrov" }, "retype": { "Hezbollah": "org" }, "hide": ["Reuters"] }',
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.overrides.merge, [['Daesh', 'ISIS']]);
    assert.ok(parsed.overrides.keepApart.has('assad'));
    assert.equal(parsed.overrides.rename.get('sergey lavrov'), 'Sergei Lavrov');
    assert.equal(parsed.overrides.retype.get('hezbollah'), 'organization');
    assert.ok(parsed.overrides.hide.has('reuters'));
  });

  it('names the line of a JSON syntax error', () => {
    const parsed = parseOverrides('{\n  "merge": [["Daesh", "ISIS"]],\n  "hide": oops\n}\n');
    assert.equal(parsed.ok, false);
    assert.equal(!parsed.ok && parsed.line, 3);
  });

  it('names the line of a wrong shape or an unknown key', () => {
    const wrong = parseOverrides('{\n  "hide": ["Reuters"],\n  "retype": { "Hezbollah": "band" }\n}');
    assert.deepEqual(wrong.ok ? undefined : [wrong.line, /person.*organization/.test(wrong.message)], [3, true]);
    const unknown = parseOverrides('{\n\n  "mergee": []\n}');
    assert.deepEqual(unknown.ok ? undefined : [unknown.line, /unknown key "mergee"/.test(unknown.message)], [3, true]);
    const single = parseOverrides('{ "merge": [["Daesh"]] }');
    assert.equal(single.ok, false);
  });

  it('treats an empty file (or only a BOM) as no corrections', () => {
    assert.ok(parseOverrides('').ok);
    assert.ok(parseOverrides('\uFEFF').ok);
  });
});
