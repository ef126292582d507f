// The persistent analysis cache (server/src/index/cache.ts) and its compact encoding (codec.ts):
// exact round trips, a corrupt file discarded with a log line, another engine version's file
// ignored, a changed text or changed options missing the cache, bad entries refused.

import assert from 'node:assert/strict';
import { mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { generateCorpus } from '../bench/generate';
import { analyzeArticle, ENGINE_VERSION } from '../server/src/analysis/analyze';
import { INDEX_VERSION, prepareArticle, type PreparedArticle } from '../server/src/analysis/corpus';
import type { ArticleAnalysis } from '../server/src/analysis/types';
import { AnalysisCache, CACHE_FILE, CACHE_FORMAT, cacheKey, encodeEntry } from '../server/src/index/cache';
import { decodeAnalysis, decodeValue, encodeAnalysis, encodeValue } from '../server/src/index/codec';
import { fullCollection } from '../server/src/lsp/memory';

const EXAMPLES = path.resolve(__dirname, '../examples');
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'na-cache-'));
  dirs.push(d);
  return d;
}

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(EXAMPLES, f), 'utf8'));
const generated = generateCorpus(40, 3).articles.map((a) => a.text);

function cacheWithLog(dir: string, engine = ENGINE_VERSION, index?: string): { cache: AnalysisCache; logs: string[] } {
  const logs: string[] = [];
  return { cache: new AnalysisCache(dir, (m) => logs.push(m), engine, index), logs };
}

/** The prepared article of a text, and its cache entry. */
function prepared(text: string): { prepared: PreparedArticle; entry: string } {
  const p = prepareArticle(text, analyzeArticle(text));
  return { prepared: p, entry: encodeEntry(p, text) };
}

/** A cache file holding one entry for `text`, written by another engine or index version; the current cache reading it. */
async function readOtherVersion(text: string, engine: string, index?: string) {
  const dir = tempDir();
  const old = cacheWithLog(dir, engine, index);
  await old.cache.load();
  const k = cacheKey(text, {});
  old.cache.put(k, prepared(text).entry);
  await old.cache.save(new Set([k]));
  const current = cacheWithLog(dir);
  await current.cache.load();
  return { ...current, k };
}

describe('analysis codec', () => {
  it('round-trips every analysis exactly (examples, with CRLF and BOM; generated articles)', () => {
    for (const text of [...examples, ...generated]) {
      const a = analyzeArticle(text);
      const encoded = encodeAnalysis(a, text);
      assert.deepStrictEqual(decodeAnalysis(encoded, text), a);
      // Compact: shorter than the same records as JSON.
      assert.ok(encoded.length < JSON.stringify(a).length * 0.6, `${encoded.length} vs ${JSON.stringify(a).length}`);
    }
  });

  it('keeps what JSON cannot carry, keys a record lacks, and texts that are not the span’s', () => {
    const text = 'Alpha beta gamma';
    const odd = {
      structure: { paragraphs: [{ start: 0, end: 5, kind: 'body' }, { start: 6, end: 10, kind: 'furniture', reason: 'x' }], sentences: [], excluded: [], headline: null, dateline: null },
      entities: [],
      mentions: [{ start: 0, end: 5, text: 'Alpha', entity: 'e0', sentence: 0 }, { start: 6, end: 10, text: 'BETA', entity: 'e0', sentence: 0 }],
      quotes: [],
      figures: [{ start: 11, end: 16, text: 'gamma', value: -0, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY, extra: undefined, nan: Number.NaN }],
    } as unknown as ArticleAnalysis;
    assert.deepStrictEqual(decodeAnalysis(encodeAnalysis(odd, text), text), odd);
    assert.ok(Object.is((decodeAnalysis(encodeAnalysis(odd, text), text).figures[0] as { value: number }).value, -0));
  });

  it('decodes records whose keys are not identifiers as plain own fields (no code made from them, no prototype set)', () => {
    const text = 'Alpha beta';
    for (const json of [
      '[{"__proto__":{"polluted":true},"y":1},{"__proto__":{"polluted":true},"y":2}]',
      '[{"a b":1,"x);process.exit(1);//":2},{"a b":3,"x);process.exit(1);//":4}]',
    ]) {
      const rows = JSON.parse(json) as Record<string, unknown>[];
      const back = decodeValue(encodeValue(rows, text), text) as Record<string, unknown>[];
      assert.deepStrictEqual(back, rows);
      assert.equal(Object.getPrototypeOf(back[0]), Object.prototype);
      assert.equal((back[0] as { polluted?: boolean }).polluted, undefined);
      assert.deepEqual(Object.keys(back[1]), Object.keys(rows[1]));
    }
  });

  it('decodes numbers that are small integers into records without a heap box each', () => {
    // V8 makes a field that has only held numbers a double field, with each record's number boxed
    // on the heap (16 bytes): one fraction among 20,000 counts made every record's value a box.
    const gc = (globalThis as { gc?: () => void }).gc ?? fullCollection();
    assert.ok(gc, 'a full collection to ask V8 for');
    const records = Array.from({ length: 20_000 }, (_, i) => ({ start: i, end: i + 2, codecTestValue: i === 0 ? 2.5 : 3 * i, codecTestLow: i === 0 ? 2.5 : 3 * i }));
    const encoded = encodeValue(records, '');
    gc();
    const before = process.memoryUsage().heapUsed;
    const decoded = decodeValue(encoded, '') as typeof records;
    gc();
    const perRecord = (process.memoryUsage().heapUsed - before) / decoded.length;
    assert.deepEqual(decoded, records);
    // (measured: 63 bytes a record, 97 with the two boxes)
    assert.ok(perRecord < 80, `${perRecord.toFixed(0)} bytes a record`);
  });

  it('refuses what is not an encoded analysis', () => {
    assert.throws(() => decodeAnalysis('{"no":1}', ''));
    assert.throws(() => decodeAnalysis('[9,1]', ''));
    assert.throws(() => decodeAnalysis('not json', ''));
  });
});

describe('analysis cache', () => {
  const text = examples[0];

  it('stores prepared articles by the hash of the text and finds them again after a restart', async () => {
    for (const t of [...examples, ...generated.slice(0, 10)]) {
      const dir = tempDir();
      const { cache } = cacheWithLog(dir);
      await cache.load();
      const k = cacheKey(t, {});
      assert.equal(cache.get(k, t), undefined);
      const p = prepared(t);
      cache.put(k, p.entry);
      await cache.save(new Set([k]));
      const again = cacheWithLog(dir);
      await again.cache.load();
      assert.deepStrictEqual(again.cache.get(k, t), p.prepared);
      assert.deepEqual(again.logs, []);
    }
  });

  it('refuses an entry whose arrays do not line up, with a log line', async () => {
    const dir = tempDir();
    const { cache } = cacheWithLog(dir);
    await cache.load();
    const t = generated[1];
    const k = cacheKey(t, {});
    // A prepared article with one key too few for its entities.
    const p = prepared(t).prepared;
    cache.put(k, encodeEntry({ ...p, keys: p.keys.slice(1) }, t));
    await cache.save(new Set([k]));
    const again = cacheWithLog(dir);
    await again.cache.load();
    assert.equal(again.cache.get(k, t), undefined);
    assert.match(again.logs.join('\n'), /corrupt.*analysing again/);
  });

  it('ignores a file written by another index version, with a log line', async () => {
    const { cache, logs, k } = await readOtherVersion(text, ENGINE_VERSION, 'old-index');
    assert.equal(cache.get(k, text), undefined);
    assert.match(logs.join('\n'), /old-index.*ignored/);
  });

  it('ignores a file of format 3 (which also stored full analyses), with a log line', async () => {
    const dir = tempDir();
    const k = cacheKey(text, {});
    const header = JSON.stringify({ format: 3, engine: ENGINE_VERSION, index: INDEX_VERSION });
    await fs.writeFile(path.join(dir, CACHE_FILE), gzipSync(`${header}\n${k}\t${encodeAnalysis(analyzeArticle(text), text)}\t${prepared(text).entry}\n`));
    const { cache, logs } = cacheWithLog(dir);
    await cache.load();
    assert.equal(cache.get(k, text), undefined);
    assert.match(logs.join('\n'), new RegExp(`format 3\\), not .*format ${CACHE_FORMAT}\\); ignored`));
  });

  it('misses when the text changes by one character, or when the analysis options change', () => {
    const k = cacheKey(text, {});
    assert.notEqual(cacheKey(text.replace('41', '42'), {}), k);
    assert.notEqual(cacheKey(text, { aliases: [['Albertino Rebelo', 'Tito']] }), k);
    assert.notEqual(cacheKey(text, { ignore: ['Total Views'] }), k);
    assert.equal(cacheKey(text, { aliases: [], ignore: [] }), k);
  });

  it('only writes the entries in use, and appends later ones', async () => {
    const dir = tempDir();
    const { cache } = cacheWithLog(dir);
    await cache.load();
    const [t1, t2, t3] = generated;
    const [k1, k2, k3] = [t1, t2, t3].map((t) => cacheKey(t, {}));
    cache.put(k1, prepared(t1).entry);
    cache.put(k2, prepared(t2).entry);
    await cache.save(new Set([k1])); // t2's article is gone again
    cache.put(k3, prepared(t3).entry);
    await cache.save(new Set([k1, k3]));
    const again = cacheWithLog(dir);
    await again.cache.load();
    assert.ok(again.cache.get(k1, t1));
    assert.equal(again.cache.get(k2, t2), undefined);
    assert.deepStrictEqual(again.cache.get(k3, t3), prepared(t3).prepared);
  });

  it('streams a save of many entries in pieces, and every entry reads back', async () => {
    const dir = tempDir();
    const { cache } = cacheWithLog(dir);
    await cache.load();
    const keys = generated.map((t) => cacheKey(t, {}));
    const entries = generated.map((t) => prepared(t).entry);
    // (the first save rewrites the file, the second appends: both well past one 64 KB piece)
    const half = generated.length / 2;
    generated.forEach((_, i) => i < half && cache.put(keys[i], entries[i]));
    await cache.save(new Set(keys));
    assert.ok(entries.slice(0, half).join('').length > 65536, 'more than one piece');
    generated.forEach((_, i) => i >= half && cache.put(keys[i], entries[i]));
    await cache.save(new Set(keys));
    const again = cacheWithLog(dir);
    await again.cache.load();
    assert.equal(again.cache.size, generated.length);
    generated.forEach((t, i) => assert.deepStrictEqual(again.cache.get(keys[i], t), prepared(t).prepared, `entry ${i}`));
    assert.deepEqual(again.logs, []);
  });

  it('ignores a file written by another engine version, with a log line', async () => {
    const { cache, logs, k } = await readOtherVersion(text, '0.0.1-old');
    assert.equal(cache.get(k, text), undefined, 'an entry of another engine version is never used');
    assert.match(logs.join('\n'), /0\.0\.1-old.*ignored/);
  });

  it('discards a corrupt file with a log line, and works on without it', async () => {
    for (const bytes of [Buffer.from('this is not gzip'), gzipSync('not a header\nk\t[0]\n'), gzipSync(''), Buffer.alloc(0)]) {
      const dir = tempDir();
      await fs.writeFile(path.join(dir, CACHE_FILE), bytes);
      const { cache, logs } = cacheWithLog(dir);
      await cache.load(); // never throws
      assert.match(logs.join('\n'), /corrupt.*discarded/);
      await assert.rejects(fs.stat(path.join(dir, CACHE_FILE)), 'the corrupt file is removed');
      const k = cacheKey(text, {});
      assert.equal(cache.get(k, text), undefined);
      cache.put(k, prepared(text).entry);
      await cache.save(new Set([k]));
      const again = cacheWithLog(dir);
      await again.cache.load();
      assert.deepStrictEqual(again.cache.get(k, text), prepared(text).prepared);
    }
  });

  it('drops an entry that does not decode, or that points outside its text', async () => {
    const dir = tempDir();
    const k = cacheKey(text, {});
    const short = 'Too short.';
    const kShort = cacheKey(short, {});
    const header = JSON.stringify({ format: CACHE_FORMAT, engine: ENGINE_VERSION, index: INDEX_VERSION });
    // An entry for `short` holding the long article's prepared article: its offsets run past the text.
    const file = [header, `${k}\t[2,1,"garbage"`, `${kShort}\t${prepared(text).entry}`].join('\n') + '\n';
    await fs.writeFile(path.join(dir, CACHE_FILE), gzipSync(file));
    const { cache, logs } = cacheWithLog(dir);
    await cache.load();
    assert.equal(cache.get(k, text), undefined);
    assert.equal(cache.get(kShort, short), undefined);
    assert.equal(logs.filter((l) => /corrupt/.test(l)).length, 2, logs.join('\n'));
  });

  it('does nothing without a storage folder', async () => {
    const cache = new AnalysisCache(undefined, () => {});
    await cache.load();
    cache.put('k', prepared(text).entry);
    await cache.save(new Set(['k']));
    assert.equal(cache.get('k', text), undefined);
    assert.equal(cache.enabled, false);
  });
});
