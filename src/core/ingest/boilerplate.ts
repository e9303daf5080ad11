/**
 * Page boilerplate in raw web captures: lines that belong to the page, not the story.
 * Each rule is a whole-line pattern; the file itself is never changed, we only decide
 * which of its lines make the reading text.
 */

/** Lines that are page furniture wherever they appear. */
const BOILERPLATE_LINES: RegExp[] = [
  /^listen live$/i,
  /^get short url$/i,
  /^(share|share this( article| story)?|tweet|print|email|comments?)$/i,
  /^share (on|via) \w+$/i,
  /^accessibility links$/i,
  /^(breaking news|latest news|top stories|most read|trending)$/i,
  /^skip to (main )?content$/i,
  /^subscribe( to .{1,40})?$/i,
  /^(advertisement|sponsored( content)?|ad)$/i,
  /^back to top$/i,
  /^please wait$/i,
  /^no media source currently available$/i,
  /^•?\s*\d+x\d+ image$/i, // image placeholders ("16x9 Image")
  /^(\d{1,2}:)?\d{1,2}:\d{2}(\s+(\d{1,2}:)?\d{1,2}:\d{2}){0,3}$/, // media-player clocks ("0:00 0:00:59 0:00")
  /^\d+(\s+\d+)*$/, // share and comment counters ("0 63")
  /^watch:\s.*$/i,
  /^(read more|related|see also)( articles| stories)?:?$/i,
  // A link to another story inside this one: "Read more: …", "Lea también: …", "Lesen Sie auch: …".
  /^(read more|read also|see also|also read|related|lea (también|más|además)|lea|mira|lee también|puedes ver|ver también|leia (também|mais)|lesen sie auch|mehr zum thema|auch interessant|lire aussi|à lire aussi|leggi anche|czytaj (też|także))\s*:.{3,200}$/i,
  // The heading of a list of other stories or links: "Le puede interesar", "Lesen Sie auch die folgenden Beiträge:".
  /^((le|te) (puede|podría) interesar|lesen sie auch( die folgenden beiträge)?|weiterführende[rn]? links?|themen im artikel|(neueste|weitere|ähnliche) (artikel|beiträge|nachrichten)|inhaltsverzeichnis|quellen ausblenden)\s*:?$/i,
  // A label left alone on its line above a contact or author box: "Kontakt:", "Weitere Informationen:".
  /^(kontakt|contact|autoren|autor|authors?|weitere informationen|zusatzinformationen|more information|further information)\s*:$/i,
  /^\(noch keine bewertungen\)$/i,
  /^(was this article (helpful|useful)\??|war (der|dieser) artikel (hilfreich|nützlich)\??|möchten sie (den|diesen) artikel teilen\??)$/i,
  /^\(?(foto|fotos|photo|photos|bild|bilder)\s*:\s*[^.!?]{2,80}\)?$/i, // a picture's credit line ("Foto: Sascha Klahn")
  /^(subscribe (now|today)|sign up (for|to) (our|the)|abonniere|abonnieren sie)\b.{0,150}$/i, // newsletter and subscription calls
  // A newsletter's invitation: "Never miss the latest news by signing up…", "Keine Neuigkeiten … verpassen: Abonnieren Sie…", "Jetzt für … Top-News anmelden".
  /^(?=.{0,250}$)(never miss|don'?t miss out|keine .{0,60}verpassen)\b.*\b(newsletter|sign(ing)? up|inbox|abonnieren|anmelden)\b.*$/i,
  /^(?=.{0,250}$)(sign up to (get|receive)\b.*|jetzt .{0,60}\b(anmelden|abonnieren))$/i,
  // The consent line of a sign-up form: "Ich bin mit der Verarbeitung meiner Daten … einverstanden. Nach Anmeldung geht mir eine E-Mail zu…".
  /^(?=.{0,400}$)ich (bin mit der verarbeitung meiner daten|willige (darin )?ein)\b.*$/i,
  // An affiliate disclosure: "Dieser Artikel enthält Affiliate-Links …", "Bei den Verlinkungen handelt es sich um Affiliate Links / Bilder von der Amazon Product Advertising API".
  /^(?=.{0,400}$).*\b(handelt es sich um|enthält|enthalten|contains?|may contain)\b.{0,40}\baffiliate[- ]?links?\b.*$/i,
  /^to find out more, click here\.?$/i,
  /^community standards\s*(discussion)?$/i,
  /^(discussion|comment on this story)$/i,
  /^rfe\/rl journalists report the news in .*$/i, // RFE/RL's standard footer
  /^rfe\/rl has been declared an "undesirable organization".*$/i,
  /^if you are in russia or the russia-controlled parts of ukraine.*$/i,
];

/** A line that ends the story: it and everything after it are related links and page footer. */
const CUT_MARKERS: RegExp[] = [
  /^check also$/i,
  /^related (articles|stories|posts|news)$/i,
  /^(you may|you might) also like$/i,
  /^more (stories|from) .{0,40}$/i,
];

/**
 * A notice that closes a page, after the story: its rights ("This article is the copyrighted property
 * of …", "All rights reserved"), an app or a channel to follow ("download the … app", "keep up with me
 * on Twitter", "tenemos canal de Telegram"). It and what follows are footer.
 */
const CLOSING_NOTICES: RegExp[] = [
  /\b(copyrighted property|all rights reserved|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|written permission must be obtained)\b/i,
  /\bdownload (our apps?\b|the .{0,40}\bapps? for (ios|android)\b)/i,
  /\b(keep up with|follow) (me|us) on (twitter|facebook|instagram|telegram|x)\b/i,
  /\bcanal de telegram\b/i,
];
/** How far from the end (in kept lines) a closing notice is looked for. */
const CLOSING_REACH = 4;
const CLOSING_NOTICE_LENGTH = 400;

/** A media player's caption is the line just before its "please wait". */
const MEDIA_PLAYER_MARKER = /^please wait$/i;

/** How a sentence ends: its punctuation in any script, or a smiley or emoji a blog ends one with ("… schönen Sonntag <3"). */
const SENTENCE_END = /([.!?…"”’)\]:;。！？」』）｡؟।]|<3|[:;]-?[()DPp]|\p{Extended_Pictographic}\uFE0F?)$/u;
const SHORT_LINE = 120;
/** A line of code (an assignment, braces, a backslash, a shell prompt "$ "): a technical story's last line, not a tag or a headline. */
const CODE_LINE = /\S=\S|[{}\\]|^\$ \S/u;
/** A cell of figures standing alone: "3", "52.41", "3:53.47", "133-5", ".596", "297,157". */
const FIGURE_CELL = /^[(+-]?[\d.,:/-]*\d[\d.,:/%-]*\)?$/u;
/** A run is a table (standings, results, prices) when this share of its lines are rows, and at least MIN_TABLE_ROWS. */
const TABLE_SHARE = 0.5;
const MIN_TABLE_ROWS = 3;
const MIN_DEBRIS_RUN = 2;
/** One side of a match (up to four capitalised words), and a fixture line: sides with v / vs / at, after an optional label. */
const SIDE = "\\p{Lu}[\\p{L}.'&-]*(?: \\p{Lu}[\\p{L}.'&-]*){0,3}";
const FIXTURE = new RegExp(`^(?:[\\p{L} ]{2,30}: )?${SIDE} (?:v|vs\\.?|at) ${SIDE}(?:, ${SIDE} (?:v|vs\\.?|at) ${SIDE})*$`, 'u');

export function isBoilerplateLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && BOILERPLATE_LINES.some((re) => re.test(trimmed));
}

/** "Check Also", "Related articles": the line after which a page lists other stories. */
export function isCutMarker(line: string): boolean {
  return CUT_MARKERS.some((re) => re.test(line.trim()));
}

/**
 * Marks which lines of a capture belong to the reading text.
 * Blank lines are reported as not kept; they only separate paragraphs.
 */
export function readingLineMask(lines: string[]): boolean[] {
  const keep = lines.map((line) => line.trim() !== '' && !isBoilerplateLine(line));
  dropRelatedBoxes(lines, keep);
  dropMediaCaptions(lines, keep);
  dropClosingNotices(lines, keep);
  dropTrailingDebris(lines, keep);
  return keep;
}

/**
 * A line of the story, not a headline or a teaser: it ends a sentence with a full stop, or is too
 * long for a headline; a teaser's cut-off excerpt ("… e…", "[…]", "...") is neither.
 */
function isStoryLine(line: string): boolean {
  if (/(…|\.\.\.|\[…\]|\[\.\.\.\])["”’)]?$/u.test(line)) return false;
  return line.length > SHORT_LINE || /[.。｡]["”’)]?$/u.test(line);
}

/**
 * "Related stories" and the headlines under it are a box of other stories: the marker and the lines
 * after it go until a line of the story comes back (inside a story), or the page ends.
 */
function dropRelatedBoxes(lines: string[], keep: boolean[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (!isCutMarker(lines[i])) continue;
    keep[i] = false;
    let j = i + 1;
    while (j < lines.length && (lines[j].trim() === '' || !isStoryLine(lines[j].trim()))) keep[j++] = false;
    i = j - 1;
  }
}

/** The indexes of the lines kept so far. */
function keptLines(keep: boolean[]): number[] {
  return keep.map((k, i) => (k ? i : -1)).filter((i) => i >= 0);
}

function dropClosingNotices(lines: string[], keep: boolean[]): void {
  const kept = keptLines(keep);
  // The story's first line is never a footer, however short the story.
  for (let k = Math.max(1, kept.length - CLOSING_REACH); k < kept.length; k++) {
    const line = lines[kept[k]].trim();
    if (line.length > CLOSING_NOTICE_LENGTH || !CLOSING_NOTICES.some((re) => re.test(line))) continue;
    for (let j = k; j < kept.length; j++) keep[kept[j]] = false;
    return;
  }
}

function dropMediaCaptions(lines: string[], keep: boolean[]): void {
  for (let i = 1; i < lines.length; i++) {
    if (!MEDIA_PLAYER_MARKER.test(lines[i].trim())) continue;
    const caption = previousNonBlank(lines, i);
    if (caption >= 0 && !SENTENCE_END.test(lines[caption].trim())) keep[caption] = false;
  }
}

function previousNonBlank(lines: string[], index: number): number {
  for (let i = index - 1; i >= 0; i--) if (lines[i].trim() !== '') return i;
  return -1;
}

/** A recipe's ingredient line: a quantity with its unit, or a fraction ("120g noodles", "1 1/2 tsp sugar", "2 EL Öl", "½ Zitrone"). */
const QUANTITY = /^(\d+([.,]\d+)?\s?(g|kg|mg|ml|cl|dl|l|oz|lb|tbsp|tsp|cups?|el|tl|msp|prise|pck|stück)\b|(\d+\s)?\d\/\d|[½¼¾⅓⅔])/iu;

/**
 * League standings, scores, fixtures, market tables and a recipe's ingredients are article text, not a list of other
 * stories; so is a list of names broken over lines (a line ending in a comma goes on in the next).
 */
function looksLikeTable(run: string[]): boolean {
  if (run.some((line) => line.trimEnd().endsWith(','))) return true;
  if (run.filter((line) => QUANTITY.test(line.trim())).length >= MIN_TABLE_ROWS) return true;
  const rows = run.filter((line) => isTableRow(line) || isFixture(line)).length;
  return rows >= MIN_TABLE_ROWS && rows >= TABLE_SHARE * run.length;
}

/** "Austria at Croatia", "Walsall v Wrexham", "Chelsea vs. Arsenal": two sides of a match. */
export function isFixture(line: string): boolean {
  return FIXTURE.test(line.trim());
}

/** "Puchon 3 1 0 6 1 10", "Livingston 1 Hamilton 0", "2. Claudia Mues (Germany) 18.80": two figures, one of them last. */
function isTableRow(line: string): boolean {
  const cells = line.trim().split(/\s+/);
  const last = cells[cells.length - 1];
  return cells.filter((cell) => FIGURE_CELL.test(cell)).length >= 2 && (FIGURE_CELL.test(last) || last === '-');
}

/** A sentence (or the end of one wrapped over lines), not a label ("Related:", "More on this story:"), that ends in a colon. */
function introducesList(line: string): boolean {
  return line.endsWith(':') && (line.split(/\s+/).length >= 5 || !/^\p{Lu}/u.test(line));
}

/**
 * Related-story titles and tag lists pile up after the story: a run of short lines with no
 * sentence punctuation at the very end. The story's own last line ends a sentence.
 */
function dropTrailingDebris(lines: string[], keep: boolean[]): void {
  const kept = keptLines(keep);
  let start = kept.length;
  while (start > 1) {
    const line = lines[kept[start - 1]].trim();
    if (line.length > SHORT_LINE || SENTENCE_END.test(line) || CODE_LINE.test(line)) break;
    start--;
  }
  // One unpunctuated last line is usually a byline or a credit, not debris.
  if (kept.length - start < MIN_DEBRIS_RUN) return;
  // Debris trails a story: with no sentence before the run (past the title line), the run is the story (a scorecard, a results list);
  // after a sentence that ends in a colon ("Results of the finals (prefix numbers denote seedings):"), it is what that sentence introduces.
  if (!kept.slice(1, start).some((i) => SENTENCE_END.test(lines[i].trim()))) return;
  if (start > 0 && introducesList(lines[kept[start - 1]].trim())) return;
  if (looksLikeTable(kept.slice(start).map((i) => lines[i]))) return;
  for (let k = start; k < kept.length; k++) keep[kept[k]] = false;
}
