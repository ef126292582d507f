// The change tracker (server/src/lsp/changes.ts) on mocked clocks: an open document's diagnostics
// go out at once, closed articles soon after; while a scan runs only open documents are
// published; the client hears that the index settled once nothing is pending.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { ChangeTracker, type ChangeSink } from '../../server/src/lsp/changes';

function sink(open: Set<string>, scanning = () => false) {
  const published: { key: string; at: number }[] = [];
  const settled: string[][] = [];
  const s: ChangeSink = {
    publish: (key) => published.push({ key, at: Date.now() }),
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

  it('publishes the closed articles an edit affects within two seconds for a typist who never pauses', () => {
    const { s, published } = sink(new Set(['open']));
    const t = new ChangeTracker(s);
    let closedAt = -1;
    for (let ms = 0; ms < 4000; ms += 100) {
      t.add(['open', 'a']);
      mock.timers.tick(100);
      if (closedAt < 0 && published.some((p) => p.key === 'a')) closedAt = ms + 100;
    }
    assert.ok(closedAt > 250 && closedAt <= 2100, `closed article first published after ${closedAt} ms`);
    assert.ok(published.filter((p) => p.key === 'a').length <= 3, 'not at every keystroke');
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
