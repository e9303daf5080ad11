import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setting, SETTING_KEYS } from '../../src/features/shared/settings';
import { EXTENSION_ID } from './helpers';

describe('the settings module', () => {
  it('names every setting package.json contributes, each with a default VS Code answers with', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const manifest = JSON.parse(readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(
      Object.keys(properties)
        .map((k) => k.replace(/^corpusLens\./, ''))
        .sort(),
      [...SETTING_KEYS].sort(),
    );
    for (const key of SETTING_KEYS) {
      assert.ok('default' in properties[`corpusLens.${key}`], `${key} has a default in package.json`);
      assert.notEqual(setting(key), undefined, `${key} is answered`);
    }
  });
});
