// The idle collector (server/src/lsp/memory.ts) on mocked clocks: full collections once a large
// change has settled and stayed quiet, spread out; none after small changes (typing), none while
// the index is busy again; and the real collection it asks V8 for.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { fullCollection, IdleCollector, type CollectorOptions } from '../../server/src/lsp/memory';

const OPTIONS: CollectorOptions = { afterChanged: 1000, delayMs: 2000, rounds: 3, spacingMs: 500 };

/** Advances the mocked clock in small steps (timers a timer sets run in a later step). */
function wait(ms: number): void {
  for (let t = 0; t < ms; t += 100) mock.timers.tick(100);
}

function collector() {
  const at: number[] = [];
  const c = new IdleCollector(() => at.push(Date.now()), OPTIONS);
  return { c, at };
}

describe('idle collector', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  it('collects a few times, spread out, once a large change has settled and stayed quiet', () => {
    const { c, at } = collector();
    c.changed(10_000);
    c.settled();
    mock.timers.tick(1999);
    assert.deepEqual(at, [], 'not before the quiet time');
    mock.timers.tick(1);
    assert.deepEqual(at, [2000]);
    wait(5000);
    assert.deepEqual(at, [2000, 2500, 3000], 'three rounds, 500 ms apart');
    c.settled();
    wait(10_000);
    assert.equal(at.length, 3, 'nothing changed since: no more collections');
  });

  it('does not collect after a small change, but counts changes across settles (a long spell of typing)', () => {
    const { c, at } = collector();
    c.changed(46);
    c.settled();
    wait(10_000);
    assert.deepEqual(at, [], 'a keystroke in a story of 46 articles');
    for (let i = 0; i < 21; i++) {
      c.changed(46);
      c.settled();
    }
    wait(10_000);
    assert.equal(at.length, 3, `${22 * 46} articles changed in all`);
  });

  it('waits for the next settle when the index gets busy again, and stops the rounds left', () => {
    const { c, at } = collector();
    c.changed(5000);
    c.settled();
    mock.timers.tick(1500);
    c.changed(1);
    wait(10_000);
    assert.deepEqual(at, [], 'a change during the quiet time');
    c.settled();
    mock.timers.tick(2000);
    assert.equal(at.length, 1);
    c.changed(1);
    wait(10_000);
    assert.equal(at.length, 1, 'a change between rounds stops the rest');
  });

  it('does nothing without a collection to call', () => {
    const c = new IdleCollector(null, OPTIONS);
    c.changed(10_000);
    c.settled();
    mock.timers.tick(10_000);
    c.cancel();
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
