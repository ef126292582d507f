// The change tracker (server/src/lsp/changes.ts) on mocked clocks: an open document's diagnostics
// go out at once, closed articles soon after; while a scan runs only open documents are
// published; the client hears that the index settled once nothing is pending.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { ChangeTracker, type ChangeSink } from '../../server/src/lsp/changes';

/** Lets promise callbacks run (the tracker waits for diagnostics to be written). */
async function written(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function sink(open: Set<string>, scanning = () => false) {
  const published: { key: string; at: number }[] = [];
  const settled: string[][] = [];
  const s: ChangeSink = {
    publish: (key) => void published.push({ key, at: Date.now() }),
    urgent: (key) => open.has(key),
    urgentKeys: () => open,
    busy: () => false,
    scanning,
    settled: (changed) => settled.push(changed),
  };
  return { s, published, settled };
}

describe('change tracker', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setImmediate', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('publishes an edited open document at once, and the closed articles it affects at a pause in typing, each once', () => {
    const { s, published, settled } = sink(new Set(['open']));
    const t = new ChangeTracker(s);
    t.add(['open', 'a', 'b']);
    assert.deepEqual(published.map((p) => p.key), ['open'], 'the open document at once');
    mock.timers.tick(100);
    t.add(['open', 'a', 'b']);
    assert.deepEqual(published.map((p) => p.key), ['open', 'open']);
    mock.timers.tick(200);
    assert.deepEqual(published.map((p) => p.key), ['open', 'open'], 'not while keys come');
    mock.timers.tick(60);
    assert.deepEqual(published.slice(2).map((p) => p.key).sort(), ['a', 'b'], 'then the closed ones, once each');
    mock.timers.tick(100);
    assert.deepEqual(settled.at(-1)?.sort(), ['a', 'b', 'open']);
    t.dispose();
  });

  it('publishes the closed articles an edit affects within two seconds for a typist who never pauses', async () => {
    const { s, published } = sink(new Set(['open']));
    const t = new ChangeTracker(s);
    let closedAt = -1;
    for (let ms = 0; ms < 4000; ms += 100) {
      t.add(['open', 'a']);
      await written();
      mock.timers.tick(100);
      if (closedAt < 0 && published.some((p) => p.key === 'a')) closedAt = ms + 100;
    }
    assert.ok(closedAt > 250 && closedAt <= 2100, `closed article first published after ${closedAt} ms`);
    assert.ok(published.filter((p) => p.key === 'a').length <= 3, 'not at every keystroke');
    t.dispose();
  });

  it('for a typist who never pauses, publishes closed articles just after a keystroke\'s diagnostics are written, a slice at a time', async () => {
    const closed = Array.from({ length: 12 }, (_, i) => `closed-${i}`);
    const published: { key: string; at: number }[] = [];
    const writes: { done: () => void; at: number }[] = [];
    const doneAt: number[] = [];
    const s: ChangeSink = {
      publish: (key) => {
        published.push({ key, at: Date.now() });
        if (key === 'open') return new Promise<void>((resolve) => writes.push({ done: resolve, at: Date.now() }));
        mock.timers.setTime(Date.now() + 3); // each closed article takes 3 ms to work out
      },
      urgent: (key) => key === 'open',
      urgentKeys: () => ['open'],
      busy: () => false,
      scanning: () => false,
      settled: () => {},
    };
    const t = new ChangeTracker(s);
    const closedBefore = () => published.filter((p) => p.key !== 'open').length;
    const slices: number[] = [];
    for (let ms = 0; ms < 3000; ms += 100) {
      t.add(['open', ...closed]);
      const before = closedBefore();
      mock.timers.tick(5);
      await written();
      assert.equal(closedBefore(), before, 'nothing while the keystroke\'s diagnostics are not written out');
      doneAt.push(Date.now());
      writes.shift()!.done();
      await written();
      mock.timers.tick(0);
      slices.push(closedBefore() - before);
      const after = closedBefore();
      mock.timers.tick(95);
      await written();
      assert.equal(closedBefore(), after, 'nothing between keystrokes');
    }
    const sliced = slices.filter((n) => n > 0);
    assert.ok(sliced.length >= 2, `published in slices after ${sliced.length} keystrokes: ${slices.join(' ')}`);
    assert.ok(sliced.every((n) => n <= 4), `at most ~8 ms of work after a keystroke: ${slices.join(' ')}`);
    assert.ok(sliced.reduce((a, b) => a + b, 0) >= closed.length, 'every closed article, in the end');
    t.dispose();
  });

  it('goes on slicing after a keystroke whose diagnostics could not be written', async () => {
    const published: string[] = [];
    let fail = true;
    const s: ChangeSink = {
      publish: (key) => {
        published.push(key);
        if (key !== 'open') return;
        // the first write after the two seconds fails (the client gone for a moment)
        if (fail && Date.now() - start >= 2000) {
          fail = false;
          return Promise.reject(new Error('write failed'));
        }
        return Promise.resolve();
      },
      urgent: (key) => key === 'open',
      urgentKeys: () => ['open'],
      busy: () => false,
      scanning: () => false,
      settled: () => {},
    };
    const start = Date.now();
    const t = new ChangeTracker(s);
    for (let ms = 0; ms < 2500; ms += 100) {
      t.add(['open', 'a']);
      await written();
      mock.timers.tick(100);
      await written();
    }
    assert.equal(fail, false, 'a write failed');
    assert.ok(published.includes('a'), 'the closed article went out after a later keystroke');
    t.dispose();
  });

  it('publishes an edit of an open document without walking every article still to be published', () => {
    const { s, published } = sink(new Set(['open']));
    let asked = 0;
    const urgent = s.urgent;
    s.urgent = (key) => {
      asked++;
      return urgent(key);
    };
    const t = new ChangeTracker(s);
    // After a scan: every article waits to be published, a slice at a time.
    t.add(Array.from({ length: 5000 }, (_, i) => `closed-${i}`));
    asked = 0;
    t.add(['open', 'closed-1']);
    assert.deepEqual(published.map((p) => p.key), ['open']);
    assert.ok(asked <= 2, `asked about ${asked} articles for an edit of one`);
    t.dispose();
  });

  it('publishes closed articles shortly after a change of theirs alone', () => {
    const { s, published } = sink(new Set(['open']));
    const t = new ChangeTracker(s);
    t.add(['a', 'b']);
    mock.timers.tick(20);
    assert.deepEqual(published.map((p) => p.key).sort(), ['a', 'b']);
    t.dispose();
  });

  it('publishes only open documents while a scan runs, the rest when it ends', () => {
    let scanning = true;
    const { s, published } = sink(new Set(['open']), () => scanning);
    const t = new ChangeTracker(s);
    t.add(['a', 'open']);
    mock.timers.tick(1000);
    assert.deepEqual(published.map((p) => p.key), ['open']);
    scanning = false;
    t.poke();
    mock.timers.tick(1000);
    assert.deepEqual(published.map((p) => p.key), ['open', 'a']);
    t.dispose();
  });
});
