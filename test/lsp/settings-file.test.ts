// A workspace folder's settings file (`.newsannotator.json`, what the CLI reads) through the real
// server: its aliases link a nickname to a name across sources; it is ignored while VS Code says
// the workspace is untrusted and applies once the user trusts it; a change on disk (reported by the
// file watcher) applies at once; a broken file, or a link at its name, is reported in the log and
// not used, and the editor's own settings still apply.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CrossReferencesResult } from '../../shared/protocol';
import { withSettingsFile, sanitizeSettings } from '../../server/src/lsp/settings';
import { makeWorkspace, tempDir, TestClient } from './harness';

// A fictional story: the harbour master is named in one report, and only by her nickname in the other.
const A = `Ferry service resumes in Kellvik

KELLVIK: The harbour master, Orla Brandvik, said on Tuesday that the ferry to Skarnes would run again from Friday.

"The crossing is safe again," Orla Brandvik said. At least 14 sailings a week are planned.
`;
const B = `Kellvik ferry back on Friday

KELLVIK: Everyone on the quay calls her Bram, and Bram was busy on Tuesday.

"The crossing is safe again and we are ready," Bram told the Kellvik Tribune. About 12 sailings a week are planned.
`;
const ALIAS = JSON.stringify({ aliases: [['Orla Brandvik', 'Bram']] });
const SETTINGS_FILE = '.newsannotator.json';

describe('workspace settings file (.newsannotator.json)', () => {
  const clients: TestClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
  });

  async function start(files: Record<string, string>, options: { initializationOptions?: unknown; settings?: Record<string, unknown> } = {}) {
    const ws = await makeWorkspace({ 'a.txt': A, 'b.txt': B, ...files });
    const client = await TestClient.start({ workspace: ws, ...options });
    clients.push(client);
    await client.waitForIdle(2);
    return client;
  }
  /** How many sources name the harbour master, as the sidebar of article A counts them. */
  async function sources(c: TestClient): Promise<number | undefined> {
    const x = await c.request<CrossReferencesResult>('newsAnnotator/crossReferences', { uri: c.uri('a.txt') });
    return x?.entities.find((e) => e.name === 'Orla Brandvik')?.sources;
  }
  const waitSources = (c: TestClient, n: number) => c.waitFor(`Orla Brandvik named in ${n} sources`, async () => (await sources(c)) === n);
  const logs = (c: TestClient) => c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);

  it('links the names its aliases group, across sources', async () => {
    const c = await start({ [SETTINGS_FILE]: ALIAS });
    await waitSources(c, 2);
    assert.ok(logs(c).some((m) => m.includes('settings file')), JSON.stringify(logs(c)));
    // Without the file, nothing links the nickname (the engine cannot know it).
    const bare = await start({});
    await waitSources(bare, 1);
  });

  it('is ignored in an untrusted workspace, and applies once the user trusts it', async () => {
    const c = await start({ [SETTINGS_FILE]: ALIAS }, { initializationOptions: { workspaceTrusted: false } });
    await waitSources(c, 1);
    await c.notify('newsAnnotator/workspaceTrusted', undefined);
    await waitSources(c, 2);
  });

  it('applies a change on disk that the file watcher reports, and its removal', async () => {
    const c = await start({});
    await waitSources(c, 1);
    const file = path.join(c.workspace, SETTINGS_FILE);
    await fs.writeFile(file, ALIAS);
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(SETTINGS_FILE), type: 1 }] });
    await waitSources(c, 2);
    await fs.rm(file);
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(SETTINGS_FILE), type: 3 }] });
    await waitSources(c, 1);
    // The file is watched beside the articles.
    const watched = c.registrations.flatMap((r) => r.registrations).flatMap((r) => (r.registerOptions as { watchers?: { globPattern: unknown }[] })?.watchers ?? []);
    assert.ok(watched.some((w) => JSON.stringify(w.globPattern).includes(SETTINGS_FILE)), JSON.stringify(watched));
  });

  it('reports a broken file in the log and keeps the editor’s settings', async () => {
    const c = await start({ [SETTINGS_FILE]: '{ "aliases": [["Orla Brandvik", ' }, { settings: { ignore: ['Skarnes'] } });
    await waitSources(c, 1);
    const x = await c.request<CrossReferencesResult>('newsAnnotator/crossReferences', { uri: c.uri('a.txt') });
    assert.ok(!x.entities.some((e) => e.name === 'Skarnes'), 'the editor’s ignore list still applies');
    await c.waitFor('a log line naming the broken file', () => logs(c).some((m) => m.includes(SETTINGS_FILE) && m.includes('not used')));
    const wrongType = await start({ [SETTINGS_FILE]: JSON.stringify({ aliases: 'Bram' }) });
    await waitSources(wrongType, 1);
    await wrongType.waitFor('a log line saying what is wrong', () => logs(wrongType).some((m) => m.includes('"aliases" must be')));
  });

  it('is not read through a symbolic link (it could lead outside the workspace)', async () => {
    const outside = path.join(tempDir('na-outside-'), 'settings.json');
    await fs.writeFile(outside, ALIAS);
    const ws = await makeWorkspace({ 'a.txt': A, 'b.txt': B });
    await fs.symlink(outside, path.join(ws, SETTINGS_FILE));
    const c = await TestClient.start({ workspace: ws });
    clients.push(c);
    await c.waitForIdle(2);
    await waitSources(c, 1);
    await c.waitFor('a log line about the link', () => logs(c).some((m) => m.includes('symbolic link')));
  });
});

describe('withSettingsFile', () => {
  it('puts the file under the editor’s settings', () => {
    const editor = sanitizeSettings({ aliases: [['A B', 'Abby']], ignore: ['X'], severity: { 'figure-hedge': 'off' } });
    const s = withSettingsFile(editor, {
      aliases: [['C D', 'Cee']],
      ignore: ['X', 'Y'],
      tolerance: 0.3,
      severity: { 'figure-hedge': 'error', 'quote-variant': 'hint' },
    });
    assert.deepEqual(s.aliases, [['A B', 'Abby'], ['C D', 'Cee']], 'aliases are added');
    assert.deepEqual(s.ignore, ['X', 'Y'], 'ignored names are added once');
    assert.deepEqual(s.severity, { 'figure-hedge': 'off', 'quote-variant': 'hint' }, 'the editor’s severities win');
    assert.equal(s.tolerance, 0.3, 'the file’s tolerance applies while the editor’s is the default');
    assert.equal(withSettingsFile(sanitizeSettings({ tolerance: 0.05 }), { tolerance: 0.3 }).tolerance, 0.05, 'a tolerance set in the editor wins');
    assert.deepEqual(s.include, editor.include, 'which files are articles is the editor’s alone');
    // The file passes the editor settings' sanitiser and caps.
    const capped = withSettingsFile(editor, { aliases: Array.from({ length: 2000 }, (_, i) => [`N${i}`, `M${i}`]), tolerance: 7 });
    assert.equal(capped.aliases.length, 500);
    assert.equal(capped.tolerance, 1);
  });
});
