// Editor faults over a real JSON-RPC connection: a burst of 1,000 edits, files deleted and
// renamed while the workspace is being indexed, a workspace of 50,000 files that are not
// articles, and the server killed with SIGKILL and started again. In each case the end state is
// compared with what a fresh server computes from the same files: nothing stale, nothing lost.
// Durations are printed, never asserted.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { SourcesResult } from '../../shared/protocol';
import { fixture, makeWorkspace, positionOfText, streamConnection, TestClient } from './harness';

const A = 'alpine-herald.txt'; // 41 killed
const B = 'danube-wire.txt'; // 52 killed
const C = 'valley-times.txt'; // at least 50
const D = 'mountain-post.txt';

async function story(): Promise<Record<string, string>> {
  return { [A]: await fixture(A), [B]: await fixture(B), [C]: await fixture(C), [D]: await fixture(D) };
}

type Status = { state: string; articles: number; done: number; total: number };
const statuses = (c: TestClient) => c.notifications.filter((n) => n.method === 'newsAnnotator/status').map((n) => n.params as Status);
const lastStatus = (c: TestClient) => statuses(c).at(-1);

/** Waits until the server says it is idle with `n` articles (longer than the harness's default wait). */
async function idle(c: TestClient, n: number, timeoutMs = 60_000): Promise<Status> {
  try {
    return await c.waitFor(`idle with ${n} articles`, () => {
      const s = lastStatus(c);
      return s && s.state === 'idle' && s.articles === n ? s : undefined;
    }, timeoutMs);
  } catch (e) {
    // Say what the server has, to tell a hang from a miscount.
    const src = await Promise.race([c.request<SourcesResult>('newsAnnotator/sources'), new Promise((r) => setTimeout(() => r(null), 5000))]);
    const names = src ? (src as SourcesResult).articles.map((a) => a.uri.slice(c.uri('').length)) : '(no answer in 5 s)';
    throw new Error(`${(e as Error).message}\nlast status: ${JSON.stringify(lastStatus(c))}\narticles: ${JSON.stringify(names)}\nskipped: ${JSON.stringify(src && (src as SourcesResult).skipped)}\nlog: ${JSON.stringify(c.notifications.filter((x) => x.method === 'window/logMessage').map((x) => x.params))}`);
  }
}

/**
 * Every published diagnostic, keyed by workspace-relative path, with URIs made relative too and
 * lists sorted: comparable between servers started on different temp folders. Files whose last
 * publication was empty are left out (cleared = never published).
 */
function snapshot(c: TestClient): Record<string, unknown[]> {
  const root = c.uri('');
  const rel = (uri: string) => (uri.startsWith(root) ? uri.slice(root.length).replace(/^\//, '') : `OUTSIDE:${uri}`);
  const out: Record<string, unknown[]> = {};
  for (const [uri, ds] of [...c.diagnostics].sort(([a], [b]) => a.localeCompare(b))) {
    if (!ds.length) continue;
    out[rel(uri)] = ds
      .map((d: Diagnostic) => ({
        code: d.code,
        severity: d.severity,
        range: d.range,
        message: d.message,
        related: (d.relatedInformation ?? []).map((r) => ({ uri: rel(r.location.uri), range: r.location.range, message: r.message })),
      }))
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return out;
}

/** A fresh server on a fresh copy of `files`: its diagnostics once idle. */
async function freshSnapshot(files: Record<string, string>): Promise<Record<string, unknown[]>> {
  const ws = await makeWorkspace(files);
  const c = await TestClient.start({ workspace: ws });
  try {
    await idle(c, Object.keys(files).filter((f) => f.endsWith('.txt')).length);
    return snapshot(c);
  } finally {
    await c.stop();
  }
}

const clients: TestClient[] = [];
after(async () => {
  for (const c of clients) await c.stop();
});

async function start(...args: Parameters<typeof TestClient.start>): Promise<TestClient> {
  const c = await TestClient.start(...args);
  clients.push(c);
  return c;
}

describe('editor faults', () => {
  it('1,000 edits in a burst: coalesced, and the end state is a fresh server’s on the final text', async () => {
    const files = await story();
    const ws = await makeWorkspace(files);
    const c = await start({ workspace: ws });
    await idle(c, 4);
    const uri = c.uri(A);
    const text = files[A];
    await c.open(uri, text, 1);
    const toll = positionOfText(text, '41 people');
    const publishedBefore = c.published.length;
    // Incremental edits, as an editor sends them: the toll retyped 999 times (5001, 5002, …, each
    // conflicting with B's 52), then set to 52, which agrees with every other source.
    let current = '41';
    const sends: Promise<void>[] = [];
    const EDITS = 1000;
    for (let i = 1; i <= EDITS; i++) {
      const next = i === EDITS ? '52' : String(5000 + i);
      sends.push(
        c.notify('textDocument/didChange', {
          textDocument: { uri, version: i + 1 },
          contentChanges: [{ range: { start: toll, end: { line: toll.line, character: toll.character + current.length } }, text: next }],
        }),
      );
      current = next;
    }
    await Promise.all(sends);
    const finalText = text.replace('41 people', '52 people');
    // A request on the document is answered against its newest text (a pending edit is analysed first).
    const symbols = await c.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const figures = symbols.find((s) => s.name === 'Figures')?.children?.flatMap((g) => (g as { children?: { name: string }[] }).children ?? []) ?? [];
    assert.ok(figures.some((f) => f.name === '52'), JSON.stringify(symbols.find((s) => s.name === 'Figures')));
    const settled = await c.waitFor('settled on the final text', () => {
      const s = lastStatus(c);
      const conflictsIn = (rel: string) => (c.diagnosticsOf(c.uri(rel)) ?? []).filter((d) => d.code === 'figure-conflict').length;
      return s?.state === 'idle' && conflictsIn(A) === 0 && conflictsIn(B) === 0 ? s : undefined;
    });
    assert.equal(settled.articles, 4);
    const aPublications = c.published.slice(publishedBefore).filter((p) => p.uri === uri).length;
    console.log(`# 1,000 edits → ${aPublications} publications for the edited file`);
    assert.ok(aPublications < EDITS / 10, `edits coalesced: ${aPublications} publications for ${EDITS} edits`);
    // Nothing stale: no diagnostic anywhere still names an intermediate toll.
    const stale = [...c.diagnostics.values()].flat().filter((d) => /\b5\d{3}\b/.test(String(d.message)));
    assert.deepEqual(stale, []);
    assert.deepEqual(snapshot(c), await freshSnapshot({ ...files, [A]: finalText }));
  });

  it('a file deleted and another renamed while the workspace is being indexed: gone, and no links to them', async () => {
    const files = await story();
    // Enough files before X and Y (they sort last) that the scan is still reading when they go:
    // copies of the story, and short notes about unrelated towns.
    const all: Record<string, string> = { ...files };
    for (let i = 0; i < 20; i++) all[`wire/${String(i).padStart(3, '0')}/${B}`] = files[B].replace('Danube Wire', `Danube Wire ${i}`);
    for (let i = 0; i < 1500; i++) all[`notes/${String(i).padStart(4, '0')}.txt`] = `Note ${i}\n\nNothing happened in Town${i} on Monday, the council of Town${i} said.\n`;
    const X = 'zz-late/deleted.txt';
    const Y = 'zz-late/renamed.txt';
    const Y2 = 'zz-late/renamed-v2.txt';
    all[X] = files[A];
    all[Y] = files[A].replace('41 people', '44 people');
    const ws = await makeWorkspace(all);
    const c = await start({ workspace: ws });
    // As soon as the scan has listed the files, delete X and rename Y, and say so as a client's
    // file watcher does (a rename is a deletion and a creation).
    await c.waitFor('scan listed the files', () => statuses(c).some((s) => s.state === 'indexing' && s.total > 0));
    await fs.unlink(path.join(ws, X));
    await fs.rename(path.join(ws, Y), path.join(ws, Y2));
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(X), type: 3 }, { uri: c.uri(Y), type: 3 }, { uri: c.uri(Y2), type: 1 }] });
    const during = lastStatus(c)?.state === 'indexing';
    console.log(`# delete and rename sent while the scan was ${during ? 'still running' : 'already finished'}`);
    const expected = Object.keys(all).length - 1; // X gone, Y became Y2
    await idle(c, expected);
    await c.waitFor('Y2 indexed', () => c.diagnosticsOf(c.uri(Y2))?.some((d) => d.code === 'figure-conflict'));
    const src = await c.request<SourcesResult>('newsAnnotator/sources');
    const uris = src.articles.map((a) => a.uri);
    assert.ok(!uris.includes(c.uri(X)) && !uris.includes(c.uri(Y)) && uris.includes(c.uri(Y2)), JSON.stringify(uris.filter((u) => u.includes('zz-late'))));
    assert.deepEqual(src.skipped, [], 'a file that is gone is not “skipped”');
    for (const gone of [X, Y]) {
      assert.ok(!c.diagnosticsOf(c.uri(gone))?.length, `${gone}: no diagnostics left`);
      const links = [...c.diagnostics.values()].flat().filter((d) => d.relatedInformation?.some((r) => r.location.uri === c.uri(gone)));
      assert.deepEqual(links, [], `no related links to ${gone}`);
    }
    const { [X]: _x, [Y]: y, ...rest } = all;
    assert.deepEqual(snapshot(c), await freshSnapshot({ ...rest, [Y2]: y }));
  });

  it('50,000 files that are not articles: only the articles are read, include/exclude respected', async () => {
    const files = await story();
    const ws = await makeWorkspace({
      [`articles/${A}`]: files[A],
      [`articles/${B}`]: files[B],
      [`articles/deep/${'nested/'.repeat(20)}${C}`]: files[C],
      [`vendor/${D}`]: files[D], // excluded by the folder's setting
      [`node_modules/pkg/${D}`]: files[D], // excluded by default
      [`.git/${D}`]: files[D],
      [`notes/${D.replace('.txt', '.md')}`]: files[D], // not included
    });
    const exts = ['json', 'png', 'md', 'csv', 'html'];
    let made = 0;
    for (let d = 0; d < 500; d++) {
      const dir = path.join(ws, `data/g${d % 10}/d${d}`);
      await fs.mkdir(dir, { recursive: true });
      await Promise.all(Array.from({ length: 100 }, (_, f) => fs.writeFile(path.join(dir, `f${f}.${exts[f % 5]}`), f % 5 === 1 ? Buffer.from([0x89, 0x50, 0, 0]) : '{}')));
      made += 100;
    }
    assert.equal(made, 50_000);
    const started = Date.now();
    const c = await start({ workspace: ws, settings: { exclude: ['**/node_modules/**', '**/.git/**', 'vendor/**'] } });
    // An article saved in a folder the scan has already listed, while it is still listing the rest:
    // the watcher reports it, and the scan's clean-up must not drop it again.
    await c.waitFor('scan started', () => statuses(c).some((s) => s.state === 'indexing'));
    await fs.writeFile(path.join(ws, 'late.txt'), files[D]);
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('late.txt'), type: 1 }] });
    const listing = statuses(c).every((s) => s.total === 0);
    await idle(c, 4);
    console.log(`# initial scan of ${made} + 8 files: ${Date.now() - started} ms to idle (late.txt created while ${listing ? 'listing' : 'reading'})`);
    const src = await c.request<SourcesResult>('newsAnnotator/sources');
    assert.deepEqual(src.articles.map((a) => a.uri).sort(), [`articles/${A}`, `articles/${B}`, `articles/deep/${'nested/'.repeat(20)}${C}`, 'late.txt'].map((r) => c.uri(r)).sort());
    assert.deepEqual(src.skipped, []);
    // A narrower include is applied at once; the excluded folders stay out.
    c.settings = { include: ['articles/*.txt', 'vendor/*.txt'], exclude: ['**/node_modules/**', '**/.git/**'] };
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('re-selected', async () => {
      const s = await c.request<SourcesResult>('newsAnnotator/sources');
      const names = s.articles.map((a) => a.uri).sort();
      return JSON.stringify(names) === JSON.stringify([`articles/${A}`, `articles/${B}`, `vendor/${D}`].map((r) => c.uri(r)).sort());
    }, 60_000);
    await c.waitFor('the deep article cleared', () => (c.diagnosticsOf(c.uri(`articles/deep/${'nested/'.repeat(20)}${C}`)) ?? []).length === 0);
  });

  it('the server killed with SIGKILL: a new server on the same workspace comes back to the same state', async () => {
    const files = await story();
    const ws = await makeWorkspace(files);
    const first = await start({ workspace: ws });
    await idle(first, 4);
    // An unsaved edit in the editor: the client sends it again to the new server (didOpen).
    const draft = files[D] + '\nAt least 41 people were killed, the Alpine Rescue Service said.\n';
    await first.open(first.uri(D), draft, 7);
    await first.waitFor('draft checked', () => first.diagnosticsOf(first.uri(D))?.some((d) => d.code === 'figure-hedge' || d.code === 'figure-conflict'));
    await idle(first, 4);
    const before = snapshot(first);
    assert.ok(Object.keys(before).length >= 3, JSON.stringify(Object.keys(before)));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => first.proc.once('exit', (_code, signal) => resolve(signal)));
    first.proc.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    const second = await start({ workspace: ws });
    await idle(second, 4);
    await second.open(second.uri(D), draft, 1);
    await second.waitFor('the same diagnostics again', () => JSON.stringify(snapshot(second)) === JSON.stringify(before) || undefined);
    assert.deepEqual(snapshot(second), before);
    // And it answers.
    const hover = await second.request('textDocument/hover', { textDocument: { uri: second.uri(A) }, position: positionOfText(files[A], 'Ingrid Maier', 0, 1) });
    assert.ok(hover);
  });

  it('a server that dies in the middle of a message leaves no timer behind (the test process can exit)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    // Half a message, then gone: what a SIGKILL can leave in the pipe.
    const proc = spawn(process.execPath, ['-e', `process.stdout.write('Content-Length: 500\\r\\n\\r\\n{"jsonrpc":"2.0","method":"window/logMessage"')`], { stdio: 'pipe' });
    const conn = streamConnection(proc);
    let partial = 0;
    conn.onNotification(() => {
      partial++;
    });
    conn.listen();
    await new Promise((resolve) => proc.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the half message is read
    conn.dispose();
    assert.equal(partial, 0, 'nothing was delivered');
    assert.equal(timers(), before, process.getActiveResourcesInfo().join(' '));
  });
});
