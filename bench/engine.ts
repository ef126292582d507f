// The engine alone, in process: its throughput on one thread, the time of each of its passes, and a
// digest of everything it returns — so that a change meant to make it faster can be shown to leave
// its output exactly as it was (same digest before and after), and timed pass by pass.
//
//   node --expose-gc --import tsx bench/engine.ts [--articles 2000] [--seed 4242] [--rounds 3] [--digest-only] [--dir folder]
//
// Text: generated articles (bench/generate.ts, a seed no other bench run uses for its corpora by
// default), the bundled examples/ and, with --dir, the .txt files of another folder (real
// articles). The engine is the bundled one (engine-bundle.ts: the code that ships). The passes are
// timed as analyzeArticle runs them, each on its own clock, over the whole sample, the best of
// `rounds` rounds (the first round is also the warm-up of the JIT, so use at least 2).

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundledEngine } from './engine-bundle';
import { generateCorpus } from './generate';

const { analyzeArticle, ENGINE_VERSION, extractEntities, extractFigures, extractQuotes, parseStructure, stripBom } = bundledEngine();

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const N = Number(arg('--articles', '2000'));
const SEED = Number(arg('--seed', '4242'));
const ROUNDS = Math.max(1, Number(arg('--rounds', '3')));

const textsIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
const extra = args.indexOf('--dir') >= 0 ? textsIn(path.resolve(arg('--dir', '.'))) : [];
const texts = [...generateCorpus(N, SEED).articles.map((a) => a.text), ...textsIn(path.resolve(__dirname, '../examples')), ...extra];
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

// The digest: every result of analyzeArticle, in order, as JSON.
const hash = createHash('sha256');
for (const t of texts) hash.update(JSON.stringify(analyzeArticle(t))).update('\n');
const digest = hash.digest('hex').slice(0, 12);
console.log(`engine ${ENGINE_VERSION}: ${texts.length} articles, ${(bytes / 1e6).toFixed(2)} MB, output digest ${digest}`);
if (args.includes('--digest-only')) process.exit(0);

const passes = { structure: 0, entities: 0, quotes: 0, figures: 0 };
let bestTotal = Infinity;
let best = { ...passes };
for (let r = 0; r < ROUNDS; r++) {
  const round = { structure: 0, entities: 0, quotes: 0, figures: 0 };
  global.gc?.();
  const t0 = performance.now();
  for (const raw of texts) {
    // The same steps as analyzeArticle, each on its own clock.
    const text = stripBom(raw);
    let t = performance.now();
    const structure = parseStructure(text);
    let u = performance.now();
    round.structure += u - t;
    const { entities, mentions } = extractEntities(text, structure);
    t = performance.now();
    round.entities += t - u;
    extractQuotes(text, structure, mentions, entities);
    u = performance.now();
    round.quotes += u - t;
    extractFigures(text, structure, mentions, entities);
    round.figures += performance.now() - u;
  }
  const total = performance.now() - t0;
  if (total < bestTotal) [bestTotal, best] = [total, round];
}
const mbs = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(2);
console.log(`best of ${ROUNDS}: ${bestTotal.toFixed(0)} ms, ${mbs(bestTotal)} MB/s`);
for (const [k, ms] of Object.entries(best)) console.log(`  ${k.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / bestTotal).toFixed(1).padStart(5)}%`);
