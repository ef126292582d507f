// An in-process harness for the cross-source index (no server, no JSON-RPC): builds a generated
// corpus into a CorpusIndex the way a workspace scan does, computes every article's findings, and
// replays one-character edits of the long article — timing each step, and writing every finding
// to a file so two versions of the index can be compared on the same corpus. Analyses are kept in
// a file between runs (the engine is not what this measures).
//
//   node --import tsx bench/corpus-profile.ts --articles 1000 [--out findings.json] [--edits 200] [--slim] [--check]
// --slim indexes the articles as a warm server start does: from their prepared articles alone
// (through the cache's encoding), keeping few full analyses. (The index then keeps each text
// packed — see packText — beside the generator's copy, which this harness holds: the heap figure
// after the build counts both, ~43 MB more at 10,000 articles than the index alone holds.)
// (Copy it into another checkout's bench/ to compare that version; run it under `node --cpu-prof`,
// bundled by esbuild for readable line numbers, to see where the time goes.)

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeArticle, ENGINE_VERSION } from '../server/src/analysis/analyze';
import { CorpusIndex, prepareArticle } from '../server/src/analysis/corpus';
import type { ArticleAnalysis } from '../server/src/analysis/types';
import { decodeAnalysis, decodeValue, encodeAnalysis, encodeValue } from '../server/src/index/codec';
import { generateCorpus } from './generate';

const args = process.argv.slice(2);
const arg = (name: string, fallback?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const N = Number(arg('--articles', '1000'));
const EDITS = Number(arg('--edits', '200'));
const OUT = arg('--out');
const SLIM = args.includes('--slim');

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main(): Promise<void> {
  const c = generateCorpus(N, 1, true);
  const dir = path.join(tmpdir(), 'na-corpus-profile');
  mkdirSync(dir, { recursive: true });
  const store = path.join(dir, `analyses-${N}-${ENGINE_VERSION}.jsonl`);
  let analyses: ArticleAnalysis[];
  let t0 = performance.now();
  if (existsSync(store)) {
    const lines = readFileSync(store, 'utf8').split('\n');
    analyses = c.articles.map((a, i) => decodeAnalysis(lines[i], a.text));
    console.log(`analyses read from ${store} in ${ms(performance.now() - t0)}`);
  } else {
    analyses = c.articles.map((a) => analyzeArticle(a.text));
    console.log(`analysed ${N} articles in ${ms(performance.now() - t0)}`);
    writeFileSync(store, c.articles.map((a, i) => encodeAnalysis(analyses[i], a.text)).join('\n'));
  }

  t0 = performance.now();
  let prepared = c.articles.map((a, i) => prepareArticle(a.text, analyses[i]));
  const prepareMs = performance.now() - t0;
  if (SLIM) {
    prepared = prepared.map((p, i) => decodeValue(encodeValue(p, c.articles[i].text), c.articles[i].text) as typeof p);
    analyses = [];
  }
  const opts = SLIM ? { keepAnalyses: 32 } : {};

  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const index = new CorpusIndex({}, opts);
  t0 = performance.now();
  index.beginBulk();
  c.articles.forEach((a, i) => index.update(a.name, a.text, analyses[i], prepared[i]));
  const affectedAll = index.endBulk();
  const buildMs = performance.now() - t0;
  global.gc?.();
  const heap1 = process.memoryUsage().heapUsed;

  t0 = performance.now();
  const findings: Record<string, unknown> = {};
  let count = 0;
  for (const p of [...affectedAll].sort()) {
    const f = index.findings(p);
    count += f.length;
    findings[p] = f;
  }
  const findingsMs = performance.now() - t0;
  t0 = performance.now();
  let conflicts = 0;
  for (const p of index.paths()) conflicts += index.findingCounts(p)['figure-conflict'] ?? 0;
  const countsMs = performance.now() - t0;
  const json = JSON.stringify(findings);
  const digest = createHash('sha1').update(json).digest('hex').slice(0, 12);
  if (OUT) writeFileSync(OUT, json);

  console.log(`${N} articles: prepare ${ms(prepareMs)}, bulk build ${ms(buildMs)} (heap +${((heap1 - heap0) / 1e6).toFixed(0)} MB), ` +
    `all findings ${ms(findingsMs)} (${count}, ${conflicts} conflicts, digest ${digest}), counts again ${ms(countsMs)}`);

  // One-character edits of the long article, as the benchmark types them.
  const rel = c.longArticle!;
  let text = c.articles.find((a) => a.name === rel)!.text;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const analyse: number[] = [];
  const update: number[] = [];
  const own: number[] = [];
  const others: number[] = [];
  const affectedSizes: number[] = [];
  let inserted: number | null = null;
  const editsFrom = performance.now();
  for (let e = 0; e < EDITS; e++) {
    if (inserted === null) {
      inserted = 1 + Math.floor(rnd() * (text.length - 2));
      text = text.slice(0, inserted) + 'x' + text.slice(inserted);
    } else {
      text = text.slice(0, inserted) + text.slice(inserted + 1);
      inserted = null;
    }
    let t = performance.now();
    const a = analyzeArticle(text, index.analyzeOptions());
    analyse.push(performance.now() - t);
    t = performance.now();
    const affected: Set<string> = index.update(rel, text, a);
    update.push(performance.now() - t);
    affectedSizes.push(affected.size);
    t = performance.now();
    index.findings(rel);
    own.push(performance.now() - t);
    t = performance.now();
    for (const p of affected) if (p !== rel) index.findings(p);
    others.push(performance.now() - t);
  }
  console.log(`(edits from ${(editsFrom / 1000).toFixed(2)} s to ${(performance.now() / 1000).toFixed(2)} s after the start)`);
  if (global.gc) {
    global.gc();
    console.log(`heap: ${(heap1 / 1e6).toFixed(0)} MB after the build, ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB after the edits (run with --expose-gc)`);
  }
  if (args.includes('--check')) {
    // The index after the edits against one built from scratch on the final texts: every article's findings.
    const fresh = new CorpusIndex();
    fresh.beginBulk();
    c.articles.forEach((x, i) => (x.name === rel ? fresh.update(rel, text) : fresh.update(x.name, x.text, analyses[i], prepared[i])));
    fresh.endBulk();
    const all = (ix: CorpusIndex) => JSON.stringify(ix.paths().map((p) => [p, ix.findings(p), ix.summary(p)]));
    const same = all(index) === all(fresh);
    console.log(`after the edits: ${same ? 'the same findings as a fresh index' : 'FINDINGS DIFFER from a fresh index'}`);
    if (!same) process.exitCode = 1;
  }
  const line = (name: string, xs: number[]) => `${name} p50 ${ms(pct(xs, 0.5))} p95 ${ms(pct(xs, 0.95))} max ${ms(Math.max(...xs))}`;
  console.log(`edits of ${rel} (${(text.length / 1024).toFixed(1)} KB), ${EDITS}:`);
  console.log(`  ${line('analyse', analyse)}`);
  console.log(`  ${line('index update', update)}`);
  console.log(`  ${line('own findings', own)}`);
  console.log(`  ${line('affected findings', others)}; affected p50 ${pct(affectedSizes, 0.5)} max ${Math.max(...affectedSizes)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
