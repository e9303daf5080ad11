/**
 * One thread of the parse pool: reads and parses the files it is sent and, when asked, recognizes
 * their names, sending each article back as soon as it is done. ParsePool is the other end.
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
    for (const file of message.files) {
      const result = await readArticle(file, message.options);
      let reply: FromParseWorker;
      if ('problem' in result) reply = { type: 'problem', problem: result.problem };
      else {
        const names = message.recognize ? articleNames((recognizer ??= Recognizer.fromFile()), result.article) : undefined;
        reply = { type: 'article', article: result.article, names };
      }
      port.postMessage(reply);
    }
    port.postMessage({ type: 'batchDone' } satisfies FromParseWorker);
  })();
});
