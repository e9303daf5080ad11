/**
 * `npm run bench -- stories|quotes --corpus DIR [--copies N] [--runs R]`. Stories: clustering time
 * (median of R, from the features the entity build keeps), and the copies check (with N exact
 * copies every story has a multiple of N articles). Quotes: finding them in every article (the
 * part of recognition they add), and answering "what did X say" for the most quoted people.
 */
import { byMentions } from '../core/entities/entityOrder';
import { recognizeArticle } from '../core/ner/articleEntities';
import { quotesOf } from '../core/quotes/quoteQueries';
import { findQuotes } from '../core/quotes/quotes';
import { clusterStories, type StoryInput } from '../core/stories/stories';
import { corpusCopies, engineWithEntities, timed, parseBenchArgs, peakRssMB, percentile, printTable } from './common';

export async function benchStories(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const copies = corpusCopies(args.corpus, args.copies);
  try {
    const engine = await engineWithEntities(copies.folder);
    const index = engine.entities.index;
    const inputs: StoryInput[] = engine.articles().flatMap((a) => {
      const features = index.storyOf(a.path);
      return features ? [{ path: a.path, date: a.date, features }] : [];
    });
    let stories = clusterStories(inputs);
    const clustering = timed(args.runs, () => (stories = clusterStories(inputs)));
    // Growth on distinct articles (copies collapse to one before clustering): a quarter, half, all.
    const distinct = [...new Map(inputs.map((input) => [input.features.text, input])).values()];
    const growth = [0.25, 0.5, 1].map((share) => {
      const part = distinct.slice(0, Math.round(distinct.length * share));
      const ms = timed(args.runs, () => clusterStories(part));
      return `${part.length}: ${ms.toFixed(0)} ms (${((ms / (part.length * Math.log2(part.length))) * 1000).toFixed(1)} µs per n·log n)`;
    });
    const sizes = stories.map((s) => s.paths.length);
    const wholeCopies = stories.filter((s) => s.paths.length % args.copies === 0).length;
    printTable(`Stories (${copies.folder}: ${engine.size} articles, ${args.copies} cop${args.copies === 1 ? 'y' : 'ies'})`, [
      [`clustering (median of ${args.runs})`, `${(clustering / 1000).toFixed(2)} s`],
      ['stories (articles in them)', `${stories.length} (${sizes.reduce((n, s) => n + s, 0)})`],
      [
        'largest stories',
        sizes
          .sort((a, b) => b - a)
          .slice(0, 5)
          .join(', '),
      ],
      [`stories whose size is a multiple of ${args.copies} (copies check)`, `${wholeCopies} of ${stories.length}`],
      ['growth on distinct articles', growth.join('; ')],
      ['peak RSS', `${peakRssMB().toFixed(0)} MB`],
    ]);
    engine.dispose();
  } finally {
    copies.dispose();
  }
}

export async function benchQuotes(argv: string[]): Promise<void> {
  const args = parseBenchArgs(argv);
  const copies = corpusCopies(args.corpus, args.copies);
  try {
    const engine = await engineWithEntities(copies.folder);
    const index = engine.entities.index;
    // The quotes' own cost: attribution over names already recognized (recognition is the entities benchmark).
    const articles = engine
      .articles()
      .slice(0, 2000)
      .flatMap((a) => engine.get(a.path) ?? []);
    const named = articles.map((article) => ({
      texts: article.paragraphs.map((p) => p.text),
      names: recognizeArticle(engine.entities.recognizer, article).map((m) => ({
        type: m.type,
        paragraph: m.paragraphIndex,
        start: m.start,
        end: m.end,
        text: m.text,
      })),
    }));
    let found = 0;
    const finding = timed(args.runs, () => (found = named.reduce((n, a) => n + findQuotes(a.texts, a.names).length, 0)));
    const chars = articles.reduce((n, a) => n + a.paragraphs.reduce((m, p) => m + p.text.length, 0), 0);
    const people = index
      .list()
      .filter((e) => e.type === 'person')
      .sort(byMentions)
      .slice(0, 50);
    const sources = { summary: (p: string) => engine.summary(p), article: (p: string) => engine.get(p) };
    const asks = people.map((person) => {
      const started = performance.now();
      quotesOf(index, sources, person.id, { direct: 3 });
      return performance.now() - started;
    });
    const wholeStarted = performance.now();
    const mostMentioned = quotesOf(index, sources, people[0].id);
    const wholeMs = performance.now() - wholeStarted;
    const quoted = people.map((p) => ({ name: p.name, quotes: quotesOf(index, sources, p.id).filter((q) => q.kind === 'direct').length }));
    printTable(`Quotes (${copies.folder}: ${engine.size} articles, ${args.copies} cop${args.copies === 1 ? 'y' : 'ies'})`, [
      [
        `finding quotes in ${articles.length} articles (median of ${args.runs})`,
        `${(finding / 1000).toFixed(2)} s (${(((chars / finding) * 1000) / 1e6).toFixed(1)} M chars/s)`,
      ],
      ['quotes and paraphrases found there', String(found)],
      [
        'a hover\'s "Said" (3 latest quotes), 50 most mentioned people: p50 / p95 (first ask)',
        `${percentile(asks, 50).toFixed(1)} / ${percentile(asks, 95).toFixed(1)} ms`,
      ],
      [`the Quotes view of the most mentioned (${people[0].name}: ${mostMentioned.length} quotes), first ask`, `${wholeMs.toFixed(0)} ms`],
      [
        'most quoted of them',
        quoted
          .sort((a, b) => b.quotes - a.quotes)
          .slice(0, 3)
          .map((q) => `${q.name} ${q.quotes}`)
          .join(', '),
      ],
      ['peak RSS', `${peakRssMB().toFixed(0)} MB`],
    ]);
    engine.dispose();
  } finally {
    copies.dispose();
  }
}
