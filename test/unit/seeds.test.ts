import * as assert from 'node:assert/strict';
import { readingText } from '../../src/core/types';
import { parseSeed } from './helpers';

// Expected values come from reading each capture (see README "Sample corpus").
const SEEDS = [
  {
    file: '000_24cedd494502b823.txt',
    title: 'The Russian foreign minister said Moscow and Washington held no secret negotiations on Syria in Geneva.',
    source: 'Sputnik',
    date: '2021-08-01',
  },
  {
    file: '001_c7973225191394ad.txt',
    title: 'Lavrov: Russia isn’t’ conducting any secret negotiations about Syria',
    source: 'SANA',
    date: null,
  },
  { file: '002_36d8fbcc4219a082.txt', title: 'Lavrov: No Secret Russia-U.S. Talks On Syria', source: 'RFE/RL', date: null },
  { file: '003_53251bd098308f0e.txt', title: 'Russians Insist on No Delay of Syria Talks', source: 'EIR', date: '2016-06-04' },
  { file: '004_732f6ac769fbedc7.txt', title: 'US, Russia, holding crucial talks on Syria', source: null, date: null },
];

describe('the five seed articles', () => {
  for (const seed of SEEDS) {
    describe(seed.file, () => {
      const article = parseSeed(seed.file);
      it(`has the title "${seed.title.slice(0, 40)}…"`, () => assert.equal(article.title, seed.title));
      it(`comes from ${seed.source ?? 'an unknown source'}`, () => assert.equal(article.source, seed.source));
      it(`is dated ${seed.date ?? 'nothing'}`, () => assert.equal(article.date, seed.date));
    });
  }

  it('drops the Sputnik page furniture from the reading text', () => {
    const text = readingText(parseSeed('000_24cedd494502b823.txt'));
    for (const junk of ['Listen Live', 'Get short URL', '0 63', 'Community standards', 'Chinese Special Syria Envoy Calls']) {
      assert.ok(!text.includes(junk), `reading text still has "${junk}"`);
    }
    assert.ok(text.includes('MOSCOW (Sputnik) – The United States and Russia'));
    assert.ok(text.endsWith('Lavrov added.'));
  });

  it('cuts the SANA "Check Also" block and keeps the byline', () => {
    const text = readingText(parseSeed('001_c7973225191394ad.txt'));
    assert.ok(!text.includes('Check Also'));
    assert.ok(!text.includes('Festivity held'));
    assert.ok(text.endsWith('Hazem Sabbagh'));
  });

  it('drops RFE/RL media-player debris and footer', () => {
    const text = readingText(parseSeed('002_36d8fbcc4219a082.txt'));
    for (const junk of [
      'Accessibility links',
      'Breaking News',
      'please wait',
      'No media source',
      '0:00 0:00:59',
      'Army Jets Bombard',
      '16x9 Image',
      'undesirable organization',
    ]) {
      assert.ok(!text.includes(junk), `reading text still has "${junk}"`);
    }
    assert.ok(text.includes('With reporting by RIA Novosti'));
  });

  it('drops "Subscribe", "Share", "Advertisement" and "Back to top"', () => {
    assert.ok(!readingText(parseSeed('003_53251bd098308f0e.txt')).includes('Back to top'));
    assert.ok(!readingText(parseSeed('003_53251bd098308f0e.txt')).includes('Subscribe to EIR Online'));
    const text = readingText(parseSeed('004_732f6ac769fbedc7.txt'));
    assert.ok(!/^Share$/m.test(text) && !text.includes('Advertisement'));
  });

  it('does not take "the Reuters news agency reported" for the source', () => {
    assert.equal(parseSeed('004_732f6ac769fbedc7.txt').source, null);
  });

  it('records each paragraph with its line in the original file', () => {
    const article = parseSeed('003_53251bd098308f0e.txt');
    const first = article.paragraphs.find((p) => p.text.startsWith('June 4, 2016'));
    assert.equal(first?.line, 5);
    const toner = article.paragraphs.find((p) => p.text.startsWith('Toner told reporters'));
    assert.equal(toner?.line, 11);
  });
});
