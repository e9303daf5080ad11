import { CorpusEngine } from '../core/engine/engine';

const mb = (n: number) => Math.round(n / 1e6);
async function main(): Promise<void> {
  const engine = new CorpusEngine();
  await engine.load(['/tmp/bbc20'], { cacheDir: '/tmp/c20', withoutSearch: true });
  (global as unknown as { gc(): void }).gc();
  const base = process.memoryUsage();
  console.log('after load heap', mb(base.heapUsed), 'rss', mb(base.rss));
  let t = performance.now();
  const report = await engine.buildEntities();
  console.log('build', report.recognized, report.fromCache, Math.round(performance.now() - t));
  (global as unknown as { gc(): void }).gc();
  const after = process.memoryUsage();
  console.log('after names heap', mb(after.heapUsed), 'rss', mb(after.rss), 'arrayBuffers', mb(after.arrayBuffers));
  t = performance.now();
  engine.hoverAt('A note on Tony Blair and the talks.', 12, { limit: 5, related: 5 });
  console.log('hover', Math.round(performance.now() - t));
  (global as unknown as { gc(): void }).gc();
  const h = process.memoryUsage();
  console.log('after hover heap', mb(h.heapUsed), 'rss', mb(h.rss));
  const snap = engine.entities.snapshot()!;
  let names = 0,
    quotes = 0,
    story = 0,
    mentions = 0;
  for (const f of Object.values(snap.files)) {
    names += JSON.stringify(f.names).length + JSON.stringify(f.acronyms).length;
    quotes += JSON.stringify(f.quotes ?? []).length;
    story += JSON.stringify(f.story ?? {}).length;
    mentions += f.mentions.length;
  }
  console.log(
    'json MB names',
    mb(names),
    'quotes',
    mb(quotes),
    'story',
    mb(story),
    'mention numbers',
    mentions,
    'resolution',
    mb(JSON.stringify(snap.resolution).length),
    'wordCase',
    mb(JSON.stringify(snap.wordCase ?? {}).length),
  );
  engine.dispose();
}
void main();
