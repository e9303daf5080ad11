import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusEngine } from '../../src/core/engine/engine';
import { byMentions } from '../../src/core/entities/entityOrder';
import { repoRoot, sharedDir, tempDir } from './helpers';

/** The judged top names (test/fixtures/bbcTopEntities.json): true, or why the entry is wrong. */
interface Judgments {
  people: Record<string, true | string>;
  organizations: Record<string, true | string>;
}

/** What the top 100 of each kind holds today (the target is 95 of each). */
const AT_LEAST = { people: 95, organizations: 95 };

describe('the People & Organizations view on the BBC corpus, against a judged list', function () {
  this.timeout(300_000);
  const bbc = path.join(sharedDir, 'corpora', 'bbc');
  const judged = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'bbcTopEntities.json'), 'utf8')) as Judgments;
  let top: { people: string[]; organizations: string[] } | undefined;

  before(async function () {
    if (!existsSync(bbc)) {
      console.log(`      skipped: ${bbc} is not here (../shared holds the BBC corpus)`);
      this.skip();
    }
    const engine = new CorpusEngine();
    await engine.load([bbc], { cacheDir: tempDir(), withoutSearch: true });
    await engine.buildEntities();
    const list = engine.entityList().sort(byMentions);
    top = {
      people: list
        .filter((e) => e.type === 'person')
        .slice(0, 100)
        .map((e) => e.name),
      organizations: list
        .filter((e) => e.type === 'organization')
        .slice(0, 100)
        .map((e) => e.name),
    };
  });

  for (const kind of ['people', 'organizations'] as const) {
    it(`shows at least ${AT_LEAST[kind]} real ${kind} among the 100 most mentioned, each judged in the list`, () => {
      const names = top![kind];
      const unjudged = names.filter((name) => !(name in judged[kind]));
      assert.deepEqual(unjudged, [], `judge these ${kind} in test/fixtures/bbcTopEntities.json`);
      const wrong = names.filter((name) => judged[kind][name] !== true).map((name) => `${name}: ${judged[kind][name]}`);
      assert.ok(names.length - wrong.length >= AT_LEAST[kind], `${names.length - wrong.length} real ${kind}; wrong:\n${wrong.join('\n')}`);
    });
  }
});
