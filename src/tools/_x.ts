import { loadCorpus } from '../core/ingest/loader';
import { Recognizer } from '../core/ner/recognizer';
import { recognizeArticle } from '../core/ner/articleEntities';
const targets = process.argv.slice(2);
async function main() {
  const { articles } = await loadCorpus(['../shared/corpora/bbc']);
  const rec = Recognizer.fromFile();
  const counts = new Map<string, Record<string, number>>();
  const ctx = new Map<string, string[]>();
  for (const a of articles)
    for (const m of recognizeArticle(rec, a)) {
      if (!targets.includes(m.text)) continue;
      const c = counts.get(m.text) ?? { PER: 0, ORG: 0, LOC: 0, MISC: 0 };
      c[m.type]++;
      counts.set(m.text, c);
      const l = ctx.get(m.text) ?? [];
      if (l.length < 8) l.push(`${m.type}: …${m.paragraph.slice(Math.max(0, m.start - 50), m.end + 40).replace(/\n/g, ' ')}…`);
      ctx.set(m.text, l);
    }
  for (const t of targets) console.log(t, JSON.stringify(counts.get(t)), '\n   ' + (ctx.get(t) ?? []).join('\n   '));
}
main();
