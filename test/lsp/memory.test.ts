// The idle collector (server/src/lsp/memory.ts) on mocked clocks: full collections once a large
// change has settled and stayed quiet, spread out; none after small changes (typing), none once
// the index is busy again; and the real collection it asks V8 for.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { fullCollection, IdleCollector, type CollectorOptions } from '../../server/src/lsp/memory';

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
