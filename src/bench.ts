/** `npm run bench -- <benchmark> --corpus DIR [--copies N]`: speed figures, never pass/fail. */
import { benchBackend } from './benchmarks/backend';
import { benchEntities } from './benchmarks/entities';
import { benchLoad } from './benchmarks/load';
import { benchNer } from './benchmarks/ner';
import { benchSearch } from './benchmarks/search';
import { benchStores } from './benchmarks/stores';
import { benchQuotes, benchStories } from './benchmarks/stories';
import { benchNotes, benchTimeline } from './benchmarks/timeNotes';
import { benchVscode } from './benchmarks/vscode';
import { benchVscodeMemory } from './benchmarks/vscodeMemory';

const BENCHMARKS: Record<string, (argv: string[]) => Promise<void>> = {
  load: benchLoad,
  search: benchSearch,
  ner: benchNer,
  entities: benchEntities,
  vscode: benchVscode,
  'vscode-memory': benchVscodeMemory,
  stores: benchStores,
  stories: benchStories,
  quotes: benchQuotes,
  timeline: benchTimeline,
  notes: benchNotes,
  backend: benchBackend,
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> --corpus DIR [--copies N] [--runs R]`);
    process.exit(2);
  }
  await bench(rest);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
