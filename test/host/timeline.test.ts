import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension';
import { activateExtension, waitFor } from './helpers';

describe('the timeline in the real VS Code', () => {
  let api: CorpusLensApi;

  before(async () => {
    api = await activateExtension();
    await api.entities.whenReady();
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows the whole corpus by month, counting the undated seeds apart', async () => {
    await vscode.commands.executeCommand('corpusLens.showTimeline');
    const [corpus] = api.timeline.lastShown;
    assert.equal(corpus.name, null);
    assert.equal(corpus.buckets[0].period, '2016-06');
    assert.deepEqual(corpus.buckets[0].bySource, { EIR: 1 });
    assert.equal(corpus.buckets.at(-1)?.period, '2021-08');
    assert.equal(corpus.undated, 3);
  });

  it('shows one entity by its mentions, from a People view node', async () => {
    const card = await api.engine.entityCard('Lavrov', { limit: 0, related: 0 });
    assert.ok(card);
    await vscode.commands.executeCommand('corpusLens.showTimelineFor', { kind: 'entity', entity: card.entity });
    const [lavrov] = api.timeline.lastShown;
    assert.equal(lavrov.name, 'Sergei Lavrov');
    assert.equal(lavrov.buckets.reduce((n, b) => n + b.articles, 0) + lavrov.undated, 5);
    assert.ok(lavrov.buckets.some((b) => b.mentions > 1));
  });

  it('a chosen period filters the search panel with date: (in place of an earlier one) and reveals it in the tree', async () => {
    const shownQuery = (query: string) => () => api.searchPanel.lastResults?.type === 'results' && api.searchPanel.lastResults.query === query;
    await vscode.commands.executeCommand('corpusLens.openSearchPanel', 'Lavrov');
    await waitFor('the query Lavrov', shownQuery('Lavrov'), 20_000);
    await vscode.commands.executeCommand('corpusLens.addSearchFilter', 'date:2016-06');
    await waitFor('Lavrov in June 2016', shownQuery('Lavrov date:2016-06'), 20_000);
    await vscode.commands.executeCommand('corpusLens.addSearchFilter', 'date:2021-08');
    await waitFor('the new period in place of the old', shownQuery('Lavrov date:2021-08'), 20_000);
    await vscode.commands.executeCommand('corpusLens.revealPeriod', '2016-06');
    assert.equal(api.articlesTree.grouping, 'date');
    await vscode.commands.executeCommand('corpusLens.groupBySource');
  });
});
