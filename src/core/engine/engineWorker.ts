/**
 * The engine in a worker thread: parsing, indexing, the cache's JSON and every search run here, so
 * the extension host never waits on them. EngineClient is the other end; protocol.ts the contract.
 */
import { parentPort } from 'node:worker_threads';
import { CorpusEngine, type EngineChange } from './engine';
import type { EngineMethod, FromWorker, Method, Params, Result, SummaryChange, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('engineWorker must run in a worker thread');

const engine = new CorpusEngine();
const aborts = new Map<number, AbortController>();
const post = (message: FromWorker) => port.postMessage(message);

// Changes are sent as they happen, before the reply of the call that caused them.
engine.onDidChange((change: EngineChange) => post({ type: 'changed', change: toSummaryChange(change) }));

function toSummaryChange(change: EngineChange): SummaryChange {
  if (change.kind === 'reset') return { kind: 'reset', folders: [...engine.folders], count: engine.size };
  if (change.kind === 'upsert') return { kind: 'upsert', path: change.article.path, count: engine.size };
  if (change.kind === 'remove') return { ...change, count: engine.size };
  return change;
}

/** What a request's handler gets besides its parameters: a signal that `cancel` aborts, and a way to report progress. */
interface CallContext {
  signal: AbortSignal;
  onProgress(done: number, total: number, stage?: 'files' | 'index'): void;
}

/** The requests the worker answers itself; the compiler checks that, with the engine's, they cover the protocol. */
const ownHandlers: { [M in Exclude<Method, EngineMethod>]: (params: Params<M>, call: CallContext) => Result<M> | Promise<Result<M>> } = {
  load: ([folders, cacheDir], { signal, onProgress }) => engine.load(folders, { cacheDir, signal, onProgress, searchInBackground: true }),
  buildEntities: ([cacheFile], { signal, onProgress }) => engine.buildEntities({ cacheFile, signal, onProgress }),
  cancel: ([request]) => aborts.get(request)?.abort(),
  ping: () => 'pong',
  simulateFault: ([fault, ms]) => {
    if (fault === 'crash') process.exit(70);
    for (const until = Date.now() + (ms ?? 60_000); Date.now() < until;);
  },
};

function isOwn(method: Method): method is Exclude<Method, EngineMethod> {
  return Object.hasOwn(ownHandlers, method);
}

/** An engine request: the CorpusEngine method of the same name, with the same arguments. */
function callEngine<M extends EngineMethod>(method: M, params: Params<M>): unknown {
  return (engine[method] as (...args: Params<M>) => unknown).apply(engine, params);
}

function dispatch<M extends Method>(method: M, params: Params<M>, call: CallContext): unknown {
  if (!isOwn(method)) return callEngine(method as EngineMethod, params as Params<EngineMethod>);
  const handler = ownHandlers[method] as (params: Params<M>, call: CallContext) => unknown;
  return handler(params, call);
}

port.on('message', (message: ToWorker) => {
  const controller = new AbortController();
  aborts.set(message.id, controller);
  const call: CallContext = {
    signal: controller.signal,
    onProgress: (done, total, stage) => post({ type: 'progress', id: message.id, done, total, stage }),
  };
  Promise.resolve()
    .then(() => dispatch(message.method, message.params, call))
    .then(
      (result) => post({ type: 'reply', id: message.id, ok: true, result }),
      (error: unknown) => post({ type: 'reply', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => aborts.delete(message.id));
});
