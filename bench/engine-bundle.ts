// The engine as it ships: one esbuild bundle, built as scripts/build.mjs builds dist/server.js and
// dist/worker.js, so that the benchmarks time that code. Imported through tsx instead, each file
// is a module of its own and every call into another module reads a getter: the same engine on
// the same 1,500 articles ran at 5.45 MB/s that way against 6.5 MB/s bundled, and small helpers
// shared between files (text.ts) looked costly only because of it.

import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ESBUILD_TARGET from '../scripts/esbuild-target.json';

export type Engine = typeof import('./engine-entry');

export function bundledEngine(): Engine {
  const dir = mkdtempSync(path.join(tmpdir(), 'na-engine-'));
  const outfile = path.join(dir, 'engine.js');
  try {
    buildSync({
      entryPoints: [path.join(__dirname, 'engine-entry.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      ...ESBUILD_TARGET,
      logLevel: 'warning',
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(outfile) as Engine;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
