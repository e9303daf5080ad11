/**
 * One thread of the parse pool: reads and parses the files it is sent, or recognizes the names of
 * articles sent with their text; each answer goes back as soon as it is ready. parsePool.ts is the
 * other end.
 */
import { parentPort } from 'node:worker_threads';
import { articleNames } from '../entities/corpusEntities';
import { readArticle } from '../ingest/loader';
import { Recognizer } from '../ner/recognizer';
import type { FromParseWorker, ToParseWorker } from './parsePool';

const port = parentPort;
if (!port) throw new Error('parseWorker must run in a worker thread');

let recognizer: Recognizer | undefined;

port.on('message', (message: ToParseWorker) => {
  void (async () => {
    if (message.kind === 'recognize') {
      for (const { path, paragraphs } of message.articles)
        port.postMessage({ type: 'names', path, names: articleNames(model(), { paragraphs }) } satisfies FromParseWorker);
    } else {
      for (const file of message.files) {
        const result = await readArticle(file, message.options);
        let reply: FromParseWorker;
        if ('problem' in result) reply = { type: 'problem', problem: result.problem };
        else reply = { type: 'article', article: result.article };
        port.postMessage(reply);
      }
    }
    port.postMessage({ type: 'batchDone' } satisfies FromParseWorker);
  })();
});

function model(): Recognizer {
  return (recognizer ??= Recognizer.fromFile());
}
