// The engine warmer (server/src/lsp/warmup.ts) on mocked turns of the event loop: once the index
// first settles it analyses a few articles, one per turn, and stops at its limits or as soon as
// the server has other work; it never starts twice.

import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { EngineWarmer, type Later, type WarmupOptions } from '../../server/src/lsp/warmup';

const KEYS = Array.from({ length: 50 }, (_, i) => `file:///story/article-${i}.txt`);

/** Turns of the event loop, by hand: each runs what was queued before it (and not cancelled). */
let queue: (() => void)[] = [];
const later: Later = (fn) => {
  queue.push(fn);
  return () => {
    queue = queue.filter((f) => f !== fn);
  };
};
function turns(n: number): void {
  for (let i = 0; i < n; i++) {
    const due = queue;
    queue = [];
    for (const fn of due) fn();
  }
}

function warmer(
  options: Omit<WarmupOptions, 'maxChars'> & { maxChars?: number },
  opts: { keys?: string[]; length?: (key: string) => number; busy?: () => boolean; now?: () => number; fail?: string } = {},
) {
  const analysed: string[] = [];
  const done: number[] = [];
  const w = new EngineWarmer(
    (key) => {
      analysed.push(key);
      if (key === opts.fail) throw new Error('the engine failed');
    },
    () => opts.keys ?? KEYS,
    opts.length ?? (() => 4000),
    opts.busy ?? (() => false),
    () => done.push(analysed.length),
    { maxChars: 50_000, ...options },
    opts.now,
    later,
  );
  return { w, analysed, done };
}

describe('engine warmer', () => {
  beforeEach(() => {
    queue = [];
  });

  it('analyses the first articles once the index settles, one per turn of the event loop, up to its limit', () => {
    const { w, analysed, done } = warmer({ articles: 10, budgetMs: 60_000 });
    assert.deepEqual(analysed, [], 'nothing before the index settles');
    w.settled();
    assert.deepEqual(analysed, [], 'nothing in the settling turn itself');
    turns(1);
    assert.deepEqual(analysed, KEYS.slice(0, 1), 'one article per turn (requests are answered in between)');
    turns(3);
    assert.deepEqual(analysed, KEYS.slice(0, 4));
    assert.deepEqual(done, [], 'not done while it warms');
    turns(100);
    assert.deepEqual(analysed, KEYS.slice(0, 10), 'at most `articles`');
    assert.deepEqual(done, [10], 'then told it is done, once (what it kept for warming can go)');
  });

  it('starts only once, however often the index settles', () => {
    const { w, analysed } = warmer({ articles: 5, budgetMs: 60_000 });
    w.settled();
    turns(100);
    w.settled();
    turns(100);
    assert.equal(analysed.length, 5);
  });

  it('waits for articles: settling with none starts nothing', () => {
    const keys: string[] = [];
    const { w, analysed } = warmer({ articles: 5, budgetMs: 60_000 }, { keys });
    w.settled();
    turns(10);
    assert.deepEqual(analysed, []);
    keys.push(...KEYS.slice(0, 3));
    w.settled();
    turns(10);
    assert.deepEqual(analysed, KEYS.slice(0, 3), 'the first settle with articles warms');
  });

  it('stops for good as soon as the server has other work (typing warms the code itself)', () => {
    let busy = false;
    const { w, analysed, done } = warmer({ articles: 40, budgetMs: 60_000 }, { busy: () => busy });
    w.settled();
    turns(3);
    busy = true;
    turns(5);
    busy = false;
    turns(50);
    assert.deepEqual(analysed, KEYS.slice(0, 3));
    assert.deepEqual(done, [3]);
  });

  it('stops when its time budget is spent', () => {
    let clock = 0;
    const { w, analysed, done } = warmer({ articles: 40, budgetMs: 100 }, { now: () => clock });
    w.settled();
    for (let i = 0; i < 50; i++) {
      turns(1);
      clock += 30; // each article takes 30 ms
    }
    assert.equal(analysed.length, 4, 'articles started at 0, 30, 60 and 90 ms; none after 100 ms');
    assert.deepEqual(done, [4]);
  });

  it('passes over long articles (one would hold the thread), and still warms with as many others', () => {
    const long = new Set([KEYS[0], KEYS[2], KEYS[3]]);
    const { w, analysed } = warmer({ articles: 4, budgetMs: 60_000, maxChars: 50_000 }, { length: (k) => (long.has(k) ? 1_000_000 : 50_000) });
    w.settled();
    turns(20);
    assert.deepEqual(analysed, [KEYS[1], KEYS[4], KEYS[5], KEYS[6]]);
  });

  it('goes on past an article the engine fails on', () => {
    const { w, analysed } = warmer({ articles: 5, budgetMs: 60_000 }, { fail: KEYS[1] });
    w.settled();
    assert.doesNotThrow(() => turns(20));
    assert.deepEqual(analysed, KEYS.slice(0, 5));
  });

  it('does nothing more once disposed (the server shuts down)', () => {
    const { w, analysed, done } = warmer({ articles: 40, budgetMs: 60_000 });
    w.settled();
    turns(2);
    w.dispose();
    turns(20);
    assert.equal(analysed.length, 2);
    assert.deepEqual(done, [2], 'done, once');
    w.dispose();
    assert.deepEqual(done, [2]);
  });
});
