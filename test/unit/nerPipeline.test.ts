import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { withLineEnds } from '../../src/core/ner/articleEntities';
import { readConll } from '../../src/core/ner/conll';
import { evaluateOnRawText, evaluateThroughPipeline } from '../../src/core/ner/conllEval';
import { combine, CORE_TYPES, score } from '../../src/core/ner/evaluate';
import { namesInFile } from '../../src/core/ner/fileNames';
import { Recognizer } from '../../src/core/ner/recognizer';
import { sharedDir, tempDir } from './helpers';

describe('names as the product finds them in a file', () => {
  const recognizer = Recognizer.fromFile();

  it('ends a sentence where a line ended by choice (a dateline, one sentence a line), not where it was wrapped', () => {
    const oneALine = { text: 'NABLUS, West Bank 1996-08-30 Arafat arrived on Friday.', line: 0, breaks: [29] };
    assert.equal(withLineEnds(oneALine, 60), 'NABLUS, West Bank 1996-08-30\nArafat arrived on Friday.');
    const wrapped = { text: 'The minister said the talks would go on until a deal was found in Geneva.', line: 0, breaks: [34] };
    assert.equal(withLineEnds(wrapped, 35), wrapped.text);
  });

  it('finds the names in a closing results table, each on its own line and column', async () => {
    const file = path.join(tempDir(), 'results.txt');
    writeFileSync(
      file,
      'SOCCER - SCOTTISH LEAGUE RESULTS.\n\nGLASGOW 1996-08-31\nResults of Scottish league matches on Saturday:\nLivingston 1 Hamilton 0\nStranraer 3 Clydebank 1\nAyr 2 Stenhousemuir 2\n',
    );
    const result = await namesInFile(recognizer, file);
    assert.ok('names' in result);
    const hamilton = result.names.find((n) => n.text === 'Hamilton');
    assert.deepEqual(hamilton && { type: hamilton.type, line: hamilton.line, column: hamilton.column }, { type: 'ORG', line: 5, column: 14 });
    for (const team of ['Livingston', 'Stranraer', 'Clydebank', 'Stenhousemuir'])
      assert.ok(
        result.names.some((n) => n.text === team),
        `${team} is found`,
      );
  });

  it('scores on CoNLL-2003 dev, through the whole product path, no more than 1 point below the model alone', async function () {
    this.timeout(120_000);
    const dev = path.join(sharedDir, 'corpora', 'conll2003', 'eng.testa');
    if (!existsSync(dev)) {
      console.log(`      skipped: ${dev} is not here (../shared holds the CoNLL-2003 data)`);
      this.skip();
    }
    const documents = readConll(readFileSync(dev, 'utf8'));
    const modelAlone = score(combine(evaluateOnRawText(recognizer, documents), CORE_TYPES)).f1;
    const pipeline = score(combine(await evaluateThroughPipeline(recognizer, documents, tempDir()), CORE_TYPES)).f1;
    assert.ok(pipeline >= modelAlone - 1, `pipeline F1 ${pipeline.toFixed(2)} < model alone ${modelAlone.toFixed(2)} − 1`);
  });
});
