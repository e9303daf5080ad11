import * as assert from 'node:assert/strict';
import { sentenceFeatures, documentContext, FEATURES_PER_TOKEN } from '../../src/core/ner/features';
import { Gazetteer } from '../../src/core/ner/gazetteer';
import { clustersFromJSON, clustersToJSON, learnWordClusters } from '../../src/core/ner/wordClusters';

/** Colours are followed by things, verbs by food: a word's class comes from what follows it. */
function toyCorpus(): string[][] {
  const sentences: string[][] = [];
  for (const colour of ['red', 'blue', 'green', 'yellow'])
    for (const thing of ['car', 'house', 'door']) for (let i = 0; i < 3; i++) sentences.push(['a', colour, thing]);
  for (const verb of ['eat', 'cook', 'buy', 'want'])
    for (const food of ['bread', 'rice', 'soup']) for (let i = 0; i < 3; i++) sentences.push(['we', verb, food]);
  return sentences;
}

describe('word classes learned from unlabelled text', () => {
  const clusters = learnWordClusters(toyCorpus(), { sizes: [2, 4], minCount: 2, passes: 10 });
  const coarse = (word: string) => clusters.classes.get(word)![0];

  it('puts words followed by the same words in one class, and the others in another', () => {
    const colours = new Set(['red', 'blue', 'green', 'yellow'].map(coarse));
    const verbs = new Set(['eat', 'cook', 'buy', 'want'].map(coarse));
    assert.equal(colours.size, 1);
    assert.equal(verbs.size, 1);
    assert.notDeepEqual([...colours], [...verbs]);
  });

  it('gives every word seen often enough one class per size, within the size', () => {
    for (const [word, classes] of clusters.classes) {
      assert.equal(classes.length, 2, word);
      assert.ok(classes[0] < 2 && classes[1] < 4, `${word}: ${classes}`);
    }
  });

  it('leaves out words seen fewer times than the minimum', () => {
    const rare = learnWordClusters([...toyCorpus(), ['a', 'mauve', 'car']], { sizes: [2], minCount: 2, passes: 5 });
    assert.equal(rare.classes.has('mauve'), false);
    assert.equal(rare.classes.has('red'), true);
  });

  it('survives the round trip through the model file as the same classes', () => {
    const back = clustersFromJSON(JSON.parse(JSON.stringify(clustersToJSON(clusters))));
    assert.deepEqual(back.sizes, clusters.sizes);
    assert.deepEqual([...back.classes], [...clusters.classes]);
  });

  it('changes the features of a word the classes know, and only the class slots', () => {
    const words = ['a', 'red', 'car'];
    const context = documentContext([words]);
    const base = { gazetteer: new Gazetteer(), external: new Gazetteer() };
    const without = sentenceFeatures(words, context, base, (1 << 20) - 1);
    const withClasses = sentenceFeatures(words, context, { ...base, clusters }, (1 << 20) - 1);
    assert.equal(withClasses.length, words.length * FEATURES_PER_TOKEN);
    const differing = [...without].filter((h, k) => h !== withClasses[k]).length;
    // Each token: its own two classes, and its neighbours' classes seen from it (the sentence ends have none).
    assert.ok(differing > 0 && differing <= words.length * 8, `${differing} slots differ`);
  });
});
