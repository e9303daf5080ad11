import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusEngine } from '../core/engine/engine';

async function main() {
  const [folder, url] = process.argv.slice(2);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'names-prof-'));
  const engine = new CorpusEngine({ backendUrl: url });
  await engine.load([folder], { cacheDir, searchInBackground: true });
  await engine.whenSearchable();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const backend = (engine as any).searchBackend;
  let t = performance.now();
  const stored = await backend.storedNames();
  console.log('read stored names', Math.round(performance.now() - t), 'ms', Object.keys(stored.files).length);
  t = performance.now();
  const report = await engine.buildEntities({ preloaded: stored });
  console.log('build', Math.round(performance.now() - t), 'ms', JSON.stringify(report));
  t = performance.now();
  engine.hoverAt('A note on Tony Blair and the talks.', 12, { limit: 5, related: 5 });
  console.log('first hover', Math.round(performance.now() - t), 'ms');
  engine.dispose();
}
void main();
