import * as assert from 'node:assert/strict';
import { parseOverrides } from '../../src/core/entities/overrides';
import { resolveEntities, type ArticleNames, type ResolvedEntity } from '../../src/core/entities/resolve';
import type { EntityType } from '../../src/core/ner/tags';

/** One article per list: "PER:Sergei Lavrov" etc.; acronym definitions as "long=SHORT". */
function articles(...lists: string[][]): ArticleNames[] {
  return lists.map((list) => ({
    names: list.filter((x) => !x.includes('=')).map((x) => ({ type: x.split(':')[0] as EntityType, text: x.slice(x.indexOf(':') + 1) })),
    acronyms: list.filter((x) => x.includes('=')).map((x) => ({ long: x.split('=')[0], short: x.split('=')[1] })),
  }));
}

function groups(entities: ResolvedEntity[]): string[] {
  return entities.map((e) => `${e.type}:${[...e.aliases].sort().join(' | ')}`).sort();
}

describe('resolving names into entities', () => {
  it('merges transliterations, particles and a unique surname; the display name is the commonest full name', () => {
    const resolved = resolveEntities(
      articles(['PER:Sergei Lavrov', 'PER:Lavrov'], ['PER:Sergey Lavrov', 'PER:Sergei Lavrov'], ['PER:Bashar al-Assad', 'PER:Assad', 'PER:Bashar Assad']),
    );
    assert.deepEqual(groups(resolved.entities), ['person:Assad | Bashar Assad | Bashar al-Assad', 'person:Lavrov | Sergei Lavrov | Sergey Lavrov']);
    assert.equal(resolved.entities.find((e) => e.aliases.includes('Lavrov'))?.name, 'Sergei Lavrov');
  });

  it('shows a surname two full names share as ambiguous, not as a person of its own: two Assads', () => {
    const resolved = resolveEntities(articles(['PER:Bashar al-Assad', 'PER:Hafez al-Assad', 'PER:Assad']));
    assert.deepEqual(groups(resolved.entities), ['person:Bashar al-Assad', 'person:Hafez al-Assad']);
    assert.deepEqual(resolved.ambiguous, [{ name: 'Assad', type: 'person', candidates: ['person:bashar assad', 'person:hafez assad'] }]);
  });

  it('merges "de Mistura" and "Mr Toner" into the one full name ending so', () => {
    const resolved = resolveEntities(articles(['PER:Staffan de Mistura', 'PER:De Mistura', 'PER:Mark Toner', 'PER:Mr Toner']));
    assert.deepEqual(groups(resolved.entities), ['person:De Mistura | Staffan de Mistura', 'person:Mark Toner | Mr Toner']);
  });

  it('merges an acronym with its long form, defined in brackets or spelled by the initials', () => {
    const bracketed = resolveEntities(articles(['ORG:International Syria Support Group', 'International Syria Support Group=ISSG']));
    assert.deepEqual(groups(bracketed.entities), ['organization:ISSG | International Syria Support Group']);
    const initials = resolveEntities(articles(['ORG:United Nations', 'ORG:UN', 'ORG:European Union', 'ORG:EU']));
    assert.deepEqual(groups(initials.entities), ['organization:EU | European Union', 'organization:UN | United Nations']);
  });

  it('merges Arabic and English forms of an organisation: Jabhat al-Nusra, al-Nusra Front, Nusra Front, al-Nusra', () => {
    const resolved = resolveEntities(articles(['ORG:Jabhat al-Nusra', 'ORG:al-Nusra'], ['ORG:al-Nusra Front', 'ORG:Nusra Front']));
    assert.deepEqual(groups(resolved.entities), ['organization:Jabhat al-Nusra | Nusra Front | al-Nusra | al-Nusra Front']);
  });

  it('merges a shorter organisation name into the one led by an acronym or an organisation, not by an adjective', () => {
    const resolved = resolveEntities(
      articles([
        'ORG:UN Security Council',
        'ORG:Security Council',
        'ORG:Scottish Conservative Party',
        'ORG:Conservative Party',
        'MISC:Scottish',
        'ORG:non-European Union',
        'ORG:European Union',
      ]),
    );
    assert.deepEqual(groups(resolved.entities), [
      'organization:Conservative Party',
      'organization:European Union',
      'organization:Scottish Conservative Party',
      'organization:Security Council | UN Security Council',
    ]);
  });

  it('merges a firm named for partners with its first partner alone, when one firm leads with it: "Marsh" = "Marsh & McLennan"', () => {
    const one = resolveEntities(articles(['ORG:Marsh & McLennan', 'ORG:Marsh'], ['ORG:Marsh', 'ORG:Procter & Gamble']));
    assert.deepEqual(groups(one.entities), ['organization:Marsh | Marsh & McLennan', 'organization:Procter & Gamble']);
    const two = resolveEntities(articles(['ORG:Smith & Nephew', 'ORG:Smith & Wesson', 'ORG:Smith']));
    assert.deepEqual(groups(two.entities), ['organization:Smith', 'organization:Smith & Nephew', 'organization:Smith & Wesson']);
  });

  it('gives each entity the type most of its mentions have, and drops places and other names', () => {
    const resolved = resolveEntities(articles(['ORG:Reuters', 'ORG:Reuters', 'PER:Reuters', 'LOC:Geneva', 'ORG:Geneva', 'LOC:Geneva', 'MISC:Syrian']));
    assert.deepEqual(groups(resolved.entities), ['organization:Reuters']);
  });

  it('takes "New Labour" for Labour, and two organisations joined by "and" for two', () => {
    const labour = resolveEntities(articles(['ORG:Labour', 'ORG:Labour', 'ORG:New Labour', 'ORG:New Line', 'ORG:New York Times']));
    assert.deepEqual(groups(labour.entities), ['organization:Labour | New Labour', 'organization:New Line', 'organization:New York Times']);
    const pair = resolveEntities(articles(['ORG:Nortel Networks and Motorola', 'ORG:Nortel Networks', 'ORG:Motorola', 'ORG:British and Irish Lions']));
    assert.deepEqual(groups(pair.entities), ['organization:British and Irish Lions', 'organization:Motorola', 'organization:Nortel Networks']);
  });

  it('lets the long form, not its acronym tagged for its capitals, decide what a thing is: "IE" of "Internet Explorer"', () => {
    const browser = ['MISC:Internet Explorer', 'MISC:Internet Explorer', 'ORG:Internet Explorer', 'Internet Explorer=IE', 'ORG:IE', 'ORG:IE', 'ORG:IE'];
    assert.deepEqual(groups(resolveEntities(articles(browser)).entities), []);
    const agency = ['ORG:International Energy Agency', 'International Energy Agency=IEA', 'MISC:IEA'];
    assert.deepEqual(groups(resolveEntities(articles(agency)).entities), ['organization:IEA | International Energy Agency']);
  });

  it('leaves out words that only start a sentence, and common words', () => {
    const common = (w: string) => w.toLowerCase() === 'chancellor';
    const resolved = resolveEntities(
      articles(['ORG:Both Chelsea', 'ORG:Chelsea', 'PER:However', 'PER:Chancellor', 'ORG:The Labour Party', 'ORG:Labour Party']),
      undefined,
      { isCommon: common, isCountable: () => false },
    );
    assert.deepEqual(groups(resolved.entities), ['organization:Chelsea', 'organization:Labour Party']);
    // A first word that is part of the name: the corpus never writes "Blacks" alone.
    assert.deepEqual(groups(resolveEntities(articles(['ORG:All Blacks', 'ORG:All Blacks', 'ORG:Wales'])).entities), [
      'organization:All Blacks',
      'organization:Wales',
    ]);
  });

  it('applies the user file: merge, split, rename, retype, hide', () => {
    const parsed = parseOverrides(
      JSON.stringify({
        merge: [['Daesh', 'ISIS', 'Islamic State']],
        split: ['Lavrov'],
        rename: { 'Sergey Lavrov': 'Sergei V. Lavrov' },
        retype: { Hezbollah: 'organization' },
        hide: ['Reuters'],
      }),
    );
    assert.ok(parsed.ok);
    const resolved = resolveEntities(articles(['ORG:Daesh', 'ORG:ISIS', 'PER:Sergey Lavrov', 'PER:Lavrov', 'PER:Hezbollah', 'ORG:Reuters']), parsed.overrides);
    assert.deepEqual(groups(resolved.entities), [
      'organization:Daesh | ISIS | Islamic State',
      'organization:Hezbollah',
      'person:Lavrov',
      'person:Sergei V. Lavrov | Sergey Lavrov',
    ]);
    assert.equal(resolved.entities.find((e) => e.aliases.includes('Sergey Lavrov'))?.name, 'Sergei V. Lavrov');
  });
});
