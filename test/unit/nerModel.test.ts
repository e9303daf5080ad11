import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LabelledDocument } from '../../src/core/ner/conll';
import { detokenize, readConll } from '../../src/core/ner/conll';
import { sparseScores, viterbi } from '../../src/core/ner/viterbi';
import { documentContext, isHeadline, labelledWords, sentenceFeatures, shortShape, wordInfoFor, FEATURES_PER_TOKEN } from '../../src/core/ner/features';
import { Gazetteer } from '../../src/core/ner/gazetteer';
import { parseModel, quantise, serialiseModel, type NerModel } from '../../src/core/ner/model';
import { Recognizer } from '../../src/core/ner/recognizer';
import { ALLOWED, CAN_END, spansToTags, tagsToSpans, TAGS, TAG_COUNT, START } from '../../src/core/ner/tags';
import { train } from '../../src/core/ner/train';

const tag = (name: string) => TAGS.indexOf(name);

describe('NER decoder', () => {
  /** One feature per token (its bucket = its index); emission weights given per bucket. */
  function tinyModel(rows: Record<number, Record<string, number>>, transition = new Float32Array((TAG_COUNT + 1) * TAG_COUNT)) {
    const buckets = 8;
    const dense = new Float32Array(buckets * TAG_COUNT);
    for (const [bucket, weights] of Object.entries(rows)) for (const [name, w] of Object.entries(weights)) dense[Number(bucket) * TAG_COUNT + tag(name)] = w;
    const { emission, scale } = quantise(dense, 10);
    return { emission, scale, transition };
  }

  it('picks the best sequence that BILOU allows', () => {
    // Token 0 prefers I-PER alone, which cannot start a sequence; B-PER L-PER is the best legal path.
    const model = tinyModel({ 0: { 'I-PER': 5, 'B-PER': 3 }, 1: { 'L-PER': 4, O: 1 } });
    const scores = sparseScores(Int32Array.from([0, 1]), 1, model.emission, model.scale);
    assert.deepEqual(
      [...viterbi(scores, model.transition)].map((t) => TAGS[t]),
      ['B-PER', 'L-PER'],
    );
  });

  it('never ends inside an entity and follows transition weights', () => {
    const transition = new Float32Array((TAG_COUNT + 1) * TAG_COUNT);
    transition[START * TAG_COUNT + tag('U-ORG')] = 6;
    const model = tinyModel({ 0: { 'U-LOC': 5 }, 1: { 'B-PER': 9, O: 1 } }, transition);
    const scores = sparseScores(Int32Array.from([0, 1]), 1, model.emission, model.scale);
    assert.deepEqual(
      [...viterbi(scores, model.transition)].map((t) => TAGS[t]),
      ['U-ORG', 'O'],
    );
  });

  it('finds the best legal sequence, also through tokens that can only be O (property: against every sequence of up to 3 tags)', () => {
    const best = (scores: Float64Array, transition: Float32Array): number => {
      const n = scores.length / TAG_COUNT;
      let top = -Infinity;
      const walk = (i: number, prev: number, total: number): void => {
        if (i === n) {
          if (CAN_END[prev] && total > top) top = total;
          return;
        }
        for (let t = 0; t < TAG_COUNT; t++) {
          if (ALLOWED[prev * TAG_COUNT + t]) walk(i + 1, t, total + scores[i * TAG_COUNT + t] + transition[prev * TAG_COUNT + t]);
        }
      };
      walk(0, START, 0);
      return top;
    };
    const weight = fc.integer({ min: -50, max: 50 }).map((w) => w / 10);
    const sentence = fc.array(fc.tuple(fc.array(weight, { minLength: TAG_COUNT, maxLength: TAG_COUNT }), fc.boolean()), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        sentence,
        fc.array(weight, { minLength: (TAG_COUNT + 1) * TAG_COUNT, maxLength: (TAG_COUNT + 1) * TAG_COUNT }),
        (tokens, transitionWeights) => {
          const scores = Float64Array.from(tokens.flatMap(([row, onlyO]) => (onlyO ? row.map((w, t) => (t === 0 ? w : -Infinity)) : row)));
          const transition = Float32Array.from(transitionWeights);
          const tags = viterbi(scores, transition);
          let total = 0;
          let prev = START;
          tags.forEach((t, i) => {
            assert.ok(ALLOWED[prev * TAG_COUNT + t], 'a legal sequence');
            total += scores[i * TAG_COUNT + t] + transition[prev * TAG_COUNT + t];
            prev = t;
          });
          assert.ok(CAN_END[prev]);
          assert.ok(Math.abs(total - best(scores, transition)) < 1e-6, `${total} is the best score`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('turns spans into BILOU tags and back', () => {
    const spans = [
      { type: 'PER' as const, start: 0, end: 3 },
      { type: 'LOC' as const, start: 4, end: 5 },
    ];
    const tags = spansToTags(spans, 6);
    assert.deepEqual(
      tags.map((t) => TAGS[t]),
      ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC', 'O'],
    );
    assert.deepEqual(tagsToSpans(tags), spans);
  });
});

describe('NER features', () => {
  const gazetteer = new Gazetteer();
  gazetteer.add(['Staffan', 'de', 'Mistura'], 'PER');
  const lexicon = { gazetteer, external: new Gazetteer() };

  it('fills every slot for every token, the same way each time', () => {
    const words = ['Staffan', 'de', 'Mistura', 'met', 'reporters', '.'];
    const context = documentContext([words]);
    const a = sentenceFeatures(words, context, lexicon, 2 ** 20 - 1);
    assert.equal(a.length, words.length * FEATURES_PER_TOKEN);
    assert.deepEqual(a, sentenceFeatures(words, context, lexicon, 2 ** 20 - 1));
    const other = sentenceFeatures(['Kerry', 'de', 'Mistura', 'met', 'reporters', '.'], context, lexicon, 2 ** 20 - 1);
    assert.notDeepEqual(a.slice(0, FEATURES_PER_TOKEN), other.slice(0, FEATURES_PER_TOKEN));
  });

  it('finds gazetteer names from a capitalised token only', () => {
    const match = gazetteer.match(['Staffan', 'de', 'Mistura'], ['staffan', 'de', 'mistura']);
    assert.deepEqual([match[0], match[4], match[8]], [1, 2, 3], 'B, I, L of PER');
    assert.equal(gazetteer.match(['staffan', 'de', 'mistura'], ['staffan', 'de', 'mistura'])[0], 0);
  });

  it('computes shapes, headlines and document hints', () => {
    assert.equal(shortShape('Lavrov'), 'Xx');
    assert.equal(shortShape('U.S.'), 'X.X.');
    assert.equal(shortShape('1996-08-22'), 'd-d-d');
    assert.equal(isHeadline(['Russians', 'Insist', 'on', 'No', 'Delay', 'of', 'Syria', 'Talks']), true);
    assert.equal(isHeadline(['Lavrov', 'said', 'talks', 'continue']), false);
    const context = documentContext([
      ['Support', 'for', 'the', 'International', 'Syria', 'Support', 'Group', '(', 'ISSG', ')', 'grows', 'steadily'],
      ['They', 'will', 'support', 'it', '.'],
    ]);
    assert.ok(context.acronyms.has('ISSG'));
    assert.ok(context.seenLowercase.has('support'));
    assert.ok(context.seenCapitalisedInside.has('international'));
  });
});

describe('NER training and the model file', () => {
  /** People follow "Mr" or "met"; places follow "in"; everything else is O. */
  function synthetic(seed: number, count: number): LabelledDocument[] {
    const people = ['Adams', 'Baker', 'Clarke', 'Dolan', 'Evans', 'Fisher', 'Grant', 'Hughes'];
    const places = ['Paris', 'Lagos', 'Quito', 'Oslo', 'Lima', 'Rome', 'Kiev', 'Doha'];
    const docs: LabelledDocument[] = [];
    for (let d = 0; d < count; d++) {
      const person = people[(d * 3 + seed) % people.length];
      const place = places[(d * 5 + seed) % places.length];
      docs.push({
        sentences: [
          {
            words: ['Mr', person, 'arrived', 'in', place, 'today', '.'],
            spans: [
              { type: 'PER', start: 1, end: 2 },
              { type: 'LOC', start: 4, end: 5 },
            ],
          },
          {
            words: ['Officials', 'met', person, 'in', place, '.'],
            spans: [
              { type: 'PER', start: 2, end: 3 },
              { type: 'LOC', start: 4, end: 5 },
            ],
          },
        ],
      });
    }
    return docs;
  }

  it('learns a tiny synthetic task deterministically and keeps it through the model file', () => {
    const options = { buckets: 2 ** 14, maxEpochs: 5, patience: 2, seed: 7, gazetteerFolds: 2, external: new Gazetteer() };
    const trainedA = train(synthetic(0, 40), synthetic(1, 10), options);
    const trainedB = train(synthetic(0, 40), synthetic(1, 10), options);
    assert.equal(trainedA.devF1, 100);
    assert.deepEqual(trainedA.emission, trainedB.emission, 'same seed, same weights');
    const { emission, scale } = quantise(
      trainedA.emission,
      trainedA.emission.reduce((max, w) => Math.max(max, Math.abs(w)), 0),
    );
    const model: NerModel = {
      buckets: options.buckets,
      emission,
      scale,
      transition: trainedA.transition,
      gazetteer: trainedA.gazetteer,
      external: trainedA.external,
      meta: { devF1: 100, epochs: trainedA.epochs, trainedOn: 'synthetic', trainingSeconds: 0 },
    };
    const restored = parseModel(serialiseModel(model));
    assert.deepEqual(restored.emission.rowStart, emission.rowStart);
    assert.deepEqual(restored.emission.values, emission.values);
    assert.deepEqual(restored.gazetteer.toJSON(), model.gazetteer.toJSON());
    const spans = new Recognizer(restored).recognizeRaw('Mr Grant arrived in Oslo today.').entities;
    assert.deepEqual(
      spans.map((e) => `${e.type}:${e.text}`),
      ['PER:Grant', 'LOC:Oslo'],
    );
  });

  it('scores a sentence from its per-word caches exactly as from all of its features, in both passes, and a word outside every name as O only', () => {
    const recognizer = Recognizer.fromFile();
    const { model } = recognizer;
    const sentences = [
      ['BLAIR', 'BACKS', 'Brown', 'OVER', 'TAX'],
      ['Gordon', 'Brown', 'told', 'the', 'BBC', 'that', 'Labour', 'would', 'win', '.'],
      ['Brown', 'is', 'a', 'colour', ',', 'and', 'Labour', 'is', 'hard', 'labour', '.'],
      ['Paice', 'played', 'for', 'van', 'der', 'Walt', 'and', 'the', 'club', 'in', 'the', 'spring', '.'],
      ['Staffan', 'de', 'Mistura', 'of', 'the', 'International', 'Syria', 'Support', 'Group', '(', 'ISSG', ')', 'met', 'U.S.', 'officials', '.'],
    ];
    const first = documentContext(sentences);
    const second = { ...first, labelledAs: labelledWords(sentences, recognizer.tagSentences(sentences)) };
    const info = wordInfoFor(model.clusters);
    for (const context of [first, second]) {
      for (const words of sentences) {
        const fast = recognizer.scoreSentence(
          words,
          words.map((word) => info(word)),
          context,
        );
        const full = sparseScores(sentenceFeatures(words, context, model, model.buckets - 1), FEATURES_PER_TOKEN, model.emission, model.scale);
        const plain = (i: number) => i < 0 || i >= words.length || (!/[\p{Lu}\d]/u.test(words[i]) && !['de', 'van', 'der'].includes(words[i]));
        fast.forEach((score, k) => {
          const i = Math.floor(k / TAG_COUNT);
          if (!(plain(i - 1) && plain(i) && plain(i + 1))) assert.ok(Math.abs(score - full[k]) < 1e-9, `${words.join(' ')}: slot ${k} ${score} ≠ ${full[k]}`);
          else assert.ok(k % TAG_COUNT === 0 ? Number.isFinite(score) : score === -Infinity, `${words[i]} is outside every name: O only`);
        });
      }
    }
  });

  it('refuses a file that is not a model', () => {
    assert.throws(() => parseModel(Buffer.from('not a model at all')), /bad magic/);
  });

  it('reads CoNLL IOB1 and rebuilds raw text with entity offsets', () => {
    const docs = readConll(
      '-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n. . O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n',
    );
    assert.equal(docs.length, 1);
    const { text, entities } = detokenize(docs[0]);
    assert.equal(text, 'EU rejects German call.\nPeter Blackburn');
    assert.deepEqual(
      entities.map((e) => `${e.type}:${text.slice(e.start, e.end)}`),
      ['ORG:EU', 'MISC:German', 'PER:Peter Blackburn'],
    );
  });
});
