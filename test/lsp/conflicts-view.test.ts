// The Conflicts view's answer, in process: it caches each article's part and recomputes only the
// articles a change affected, so after any sequence of edits, additions and removals it must equal
// the answer of a fresh index built from the final texts. It lists what the diagnostics flag, so a
// severity turned off empties its section.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CorpusIndex } from '../../server/src/analysis/corpus';
import { conflicts, invalidateConflicts } from '../../server/src/lsp/sidebar';
import { featureContext } from './context';

const EXAMPLES = join(__dirname, '../../examples');
const texts = new Map<string, string>(
  readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => [`file:///ws/${f}`, readFileSync(join(EXAMPLES, f), 'utf8')] as const),
);

function fresh(docs: Map<string, string>, severity = {}): ReturnType<typeof conflicts> {
  const corpus = new CorpusIndex({ severity });
  for (const [k, t] of docs) corpus.update(k, t);
  return conflicts(featureContext(corpus));
}

describe('Conflicts view', () => {
  it('lists the examples’ conflicts and variants', () => {
    const r = fresh(texts);
    assert.ok(r.claims.length > 0 && r.counts.variants > 0, JSON.stringify(r.counts));
    for (const c of r.claims) {
      assert.ok(c.figures.some((f) => f.status === 'conflict'), c.id);
      assert.equal(c.count, c.figures.length);
      // Sorted by source then position, each location once.
      const keys = c.figures.map((f) => `${f.uri}#${f.range.start.line}:${f.range.start.character}`);
      assert.equal(new Set(keys).size, keys.length);
    }
  });

  it('after edits, additions and removals, equals a fresh index of the final texts', () => {
    const corpus = new CorpusIndex();
    const ctx = featureContext(corpus);
    const docs = new Map(texts);
    for (const [k, t] of docs) invalidateConflicts(corpus, corpus.update(k, t));
    conflicts(ctx); // fills the cache
    const keys = [...docs.keys()];
    const steps: [string, (t: string) => string | null][] = [
      // the first figure of a count said otherwise (a conflict appears or moves)
      [keys[0], (t) => t.replace(/\b(\d{2,3})\b/, (d) => String(Number(d) + 40))],
      // a quotation reworded
      [keys[1], (t) => t.replace(/[“"]([^”"]{20,}?)\b(\w{4,})\b/, (_m, a, w) => `“${a}${w.toUpperCase()}x`)],
      // an article removed, another added under a new name
      [keys[2], () => null],
      ['file:///ws/copy.txt', () => texts.get(keys[2])!.replace(/\b(\d+)\b/g, (d) => String(Number(d) * 2))],
      // the first edit undone
      [keys[0], () => texts.get(keys[0])!],
    ];
    for (const [key, edit] of steps) {
      const next = edit(docs.get(key) ?? '');
      const affected = next === null ? corpus.remove(key) : corpus.update(key, next);
      if (next === null) docs.delete(key);
      else docs.set(key, next);
      invalidateConflicts(corpus, affected);
      assert.deepEqual(conflicts(ctx), fresh(docs), `after editing ${key}`);
    }
  });

  it('follows the severity settings: a code turned off empties its section', () => {
    const off = fresh(texts, { 'figure-conflict': 'off' });
    assert.equal(off.claims.length, 0);
    assert.ok(off.counts.variants > 0);
    const noVariants = fresh(texts, { 'quote-variant': 'off' });
    assert.equal(noVariants.counts.variants, 0);
    assert.ok(noVariants.claims.length > 0);
  });
});
