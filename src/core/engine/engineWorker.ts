/**
 * The engine in a worker thread: parsing, indexing, the cache's JSON and every search run here, so
 * the extension host never waits on them. EngineClient is the other end.
 */
import { parentPort } from 'node:worker_threads';
import { CorpusEngine, type EngineChange } from './engine';
import type { ToWorker, FromWorker, SummaryChange } from './protocol';
import { cardFor, hoverAt, mentionLocations } from '../entities/entityQueries';
import { summarize } from '../types';

const port = parentPort;
if (!port) throw new Error('engineWorker must run in a worker thread');

const engine = new CorpusEngine();
const aborts = new Map<number, AbortController>();
const post = (message: FromWorker) => port.postMessage(message);

// Changes are sent as they happen, before the reply of the call that caused them.
engine.onDidChange((change: EngineChange) => post({ type: 'changed', change: toSummaryChange(change) }));

function toSummaryChange(change: EngineChange): SummaryChange {
  if (change.kind === 'reset') return { kind: 'reset', articles: engine.articles().map(summarize), folders: [...engine.folders] };
  if (change.kind === 'upsert') return { kind: 'upsert', article: summarize(change.article) };
  return change;
}

const lookup = (path: string) => engine.get(path);

async function cancellable<T>(id: number, run: (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  aborts.set(id, controller);
  try {
    return await run(controller.signal, (done, total) => post({ type: 'progress', id, done, total }));
  } finally {
    aborts.delete(id);
  }
}

async function handle(message: ToWorker): Promise<unknown> {
  switch (message.method) {
    case 'ping':
      return 'pong';
    case 'simulateFault':
      if (message.fault === 'crash') process.exit(70);
      for (const until = Date.now() + (message.ms ?? 60_000); Date.now() < until; );
      return undefined;
    case 'setOptions':
      return engine.setOptions(message.options);
    case 'load':
      return cancellable(message.id, (signal, onProgress) => engine.load(message.folders, { cacheFile: message.cacheFile, signal, onProgress }));
    case 'buildEntities':
      return cancellable(message.id, (signal, onProgress) => engine.buildEntities({ cacheFile: message.cacheFile, signal, onProgress }));
    case 'hoverAt':
      return hoverAt(engine.entities.index, lookup, message.text, message.offset, message.options, message.path);
    case 'entityCard':
      return cardFor(engine.entities.index, lookup, message.name, message.options);
    case 'entityMentions':
      return mentionLocations(engine.entities.index, lookup, message.entity);
    case 'entityList':
      return engine.entities.index.list();
    case 'setEntityOverrides':
      return engine.setEntityOverrides(message.text);
    case 'cancel':
      return aborts.get(message.target)?.abort();
    case 'applyFileEvents':
      return engine.applyFileEvents(message.updated, message.removed);
    case 'update':
      return engine.update(message.path);
    case 'remove':
      return engine.remove(message.path);
    case 'search':
      return engine.search(message.text, message.limit, message.options);
    case 'paragraphs':
      return engine.get(message.path)?.paragraphs.slice(0, message.count) ?? [];
    case 'names':
      return engine.names(message.path);
    case 'saveCache':
      return engine.saveCache();
  }
}

port.on('message', (message: ToWorker) => {
  handle(message).then(
    (result) => post({ type: 'reply', id: message.id, ok: true, result }),
    (error: unknown) => post({ type: 'reply', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
