// `npm run fuzz`: the properties of test/fuzz.test.ts run longer, with fresh seeds, then the time
// each bad-input class takes at 1×, 2× and 4× size, to show the engine is linear.
//
//   FUZZ_RUNS=2000        runs per property (default 1000; the corpus property runs a fifth)
//   FUZZ_SEED=123         replay a seed (default: new each run, printed)
//   FUZZ_TABLE_KB=100     size of 1× in the timing table (default 100 KB; 0 skips the table)
//   FUZZ_ONLY=Chinese     only the table rows whose name contains this
//
// Failures print their seed, path and shrunk counterexample; replay one with FUZZ_SEED and
// fast-check's path. Exit status 1 when a property failed or a class's scanning work grew
// faster than its size (the time columns are printed, not judged: this machine is shared).

import fc from 'fast-check';
import { analyzeArticle } from '../server/src/analysis/analyze';
import { CorpusIndex } from '../server/src/analysis/corpus';
import { analyseChecked, anyArticle, corpusSteps, INPUT_CLASSES, playCorpus, regexWork, seedArticles } from '../test/fuzz-support';

const runs = Number(process.env.FUZZ_RUNS ?? 1000);
const tableKb = Number(process.env.FUZZ_TABLE_KB ?? 100);
const only = process.env.FUZZ_ONLY;
const baseSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const seeds = seedArticles();
let failed = false;

function runProperty(name: string, seed: number, numRuns: number, property: fc.IPropertyWithHooks<unknown> | fc.IProperty<unknown>): void {
  const started = Date.now();
  const details = fc.check(property, { numRuns, seed });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (details.failed) {
    failed = true;
    const example = JSON.stringify(details.counterexample)?.slice(0, 2000);
    console.log(`✖ ${name}: FAILED after ${details.numRuns} runs (${secs} s)`);
    console.log(`  seed ${details.seed}, path "${details.counterexamplePath}"`);
    console.log(`  counterexample (shrunk ${details.numShrinks}×): ${example}`);
    console.log(`  ${String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance).split('\n').join('\n  ')}`);
  } else {
    console.log(`✔ ${name}: ${details.numRuns} runs, seed ${seed} (${secs} s)`);
  }
}

console.log(`fuzzing with ${runs} runs per property, seed ${baseSeed} (${seeds.length} seed articles)`);
runProperty(
  'engine: never throws, ranges inside and ordered, deterministic',
  baseSeed,
  runs,
  fc.property(anyArticle(seeds), (text) => {
    analyseChecked(text);
  }),
);
runProperty(
  'corpus index: update/remove in any order = built from scratch, findings inside their articles',
  baseSeed + 1,
  Math.max(1, Math.round(runs / 5)),
  fc.property(corpusSteps(seeds), (steps) => {
    playCorpus(steps);
  }),
);

// ---- the timing table ---------------------------------------------------------------------------

/** CPU milliseconds of `fn` (user + system of this process), best of `n`. */
function cpuMs(fn: () => void, n = 3): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const before = process.cpuUsage();
    fn();
    const d = process.cpuUsage(before);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

if (tableKb > 0) {
  const unit = tableKb * 1000;
  const sizes = [1, 2, 4];
  const cols = ['engine', 'index', 'twins'] as const;
  console.log(`\nCPU ms per 100 KB (best of 3) at ${sizes.map((k) => `${k * tableKb} KB`).join(', ')}; "g" = per-KB time at 4× ÷ at 1× (1 = linear, 4 = quadratic)`);
  console.log('engine = analyzeArticle; index = CorpusIndex.update + findings of one file (what the server does per file);');
  console.log('twins = the same text as two files (two outlets running one wire story): both updates and both findings');
  console.log('work = regex characters scanned per character by the engine at 1× and 4× (deterministic; must not grow)\n');
  const header = ['input class'.padEnd(38)];
  for (const col of cols) header.push(...sizes.map((k) => `${col} ${k}×`.padStart(10)), 'g'.padStart(6));
  header.push('work 1×→4×'.padStart(15));
  console.log(header.join(''));
  const worst: Record<(typeof cols)[number], number> = { engine: 0, index: 0, twins: 0 };
  for (const c of INPUT_CLASSES) {
    if (only && !c.name.includes(only)) continue;
    analyzeArticle(c.make(unit / 4)); // warm up the code paths this class takes
    const t: Record<(typeof cols)[number], number[]> = { engine: [], index: [], twins: [] };
    for (const k of sizes) {
      const text = c.make(unit * k);
      const per100k = 100_000 / text.length;
      const analysis = analyzeArticle(text);
      t.engine.push(cpuMs(() => analyzeArticle(text)) * per100k);
      t.index.push(
        cpuMs(() => {
          const ix = new CorpusIndex();
          ix.update('file:///ws/a.txt', text, analysis);
          ix.findings('file:///ws/a.txt');
        }) * per100k,
      );
      t.twins.push(
        cpuMs(() => {
          const ix = new CorpusIndex();
          ix.update('file:///ws/a.txt', text, analysis);
          ix.update('file:///ws/b.txt', text, analysis);
          ix.findings('file:///ws/a.txt');
          ix.findings('file:///ws/b.txt');
        }, 1) * per100k,
      );
    }
    const w1 = c.make(unit);
    const w4 = c.make(unit * 4);
    const work1 = regexWork(() => analyzeArticle(w1)) / w1.length;
    const work4 = regexWork(() => analyzeArticle(w4)) / w4.length;
    const workGrows = work4 > work1 * 1.5 + 5;
    if (workGrows) failed = true;
    const row = [c.name.padEnd(38)];
    for (const col of cols) {
      const v = t[col];
      const g = v[2] / Math.max(v[0], 0.1);
      worst[col] = Math.max(worst[col], ...v);
      row.push(...v.map((x) => x.toFixed(1).padStart(10)), `${g.toFixed(1)}${g > 2 ? '!' : ' '}`.padStart(6));
    }
    row.push(`${work1.toFixed(0)}→${work4.toFixed(0)}${workGrows ? ' SUPER' : ''}`.padStart(15));
    console.log(row.join(''));
  }
  console.log(`\nslowest per 100 KB: engine ${worst.engine.toFixed(0)} ms, index ${worst.index.toFixed(0)} ms, twins ${worst.twins.toFixed(0)} ms (CPU).`);
  console.log('"!" marks per-KB time more than doubling from 1× to 4×: super-linear, or noise on a shared machine');
  console.log('(rerun with FUZZ_ONLY=<class>); "SUPER" marks engine scanning work growing with the size (exact).');
}

process.exitCode = failed ? 1 : 0;
