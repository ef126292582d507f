// How the bundles are built (scripts/esbuild-target.json, read by scripts/build.mjs, the benchmarks
// and the tests that bundle the server): the engine's regular expressions must reach the bundle as
// literals. esbuild rewrites a literal with a Unicode property escape (/^\p{Lu}/u) as
// `new RegExp("^\\p{Lu}", "u")` for Node targets unless told the escape is supported, and inside a
// function that makes a new RegExp object on every call (it cost the engine ~10% of its time).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import ESBUILD_TARGET from '../scripts/esbuild-target.json';

const ROOT = path.resolve(__dirname, '..');
const ANALYSIS = path.join(ROOT, 'server/src/analysis');
const CONSTRUCTED = /new RegExp\(/g;

describe('bundles', () => {
  it('keep the engine\'s regex literals as literals (only the sources\' own `new RegExp` calls are there)', async () => {
    const sources = readdirSync(ANALYSIS)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(ANALYSIS, f), 'utf8'));
    const written = sources.reduce((n, s) => n + (s.match(CONSTRUCTED)?.length ?? 0), 0);
    const literalsWithEscapes = sources.reduce((n, s) => n + (s.match(/\/[^/\n]*\\p\{[^/\n]*\/[a-z]*u/g)?.length ?? 0), 0);
    assert.ok(literalsWithEscapes > 10, `the engine's sources hold regex literals with \\p{…} (${literalsWithEscapes})`);
    const out = await esbuild.build({
      entryPoints: [path.join(ANALYSIS, 'analyze.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      ...ESBUILD_TARGET,
      write: false,
      logLevel: 'error',
    });
    const bundled = out.outputFiles[0].text.match(CONSTRUCTED)?.length ?? 0;
    assert.ok(bundled <= written, `${bundled} \`new RegExp(\` in the bundle against ${written} in the sources`);
  });

  it('the engine makes no object by spreading another (in this V8, each gets a hidden class of its own)', () => {
    // Node 20's V8 gives every object made by `{ ...x }` a new hidden class: 21,500 cached name
    // parts in an analysis worker had 21,500 classes (~6 MB), and code reading them ran megamorphic.
    const probe = `const src = (i) => ({ start: i, end: i + 1, text: 'x', title: null });
      const spread = Array.from({ length: 50 }, (_, i) => ({ ...src(i), key: 'k' }));
      const assigned = Array.from({ length: 50 }, (_, i) => Object.assign({}, src(i), { key: 'k' }));
      const classes = (xs) => xs.filter((x) => !%HaveSameMap(x, xs[0])).length + 1;
      console.log(JSON.stringify([classes(spread), classes(assigned)]));`;
    const [spread, assigned] = JSON.parse(execFileSync(process.execPath, ['--allow-natives-syntax', '-e', probe], { encoding: 'utf8' })) as number[];
    assert.equal(assigned, 1, 'Object.assign shares one hidden class');
    const sources = readdirSync(ANALYSIS)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [f, readFileSync(path.join(ANALYSIS, f), 'utf8').replace(/^\s*\/\/.*$/gm, '')]);
    const spreading = sources.filter(([, s]) => /\{\s*\.\.\./.test(s)).map(([f]) => f);
    // (while this V8 does it — a later one may not, and then the rule can go)
    if (spread > 1) assert.deepEqual(spreading, [], `${spread} hidden classes for 50 spread objects; the engine spreads in ${spreading.join(', ')}`);
  });
});
