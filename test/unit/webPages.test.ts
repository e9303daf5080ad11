import * as assert from 'node:assert/strict';
import { addPage, emptyScores, pageMisses, textF1, titleMatch } from '../../src/core/evaluation/pageScores';
import { htmlDetails, parseHtml } from '../../src/core/ingest/html';
import { withoutSiteName } from '../../src/core/ingest/htmlTitle';
import { densestProse, withFarMoreProse } from '../../src/core/ingest/htmlProse';
import { parseHTML } from 'linkedom';
import * as iconv from 'iconv-lite';
import { decodeText } from '../../src/core/ingest/textDecoding';
import { parseString } from './helpers';

const page = (head: string, body: string, lang = '') => `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head>${head}</head><body>${body}</body></html>`;
const story =
  '<article><p>The council met on the budget and agreed to spend more on schools this year.</p><p>Members said the plan would be reviewed.</p></article>';

describe('dates of web pages', () => {
  it('reads a day-first date in the language of the page: 11.05.2012 is the 11th of May on a German page', () => {
    const html = page('<title>Stadtrat</title><meta property="article:published_time" content="11.05.2012, 07:00">', story, 'de');
    assert.equal(parseHtml(html).overrides.date, '2012-05-11');
  });

  it('reads a date written in German in the byline, before Readability drops it', () => {
    const html = page(
      '<title>Stadtrat</title>',
      `<div class="entry-meta"><span class="post-date">Veröffentlicht am 19. Juli 2014</span></div>${story}`,
      'de-DE',
    );
    assert.equal(parseHtml(html).overrides.date, '2014-07-19');
  });

  it('takes the published date of JSON-LD, and the date in the page URL when nothing else says', () => {
    const ld = page(
      '<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2020-02-01","datePublished":"2019-06-20T10:00:00Z"}</script>',
      story,
    );
    assert.equal(parseHtml(ld).overrides.date, '2019-06-20');
    const url = page('<link rel="canonical" href="https://news.example/2016/06/04/council-budget/">', story);
    assert.equal(parseHtml(url).overrides.date, '2016-06-04');
  });

  it("reads a UTC time stamp on the calendar of the page's language, and any other stamp as written", () => {
    const stamped = (value: string, lang: string) =>
      parseHtml(page(`<title>Rat</title><meta property="article:published_time" content="${value}">`, story, lang)).overrides.date;
    assert.equal(stamped('2021-11-04T23:00Z', 'de'), '2021-11-05', 'midnight in Berlin, stored in UTC');
    assert.equal(stamped('2022-07-01T22:30:00.000Z', 'fr-FR'), '2022-07-02', 'summer time: UTC+2 in Paris');
    assert.equal(stamped('2021-11-04T23:00Z', 'en'), '2021-11-04', 'English is spoken in too many zones to guess');
    assert.equal(stamped('2021-11-04T23:00:00+01:00', 'de'), '2021-11-04', 'a stamp with its own offset is the local date already');
  });

  it('reads a <time datetime> whose page layout has "no-sidebars" or whose article is in a category named "event"', () => {
    const html = page(
      '<title>Paris</title>',
      `<div class="layoutTwoColumnsRightSidebar"><article class="post category-event tag-calendar"><div class="entry-meta"><time datetime="2014-01-27T19:02:50+01:00">27. Januar 2014</time></div>${story}</article></div>`,
      'de',
    ).replace('<body>', '<body class="no-sidebars">');
    assert.equal(parseHtml(html).overrides.date, '2014-01-27');
  });

  it('reads the date beside a calendar icon, and a short line that says it is the publication date', () => {
    const icon = page('<title>Rat</title>', `<ul><li><i class="fa fa-calendar"></i> 16.10.2021</li></ul>${story}`, 'de');
    assert.equal(parseHtml(icon).overrides.date, '2021-10-16');
    const label = page('<title>Rat</title>', `<div style="x">Pressemitteilung vom 20.01.2022</div>${story}`, 'de');
    assert.equal(parseHtml(label).overrides.date, '2022-01-20');
    const mention = page('<title>Rat</title>', `<p>Am 20.01.2022 trat der Rat zusammen und beschloss vieles, was später folgte.</p>${story}`, 'de');
    assert.equal(parseHtml(mention).overrides.date, undefined, 'a date in a sentence of the story is not its publication date');
  });

  it('reads a "Datum:" label, a line saying when the article was published, and JSON-LD written without its script type', () => {
    const labelled = page('<title>Zoll</title>', `<div class="docData"><span>Datum:</span> <span>18.10.2021</span></div>${story}`, 'de');
    assert.equal(parseHtml(labelled).overrides.date, '2021-10-18');
    const published = page(
      '<title>Auto</title>',
      `${story}<p>Der Artikel "Japanisches Mini-SUV auf dem Vormarsch" wurde am 05.11.2021 in der Kategorie Neuheiten von Solveig Grewe mit den Stichwörtern Auto, SUV veröffentlicht.</p>`,
      'de',
    );
    assert.equal(parseHtml(published).overrides.date, '2021-11-05');
    const study = page('<title>Studie</title>', `${story}<p>Die Studie wurde am 03.04.2019 in der Zeitschrift Nature veröffentlicht.</p>`, 'de');
    assert.equal(parseHtml(study).overrides.date, undefined, "a study's publication is not the article's");
    const untyped = page(
      '<script>{"@context": "https://schema.org", "@type": "NewsArticle", "dateModified": "2022-01-27T21:37:38+01:00", "datePublished": "2022-01-28T06:00:00+01:00"}</script>',
      story,
      'de',
    );
    assert.equal(parseHtml(untyped).overrides.date, '2022-01-28');
  });

  it('reads a date that is a part of the title, stands alone right under the headline, or is the title of a datePublished abbr', () => {
    assert.equal(parseHtml(page('<title>23.01.2022 - Dorothea jubelt</title>', story, 'de')).overrides.date, '2022-01-23');
    const under = page(
      '<title>Rat</title>',
      `<div><h1>Levelpässe ab sofort</h1><b>Synchronschwimmen</b><br><span class="blue">01.02.2022</span></div>${story}`,
      'de',
    );
    assert.equal(parseHtml(under).overrides.date, '2022-02-01');
    const abbr = page(
      '<title>Privacy</title>',
      `<abbr class="published" itemprop="datePublished" title="2018-06-05T08:00:00-07:00">June 5</abbr>${story}`,
      'en',
    );
    assert.equal(parseHtml(abbr).overrides.date, '2018-06-05');
    const list = `<ul>${Array.from({ length: 30 }, (_, i) => `<li><span>0${(i % 9) + 1}.01.2020</span></li>`).join('')}</ul>`;
    const far = page('<title>Rat</title>', `${list}<h1>Ein Titel</h1>${story}${list}`, 'de');
    assert.equal(parseHtml(far).overrides.date, undefined, 'dates of a list far from the headline are not its date');
  });

  it('reads the date line printed just over or under the headline, with a place, a time or a category beside it', () => {
    const over = page(
      '<title>Windpark</title>',
      `<div class="press-detail"><div class="topline"><span>06.12.2022</span></div><h1>Umweltfreundliche Geldanlage</h1>${story}</div>`,
      'de',
    );
    assert.equal(parseHtml(over).overrides.date, '2022-12-06');
    const category = page(
      '<title>Eliasson</title>',
      `<p class="category">24. April 2020 | <a href="/x">Pressemitteilungen</a></p><h1>Olafur Eliasson gestaltet Titelseite</h1>${story}`,
      'de',
    );
    assert.equal(parseHtml(category).overrides.date, '2020-04-24');
    const place = page(
      '<title>Jugend forscht</title>',
      `<article><h1>Neuartige Feuerlöschtechnik</h1><p class="news-subtitle"><span>Hamburg, 2. November 2021 </span></p>${story}</article>`,
      'de',
    );
    assert.equal(parseHtml(place).overrides.date, '2021-11-02');
    const sentence = page('<title>Rat</title>', `<h1>Der Rat</h1><p>Hamburg, 2. November 2021 war ein guter Tag</p>${story}`, 'de');
    assert.equal(parseHtml(sentence).overrides.date, undefined, 'a date with more words after it is no date line');
  });

  it("prefers the headline's printed date to metadata that disagrees with it (a UTC stamp a day off, a CMS's own date)", () => {
    const html = page(
      '<title>Mietenstreik</title><meta name="date" content="2020-04-30">',
      `<h1>Mietenstreik</h1><ul><li class="Date">29.04.2020</li></ul>${story}`,
      'de',
    );
    assert.equal(parseHtml(html).overrides.date, '2020-04-29');
  });

  it("finds the headline's printed date below a long breadcrumb trail, which counts as one element", () => {
    const trail = Array.from({ length: 30 }, (_, i) => `<li><a href="/de/section-${i}/">Rubrik ${i}</a></li>`).join('');
    const html = page(
      '<title>Schneesport</title><meta property="og:article:published_time" content="2022-01-15">',
      `<h1>Schneesport mit Rücksicht auf Wildtiere</h1><ul class="breadcrumbs">${trail}<li><span>Schneesport mit Rücksicht auf Wildtiere</span></li></ul><p><time datetime="2022-01-25">25.01.2022</time></p>${story}`,
      'de',
    );
    assert.equal(parseHtml(html).overrides.date, '2022-01-25');
  });

  it('reads a date line with a byline after a dash over the headline, never one end of a range of dates', () => {
    const byline = page(
      '<title>Faire Lieferketten</title><meta name="date" content="2020-02-12">',
      `<div class="news-single-timedata">05.02.2020 <span>-&nbsp;Redaktion: Eberhard Fuhr (Pressesprecher)</span></div><h1>Faire Lieferketten</h1>${story}`,
      'de',
    );
    assert.equal(parseHtml(byline).overrides.date, '2020-02-05');
    const range = page(
      '<title>Freizeit</title><meta name="date" content="2020-01-10">',
      `<h1>Freizeit im Schwarzwald</h1><p>05.02.2020 - 07.02.2020</p>${story}`,
      'de',
    );
    assert.equal(parseHtml(range).overrides.date, '2020-01-10', 'the days of an event are not the date of the page');
  });

  it("reads a German date on a page that does not say its language, and a theme's English date on a German page", () => {
    const german =
      '<p>Es ist schon einige Zeit her, als Henry auf die Welt kam, Nummer eins. Vor ein paar Tagen hat es auch Leo geschafft, Nummer zwei, und wir sind sehr froh darüber.</p>';
    const unsaid = page(
      '<title>Leo</title>',
      `<h1>seelenradio</h1><div class="post"><h2>Nummer zwei: Leo</h2><p class="postmeta">3. August 2015 · Filed under ziemlich privat</p>${german}</div>`,
    );
    assert.equal(parseHtml(unsaid).lang, 'de');
    assert.equal(parseHtml(unsaid).overrides.date, '2015-08-03');
    const theme = page(
      '<title>iMac</title>',
      `<div class="content_block right-sidebar"><div class="preview_title"><h1>iMac 5K Lightroom</h1><div class="listing_meta">Paddy · April 19, 2019 · Mac · 7 comments</div></div>${german}</div>`,
      'de-DE',
    );
    assert.equal(parseHtml(theme).overrides.date, '2019-04-19', 'the wrapper of the headline is layout, not a sidebar');
  });

  it("reads an HTTP-style UTC stamp on the calendar of the site's country, whatever its language", () => {
    const stamped = (host: string) =>
      parseHtml(
        page(
          `<link rel="canonical" href="https://${host}/autos"><script type="application/ld+json">{"@context":"https://schema.org","datePublished": "Wed, 04 May 2022 02:41:00 GMT"}</script>`,
          story,
          'es',
        ),
      ).overrides.date;
    assert.equal(stamped('eldeber.com.bo'), '2022-05-03', '22:41 the evening before in La Paz');
    assert.equal(stamped('example.com'), '2022-05-04', 'Spanish alone says no zone');
  });

  it("reads the date in a single post's permalink, a day-first address, and a labelled line's head before the story", () => {
    const bookmark = page(
      '<title>Mercurial</title>',
      `<h2 class="blog_post_title"><a href="/blog/2020/01/13/mercurials-journey/" rel="bookmark">Mercurial</a></h2>${story}`,
    );
    assert.equal(parseHtml(bookmark).overrides.date, '2020-01-13');
    const two = page(
      '<title>Blog</title>',
      `<h2><a href="/2020/01/13/a/" rel="bookmark">A</a></h2><h2><a href="/2020/01/12/b/" rel="bookmark">B</a></h2>${story}`,
    );
    assert.equal(parseHtml(two).overrides.date, undefined, 'an index of posts has no one date');
    const dayFirst = page('<link rel="canonical" href="https://weisser-ring.de/media-news/meldungen/29-10-2021">', story, 'de');
    assert.equal(parseHtml(dayFirst).overrides.date, '2021-10-29');
    const labelled = page(
      '<title>BMZ</title>',
      `<div class="teaser"><p>Pressemitteilung vom 25. Januar 2022 | Berlin – Die künftige Ministerin sagte am 3. Februar 2022 im Bundestag, was sie vorhat und was nicht.</p></div>${story}`,
      'de',
    );
    assert.equal(parseHtml(labelled).overrides.date, '2022-01-25');
  });

  it('never takes an updated stamp, a comment or a sidebar date for the publication date the page states', () => {
    const furniture = `<div class="updated">Updated 3 March 2021</div><aside class="sidebar"><span class="date">1 January 2020</span></aside>${story}<div class="comments"><span class="comment-date">5 May 2021</span></div>`;
    const published = page('<title>Council</title><meta property="article:published_time" content="2021-02-26">', furniture, 'en');
    assert.equal(parseHtml(published).overrides.date, '2021-02-26');
    const byline = page('<title>Council</title>', `<p class="byline">Published 26 February 2021</p>${furniture}`, 'en');
    assert.equal(parseHtml(byline).overrides.date, '2021-02-26');
  });

  it('takes the last update only when the page states no publication date at all, never a sidebar or comment date', () => {
    const updated = `<div class="updated">Updated 3 March 2021</div><aside class="sidebar"><span class="date">1 January 2020</span></aside>${story}<div class="comments"><span class="comment-date">5 May 2021</span></div>`;
    assert.equal(parseHtml(page('<title>Council</title>', updated, 'en')).overrides.date, '2021-03-03');
    const label = page('<title>Heliumkerne</title>', `${story}<p><b>Aktualisiert am </b>17.01.2021.</p>`, 'de');
    assert.equal(parseHtml(label).overrides.date, '2021-01-17');
    const wiki = page('<title>Download</title>', `${story}<p id="pageinfo">BeginnersGuide/Download (last edited 2019-11-10 13:28:18 by Mats)</p>`, 'en');
    assert.equal(parseHtml(wiki).overrides.date, '2019-11-10');
    const sidebarOnly = page('<title>Council</title>', `<aside class="sidebar"><span class="date">1 January 2020</span></aside>${story}`, 'en');
    assert.equal(parseHtml(sidebarOnly).overrides.date, undefined);
  });
});

describe('authors of web pages', () => {
  const authorOf = (head: string, body: string) => htmlDetails(page(head, body)).author;

  it("takes the article's JSON-LD author, a Person looked up by its @id, and lists of them", () => {
    const graph = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":["Person","Organization"],"@id":"https://helge.at/#p","name":"Helge Fahrnberger"},{"@type":"Article","@id":"https://helge.at/a#article","author":{"@id":"https://helge.at/#p"}}]}</script>`;
    assert.equal(authorOf(graph, story), 'Helge Fahrnberger');
    const list =
      '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Tom Berg"}]}</script>';
    assert.equal(authorOf(list, story), 'Ann Lee, Tom Berg');
  });

  it('reads meta tags and bylines without their "By", "Von", labels and dates', () => {
    assert.equal(authorOf('<meta name="author" content="Cooper">', story), 'Cooper');
    assert.equal(authorOf('', `<p class="byline">Von Marie Jaster | 12.03.2021</p>${story}`), 'Marie Jaster');
    assert.equal(authorOf('', `<span class="author">Veröffentlicht vonChris Jung</span>${story}`), 'Chris Jung');
    assert.equal(authorOf('', `${story}<p><strong>Text:</strong> Klausmartin Friedrich</p>`), 'Klausmartin Friedrich');
    assert.equal(authorOf('', `<div class="post-author">Günter W. Kienitz at 18:52</div>${story}`), 'Günter W. Kienitz');
  });

  it("never takes a commenter, a photo credit, an address or a CMS's placeholder for the author", () => {
    assert.equal(authorOf('', `${story}<div class="comments"><span class="comment-author">Troll99</span></div>`), null);
    assert.equal(authorOf('', `<span class="author">Foto: dpa</span>${story}`), null);
    assert.equal(authorOf('<meta name="author" content="https://example.com/staff">', story), null);
    assert.equal(authorOf('<meta name="author" content="No Author">', story), null);
    assert.equal(authorOf(`<meta name="author" content="${'Anna Schmidt '.repeat(100_000)}">`, story), null, 'a megabyte is no name');
  });
});

describe('titles of web pages', () => {
  it('drops the site name from "Headline | Site" and "Headline - Site"', () => {
    assert.equal(withoutSiteName('Maulwurfkuchen mit Erdbeeren - Rezept von Backen.de', ['backen.de', 'backen']), 'Maulwurfkuchen mit Erdbeeren');
    assert.equal(withoutSiteName('Bürgerbeteiligung für Windpark Steinheim | EnBW', ['EnBW']), 'Bürgerbeteiligung für Windpark Steinheim');
    assert.equal(withoutSiteName('A title - with a dash inside', ['example']), 'A title - with a dash inside');
  });

  it('takes the part with by far the most words of a title in three parts or more when none names a known site', () => {
    const title = 'EFC Bayrische Bembel Regensburg - Eintracht Frankfurt stellt Weichen für die Zukunft - Eintracht Presse - News';
    assert.equal(withoutSiteName(title, []), 'Eintracht Frankfurt stellt Weichen für die Zukunft');
    assert.equal(withoutSiteName('Alpha Beta Gamma - Delta Epsilon Zeta - Eta', []), 'Alpha Beta Gamma - Delta Epsilon Zeta - Eta', 'no part stands out');
    const endsOnSite = 'Synchronschwimmen - Aktuelles - Synchronschwimmen | Deutscher Schwimm-Verband e.V.';
    assert.equal(withoutSiteName(endsOnSite, []), endsOnSite, 'the last part is where a site signs');
    assert.equal(withoutSiteName('Brexit: what the new trade deal means for fishing', []), 'Brexit: what the new trade deal means for fishing');
  });

  it('prefers the page heading when it is the same headline written more fully, not the site logo', () => {
    const html = page(
      '<title>Haubenfahrzeuge - Teil 49 | BOS-Fahrzeuge</title><meta property="og:site_name" content="BOS-Fahrzeuge">',
      `<header><h1>BOS-Fahrzeuge</h1></header><h1>Haubenfahrzeuge - Teil 49 – Büssing-NAG</h1>${story}`,
    );
    assert.equal(parseHtml(html).overrides.title, 'Haubenfahrzeuge - Teil 49 – Büssing-NAG');
  });

  it('takes the heading that is the first part of "Headline - Tagline - Site", never a blog name that is the last', () => {
    const surf = page('<title>Ben Wilson Surf - Point of Sail - Segelmacher in Kiel</title>', `<h1>Ben Wilson Surf</h1>${story}`);
    assert.equal(parseHtml(surf).overrides.title, 'Ben Wilson Surf');
    const blog = page('<title>Was ist Virales Marketing? | DimidoBlog</title>', `<h1>DimidoBlog</h1>${story}`);
    assert.match(parseHtml(blog).overrides.title ?? '', /^Was ist Virales Marketing\?/);
  });

  it("takes a headline that names the site, and never the site's logo heading (a link home, an id of branding)", () => {
    const named = page(
      '<title>El Nacional recibirá cartas abiertas con las denuncias de los venezolanos</title><meta property="og:site_name" content="El Nacional">',
      `<h1 class="entry-title">Carta abierta, un nuevo espacio donde El Nacional recibirá las denuncias de sus lectores</h1>${story}`,
    );
    assert.equal(parseHtml(named).overrides.title, 'Carta abierta, un nuevo espacio donde El Nacional recibirá las denuncias de sus lectores');
    const linkHome = page('<title>XUM1541: Dateien zwischen Linux und C64 austauschen</title>', `<h1><a href="../index.html">jan-grosser.de</a></h1>${story}`);
    assert.equal(parseHtml(linkHome).overrides.title, 'XUM1541: Dateien zwischen Linux und C64 austauschen');
    const branding = page('<title>Kinder und Arbeit</title>', `<h1 id="branding">ProNATs e.V. Verein zur Unterstützung arbeitender Kinder</h1>${story}`);
    assert.equal(parseHtml(branding).overrides.title, 'Kinder und Arbeit');
  });

  it("takes a page's first <h2> when it has no <h1> (a blog's post title), unless that is the day's date", () => {
    const blog = page(
      "<title>Gregory Szorc's Digital Home | Mercurial's Journey to and Reflections on Python 3</title>",
      `<h2 class="blog_post_title"><a href="/blog/2020/01/13/x/">Mercurial's Journey to and Reflections on Python 3</a></h2>${story}<h2>Comments</h2>`,
    );
    assert.equal(parseHtml(blog).overrides.title, "Mercurial's Journey to and Reflections on Python 3");
    const dated = page('<title>SibenLab privacy policy</title>', `<h2 class="date-header">mardi 5 juin 2018</h2>${story}`);
    assert.equal(parseHtml(dated).overrides.title, 'SibenLab privacy policy');
  });

  it("never takes a heading the page hides (a screen-reader label, a template's hidden site name) for the headline", () => {
    const hiddenH2 = page('<title>Effiziente Hybridbatterie</title>', `<h2 class="hide">idw – Informationsdienst Wissenschaft</h2>${story}`);
    assert.equal(parseHtml(hiddenH2).overrides.title, 'Effiziente Hybridbatterie');
    const hiddenH1 = page(
      '<title>Wie pflege ich Rosen im Winter?</title>',
      `<h1 style="display: none">Die Gartenfreunde im Verein Hamburg</h1><h2 class="sr-only">Hauptnavigation der Seite hier</h2>${story}`,
    );
    assert.equal(parseHtml(hiddenH1).overrides.title, 'Wie pflege ich Rosen im Winter?');
    const shown = page('<title>Effiziente Hybridbatterie</title>', `<h2 class="header">idw – Informationsdienst Wissenschaft</h2>${story}`);
    assert.equal(parseHtml(shown).overrides.title, 'idw – Informationsdienst Wissenschaft', 'a heading shown is still the only headline');
  });

  it('leaves out the kicker or date line set above the headline inside its <h1>', () => {
    const html = page(
      '<title>Adblue nachfüllen: wo kaufen; Preis | autozeitung.de</title>',
      `<h1><span class="article-header__roofline">Adblue nachfüllen: wo kaufen; Preis</span> So wird Adblue richtig angewendet</h1>${story}`,
    );
    assert.equal(parseHtml(html).overrides.title, 'So wird Adblue richtig angewendet');
    const dated = page(
      '<title>BAFA - Mineralölstatistik - MineralölINFO November 2021</title><link rel="canonical" href="https://www.bafa.de/x.html">',
      `<h1><span class="topline"><span class="date">27.01.2022</span></span>MineralölINFO November 2021</h1>${story}`,
    );
    assert.equal(parseHtml(dated).overrides.title, 'MineralölINFO November 2021');
    const titleHeader = page(
      '<title>Coronavirus und andere Zoonosen – Wie Umweltzerstörung neue Epidemien begünstigt | Tages-Anzeiger</title>',
      `<h1 itemprop="headline"><span class="ContentHead_titleheader__MSrlO">Coronavirus und andere Zoonosen</span><span aria-hidden="true"> – </span><span>Wie Umweltzerstörung neue Epidemien begünstigt</span></h1>${story}`,
    );
    assert.equal(parseHtml(titleHeader).overrides.title, 'Wie Umweltzerstörung neue Epidemien begünstigt');
  });

  it('takes the page\'s headline when the title only names the section ("Pressemitteilungen", "About Us")', () => {
    const html = page(
      '<title>Pressemitteilungen</title>',
      `<h3>Zeitungslandschaft</h3><h1>Olafur Eliasson gestaltet Titelseite für die Zeitungen</h1>${story}`,
    );
    assert.equal(parseHtml(html).overrides.title, 'Olafur Eliasson gestaltet Titelseite für die Zeitungen');
  });

  it('takes the only headline a page shows over an og:title written for search engines, but not a heading that names the site', () => {
    const rewritten = page(
      '<meta property="og:title" content="Das beste elektronische Katzenspielzeug 2022 - Vergleich">',
      `<h1>Kaufratgeber: elektronisches Katzenspielzeug für Abwechslung</h1>${story}`,
    );
    assert.equal(parseHtml(rewritten).overrides.title, 'Kaufratgeber: elektronisches Katzenspielzeug für Abwechslung');
    const siteHeading = page(
      '<meta property="og:site_name" content="Die Gartenfreunde Hamburg"><title>Wie pflege ich Rosen im Winter?</title>',
      `<h1>Die Gartenfreunde Hamburg e.V.</h1>${story}`,
    );
    assert.equal(parseHtml(siteHeading).overrides.title, 'Wie pflege ich Rosen im Winter?');
    const twoHeadings = page('<title>Wie pflege ich Rosen im Winter?</title>', `<h1>Unser Garten im Jahr</h1><h1>Aus dem Verein berichtet</h1>${story}`);
    assert.equal(parseHtml(twoHeadings).overrides.title, 'Wie pflege ich Rosen im Winter?');
  });

  it('leaves out a date and categories written after the headline in its <h1>, and a site name a template glued to the headline', () => {
    const dated = page(
      '<meta property="og:title" content="Zuschauerrückkehr bei den Proficlubs der Region">',
      `<h1>Zuschauerrückkehr bei den Proficlubs der Region 02.02.2022 • HVW-Verband , Presse</h1>${story}`,
    );
    assert.equal(parseHtml(dated).overrides.title, 'Zuschauerrückkehr bei den Proficlubs der Region');
    assert.equal(withoutSiteName('Truckwash A31Das andere Branchenbuch | Das andere Branchenbuch', []), 'Truckwash A31');
    assert.equal(
      withoutSiteName('Rise of the Machines | Machines | Blog', []),
      'Rise of the Machines',
      'a word repeated after a space is no glued name (the headline keeps it)',
    );
  });

  it('names the source by the site, else its JSON-LD publisher, else the host of its canonical address', () => {
    assert.equal(parseHtml(page('<meta property="og:site_name" content="Tagesanzeiger">', story)).overrides.source, 'Tagesanzeiger');
    assert.equal(
      parseHtml(page('<script type="application/ld+json">{"publisher":{"@type":"Organization","name":"Die Zeit"}}</script>', story)).overrides.source,
      'Die Zeit',
    );
    assert.equal(parseHtml(page('<link rel="canonical" href="https://www.spiegel.de/politik/a-1.html">', story)).overrides.source, 'spiegel.de');
  });

  it('keeps the seeds as they were: text captures are not touched', () => {
    assert.equal(parseString('a.txt', 'A Story Headline | With A Bar\n\nText.\n').title, 'A Story Headline | With A Bar');
  });
});

describe('reading text of web pages', () => {
  it('keeps text written straight inside a <div>, not only text in paragraphs', () => {
    const html = page(
      '<title>Council</title>',
      `<article><div>The council met on Monday to settle the budget for the coming year, its members said.<p>They agreed to spend more on schools and less on roads, after a long debate.</p></div></article>`,
    );
    const text = parseHtml(html).lines.join(' ');
    assert.match(text, /The council met on Monday/);
    assert.match(text, /They agreed to spend more on schools/);
  });

  const longStory = Array.from(
    { length: 6 },
    (_, i) =>
      `<p>Paragraph ${i + 1} of the story: the council debated the budget at length, and members spoke for and against the plan to spend more on schools.</p>`,
  ).join('');

  const nav = '<nav><ul><li><a href="/a">News</a></li><li><a href="/b">Sport</a></li><li><a href="/c">Tech</a></li></ul></nav>';
  const withHeader = (header: string) =>
    page(
      '<title>Platters</title>',
      `${nav}${header}<div class="layout"><div class="article-body">${longStory}</div><aside><a href="/x">More</a></aside></div>`,
    );

  it('reads the story, without its boxes of links, when Readability takes a list of names beside it for the article (an open letter and its signatories)', () => {
    const letter = [
      'Our cultural institutions are facing a moment of trial, and the free exchange of ideas is becoming more constricted every week.',
      'We uphold the value of robust and even caustic counter-speech from all quarters, and we refuse any false choice between the two.',
      'Editors are fired for running controversial pieces, and books are withdrawn for alleged inauthenticity by their own publishers.',
      'The way to defeat bad ideas is by exposure, argument, and persuasion, not by trying to silence or wish them away from the page.',
      'We refuse the false choice between justice and freedom, which cannot exist without each other, whatever the pressure of the day.',
      'As writers we need a culture that leaves us room for experimentation, risk taking, and even mistakes, without dire consequences.',
    ];
    const signatories = Array.from({ length: 120 }, (_, i) => `<p>Signatory Number${i}, University of Somewhere, writer</p>`).join('');
    const related = '<aside class="related-box"><p>Read also: how the letter was written, and who refused to sign it in the end.</p></aside>';
    const html = page(
      '<title>A Letter</title>',
      `<div class="intro"><h1>A Letter</h1>${letter.map((p) => `<p>${p}</p>`).join('')}${related}</div><div class="list">${signatories}</div>`,
    );
    const lines = parseHtml(html).lines.filter(Boolean);
    assert.deepEqual(lines, letter);
    // A theme's classes on <body> ("has-menu", "social-icons") name the page, not a block of furniture.
    const themed = html.replace('<body>', '<body class="has-menu social-icons">');
    assert.deepEqual(parseHtml(themed).lines.filter(Boolean), letter);
  });

  it("keeps Readability's text when it holds the prose, and never takes comments or teasers for the story", () => {
    const prose = (text: string, count: number) => Array.from({ length: count }, (_, i) => `${text} This is sentence number ${i} of the kind.`);
    const { document } = parseHTML(
      page(
        '',
        `<article>${prose('The council agreed the budget after a long debate on schools and roads.', 6)
          .map((p) => `<p>${p}</p>`)
          .join('')}</article>` +
          `<section id="comments">${prose('I think the council is wrong about this and I said so at the meeting.', 20)
            .map((p) => `<p>${p}</p>`)
            .join('')}</section>` +
          `<div class="related-teasers">${prose('Read also how the mayor spent the summer on a boat in the bay.', 20)
            .map((p) => `<p>${p}</p>`)
            .join('')}</div>`,
      ),
    );
    const densest = densestProse(document);
    assert.ok(
      densest?.every((p) => p.startsWith('The council')),
      'the article, not the comments or teasers',
    );
    const story = prose('The council agreed the budget after a long debate on schools and roads.', 3);
    assert.deepEqual(withFarMoreProse(story, densest), story, 'half of the prose is not far less');
    assert.deepEqual(withFarMoreProse(['Name, Place', 'Other Name, Place'], densest), densest);
  });

  it('reads the article body a page states in its JSON-LD when its scripts draw the story and Readability finds only notices', () => {
    const sentences = Array.from(
      { length: 8 },
      (_, i) => `The truckers' confederation will hold national consultation number ${i} on Thursday about the strike.`,
    );
    const notices = [
      'Breaking news: we are gathering more details, stay tuned for updates.',
      'Spoiler alert: this article may reveal the plot of a book or a film.',
    ]
      .map((n) => `<div class="alert"><p>${n} ${n}</p></div>`)
      .join('');
    const jsonLd = (body: string) => `<script type="application/ld+json">${JSON.stringify([{ '@type': 'NewsArticle', articleBody: body }])}</script>`;
    const drawn = page(jsonLd(sentences.map((s) => `<p>${s}</p>`).join('\n')), `<div id="app">${notices}</div>`);
    assert.deepEqual(parseHtml(drawn).lines.filter(Boolean), sentences);
    // A plain-text body, paragraphs on lines of their own, reads the same.
    assert.deepEqual(parseHtml(page(jsonLd(sentences.join('\n')), `<div id="app">${notices}</div>`)).lines.filter(Boolean), sentences);
    // Where the page shows the story itself, Readability's reading stands (with its line numbers).
    const shown = page(jsonLd(sentences.join('\n')), `<article>${sentences.map((s) => `<p>${s}</p>`).join('\n')}</article>`);
    assert.deepEqual(parseHtml(shown).lines.filter(Boolean), sentences);
    assert.ok(parseHtml(shown).lineNumbers.some((n) => n > 0));
  });

  it("gives back the lead printed under the headline when Readability leaves it in the page's header", () => {
    const lead = "We're about to get 20 terabyte hard drives, but the path looks clear to scale up to 80TB.";
    const lines = parseHtml(
      withHeader(`<header class="article-header"><h1>Next-Gen HAMR Platters</h1><p class="font-brand">${lead}</p></header>`),
    ).lines.filter(Boolean);
    assert.equal(lines[0], lead);
    assert.match(lines[1], /^Paragraph 1 of the story/);
    assert.equal(lines.filter((line) => line === lead).length, 1, 'once');
  });

  it("never takes a teaser link, a byline or a second headline's text for the lead", () => {
    const teaser = 'Read next: how another council spent its budget on roads instead of schools, and what happened after.';
    const linked = withHeader(`<header><h1>Council budget</h1><a href="/other"><p>${teaser}</p></a></header>`);
    assert.doesNotMatch(parseHtml(linked).lines.join(' '), /Read next/);
    const byline = withHeader(
      `<header><h1>Council budget</h1><p class="byline">By Anna Schmidt, who has covered the council and its budget for the paper since the year 2015.</p></header>`,
    );
    assert.doesNotMatch(parseHtml(byline).lines.join(' '), /Anna Schmidt/);
    const two = withHeader(`<header><h1>Site</h1><h1>Council budget</h1><p>${teaser}</p></header>`);
    assert.doesNotMatch(parseHtml(two).lines.join(' '), /Read next/);
  });

  it('reads a post held in a <noscript> (Blogger), never a "please enable JavaScript" note', () => {
    const post =
      '<p>We have seen threats on the web becoming increasingly sophisticated, and our protections have had to keep up with them over the years.</p>';
    const html = page(
      '<title>Protection</title>',
      `<div class="post-body"><script>render()</script><noscript>${post.repeat(3)}</noscript></div><noscript><p>Please enable JavaScript to view the comments.</p></noscript>`,
    );
    const text = parseHtml(html).lines.join(' ');
    assert.match(text, /threats on the web becoming increasingly sophisticated/);
    assert.doesNotMatch(text, /enable JavaScript/);
  });

  it("leaves out a line that only dates the page, and dates the page by it when nothing else does; an event's date stays", () => {
    const html = page('<title>Whisky</title>', `<article>${longStory}<p>Publiziert: 03.04.2020, 12:35</p><p>Termin: 29.02.2020, 19 Uhr</p></article>`, 'de');
    const read = parseHtml(html);
    assert.doesNotMatch(read.lines.join(' '), /Publiziert/);
    assert.match(read.lines.join(' '), /Termin: 29\.02\.2020, 19 Uhr/);
    assert.equal(read.overrides.date, '2020-04-03');
  });

  it('leaves out image captions and photo credits', () => {
    const html = page(
      '<title>Council</title>',
      `<article>${longStory.slice(0, 400)}<figure><img src="a.jpg"><figcaption>The council chamber on Monday (Photo: Getty)</figcaption></figure><div class="wp-caption"><img src="b.jpg"><p class="wp-caption-text">Members leaving the hall</p></div>${longStory}</article>`,
    );
    const text = parseHtml(html).lines.join(' ');
    assert.match(text, /Paragraph 6 of the story/);
    assert.doesNotMatch(text, /council chamber on Monday|Members leaving the hall/);
  });
});

describe('Markdown clips', () => {
  it("map a clipper's front matter: the page address to its site, published before created", () => {
    const clip = parseString(
      'clip.md',
      '---\ntitle: "Council meets"\nsource: https://www.bbc.co.uk/news/uk-123\ncreated: 2024-03-02\npublished: 2024-02-28\nauthor: A. Writer\n---\nThe council met.\n',
    );
    assert.deepEqual([clip.title, clip.source, clip.date], ['Council meets', 'bbc.co.uk', '2024-02-28']);
    const named = parseString('named.md', '---\nsource: Reuters\ncreated: 2024-03-02\n---\nText.\n');
    assert.deepEqual([named.source, named.date], ['Reuters', '2024-03-02']);
  });
});

describe('the bytes of web pages', () => {
  it('keeps UTF-8 text around one stray windows-1252 byte, instead of reading the whole file as windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from('Mäscot und Café '), Buffer.from([0x96]), Buffer.from(' Ende')]);
    const decoded = decodeText(bytes);
    assert.equal(decoded.text, 'Mäscot und Café – Ende');
    assert.match(decoded.note ?? '', /a few bytes are not valid UTF-8/);
  });

  it('honours the charset a page declares', () => {
    const html = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>'),
      iconv.encode('话剧《约定无期限》', 'gb2312'),
      Buffer.from('</p></body></html>'),
    ]);
    assert.match(decodeText(html).text, /话剧《约定无期限》/);
  });
});

describe('scoring pages against gold answers', () => {
  it('counts dates right, wrong and missing, titles exact and near, and text passages found', () => {
    const scores = emptyScores();
    const gold = { file: 'a.html', with: ['the council met', 'members said'], without: ['subscribe now'], title: 'Council meets', date: '2020-01-02' };
    addPage(scores, gold, { title: 'Council meets', date: '2020-01-02', text: 'the council met. subscribe now.' });
    addPage(scores, { ...gold, file: 'b.html' }, { title: 'Council meets today', date: '2020-01-03', text: 'members said' });
    addPage(scores, { ...gold, file: 'c.html' }, { title: null, date: null, text: '' });
    assert.deepEqual(scores.date, { gold: 3, right: 1, wrong: 1, none: 1 });
    assert.deepEqual(scores.title, { gold: 3, exact: 1, near: 2 });
    assert.deepEqual(scores.text, { truePositives: 2, falseNegatives: 4, falsePositives: 1, trueNegatives: 2 });
    assert.equal(textF1(scores).precision, 2 / 3);
    assert.equal(titleMatch('Completely different', 'Council meets'), 'no');
  });

  it('lists what one page got wrong: a far title, a wrong date, passages lost and furniture kept', () => {
    const gold = { file: 'a.html', with: ['the council met', 'members said'], without: ['subscribe now'], title: 'Council meets', date: '2020-01-02' };
    assert.deepEqual(pageMisses(gold, { title: 'Council meets today', date: '2020-01-02', text: 'the council met. members said' }), []);
    assert.deepEqual(pageMisses(gold, { title: 'Weather', date: null, text: 'the council met. subscribe now.' }), [
      'title: "Weather" for "Council meets"',
      'date: none for 2020-01-02',
      'text lost 1/2: "members said"',
      'furniture kept 1/1: "subscribe now"',
    ]);
  });

  it('says which lost passages bare Readability keeps on the same page (ours must never be worse)', () => {
    const gold = { file: 'a.html', with: ['the council met', 'members said', 'the vote was close'], without: [], title: null, date: null };
    const ours = { title: null, date: null, text: 'the council met.' };
    const bare = { title: null, date: null, text: 'the council met. members said so.' };
    assert.deepEqual(pageMisses(gold, ours, bare), ['text lost 2/3: "members said", "the vote was close"', 'text bare Readability keeps 1/3: "members said"']);
    assert.deepEqual(pageMisses(gold, { ...ours, text: 'the council met. members said' }, bare), ['text lost 1/3: "the vote was close"']);
  });
});
