/**
 * `npm run bench -- timeline|notes --corpus DIR [--copies N] [--runs R]`. Timeline: the whole
 * corpus by month, and the most mentioned person's. Notes: a 5,000-line note naming 500 people and
 * organizations — its first scan, and what one keystroke costs (the edited line's names asked of the
 * engine, the marks worked out again for the whole note); the host's message round trip is not in it.
 */
import { byMentions } from '../core/entities/entityOrder';
import { uncitedNames } from '../core/notes/uncited';
import { corpusCopies, engineWithEntities, timed, parseBenchArgs, peakRssMB, printTable } from './common';

const NOTE_LINES = 5000;
const NOTE_NAMES = 500;

export async function benchTimeline(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const copies = corpusCopies(args.corpus, args.copies);
  try {
    const engine = await engineWithEntities(copies.folder);
    const top = engine.entityList().sort(byMentions)[0];
    printTable(`Timeline (${copies.folder}: ${engine.size} articles, ${args.copies} cop${args.copies === 1 ? 'y' : 'ies'})`, [
      [`whole corpus by month (median of ${args.runs})`, `${timed(args.runs, () => engine.timeline(null, 'month')).toFixed(1)} ms`],
      [`${top?.name ?? '-'} (${top?.mentionCount ?? 0} mentions) by month`, `${timed(args.runs, () => engine.timeline(top?.id ?? '', 'month')).toFixed(1)} ms`],
      ['peak RSS', `${peakRssMB().toFixed(0)} MB`],
    ]);
    engine.dispose();
  } finally {
    copies.dispose();
  }
}

export async function benchNotes(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const copies = corpusCopies(args.corpus, args.copies);
  try {
    const engine = await engineWithEntities(copies.folder);
    const names = engine
      .entityList()
      .sort(byMentions)
      .slice(0, NOTE_NAMES)
      .map((e) => e.name);
    // Every tenth line names someone; the others are prose without names.
    const lines = Array.from({ length: NOTE_LINES }, (_, i) =>
      i % 10 === 0
        ? `Line ${i}: ${names[(i / 10) % names.length]} said something worth checking against the corpus.`
        : `Line ${i}: my own thoughts on the matter, written down.`,
    );
    let found = 0;
    const first = timed(args.runs, () => {
      found = uncitedNames(lines, engine.namesInLines(lines)).length;
    });
    const known = engine.namesInLines(lines);
    const keystroke = timed(args.runs * 10, () => {
      const edited = `${lines[2500]} And ${names[7]} answered.`;
      const names2500 = engine.namesInLines([edited])[0];
      uncitedNames([...lines.slice(0, 2500), edited, ...lines.slice(2501)], [...known.slice(0, 2500), names2500, ...known.slice(2501)]);
    });
    printTable(`Notes (${copies.folder}: ${engine.size} articles, ${args.copies} cop${args.copies === 1 ? 'y' : 'ies'})`, [
      [`first scan of a ${NOTE_LINES}-line note (median of ${args.runs})`, `${first.toFixed(1)} ms (${found} names marked)`],
      ['one keystroke: the edited line asked, the marks worked out again', `${keystroke.toFixed(2)} ms`],
      ['peak RSS', `${peakRssMB().toFixed(0)} MB`],
    ]);
    engine.dispose();
  } finally {
    copies.dispose();
  }
}
