import * as assert from 'node:assert/strict';
import { readingText } from '../../src/core/types';
import { findDates, extractDate, normaliseDateValue } from '../../src/core/ingest/date';
import { compileSourcePatterns, detectSource, BUILTIN_SOURCE_PATTERNS } from '../../src/core/ingest/source';
import { readingLineMask } from '../../src/core/ingest/boilerplate';
import { parseString } from './helpers';

describe('source detection', () => {
  const cases: [string, string | null][] = [
    ['BEIRUT (Reuters) – Rebels said on Monday…', 'Reuters'],
    ['WASHINGTON (AP) — The Senate voted…', 'AP'],
    ['Damascus, SANA – President al-Assad received…', 'SANA'],
    ['Tehran, IRNA — Iran said…', 'IRNA'],
    ['March 3, 2015 (EIRNS)—Lyndon LaRouche said…', 'EIR'],
    ['RFE/RL journalists report the news in 27 languages.', 'RFE/RL'],
    ['© 2016 Al Jazeera Media Network', 'Al Jazeera Media Network'],
    ['Fighting went on, the Reuters news agency reported.', null],
    ['Russia (AP) said nothing, a quoted agency mid-sentence.', null],
    ['With reporting by RIA Novosti, ITAR-TASS, Interfax, Reuters, AFP, and AP', null],
    ['Talks continued in New York on Friday.', null],
  ];
  for (const [text, source] of cases) {
    it(`finds ${source ?? 'no source'} in "${text.slice(0, 40)}"`, () => assert.equal(detectSource(text), source));
  }

  it('lets a user pattern name the source, ahead of the built-in ones', () => {
    const { patterns, errors } = compileSourcePatterns([{ pattern: '^Posted on (Antiwar\\.com)', source: 'Antiwar' }]);
    assert.deepEqual(errors, []);
    assert.equal(detectSource('Posted on Antiwar.com\nMOSCOW (Sputnik) – x', [...patterns, ...BUILTIN_SOURCE_PATTERNS]), 'Antiwar');
  });

  it('reports an invalid user pattern instead of throwing', () => {
    const { patterns, errors } = compileSourcePatterns([{ pattern: '(unclosed' }]);
    assert.equal(patterns.length, 0);
    assert.match(errors[0], /Invalid source pattern "\(unclosed"/);
  });
});

describe('date extraction', () => {
  it('reads a glued timestamp line', () => assert.equal(extractDate(['10:47 GMT01 August 2021']), '2021-08-01'));
  it('normalises many shapes to YYYY-MM-DD', () => {
    assert.equal(extractDate(['Published: 3 March 2015']), '2015-03-03');
    assert.equal(extractDate(['2016-06-04T10:00:00Z']), '2016-06-04');
    assert.equal(extractDate(['Mon, 12 Mar 2015 10:00 GMT']), '2015-03-12');
    assert.equal(extractDate(['Sept. 9, 2016']), '2016-09-09');
  });
  it('keeps a dateline without a year partial', () => assert.equal(extractDate(['Headline', 'MOSCOW, June 4 (Reuters) - Talks began.']), '--06-04'));
  it('reads a dateline with the wire tag after the date', () =>
    assert.equal(extractDate(['June 4, 2016 (EIRNS)—Russian Foreign Minister Sergey Lavrov said.']), '2016-06-04'));
  it('takes no date the story mentions for the publication date: an event, a birthday', () => {
    assert.equal(extractDate(['Talks were held on November 5 in Cairo.']), null);
    assert.equal(extractDate(['Profile: Gordon Brown', '', 'Gordon Brown was born on 20 February 1951 in Glasgow.']), null);
    assert.equal(extractDate(['Headline', 'The attacks of 11 September 2001 changed everything.']), null);
  });
  it('never turns weekdays or relative words into a date', () => {
    assert.equal(extractDate(['Lavrov said on Monday that talks went on.']), null);
    assert.equal(extractDate(['Posted 3 days ago', 'He spoke yesterday.']), null);
    assert.equal(extractDate(['The deal was agreed in June.']), null);
    assert.equal(extractDate(['0:00 0:00:59 0:00']), null);
  });
  it('prefers a full date in the header over an earlier partial one', () => {
    assert.equal(extractDate(['Headline', 'Saturday, 26 February', 'Updated 4 March 2016']), '2016-03-04');
    assert.equal(extractDate(['Headline', 'On March 3 we met.', 'Updated 4 March 2016']), '2016-03-04');
  });
  it('reports each date with its offset', () => {
    const found = findDates('x\nOn 4 June 2016 and on July 5.');
    assert.deepEqual(
      found.map((d) => d.date),
      ['2016-06-04', '--07-05'],
    );
    assert.ok(found[0].index >= 2);
  });
  it('normalises metadata values', () => {
    assert.equal(normaliseDateValue(new Date(Date.UTC(2016, 5, 4))), '2016-06-04');
    assert.equal(normaliseDateValue('2016-06-04T08:00:00+03:00'), '2016-06-04');
    assert.equal(normaliseDateValue('--06-04'), '--06-04');
    assert.equal(normaliseDateValue('June 4, 2016'), '2016-06-04');
    assert.equal(normaliseDateValue('soon'), null);
  });
});

describe('boilerplate removal', () => {
  it('keeps a story whose last line is an unpunctuated byline', () => {
    const lines = ['Title here', '', 'A sentence of the story.', '', 'Jane Doe'];
    assert.deepEqual(readingLineMask(lines), [true, false, true, false, true]);
  });
  it("drops a newsletter's invitation and a sign-up form's consent line, never a sentence about newsletters", () => {
    const lines = [
      'Title here',
      'A sentence of the story.',
      'Never miss the latest news by signing up to our newsletter today!',
      'Keine Neuigkeiten aus der Medien-Branche mehr verpassen: Abonnieren Sie kostenlos die MEEDIA-Newsletter.',
      'Jetzt für Golf-Lotse Top-News anmelden',
      'Ich bin mit der Verarbeitung meiner Daten nach Datenschutzerklärung einverstanden. Nach Anmeldung geht mir eine E-Mail zu.',
      'Substack lets writers sign up readers to a newsletter, and never miss a payment.',
      'The last sentence of the story.',
    ];
    assert.deepEqual(readingLineMask(lines), [true, true, false, false, false, false, true, true]);
  });
  it('drops an affiliate disclosure, not a sentence about affiliate marketing', () => {
    const lines = [
      'Title here',
      'A sentence of the story.',
      'Letzte Aktualisierung am 2.02.2022 / Bei den Verlinkungen handelt es sich um Affiliate Links / Bilder von der Amazon Product Advertising API',
      'Dieser Artikel enthält Affiliate-Links und/oder werbende Inhalte.',
      'Many blogs earn their living from affiliate links, the study found.',
      'The last sentence of the story.',
    ];
    assert.deepEqual(readingLineMask(lines), [true, true, false, false, true, true]);
  });
  it("keeps a blog's sign-off after a greeting that ends in a smiley or an emoji", () => {
    for (const greeting of ['Ich wünsche euch allen einen schönen Sonntag <3', 'Bis bald :)', 'Schönes Wochenende 🌞']) {
      assert.deepEqual(readingLineMask(['Title here', 'A sentence of the story.', greeting, 'x Franzi']), [true, true, true, true]);
    }
  });
  it('drops a "Related stories" box inside a story and keeps the story after it; at the end of a page, everything after the box', () => {
    const inside = [
      'Title here',
      'A sentence of the story.',
      'RELATED STORIES',
      'Do masks offer protection from new coronavirus? It depends',
      'Hoarding and price-gouging send mask prices soaring',
      'The incident has occurred at a time when Japan is seeing a shortage of face masks.',
    ];
    assert.deepEqual(readingLineMask(inside), [true, true, false, false, false, true]);
    const teasers = [
      'Title here',
      'A sentence of the story.',
      'Related Posts',
      'Final Summer Sale',
      'Jetzt heißt es schnell sein: Unbedingt noch die heißesten Schnäppchen e…',
      'Montag | 22. Juli 2019',
    ];
    assert.deepEqual(readingLineMask(teasers), [true, true, false, false, false, false]);
  });
  it('drops a trailing run of related-story headlines', () => {
    const lines = ['Title here', 'A sentence of the story.', 'Related Headline One', 'Another Related Headline'];
    assert.deepEqual(readingLineMask(lines), [true, true, false, false]);
  });
  it("keeps a technical story's closing line of code, and still drops the tags after it", () => {
    const lines = ['Title here', 'A sentence of the story.', 'Turn it on again:', 'netsh interface tcp set global autotuninglevel=normal', 'Cmd', 'Windows'];
    assert.deepEqual(readingLineMask(lines), [true, true, true, true, false, false]);
    const shell = ['Title here', 'A sentence of the story.', 'Then run:', '$ npm install', 'Related Headline One', 'Another Related Headline'];
    assert.deepEqual(readingLineMask(shell), [true, true, true, true, false, false]);
  });
  it('keeps a closing results table (standings, scores), which is article text and not a list of other stories', () => {
    const lines = ['Title here', 'Results of the weekend.', 'Puchon 3 1 0 6 1 10', 'Chonan 3 0 1 13 10 9', 'NEW YORK AT CALIFORNIA', 'Livingston 1 Hamilton 0'];
    assert.deepEqual(readingLineMask(lines), [true, true, true, true, true, true]);
  });
  it('keeps a closing list of names broken over lines (a line ends in a comma) and closing fixtures', () => {
    const list = [
      'Title here',
      'Leading scores after the first round.',
      '66 Neal Lancaster, Dave Barr (Canada), Mike Sullivan, Willie',
      'Wood, Loren Roberts, Steve Stricker,',
      'Bryan Gorman',
    ];
    assert.deepEqual(readingLineMask(list), [true, true, true, true, true]);
    const fixtures = ['Title here', 'The draw was made on Sunday.', 'Austria at Croatia', 'Switzerland at Slovak Republic', 'Postponed: Walsall v Wrexham'];
    assert.deepEqual(readingLineMask(fixtures), [true, true, true, true, true]);
  });
  it("keeps a recipe's closing ingredient list, and still drops a closing list of numbered headlines", () => {
    const recipe = [
      'Title here',
      'A sentence of the story.',
      'Ingredients',
      '1/2 block of tofu, diced',
      '120g yellow noodles',
      '1 tbsp minced garlic',
      'Some beansprouts',
    ];
    assert.deepEqual(
      readingLineMask(recipe),
      recipe.map(() => true),
    );
    const listicles = ['Title here', 'A sentence of the story.', '7 Tipps für den Garten', '10 Dinge, die man wissen muss', '5 Rezepte für den Sommer'];
    assert.deepEqual(readingLineMask(listicles), [true, true, false, false, false]);
  });
  it('still drops closing lines with a figure or two that are not a table (dates, addresses, counters)', () => {
    const lines = ['Title here', 'A sentence of the story.', '13 August', 'Baumwall 3', '20459 Hamburg', 'Nächste Vorstandssitzung'];
    assert.deepEqual(readingLineMask(lines), [true, true, false, false, false, false]);
  });
  it('keeps closing lines that end a sentence in Chinese, Japanese, Arabic or Hindi punctuation', () => {
    const lines = ['Title here', 'A sentence of the story.', '記者は会見で述べた。', '这是最后一句。', 'هل هذا صحيح؟', 'यह अंतिम वाक्य है।'];
    assert.deepEqual(readingLineMask(lines), [true, true, true, true, true, true]);
  });
  it('drops links to other stories inside a story ("Read more: …", "Lea también: …") and "was this helpful?" lines', () => {
    const lines = [
      'Title here',
      'A sentence of the story.',
      'Read more: Looted colonial art',
      'Lea también: Impiden ingreso a reportero',
      'The story goes on.',
      'War der Artikel nützlich?',
    ];
    assert.deepEqual(readingLineMask(lines), [true, true, false, false, true, false]);
  });
  it("drops a picture's credit line and a call to subscribe, not a sentence about a photo", () => {
    const lines = ['Title here', 'Foto: Sascha Klahn', 'Subscribe now to our eNATION edition for the full story.', 'The photo: it showed the team at dawn.'];
    assert.deepEqual(readingLineMask(lines), [true, false, false, true]);
  });
  it("drops a page's closing notices (rights, an app or a channel to follow) and what follows them, but not a story that mentions an app", () => {
    const closing = [
      'Cases are surging in Europe, the Director said.',
      'Countries must keep testing in place.',
      '© 2022, BreakingBelizeNews.com. This article is the copyrighted property of Breaking Belize News.',
      'Advertise with us',
    ];
    assert.deepEqual(readingLineMask(closing), [true, true, false, false]);
    const follow = ['The rally starts on Friday.', 'Drivers arrive on Thursday.', 'You can keep up with me on Twitter.'];
    assert.deepEqual(readingLineMask(follow), [true, true, false]);
    const story = ['The bank changed its systems.', 'Customers were told to download the new app before Friday.', 'The old one stops working.'];
    assert.deepEqual(readingLineMask(story), [true, true, true], 'a story about an app is a story');
    const app = ['The Tridents won by six wickets.', 'For the latest stories download the Nationnews apps for iOS and Android.'];
    assert.deepEqual(readingLineMask(app), [true, false]);
  });

  it('drops the headings of link lists and labels left alone above a contact box ("Lesen Sie auch die folgenden Beiträge:", "Kontakt:")', () => {
    const lines = [
      'Der Klimarat tagte.',
      'Lesen Sie auch die folgenden Beiträge:',
      'Kontakt:',
      'Dr. Anna Weber, Institut für Meteorologie.',
      'MIRA: Madre termina detenida',
    ];
    assert.deepEqual(readingLineMask(lines), [true, false, false, true, false]);
  });

  it('keeps short lines that are the story itself (a scorecard with no sentence before it) or what a sentence ending in a colon introduces', () => {
    const scorecard = [
      'CRICKET - PAKISTAN 229-1 V ENGLAND - close.',
      'Saeed Anwar not out 116',
      'Aamir Sohail c Cork b Croft 46',
      'Extras 9',
      'England 326 all out',
    ];
    assert.deepEqual(readingLineMask(scorecard), [true, true, true, true, true]);
    const results = [
      'BADMINTON - MALAYSIAN OPEN RESULTS.',
      'Results of finals in the Malaysian Open on Sunday (prefix numbers',
      'denote seedings):',
      "Men's singles",
      '2 - Ong Ewe Hock (Malaysia) beat Indra Wijaya (Indonesia)',
      "Women's singles",
      'Zhang Ning (China) beat Wang Chen (China)',
    ];
    assert.deepEqual(readingLineMask(results), [true, true, true, true, true, true, true]);
    const related = ['Blair speaks', 'The story ends here.', 'More on this story:', 'Blair wins vote', 'Brown to speak'];
    assert.deepEqual(readingLineMask(related), [true, true, true, false, false], 'a label is no sentence: the headlines after it still go');
  });

  it('drops a media caption followed by "please wait"', () => {
    assert.deepEqual(readingLineMask(['Story text.', 'Video Caption Here', 'please wait', 'More text.']), [true, false, false, true]);
  });
});

describe('front matter and HTML', () => {
  it('lets Markdown front matter override every guess', () => {
    const article = parseString('a.md', '---\ntitle: Given Title\nsource: My Source\ndate: 2015-02-03\n---\nMOSCOW (Sputnik) – Body on 4 June 2016.\n');
    assert.equal(article.title, 'Given Title');
    assert.equal(article.source, 'My Source');
    assert.equal(article.date, '2015-02-03');
    assert.equal(article.paragraphs[0].line, 5);
  });
  it('treats broken front matter as text and still loads the article', () => {
    const article = parseString('b.md', '---\ntitle: [unclosed\n---\nMOSCOW (Sputnik) – Body text.\n');
    assert.equal(article.source, 'Sputnik');
  });
  it('reads title, site name and date from HTML meta tags through Readability', () => {
    const html = `<!doctype html><html><head><title>Page title | Site</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2016-06-04T10:00:00Z">
</head><body><nav>Home | World | Share</nav><article><h1>Kerry and Lavrov meet</h1>
<p>GENEVA – Secretary of State John Kerry met Foreign Minister Sergei Lavrov on Friday for talks that lasted many hours and covered the ceasefire.</p>
<p>The two men said a deal on Syria was close, though differences remained over the opposition groups that each side backs in the war.</p>
<p>Further talks are planned for next week in Geneva, officials from both delegations told reporters after the meeting ended late at night.</p>
</article><footer>Copyright</footer></body></html>`;
    const article = parseString('c.html', html);
    assert.equal(article.source, 'Example News');
    assert.equal(article.date, '2016-06-04');
    assert.match(article.title, /Page title|Kerry and Lavrov meet/);
    assert.ok(readingText(article).includes('Secretary of State John Kerry'));
    assert.ok(!readingText(article).includes('Home | World'));
    const kerry = article.paragraphs.find((p) => p.text.startsWith('GENEVA'));
    assert.equal(kerry?.line, 4);
  });
  it('falls back to the file name when nothing reads like a title', () => {
    assert.equal(parseString('notitle.txt', 'Share\n\n0 12\n').title, 'notitle');
  });
});
