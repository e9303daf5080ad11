// One esbuild configuration for every bundle: `node esbuild.mjs [extension|node|tools|tests|webview|all] [--watch]`.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

// Node 20 runs all of ES2022; esbuild's 'node20' target would turn every /\p{L}/u literal into a
// `new RegExp(…)` built at each call (a regular expression object per word in the recognizer).
const node = { bundle: true, platform: 'node', mainFields: ['module', 'main'], target: 'es2022', format: 'cjs', sourcemap: true, logLevel: 'warning' };

/** Every .ts file under a folder. */
function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const targets = {
  // The extension and its worker threads: dist/extension.js, dist/engineWorker.js, dist/parseWorker.js (also used by the CLI).
  extension: {
    ...node,
    entryPoints: ['src/extension.ts', 'src/core/engine/engineWorker.ts', 'src/core/engine/parseWorker.ts'],
    entryNames: '[name]',
    external: ['vscode'],
    outdir: 'dist',
  },
  // The command line and the benchmarks, runnable with node.
  // PGlite (the backend benchmark) finds its WebAssembly files beside its own module: it stays in node_modules.
  node: {
    ...node,
    entryPoints: ['src/cli.ts', 'src/bench.ts'],
    external: ['playwright-core', '@electric-sql/pglite', '@electric-sql/pglite/*'],
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  // Dev tooling (code-server, test runners, training): dependencies stay in node_modules.
  tools: { ...node, entryPoints: tsFiles('src/tools'), packages: 'external', outdir: 'dist/tools' },
  // Unit, in-host and UI tests.
  tests: {
    ...node,
    entryPoints: tsFiles('test'),
    outbase: 'test',
    outdir: 'dist/test',
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
  },
  // Webview pages, for the browser.
  webview: {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: ['src/webview/searchPanel.ts', 'src/webview/compareCoverage.ts', 'src/webview/timeline.ts'],
    outdir: 'dist/webview',
  },
};

const [name = 'all', ...flags] = process.argv.slice(2);
const chosen = name === 'all' ? Object.keys(targets) : [name];
for (const key of chosen) {
  const options = targets[key];
  if (!options) throw new Error(`unknown target "${key}" (${Object.keys(targets).join(', ')}, all)`);
  if (flags.includes('--watch')) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
