// Bundles the @vscode/test-electron runner and its suite into out/electron (the extension host loads
// plain CommonJS; `vscode` is provided by it, @vscode/test-electron stays a node_modules import).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const TARGET = JSON.parse(readFileSync(new URL('../../scripts/esbuild-target.json', import.meta.url), 'utf8'));

const common = { bundle: true, platform: 'node', format: 'cjs', ...TARGET, sourcemap: 'inline', logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: ['test/electron/runTest.ts'], outfile: 'out/electron/runTest.js', external: ['@vscode/test-electron'] });
await esbuild.build({ ...common, entryPoints: ['test/electron/suite/index.ts'], outfile: 'out/electron/suite/index.js', external: ['vscode'] });
