// The server with clients unlike VS Code: one declaring no optional capabilities at all (settings
// pushed with didChangeConfiguration, flat symbols, no progress, no registrations), one speaking
// over Node IPC, and one with two workspace folders whose settings differ.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { DocumentSymbol, Hover, MarkupContent, SymbolInformation } from 'vscode-languageserver-protocol';
import type { SourcesResult } from '../../shared/protocol';
import { fixture, makeWorkspace, positionOfText, TestClient } from './harness';

const A = 'alpine-herald.txt';
const B = 'danube-wire.txt';

async function workspace(): Promise<{ ws: string; a: string; b: string }> {
  const a = await fixture(A);
  const b = await fixture(B);
  return { ws: await makeWorkspace({ [A]: a, [B]: b }), a, b };
}

describe('clients other than VS Code', () => {
  it('serves a client that declares no optional capabilities', async () => {
    const { ws, a } = await workspace();
    const client = await TestClient.start({ workspace: ws, capabilities: {} });
    try {
      await client.waitFor('conflict without any optional capability', () =>
        client.diagnosticsOf(client.uri(A))?.some((d) => d.code === 'figure-conflict'));
      // Nothing was asked of the client: no configuration pull, registration, progress or refresh.
      assert.deepEqual(client.serverRequests.map((r) => r.method), []);
      assert.deepEqual(client.registrations, []);

      const symbols = await client.request<(SymbolInformation | DocumentSymbol)[]>('textDocument/documentSymbol', {
        textDocument: { uri: client.uri(A) },
      });
      assert.ok(symbols.length > 0);
      assert.ok(symbols.every((s) => 'location' in s), 'flat SymbolInformation');
      assert.ok(symbols.some((s) => (s as SymbolInformation).name === 'Ingrid Maier' && (s as SymbolInformation).containerName === 'Entities'));

      // Settings pushed in didChangeConfiguration apply at once.
      await client.notify('workspace/didChangeConfiguration', { settings: { newsAnnotator: { severity: { 'figure-conflict': 'off' } } } });
      await client.waitFor('conflict turned off by pushed settings', () =>
        client.diagnosticsOf(client.uri(A))?.every((d) => d.code !== 'figure-conflict'));

      const hover = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri: client.uri(A) },
        position: positionOfText(a, 'Ingrid Maier'),
      });
      assert.match((hover.contents as MarkupContent).value, /Ingrid Maier/);
    } finally {
      await client.stop();
    }
  });

  it('speaks over Node IPC', async () => {
    const { ws, b } = await workspace();
    const client = await TestClient.start({ workspace: ws, transport: 'ipc' });
    try {
      await client.waitForIdle(2);
      const hover = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri: client.uri(B) },
        position: positionOfText(b, '52'),
      });
      assert.match((hover.contents as MarkupContent).value, /\*\*conflict\*\*/);
    } finally {
      await client.stop();
    }
  });

  it('scans two workspace folders, each with its own include and size settings', async () => {
    const a = await fixture(A);
    const b = await fixture(B);
    const root = await makeWorkspace({ [`one/${A}`]: a, [`two/${B}`]: b, [`two/drafts/${B}`]: b.replace('52', '60'), 'one/notes.article': b });
    const one = path.join(root, 'one');
    const two = path.join(root, 'two');
    const client = await TestClient.start({ workspace: root, folders: [one, two] });
    try {
      await client.waitForIdle(3);
      const src = await client.request<SourcesResult>('newsAnnotator/sources');
      assert.deepEqual(src.articles.map((x) => path.basename(new URL(x.uri).pathname)).sort(), [A, B, B].sort());
      // Folder "two" excludes its drafts; folder "one" reads *.article files too.
      client.settingsFor = (scopeUri) =>
        scopeUri?.endsWith('/two') ? { exclude: ['drafts/**'] } : scopeUri?.endsWith('/one') ? { include: ['**/*.txt', '**/*.article'] } : {};
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      await client.waitFor('per-folder selection applied', async () => {
        const s = await client.request<SourcesResult>('newsAnnotator/sources');
        const names = s.articles.map((x) => new URL(x.uri).pathname.slice(root.length + 1)).sort();
        return JSON.stringify(names) === JSON.stringify([`one/${A}`, 'one/notes.article', `two/${B}`].sort()) || undefined;
      });
      await client.waitFor('draft diagnostics cleared', () => client.diagnosticsOf(client.uri(`two/drafts/${B}`))?.length === 0);

      // Removing folder "two" drops its articles, and A's links to them.
      const linksToTwo = () =>
        (client.diagnosticsOf(client.uri(`one/${A}`)) ?? []).some((d) => d.relatedInformation?.some((r) => r.location.uri === client.uri(`two/${B}`)));
      assert.ok(linksToTwo());
      await client.notify('workspace/didChangeWorkspaceFolders', {
        event: { added: [], removed: [{ uri: client.uri('two'), name: 'two' }] },
      });
      await client.waitFor('folder two removed', () => client.diagnosticsOf(client.uri(`two/${B}`))?.length === 0);
      await client.waitFor('A no longer links into folder two', () => !linksToTwo());
      const after = await client.request<SourcesResult>('newsAnnotator/sources');
      assert.ok(after.articles.every((x) => !x.uri.includes('/two/')));
    } finally {
      await client.stop();
    }
  });
});
