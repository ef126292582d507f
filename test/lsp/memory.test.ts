// The idle collector (server/src/lsp/memory.ts) on mocked clocks: full collections once a large
// change has settled and stayed quiet, spread out; none after small changes (typing), none once
// the index is busy again; the real collection it asks V8 for; and the heap growth limit (in a
// child process, as V8's flags are the process's).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import {
  fullCollection, HEAP_GROWING_PERCENT, HeapGrowth, IdleCollector, KeystrokeScavenger, SCAN_HEAP_GROWING_PERCENT, youngCollection, youngFill,
  type CollectorOptions,
} from '../../server/src/lsp/memory';

const OPTIONS: CollectorOptions = { afterChanged: 1000, delayMs: 2000, rounds: 3, spacingMs: 500 };

/** Advances the mocked clock in small steps (timers a timer sets run in a later step). */
function wait(ms: number): void {
  for (let t = 0; t < ms; t += 100) mock.timers.tick(100);
}

/** A collector whose collections and releases of memos are noted: what happened, at what time. */
function collector() {
  const at: number[] = [];
  const events: string[] = [];
  const c = new IdleCollector(
    () => {
      at.push(Date.now());
      events.push(`collect ${Date.now()}`);
    },
    OPTIONS,
    () => events.push(`release ${Date.now()}`),
  );
  return { c, at, events };
}

describe('idle collector', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  it('collects a few times, spread out, once a large change has settled and stayed quiet', () => {
    const { c, at, events } = collector();
    c.cancel();
    c.settled(10_000);
    mock.timers.tick(1000);
    c.settled(10_000); // settled again (another client request's change) while waiting: still one series
    mock.timers.tick(999);
    assert.deepEqual(at, [], 'not before the quiet time');
    mock.timers.tick(1);
    assert.deepEqual(at, [2000]);
    wait(5000);
    assert.deepEqual(at, [2000, 2500, 3000], 'three rounds, 500 ms apart');
    assert.deepEqual(events, ['release 2000', 'collect 2000', 'collect 2500', 'collect 3000'], 'the memos released once, before the first');
  });

  it('does not collect after small changes, however many (typing in a story)', () => {
    const { c, events } = collector();
    for (let i = 0; i < 100; i++) {
      c.cancel();
      c.settled(46);
      wait(300);
    }
    wait(10_000);
    assert.deepEqual(events, [], 'no collection, and the memos that typing uses kept');
  });

  it('drops the collections not done yet when the index gets busy again', () => {
    const { c, at, events } = collector();
    c.settled(5000);
    mock.timers.tick(1500);
    c.cancel();
    wait(10_000);
    assert.deepEqual(events, [], 'busy during the quiet time: nothing collected or released');
    c.settled(5000);
    mock.timers.tick(2000);
    assert.equal(at.length, 1);
    c.cancel();
    wait(10_000);
    assert.equal(at.length, 1, 'busy between rounds: the rest are dropped');
    c.settled(1000);
    wait(10_000);
    assert.equal(at.length, 4, 'the next large change collects again');
  });

  it('runs what follows the collections (the warm-up) after the last one, at once when none is due, never when they are cancelled', () => {
    const { c, events } = collector();
    const then = (what: string) => () => events.push(`${what} ${Date.now()}`);
    c.settled(10_000, then('first'));
    wait(5000);
    assert.deepEqual(events, ['release 2000', 'collect 2000', 'collect 2500', 'collect 3000', 'first 3000']);
    events.length = 0;
    c.settled(46, then('small'));
    assert.deepEqual(events, ['small 5000'], 'no collection due: at once');
    events.length = 0;
    c.settled(10_000, then('dropped'));
    mock.timers.tick(2000);
    c.settled(10_000, then('latest')); // settled again meanwhile: the latest runs, once
    wait(5000);
    assert.deepEqual(events, ['release 7000', 'collect 7000', 'collect 7500', 'collect 8000', 'latest 8000']);
    events.length = 0;
    c.settled(10_000, then('cancelled'));
    mock.timers.tick(2000);
    c.cancel();
    wait(10_000);
    assert.deepEqual(events, ['release 14000', 'collect 14000'], 'busy again: what follows is dropped with the collections');
    const none = new IdleCollector(null, OPTIONS);
    let ran = 0;
    none.settled(10_000, () => ran++);
    assert.equal(ran, 1, 'without a collection to call, at once');
  });

  it('does nothing without a collection to call', () => {
    const c = new IdleCollector(null, OPTIONS);
    // (a collector that scheduled its rounds anyway would call null when the clock moves on)
    assert.doesNotThrow(() => {
      c.settled(10_000);
      mock.timers.tick(10_000);
      c.cancel();
    });
  });
});

describe('full collection', () => {
  it('is V8\'s: memory held only by garbage is freed when it runs', () => {
    const gc = fullCollection();
    assert.ok(gc, 'expose-gc is available');
    let garbage: number[][] | null = Array.from({ length: 200 }, () => new Array(50_000).fill(1.5));
    const held = process.memoryUsage().heapUsed;
    garbage = null;
    gc();
    const after = process.memoryUsage().heapUsed;
    assert.equal(garbage, null);
    assert.ok(held - after > 50e6, `freed ${((held - after) / 1e6).toFixed(0)} MB of ~80 MB of garbage`);
  });
});

/**
 * In a child process (V8's flags are the process's): a live set of ~55 MB, then objects that live
 * long enough to be promoted and die. Prints the peak heap over the live heap after a collection.
 */
const GROWTH_PROBE = `
const { getHeapStatistics } = require('node:v8');
const { limitHeapGrowth } = require(${JSON.stringify(require.resolve('../../server/src/lsp/memory'))});
if (process.argv[1] === 'limit' && !limitHeapGrowth()) throw new Error('refused');
const live = [];
for (let i = 0; i < 300000; i++) live.push({ i, s: 'item ' + i, a: [i, i + 1] });
const ring = new Array(64).fill(null);
let peak = 0;
for (let r = 0; r < 1500; r++) {
  const batch = [];
  for (let i = 0; i < 2000; i++) batch.push({ r, i, s: 'g ' + r + ' ' + i });
  ring[r % ring.length] = batch;
  if (r % 25 === 0) peak = Math.max(peak, getHeapStatistics().used_heap_size);
}
globalThis.gc();
console.log(peak / getHeapStatistics().used_heap_size, live.length + ring.length);
`;

function growth(mode: 'limit' | 'default'): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', GROWTH_PROBE, mode], (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      resolve(Number(stdout.trim().split(' ')[0]));
    });
  });
}

describe('heap growth limit', () => {
  it('keeps the heap within about twice what is live, where V8 alone lets garbage pile up to several times it', async () => {
    const [limited, unlimited] = await Promise.all([growth('limit'), growth('default')]);
    assert.ok(limited < 2.2, `peak/live with the limit: ${limited}`);
    assert.ok(unlimited > limited * 1.6, `peak/live without it: ${unlimited}, with it: ${limited}`);
  });
});

/**
 * A child process makes a million records at one place in the code (kept: V8 then makes that
 * place's objects in the old generation), then 1.5 million short-lived ones there, and prints how
 * much the old generation grew meanwhile (MB) — with noPretenuring called first in 'off' mode.
 * (A plain script: compiled by tsx, or loading memory.ts through it, the probe saw V8 pretenure
 * only now and then.)
 */
const PRETENURING_PROBE = `
  const v8 = require('node:v8');
  if (process.argv[2] === 'off' && !require('./memory.js').noPretenuring()) throw new Error('V8 refused the flag');
  function make(i) { return { a: i, b: [i], c: { d: i } }; }
  const keep = [];
  for (let i = 0; i < 1e6; i++) keep.push(make(i));
  const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
  let sink;
  let grown = 0;
  for (let r = 0; r < 5; r++) {
    const before = old();
    for (let i = 0; i < 3e5; i++) sink = make(i);
    grown += old() - before;
  }
  console.log(grown / 1e6, keep.length, sink.a);
`;

function oldGrowth(mode: 'off' | 'default'): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'na-pretenuring-'));
  const script = join(dir, 'probe.js');
  writeFileSync(script, PRETENURING_PROBE);
  // (memory.ts bundled to plain JavaScript: loaded through tsx, the probe saw V8 pretenure only now and then)
  buildSync({ entryPoints: [require.resolve('../../server/src/lsp/memory')], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'memory.js'), logLevel: 'error' });
  return new Promise<number>((resolve, reject) => {
    execFile(process.execPath, [script, mode], (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      resolve(Number(stdout.trim().split(' ')[0]));
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('pretenuring off', () => {
  it('keeps short-lived objects young where V8 alone would make them old, once it had seen their like live long', async () => {
    const off = await oldGrowth('off');
    // V8 alone: 25–200 MB in most runs, but now and then a few (its decision depends on when its
    // collections fall): tried up to three times, to show the probe sees what the flag prevents.
    let on = 0;
    for (let i = 0; i < 3 && on <= 4 * Math.max(off, 10); i++) on = Math.max(on, await oldGrowth('default'));
    assert.ok(off < 10, `old generation grown by short-lived objects with pretenuring off: ${off} MB`);
    assert.ok(on > 4 * Math.max(off, 10), `the probe sees V8 pretenure: ${on} MB without the flag, ${off} MB with it`);
  });
});

describe('heap growth across scans', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'], now: 0 }));
  afterEach(() => mock.timers.reset());

  /** A HeapGrowth whose settings and collections are noted. */
  function growthPolicy() {
    const events: string[] = [];
    const h = new HeapGrowth(
      () => events.push('collect'),
      (percent) => {
        events.push(`growth ${percent}`);
        return true;
      },
      1000,
    );
    return { h, events };
  }

  it("limits V8's growth loosely while a scan runs, more tightly after, and collects once after a large scan's end has gone out", () => {
    const { h, events } = growthPolicy();
    h.scanStarted();
    assert.deepEqual(events, [`growth ${SCAN_HEAP_GROWING_PERCENT}`]);
    assert.ok(SCAN_HEAP_GROWING_PERCENT > HEAP_GROWING_PERCENT);
    h.scanEnded(10_000);
    assert.deepEqual(events, [`growth ${SCAN_HEAP_GROWING_PERCENT}`, `growth ${HEAP_GROWING_PERCENT}`], 'not at once: the scan’s end is written out first');
    mock.timers.tick(200);
    assert.deepEqual(events, [`growth ${SCAN_HEAP_GROWING_PERCENT}`, `growth ${HEAP_GROWING_PERCENT}`, 'collect']);
    mock.timers.tick(10_000);
    assert.equal(events.filter((e) => e === 'collect').length, 1);
  });

  it('gives V8 its own growth back once everything is published', () => {
    const { h, events } = growthPolicy();
    h.scanStarted();
    h.scanEnded(10_000);
    mock.timers.tick(200);
    h.settled();
    assert.deepEqual(events, [`growth ${SCAN_HEAP_GROWING_PERCENT}`, `growth ${HEAP_GROWING_PERCENT}`, 'collect', 'growth 0']);
    // (and after a pause in typing, with no limit in force, nothing is set again)
    h.settled();
    h.settled();
    assert.deepEqual(events, [`growth ${SCAN_HEAP_GROWING_PERCENT}`, `growth ${HEAP_GROWING_PERCENT}`, 'collect', 'growth 0']);
  });

  it('does not collect after a small scan, nor after one that a new scan follows at once', () => {
    const { h, events } = growthPolicy();
    h.scanEnded(40);
    mock.timers.tick(1000);
    assert.deepEqual(events, [`growth ${HEAP_GROWING_PERCENT}`]);
    h.scanEnded(5000);
    h.scanStarted();
    mock.timers.tick(1000);
    assert.deepEqual(events, [`growth ${HEAP_GROWING_PERCENT}`, `growth ${HEAP_GROWING_PERCENT}`, `growth ${SCAN_HEAP_GROWING_PERCENT}`]);
    h.scanEnded(5000);
    h.cancel(); // the server stops
    mock.timers.tick(1000);
    assert.ok(!events.includes('collect'));
  });
});

/** A turn of the event loop after the immediates set now (and those they set) have run. */
const turns = (n = 3) => new Promise<void>((r) => { const step = (k: number) => (k ? setImmediate(() => step(k - 1)) : r()); step(n); });

describe('scavenge after a keystroke', () => {
  function scavenger(fill: number, busy = false) {
    const s = { fill, busy, scavenges: 0 };
    const k = new KeystrokeScavenger(() => s.scavenges++, () => s.busy, () => s.fill, 0.5);
    return { k, s };
  }

  it('scavenges once the keystroke\'s diagnostics are written, when the young generation is half full', async () => {
    const { k, s } = scavenger(0.6);
    let written!: () => void;
    k.answered(new Promise<void>((r) => (written = r)));
    await turns();
    assert.equal(s.scavenges, 0, 'not before the diagnostics are out');
    written();
    await turns();
    assert.equal(s.scavenges, 1);
  });

  it('leaves a young generation under half full alone, and skips the scavenge when more work is pending (the next keystroke first)', async () => {
    const low = scavenger(0.3);
    low.k.answered(undefined);
    await turns();
    assert.equal(low.s.scavenges, 0);
    const busy = scavenger(0.9, true);
    busy.k.answered(Promise.resolve());
    await turns();
    assert.equal(busy.s.scavenges, 0);
  });

  it('scavenges once for the diagnostics of several documents written together, and not after dispose', async () => {
    const { k, s } = scavenger(0.8);
    k.answered(Promise.resolve());
    k.answered(Promise.resolve());
    await turns();
    assert.equal(s.scavenges, 1);
    k.answered(Promise.resolve());
    k.dispose();
    await turns();
    assert.equal(s.scavenges, 1);
  });

  it("is V8's: a scavenge empties the young generation of garbage", () => {
    const scavenge = youngCollection(fullCollection());
    assert.ok(scavenge, 'expose-gc is available');
    let sink = 0;
    // (filled most of the way with garbage: what stays after a scavenge is what the test runner
    // keeps alive, a small part of even the smallest young generation)
    for (let i = 0; i < 5_000_000 && youngFill() < 0.8; i++) sink += [i, i + 1].length;
    const before = youngFill();
    scavenge();
    const after = youngFill();
    assert.ok(sink > 0);
    assert.ok(before >= 0.8 && after < before / 2, `young generation ${(100 * before).toFixed(0)}% full before, ${(100 * after).toFixed(0)}% after`);
  });
});
