import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusEngine } from '../core/engine/engine';

const gc = (globalThis as { gc?: () => void }).gc!;
function mem(label: string, started: number) {
  const before = process.memoryUsage();
  gc();
  const m = process.memoryUsage();
  const r = (n: number) => Math.round(n / 1e6);
  console.log(
    label.padEnd(28),
    `${Math.round(performance.now() - started)} ms`.padStart(9),
    `rss ${r(before.rss)} → ${r(m.rss)}`,
    `heap ${r(before.heapUsed)} → ${r(m.heapUsed)}`,
    `buffers ${r(m.arrayBuffers)}`,
    `peak ${Math.round(process.resourceUsage().maxRSS / 1e3)}`,
  );
}

async function main() {
  const [folder, url] = process.argv.slice(2);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'names-mem-'));
  const t0 = performance.now();
  const engine = new CorpusEngine({ backendUrl: url });
  await engine.load([folder], { cacheDir, searchInBackground: true });
  await engine.whenSearchable();
  mem('searchable', t0);
  let t = performance.now();
  const report = await engine.buildEntities();
  mem('build', t);
  console.log(JSON.stringify(report));
  await new Promise((resolve) => setTimeout(resolve, 6000));
  mem('6 s later (stories)', t);
  for (const name of ['Tony Blair', 'Gordon Brown', 'Microsoft', 'Tony Blair']) {
    t = performance.now();
    const answer = engine.hoverAt(`A note on ${name} and the talks.`, 12, { limit: 5, related: 5 });
    const ms = performance.now() - t;
    mem(`hover ${name} ${ms.toFixed(0)} ms`, t);
    if (!answer || !('card' in answer)) console.log('no card for', name);
    else console.log('  ', answer.card.entity.articleCount, 'articles', answer.card.articles.length, 'shown');
  }
  engine.dispose();
}
void main();
