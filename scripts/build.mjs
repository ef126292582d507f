// One build script, three bundles: the VS Code client (vscode external), the language server and
// the CLI. `--production` minifies for packaging; development builds carry source maps.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

// The target every bundle of this project is built for (the benchmarks and tests read it too).
// esbuild turns a regex literal with a Unicode property escape (/^\p{Lu}/u) into `new RegExp(…)`
// for any Node target, so a function holding one made a new RegExp object each time it ran: 44
// of them in the engine, ~10% of its time on generated articles. Node has had those escapes
// since version 10, so they are declared supported and stay literals, made once.
const TARGET = JSON.parse(readFileSync(new URL('./esbuild-target.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  ...TARGET,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/index/worker.ts'], outfile: 'dist/worker.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]));

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
