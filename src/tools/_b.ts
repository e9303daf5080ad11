import { readFileSync, writeFileSync } from 'node:fs';
import { CorpusEngine } from '../core/engine/engine';
import { byMentions } from '../core/entities/entityOrder';
async function main() {
  const judged = JSON.parse(readFileSync('test/fixtures/bbcTopEntities.json', 'utf8'));
  const engine = new CorpusEngine();
  await engine.load(['../shared/corpora/bbc'], { cacheDir: '/tmp/xcache', withoutSearch: true });
  await engine.buildEntities();
  const list = engine.entityList().sort(byMentions);
  for (const [kind, type] of [
    ['people', 'person'],
    ['organizations', 'organization'],
  ]) {
    const top = list.filter((e) => e.type === type).slice(0, 100);
    const wrong = top.filter((e) => judged[kind][e.name] !== true);
    console.log(kind, 100 - wrong.length, 'right; wrong:', wrong.map((e) => `${e.name} (${judged[kind][e.name] ?? 'UNJUDGED'})`).join('; '));
  }
  if (process.env.DUMP)
    writeFileSync(
      process.env.DUMP,
      list
        .slice(0, 400)
        .map((e) => `${e.type}\t${e.name}\t${e.mentionCount}`)
        .join('\n'),
    );
}
main();
