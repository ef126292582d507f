// The persistent analysis cache through the real server: written to the storage folder the client
// offers, used at the next start (shown by planting an entry the engine would never produce),
// missed when a file's text changed, never used across engine versions, and a corrupt file
// discarded with a log line while the server works on.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { analyzeArticle, ENGINE_VERSION } from '../../server/src/analysis/analyze';
import { INDEX_VERSION, prepareArticle } from '../../server/src/analysis/corpus';
import { CACHE_FILE, CACHE_FORMAT, cacheKey, encodeEntry } from '../../server/src/index/cache';
import { fixture, makeWorkspace, tempDir, TestClient } from './harness';

const A = 'alpine-herald.txt';
const FILES = [A, 'danube-wire.txt', 'valley-times.txt', 'mountain-post.txt'];

describe('persistent analysis cache', () => {
  let ws: string;
  let storage: string;
  const text: Record<string, string> = {};
  const clients: TestClient[] = [];

  before(async () => {
    for (const f of FILES) text[f] = await fixture(f);
    ws = await makeWorkspace(text);
    storage = path.join(tempDir('na-storage-'), 'nested', 'storage');
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
  });

  async function run(): Promise<TestClient> {
    const client = await TestClient.start({ workspace: ws, initializationOptions: { storagePath: storage } });
    clients.push(client);
    await client.waitForIdle(FILES.length);
    return client;
  }
  const conflicts = (c: TestClient, rel: string) => (c.diagnosticsOf(c.uri(rel)) ?? []).filter((d) => d.code === 'figure-conflict').length;
  const logs = (c: TestClient) => c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  const file = () => path.join(storage, CACHE_FILE);

  /** Rewrites the cache file: `A`'s entry says the article makes no claims (the engine finds several). */
  async function plant(engine = ENGINE_VERSION): Promise<void> {
    const lines = gunzipSync(await fs.readFile(file())).toString('utf8').split('\n').filter(Boolean);
    const key = cacheKey(text[A], {});
    const p = prepareArticle(text[A], analyzeArticle(text[A]));
    const entry = `${key}\t${encodeEntry({ ...p, figures: [], claimKeys: p.claimKeys.map(() => null) }, text[A])}`;
    const rest = lines.slice(1).filter((l) => !l.startsWith(`${key}\t`));
    await fs.writeFile(file(), gzipSync([JSON.stringify({ format: CACHE_FORMAT, engine, index: INDEX_VERSION }), entry, ...rest].join('\n') + '\n'));
  }

  it('is written to the storage folder (created if missing) once indexing settles, or at shutdown', async () => {
    const c = await run();
    assert.ok(conflicts(c, A) > 0, 'the toll conflicts across sources');
    await c.stop();
    const lines = gunzipSync(await fs.readFile(file())).toString('utf8').split('\n').filter(Boolean);
    assert.deepEqual(JSON.parse(lines[0]), { format: CACHE_FORMAT, engine: ENGINE_VERSION, index: INDEX_VERSION });
    assert.equal(lines.length - 1, FILES.length, 'one entry per article');
  });

  it('is used at the next start: an entry keyed by the text’s hash replaces the analysis', async () => {
    await plant();
    const c = await run();
    assert.equal(conflicts(c, A), 0, 'A’s figures come from the (planted) cache entry');
    assert.ok(conflicts(c, 'danube-wire.txt') >= 0);
    await c.stop();
  });

  it('is missed when the file’s text changed', async () => {
    await plant();
    await fs.writeFile(path.join(ws, A), text[A] + '\n');
    try {
      const c = await run();
      assert.ok(conflicts(c, A) > 0, 'the changed text is analysed again');
      await c.stop();
    } finally {
      await fs.writeFile(path.join(ws, A), text[A]);
    }
  });

  it('is never used across engine versions', async () => {
    await run().then((c) => c.stop()); // a fresh, valid file
    await plant('0.0.0-previous');
    const c = await run();
    assert.ok(conflicts(c, A) > 0, 'an entry of another version is ignored');
    assert.ok(logs(c).some((m) => /0\.0\.0-previous.*ignored/.test(m)), logs(c).join('\n'));
    await c.stop();
  });

  it('is discarded with a log line when corrupt, and the server works on', async () => {
    await fs.writeFile(file(), Buffer.from('\u0000garbage, not gzip'));
    const c = await run();
    assert.ok(conflicts(c, A) > 0);
    assert.ok(logs(c).some((m) => /corrupt.*discarded/.test(m)), logs(c).join('\n'));
    assert.ok(!c.stderr.includes('Error'), c.stderr);
    await c.stop();
    const lines = gunzipSync(await fs.readFile(file())).toString('utf8').split('\n').filter(Boolean);
    assert.equal(lines.length - 1, FILES.length, 'a good file is written again');
  });
});
