/**
 * The extension's settings, typed: one key map that mirrors package.json's `contributes.configuration`
 * (a test checks they agree). Defaults live in package.json only; VS Code answers with them.
 */
import * as vscode from 'vscode';
import type { SourcePatternSetting } from '../../core/types';

export interface Settings {
  corpusFolders: string[];
  maxFileSizeMB: number;
  memoryBudgetMB: number;
  treeGrouping: 'source' | 'date' | 'story';
  'hover.languages': string[];
  'hover.maxArticles': number;
  'notes.uncitedNames': 'hint' | 'information' | 'off';
  sourcePatterns: SourcePatternSetting[];
  'backend.url': string;
}

export type SettingKey = keyof Settings;

export const SECTION = 'corpusLens';

/** Every key, for the test that compares them with package.json. */
export const SETTING_KEYS: readonly SettingKey[] = [
  'corpusFolders',
  'maxFileSizeMB',
  'memoryBudgetMB',
  'treeGrouping',
  'hover.languages',
  'hover.maxArticles',
  'notes.uncitedNames',
  'sourcePatterns',
  'backend.url',
];

/** The value in force: the user's, the workspace's, or package.json's default. */
export function setting<K extends SettingKey>(key: K): Settings[K] {
  return vscode.workspace.getConfiguration(SECTION).get(key) as Settings[K];
}

export function updateSetting<K extends SettingKey>(key: K, value: Settings[K] | undefined, target: vscode.ConfigurationTarget): Thenable<void> {
  return vscode.workspace.getConfiguration(SECTION).update(key, value, target);
}

/** True when the change touches any of the keys. */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: SettingKey[]): boolean {
  return keys.some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
}
