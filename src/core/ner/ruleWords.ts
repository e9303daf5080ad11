/** The words the capture rules (rules.ts) know: name particles, titles, organisation and place head words, known organisations. */

export const PARTICLES = new Set([
  'de',
  'da',
  'di',
  'del',
  'della',
  'van',
  'von',
  'der',
  'den',
  'du',
  'le',
  'la',
  'al',
  'el',
  'bin',
  'ibn',
  'abu',
  'ben',
  'ter',
  'dos',
  'das',
]);
/** Titles that come before a name (matched in any case: "special envoy for Syria Staffan de Mistura"). */
export const ROLE_WORDS = new Set(
  (
    'president vice minister secretary envoy spokesman spokeswoman spokesperson ambassador chairman chairwoman director chief commander ' +
    'general prime foreign deputy special representative mediator queen prince sheikh emir senator governor mayor pope premier ' +
    'chancellor leader head ceo editor correspondent official adviser advisor counselor attorney judge colonel ' +
    'lieutenant captain admiral marshal executive officer affairs dr mr mrs ms prof professor sir'
  ).split(' '),
);
export const CONNECTORS = new Set(['for', 'of', 'the', 'on', 'to']);
export const ORG_FIRST_WORDS = new Set([
  'jabhat',
  'jaish',
  'jaysh',
  'harakat',
  'hayat',
  "hay'at",
  'ahrar',
  'liwa',
  'kataib',
  'ansar',
  'hezbollah',
  'hizballah',
  'tahrir',
]);
export const ORG_LAST_WORDS = new Set(
  'Front Army Forces Council Party Movement League Brigade Brigades Committee Ministry Agency Organization Organisation Union Coalition Group Bank Corporation Company Association Institute University Commission Observatory Department Office Court Parliament Assembly'.split(
    ' ',
  ),
);
/** The last word of a place's name: "Hama Province", "Idlib Governorate" (not "County": Notts County is a club). */
export const PLACE_LAST_WORDS = new Set('Province Governorate Region District Prefecture Oblast'.split(' '));
/** News agencies (datelines tag them as places) and groups newer than the 1996 training text. */
export const KNOWN_ORGS = new Set([
  'daesh',
  'isis',
  'isil',
  'al-qaeda',
  'al qaeda',
  'hamas',
  'hezbollah',
  'taliban',
  'nato',
  'nusra',
  'al-nusra',
  'sputnik',
  'sana',
  'tass',
  'itar-tass',
  'ria novosti',
  'interfax',
  'reuters',
  'afp',
  'ap',
  'eirns',
  'rfe/rl',
  'xinhua',
  'bbc',
  'cnn',
  'al jazeera',
  'anadolu',
  'irna',
  'dpa',
]);

/** Company names end so ("Boatmen's Bancshares Inc.", "Pirelli SpA"): their legal forms and heads. */
export const COMPANY_ENDINGS =
  /^(?:inc|corp|corporation|ltd|plc|co|cos|spa|ag|sa|nv|bv|ab|asa|oy|gmbh|kk|bhd|group|bank|holdings|bancorp|bancshares|industries|motors|airlines)\.?$/i;
