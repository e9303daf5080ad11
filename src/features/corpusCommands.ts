/** Commands that choose the corpus: the bundled sample, a folder of the user's, and Refresh. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { updateSetting } from './shared/settings';
import { sampleCorpusFolder, setSampleCorpus } from './shared/corpusFolders';
import type { CorpusLoading } from './shared/corpusState';

export function activate(context: vscode.ExtensionContext, loading: CorpusLoading): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('corpusLens.refresh', () => loading.reload(true)),
    vscode.commands.registerCommand('corpusLens.openSampleCorpus', async () => {
      await setSampleCorpus(context, true);
      await loading.reload(true);
      void vscode.window.showInformationMessage(`Corpus Lens: showing the sample corpus (${sampleCorpusFolder(context)}).`);
    }),
    vscode.commands.registerCommand('corpusLens.closeSampleCorpus', async () => {
      await setSampleCorpus(context, false);
      await loading.reload(true);
    }),
    vscode.commands.registerCommand('corpusLens.chooseCorpusFolder', async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: 'Use as Corpus' });
      if (!picked || picked.length === 0) return;
      await updateSetting(
        'corpusFolders',
        picked.map((uri) => settingPathFor(uri.fsPath)),
        configurationTarget(),
      );
      await loading.reload(true);
    }),
  );
}

/** Workspace-relative when the folder is inside the workspace, so the setting travels with it. */
function settingPathFor(folder: string): string {
  const owner = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder));
  return owner ? path.relative(owner.uri.fsPath, folder) || '.' : folder;
}

function configurationTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}
