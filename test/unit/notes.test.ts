import * as assert from 'node:assert/strict';
import { CorpusEngine } from '../../src/core/engine/engine';
import { uncitedNames } from '../../src/core/notes/uncited';
import { seedsDir } from './helpers';

describe('names of the corpus in notes, not yet cited', () => {
  let engine: CorpusEngine;
  before(async () => {
    engine = new CorpusEngine({ parseThreads: 1 });
    await engine.load([seedsDir], { withoutSearch: true });
    await engine.buildEntities();
  });
  after(() => engine.dispose());

  const marked = (note: string) => {
    const lines = note.split('\n');
    return uncitedNames(lines, engine.namesInLines(lines)).map(({ line, name }) => `${line}:${lines[line].slice(name.start, name.end)}=${name.name}`);
  };

  it('finds names by case and whole words: "Lavrov" but not "lavrov" nor "Lavrovsky"', () => {
    assert.deepEqual(marked('Lavrov spoke; lavrov did not; Lavrovsky is someone else.'), ['0:Lavrov=Sergei Lavrov']);
  });

  it('finds every alias of an entity, and several entities on a line', () => {
    assert.deepEqual(marked('Sergey Lavrov and John Kerry met Staffan de Mistura.'), [
      '0:Sergey Lavrov=Sergei Lavrov',
      '0:John Kerry=John Kerry',
      '0:Staffan de Mistura=Staffan de Mistura',
    ]);
  });

  it('leaves names in a link, in code and in a quote alone, and an entity the note quotes is cited everywhere', () => {
    const note = ['See [Kerry](<seeds/004.txt#L5>) and `Brahimi`.', '> “We are close”, Kerry said.', 'Kerry again; Lakhdar Brahimi too.'].join('\n');
    assert.deepEqual(marked(note), ['2:Lakhdar Brahimi=Lakhdar Brahimi']);
  });
});
