import * as assert from 'node:assert/strict';
import { tokenize } from '../../src/core/ner/tokenizer';

const words = (text: string) => tokenize(text).map((s) => s.map((t) => t.text));

describe('NER tokenizer', () => {
  it('gives exact character offsets for every token', () => {
    const text = '  “There are no secret talks,” Lavrov said.\nU.S. Secretary J. Kerry’s aide — 1,200 troops.';
    for (const sentence of tokenize(text)) {
      for (const token of sentence) assert.equal(text.slice(token.start, token.end), token.text);
    }
    assert.deepEqual(words(text), [
      ['“', 'There', 'are', 'no', 'secret', 'talks', ',', '”', 'Lavrov', 'said', '.'],
      ['U.S.', 'Secretary', 'J.', 'Kerry', '’s', 'aide', '—', '1,200', 'troops', '.'],
    ]);
  });

  it('keeps hyphenated and particle names, splits possessives', () => {
    assert.deepEqual(words("Bashar al-Assad's envoy met Staffan de Mistura and O'Brien"), [
      ['Bashar', 'al-Assad', "'s", 'envoy', 'met', 'Staffan', 'de', 'Mistura', 'and', "O'Brien"],
    ]);
    assert.deepEqual(words('No Secret Russia-U.S. Talks'), [['No', 'Secret', 'Russia-U.S.', 'Talks']]);
  });

  it('handles straight and curly quotes, abbreviations, dashes and numbers', () => {
    assert.deepEqual(words('"Yes," said Mr. Smith -- on 1996-08-22 at 10:47, up 5%...'), [
      ['"', 'Yes', ',', '"', 'said', 'Mr.', 'Smith', '--', 'on', '1996-08-22', 'at', '10:47', ',', 'up', '5%', '...'],
    ]);
  });

  it('ends sentences at a line break and after . ! ? before a capital, not after an abbreviation', () => {
    assert.deepEqual(words('Talks began. They ended! U.S. officials met Gen. Smith in Geneva.\nNext line'), [
      ['Talks', 'began', '.'],
      ['They', 'ended', '!'],
      ['U.S.', 'officials', 'met', 'Gen.', 'Smith', 'in', 'Geneva', '.'],
      ['Next', 'line'],
    ]);
  });

  it('handles CRLF and empty text', () => {
    assert.deepEqual(words(''), []);
    assert.deepEqual(words('One two\r\nThree'), [['One', 'two'], ['Three']]);
  });
});
