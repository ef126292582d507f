// The worker-thread analysis pool (server/src/index/pool.ts) against single-thread analysis: the
// same prepared articles for every article, with options and with the cache's entries; urgent jobs first;
// jobs handed ahead to each worker; cancelled jobs rejected; a broken worker script falling back to
// the main thread.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { generateCorpus } from '../bench/generate';
import { analyzeArticle } from '../server/src/analysis/analyze';
import { prepareArticle } from '../server/src/analysis/corpus';
import { encodeEntry } from '../server/src/index/cache';
import { AnalysisPool, CancelledError } from '../server/src/index/pool';
import { fullCollection } from '../server/src/lsp/memory';
import ESBUILD_TARGET from '../scripts/esbuild-target.json';

const ROOT = path.resolve(__dirname, '..');
let dir: string;
let script: string;
const texts = [
  ...readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(path.join(ROOT, 'examples', f), 'utf8')),
  ...generateCorpus(60, 5, true).articles.map((a) => a.text),
  '',
  '“Unclosed quote, 41 people. ”” “',
];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'na-pool-'));
  script = path.join(dir, 'worker.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'server/src/index/worker.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    ...ESBUILD_TARGET,
    logLevel: 'error',
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('analysis pool', () => {
  it('gives the same analyses as one thread, in worker threads', async () => {
    const pool = new AnalysisPool({ size: 2, workerScript: script });
    try {
      const results = await Promise.all(texts.map((t) => pool.analyse(t, {}, { entry: true })));
      assert.ok(pool.threaded);
      results.forEach((r, i) => {
        const expected = prepareArticle(texts[i], analyzeArticle(texts[i]));
        assert.deepStrictEqual(r.prepared, expected, `article ${i}, prepared`);
        assert.equal(r.entry, encodeEntry(expected, texts[i]), `article ${i}, cache entry`);
      });
    } finally {
      pool.dispose();
    }
  });

  it("keeps its workers' young generation small (an analysis's garbage dies young; V8 picks 48 MB)", async () => {
    const pool = new AnalysisPool({ size: 2, workerScript: script });
    try {
      await Promise.all(texts.slice(0, 8).map((t) => pool.analyse(t, {})));
      // (the pool's workers, as the running workers themselves report their limits)
      const workers = (pool as unknown as { slots: { worker: Worker }[] }).slots.map((s) => s.worker);
      assert.ok(workers.length > 0);
      for (const w of workers) {
        const young = w.resourceLimits?.maxYoungGenerationSizeMb;
        assert.ok(young !== undefined && young > 0 && young <= 8, `young generation ${young} MB`);
      }
    } finally {
      pool.dispose();
    }
  });

  it('passes the analysis options (aliases, ignored names) to the workers', async () => {
    const pool = new AnalysisPool({ size: 2, workerScript: script });
    try {
      const text = texts[0];
      const options = { aliases: [['Albertino Rebelo', 'Tito']], ignore: ['Total Views', '41'] };
      const r = await pool.analyse(text, options);
      assert.deepStrictEqual(r.prepared, prepareArticle(text, analyzeArticle(text, options)));
      assert.notDeepStrictEqual(r.prepared, prepareArticle(text, analyzeArticle(text)));
      assert.equal(r.entry, undefined, 'no cache entry unless asked');
    } finally {
      pool.dispose();
    }
  });

  it('runs urgent jobs before queued ones', async () => {
    // (a job at a time handed to the worker: the urgent one goes right after the one it holds)
    const pool = new AnalysisPool({ size: 1, workerScript: script, inFlightChars: 1 });
    try {
      const order: string[] = [];
      const queued = texts.slice(0, 12).map((t, i) => pool.analyse(t, {}).then(() => order.push(`q${i}`)));
      const urgent = pool.analyse(texts[1], {}, { urgent: true }).then(() => order.push('urgent'));
      await Promise.all([...queued, urgent]);
      assert.ok(order.indexOf('urgent') <= 1, order.join(' '));
    } finally {
      pool.dispose();
    }
  });

  it('hands a worker jobs ahead of its answers, up to inFlightChars of text (at least one)', async () => {
    const some = texts.slice(0, 10);
    const held = (pool: AnalysisPool) => (pool as unknown as { slots: { running: Map<number, unknown> }[] }).slots.map((s) => s.running.size);
    const limit = some[0].length + some[1].length + some[2].length;
    for (const [inFlightChars, expected] of [[limit, 3], [limit - 1, 2], [1, 1], [1e9, 10]]) {
      const pool = new AnalysisPool({ size: 1, workerScript: script, inFlightChars });
      try {
        const jobs = some.map((t) => pool.analyse(t, {}));
        assert.deepStrictEqual(held(pool), [expected], `inFlightChars ${inFlightChars}`);
        await Promise.all(jobs);
        assert.deepStrictEqual(held(pool), [0]);
      } finally {
        pool.dispose();
      }
    }
  });

  it('spreads jobs over its workers by the text each holds', async () => {
    const pool = new AnalysisPool({ size: 2, workerScript: script, inFlightChars: 1e9 });
    try {
      const some = texts.slice(0, 10);
      const jobs = some.map((t) => pool.analyse(t, {}));
      const slots = (pool as unknown as { slots: { running: Map<number, { text: string }>; chars: number }[] }).slots;
      const held = slots.map((s) => [...s.running.values()].reduce((n, j) => n + j.text.length, 0));
      assert.deepStrictEqual(held, slots.map((s) => s.chars));
      assert.equal(held.length, 2);
      assert.equal(held[0] + held[1], some.reduce((n, t) => n + t.length, 0));
      assert.ok(Math.abs(held[0] - held[1]) <= Math.max(...some.map((t) => t.length)), held.join(' '));
      await Promise.all(jobs);
      assert.deepStrictEqual(slots.map((s) => s.chars), [0, 0]);
    } finally {
      pool.dispose();
    }
  });

  it('lets go of the jobs it has run (nothing of a scan is held once its queue has drained)', async () => {
    const gc = fullCollection();
    assert.ok(gc, 'expose-gc is available');
    const pool = new AnalysisPool({ size: 1, workerScript: script });
    try {
      // (each job's options: an object the pool holds while it holds the job, and nothing else does)
      const held: WeakRef<object>[] = [];
      const jobs = texts.slice(0, 12).map((t) => {
        const options = {};
        held.push(new WeakRef(options));
        return pool.analyse(t, options);
      });
      await Promise.all(jobs);
      await new Promise((r) => setImmediate(r));
      gc();
      await new Promise((r) => setImmediate(r));
      const kept = held.filter((w) => w.deref() !== undefined).length;
      assert.equal(kept, 0, `${kept} of ${held.length} jobs still held`);
    } finally {
      pool.dispose();
    }
  });

  it('rejects cancelled jobs and still runs the others', async () => {
    // (cancelling reaches the jobs not handed to a worker yet: here all but the first)
    const pool = new AnalysisPool({ size: 1, workerScript: script, inFlightChars: 1 });
    try {
      const jobs = texts.slice(0, 20).map((t, i) => pool.analyse(t, {}, { tag: i % 2 }).then(
        () => 'done',
        (e) => (e instanceof CancelledError ? 'cancelled' : `error ${String(e)}`),
      ));
      const n = pool.cancel((tag) => tag === 1);
      const outcomes = await Promise.all(jobs);
      assert.ok(n >= 8, `cancelled ${n}`);
      assert.equal(outcomes.filter((o) => o === 'cancelled').length, n);
      assert.ok(outcomes.every((o, i) => (i % 2 === 0 ? o === 'done' : o === 'done' || o === 'cancelled')), outcomes.join(' '));
    } finally {
      pool.dispose();
    }
  });

  it('analyses on the main thread when there is no worker script, or it keeps failing', async () => {
    const broken = path.join(dir, 'broken.js');
    writeFileSync(broken, 'throw new Error("no engine here")');
    for (const workerScript of [null, broken]) {
      const logs: string[] = [];
      const pool = new AnalysisPool({ size: 2, workerScript, log: (m) => logs.push(m) });
      try {
        const some = texts.slice(0, 6);
        const results = await Promise.all(some.map((t) => pool.analyse(t, {}, { entry: true })));
        results.forEach((r, i) => {
          const expected = prepareArticle(some[i], analyzeArticle(some[i]));
          assert.deepStrictEqual(r.prepared, expected);
          assert.equal(r.entry, encodeEntry(expected, some[i]));
        });
        assert.equal(pool.threaded, false);
        if (workerScript) assert.match(logs.join('\n'), /main thread/);
      } finally {
        pool.dispose();
      }
    }
  });
});
