// An article opened through a linked directory inside the workspace (`latest/` → `2026/ferry/`)
// is the file the link leads to: one article in the index, not a second source agreeing with
// itself. Its diagnostics go to the URI the client opened while it is open, and to the file's own
// once it is closed.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SourcesResult } from '../../shared/protocol';
import { fixture, makeWorkspace, TestClient } from './harness';

const A = 'alpine-herald.txt';
const B = 'danube-wire.txt';

describe('an article opened through a linked directory', () => {
  let client: TestClient;
  const text: Record<string, string> = {};

  before(async () => {
    for (const f of [A, B]) text[f] = await fixture(f);
    const ws = await makeWorkspace({ [`2026/ferry/${A}`]: text[A], [`2026/ferry/${B}`]: text[B] });
    await fs.symlink(path.join(ws, '2026/ferry'), path.join(ws, 'latest'), 'dir');
    client = await TestClient.start({ workspace: ws });
    await client.waitForIdle(2);
  });

  after(async () => {
    await client?.stop();
  });

  const sources = async () => (await client.request<SourcesResult>('newsAnnotator/sources')).articles.map((a) => a.uri).sort();
  const relatedOf = (uri: string) => (client.diagnosticsOf(uri) ?? []).flatMap((d) => (d.relatedInformation ?? []).map((r) => r.location.uri));

  it('is the file the link leads to: one article, its findings under the URI opened, pointing at the other source only', async () => {
    const real = [client.uri(`2026/ferry/${A}`), client.uri(`2026/ferry/${B}`)].sort();
    assert.deepEqual(await sources(), real);
    const linked = client.uri(`latest/${A}`);
    await client.open(linked, text[A]);
    const diagnostics = await client.waitFor('diagnostics of the linked article', () => (client.diagnosticsOf(linked)?.length ? client.diagnosticsOf(linked) : undefined));
    assert.ok(diagnostics.some((d) => d.code === 'figure-conflict'), 'the death toll conflicts with the other outlet');
    // (listed once, as the client opened it)
    assert.deepEqual(await sources(), [client.uri(`2026/ferry/${B}`), linked].sort(), 'not indexed a second time under the link');
    // (indexed twice, the other outlet's conflict listed the same text twice, once under each path)
    assert.ok(relatedOf(linked).every((u) => u === client.uri(`2026/ferry/${B}`)), JSON.stringify(relatedOf(linked)));
    // The other outlet's findings point at the one article, under either spelling, never at both.
    await new Promise((r) => setTimeout(r, 500));
    const fromB = new Set(relatedOf(client.uri(`2026/ferry/${B}`)));
    assert.ok(fromB.size === 1 && (fromB.has(linked) || fromB.has(client.uri(`2026/ferry/${A}`))), JSON.stringify([...fromB]));
  });

  it('goes back to its own URI once closed', async () => {
    const linked = client.uri(`latest/${A}`);
    const own = client.uri(`2026/ferry/${A}`);
    await client.close(linked);
    await client.waitFor('the other outlet pointing at the file again', () => relatedOf(client.uri(`2026/ferry/${B}`)).includes(own));
    assert.ok(client.diagnosticsOf(own)?.some((d) => d.code === 'figure-conflict'));
    assert.deepEqual(await sources(), [own, client.uri(`2026/ferry/${B}`)].sort());
  });
});
