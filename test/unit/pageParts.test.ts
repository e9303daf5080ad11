import * as assert from 'node:assert/strict';
import * as chrono from 'chrono-node';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { dateLineDate } from '../../src/core/ingest/dateLine';
import { elementsAround } from '../../src/core/ingest/htmlMeta';
import { detectLanguage, statedLanguage } from '../../src/core/ingest/language';

describe('the language of an article', () => {
  it("is told from the text: German, English, Chinese (as zh, not Mandarin's cmn), and nothing from a caption", () => {
    assert.equal(detectLanguage('Es ist schon einige Zeit her, als Henry auf die Welt kam. Vor ein paar Tagen hat es auch Leo geschafft.'), 'de');
    assert.equal(detectLanguage('The council met on the budget and agreed to spend more on schools this year, members said.'), 'en');
    assert.equal(detectLanguage('中华人民共和国是一个国家，人口众多。我们今天去北京了，天气很好，大家都很高兴。'), 'zh');
    assert.equal(detectLanguage('Foto: dpa'), null);
  });

  it('is the tag the file states, cleaned up, when it is a tag at all', () => {
    assert.equal(statedLanguage('de_DE'), 'de-DE');
    assert.equal(statedLanguage(' en '), 'en');
    assert.equal(statedLanguage(''), null);
    assert.equal(statedLanguage('{{lang}}'), null);
  });
});

describe('a date line', () => {
  const german = chrono.de.casual;
  const day = fc.record({ year: fc.integer({ min: 1996, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
  const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const written = (d: { year: number; month: number; day: number }) => `${d.day}.${d.month}.${d.year}`;

  it('is read whatever place, time or category stands beside the date', () => {
    const place = fc.constantFrom('', 'Hamburg, ', 'Bad Homburg v. d. H., ', 'am ');
    const time = fc.constantFrom('', ' 11:35', ', 14:17', ' um 11.35 Uhr', ' 15:00 Uhr');
    const category = fc.constantFrom('', ' | Pressemitteilungen', ' · Filed under Allgemein', ' ⋅ Kommentieren');
    fc.assert(
      fc.property(day, place, time, category, (d, before, after, rest) => {
        assert.equal(dateLineDate(`${before}${written(d)}${after}${rest}`, german), iso(d));
      }),
    );
  });

  it('is not a sentence that begins with a date', () => {
    const words = fc.constantFrom(' trat der Rat zusammen', ' war ein guter Tag für alle', ' und danach');
    fc.assert(
      fc.property(day, words, (d, sentence) => {
        assert.equal(dateLineDate(`${written(d)}${sentence}`, german), null);
      }),
    );
  });
});

describe('the elements around a headline', () => {
  type Tree = { tag: string; text: boolean; children: Tree[] };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.record({
      tag: fc.constantFrom('div', 'p', 'span', 'h1', 'li', 'nav'),
      text: fc.boolean(),
      children: fc.oneof({ maxDepth: 4 }, fc.constant<Tree[]>([]), fc.array(tie('node'), { maxLength: 3 })),
    }),
  })).node;
  const html = (node: Tree): string => `<${node.tag}>${node.text ? 'x' : ''}${node.children.map(html).join('')}</${node.tag}>`;
  const hasText = (e: Element) => /\S/.test(e.textContent ?? '');

  it('are the elements with text before and after it in document order, without the ones that hold it or what a menu after it holds (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat({ max: 5 }), fc.nat({ max: 8 }), (roots, pick, before, after) => {
        const { document } = parseHTML(`<!doctype html><html><body>${roots.map(html).join('')}</body></html>`);
        const all = [...document.querySelectorAll('body *')];
        const element = all[pick % all.length];
        const holders = new Set<Element>();
        for (let at = element.parentElement; at; at = at.parentElement) holders.add(at);
        const at = all.indexOf(element);
        const expected = all.slice(0, at).filter((e) => !holders.has(e) && hasText(e));
        // A <nav> after the element is one element: what it holds is passed over.
        const menus = all.slice(at + 1).filter((e) => e.tagName === 'NAV');
        const inMenu = (e: Element) => menus.some((menu) => menu !== e && menu.contains(e));
        const following = all.slice(at + 1).filter((e) => hasText(e) && !inMenu(e));
        const around = elementsAround(element as never, before, after);
        assert.deepEqual(around.before, expected.slice(Math.max(0, expected.length - before)));
        assert.deepEqual(around.after, following.slice(0, after));
      }),
    );
  });
});
