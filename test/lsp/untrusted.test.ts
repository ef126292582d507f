// Untrusted article text and untrusted settings. Article text reaches the sidebar's requests only
// as plain one-line text (never Markdown, no control or bidirectional-override characters) and the
// Markdown export inert; workspace settings (include/exclude globs, size limit, aliases, ignore)
// and symbolic links cannot make the server read outside the workspace folders or run a pattern
// as a regular expression; and nothing reaches the network or starts a process — checked by
// running the server and the CLI under a `--require` hook (./sandbox.cjs) that records every
// file read outside the allowed folders and makes network and process calls throw, and by
// looking for network call sites in the bundles.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import type { Hover } from 'vscode-languageserver-protocol';
import type { ConflictsResult, CrossReferencesResult, SourcesResult } from '../../shared/protocol';
import { fileUri, fixture, makeWorkspace, positionOfText, serverBundle, tempDir, TestClient } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const HOOK = path.join(__dirname, 'sandbox.cjs');
const TMP = tmpdir();

// Control characters, bidirectional overrides and isolates: they can hide or reorder what a reader sees.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const EVIL = `Oberkirn mayor speaks [x](command:workbench.action.terminal.new) \u202Etxt.exe\u202C

Ingrid Maier, the mayor of Oberkirn <img src=x onerror=alert(1)>, spoke to reporters on Monday \u2066[y](command:evil)\u2069.

"We heard a sound like thunder \`rm -rf\` and then the whole hillside
# moved <b>toward</b> the [church](command:evil) and the school," said Ingrid Maier.

At least 41 **people** were killed in Oberkirn, the Alpine Rescue Service said. $(alert) &lt;script&gt;
`;

const PLAIN = `Oberkirn landslide

Ingrid Maier, the mayor of Oberkirn, spoke on Monday.

"We heard a sound like thunder and then the whole hillside moved toward the church and the school," said Ingrid Maier.

52 people were killed in Oberkirn, the Alpine Rescue Service said.
`;

/** Every string inside a JSON value, with where it sits. */
function strings(v: unknown, at = '$'): [string, string][] {
  if (typeof v === 'string') return [[at, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${at}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => strings(x, `${at}.${k}`));
  return [];
}

/** Sandbox settings for a child process: its record file and the folders it may read and write. */
function sandboxEnv(read: string[], write: string[] = []): { env: Record<string, string>; records: () => string[]; loaded: () => number } {
  const log = path.join(tempDir('na-sandbox-'), 'records.log');
  writeFileSync(log, '');
  return {
    env: {
      NA_SANDBOX_LOG: log,
      NA_SANDBOX_READ_ALLOW: JSON.stringify(read),
      NA_SANDBOX_WRITE_ALLOW: JSON.stringify(write),
    },
    records: () => readFileSync(log, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')),
    /** How many processes and threads loaded the hook (so an empty record list means something). */
    loaded: () => readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('# loaded')).length,
  };
}

/** Starts a server under the sandbox hook (the harness passes NEWS_ANNOTATOR_NODE_ARGS to node). */
async function startSandboxed(options: Parameters<typeof TestClient.start>[0], env: Record<string, string>): Promise<TestClient> {
  const saved = { ...process.env };
  Object.assign(process.env, env, { NEWS_ANNOTATOR_NODE_ARGS: `--require ${HOOK}` });
  try {
    return await TestClient.start(options);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

describe('untrusted article text outside hovers', () => {
  let client: TestClient;

  before(async () => {
    const ws = await makeWorkspace({ 'evil.txt': EVIL, 'plain.txt': PLAIN });
    client = await TestClient.start({ workspace: ws });
    await client.waitForIdle(2);
  });

  after(async () => {
    await client?.stop();
  });

  it('the sidebar requests carry article text as plain, one-line text, without control characters', async () => {
    const answers: [string, unknown][] = [
      ['crossReferences evil', await client.request<CrossReferencesResult>('newsAnnotator/crossReferences', { uri: client.uri('evil.txt') })],
      ['crossReferences plain', await client.request<CrossReferencesResult>('newsAnnotator/crossReferences', { uri: client.uri('plain.txt') })],
      ['conflicts', await client.request<ConflictsResult>('newsAnnotator/conflicts')],
      ['sources', await client.request<SourcesResult>('newsAnnotator/sources')],
    ];
    const all = answers.flatMap(([what, v]) => strings(v, what));
    const bad = all.filter(([, s]) => /[\r\n]/.test(s) || CONTROL.test(s));
    assert.deepEqual(bad, [], 'line breaks or control characters in sidebar strings');
    // Not vacuous: article text reached the sidebar, and as written (plain text, so not escaped).
    const texts = all.map(([, s]) => s);
    assert.ok(texts.some((s) => s.includes('[church](command:evil)')), texts.join('\n'));
    assert.ok(texts.some((s) => s.includes('<img src=x onerror=alert(1)>')), 'preview with the HTML payload');
    assert.ok(!texts.some((s) => /\\[[\]()<>`]/.test(s)), 'plain text is not Markdown-escaped');
  });

  it('the VS Code client shows sidebar text as plain strings, never trusted Markdown', async () => {
    // Tree item labels, descriptions and string tooltips are plain text in VS Code; a
    // MarkdownString would render links and, if trusted, run command: links.
    const dir = path.join(ROOT, 'client/src');
    const files = (await fs.readdir(dir, { recursive: true })).filter((f) => String(f).endsWith('.ts'));
    assert.ok(files.length > 0);
    for (const f of files) {
      const src = await fs.readFile(path.join(dir, String(f)), 'utf8');
      assert.ok(!/isTrusted\s*[:=]\s*true|supportHtml\s*[:=]\s*true|enableCommandUris/.test(src), `${f} trusts Markdown`);
      if (/views[\\/]/.test(String(f))) assert.ok(!/MarkdownString/.test(src), `${f} builds Markdown for a tree item`);
    }
  });

  it('the Markdown export keeps article text inert: no HTML, links, code spans or injected blocks', async () => {
    const md = await client.request<string>('newsAnnotator/export', { format: 'markdown' });
    assert.ok(md.includes('evil'), md);
    const active = md.replace(/\\[\s\S]/g, ''); // what a renderer interprets after backslash escapes
    assert.ok(!/[<>`[\]]/.test(active), `active Markdown in the export:\n${md}`);
    assert.ok(!CONTROL.test(md.replace(/\n/g, '')), 'control characters in the export');
    // Every line is one of the report's own: article text cannot start a heading, list or HTML block.
    for (const line of md.split('\n')) assert.match(line, /^(?:|# News Annotator report|\d+ articles?\.|## \S.*|No findings\.|- \*\*[a-z-]+\*\* \((?:error|warning|information|hint)\) line \d+: .*)$/, `line ${JSON.stringify(line)}`);
  });
});

describe('settings and links cannot widen what the server reads', () => {
  let client: TestClient;
  let ws: string;
  let outside: string;
  let records: () => string[];
  let loaded: () => number;

  before(async () => {
    const a = await fixture('alpine-herald.txt');
    const b = await fixture('danube-wire.txt');
    outside = await fs.realpath(tempDir('na-outside-'));
    await fs.mkdir(path.join(outside, 'sub'), { recursive: true });
    await fs.writeFile(path.join(outside, 'secret.txt'), a.replace('41', '7'));
    await fs.writeFile(path.join(outside, 'sub/deep.txt'), b.replace('52', '9'));
    ws = await makeWorkspace({ 'a.txt': a, 'b.txt': b });
    await fs.symlink(outside, path.join(ws, 'linked-dir')); // a folder link pointing out
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(ws, 'link.txt')); // a file link pointing out
    await fs.symlink(path.join(outside, 'missing.txt'), path.join(ws, 'dangling.txt'));
    await fs.symlink('.', path.join(ws, 'loop')); // a link cycle
    await fs.symlink('..', path.join(ws, 'up'));
    const sandbox = sandboxEnv([ws, path.dirname(await serverBundle())]);
    records = sandbox.records;
    loaded = sandbox.loaded;
    const rel = path.relative(ws, outside).split(path.sep).join('/');
    client = await startSandboxed(
      {
        workspace: ws,
        settings: {
          // Every way a glob could name something outside the folder, and an exclude list that
          // excludes nothing; none may widen what is read. Regex syntax in names is plain text.
          include: ['**/*.txt', '../**/*.txt', `${rel}/**/*.txt`, `${outside}/**/*.txt`, '/**/*.txt', '**/../../**/*.txt', '{..,.}/**/*.txt', 'linked-dir/**', 'up/**/*.txt'],
          exclude: ['!**/*', ''],
          maxFileSize: 1e15,
          aliases: [['(a+)+b', 'Ingrid Maier'], ['.*', '[', 'x']],
          ignore: ['.*', '(a|a)*$', '\\', '['],
        },
      },
      sandbox.env,
    );
    await client.waitForIdle(2);
  });

  after(async () => {
    await client?.stop();
  });

  it('indexes only the workspace’s own articles; links out are listed as skipped, with the reason', async () => {
    const src = await client.request<SourcesResult>('newsAnnotator/sources');
    assert.deepEqual(src.articles.map((a) => a.uri).sort(), [client.uri('a.txt'), client.uri('b.txt')]);
    const reason = (rel: string) => src.skipped.find((s) => s.uri === client.uri(rel))?.reason ?? '';
    assert.match(reason('link.txt'), /outside the workspace/);
    for (const s of src.skipped) assert.ok(s.uri.startsWith(client.uri('')), `skipped entry outside the workspace: ${s.uri}`);
    for (const uri of client.diagnostics.keys()) assert.ok(uri.startsWith(client.uri('') + '/'), `diagnostics for ${uri}`);
    // Regex syntax in aliases and ignore is plain text: '.*' ignores nothing, the names stay.
    const a = src.articles.find((x) => x.uri === client.uri('a.txt'))!;
    assert.ok(a.entities > 0 && a.figures > 0, JSON.stringify(a));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('a.txt') }, position: positionOfText(await fixture('alpine-herald.txt'), 'Ingrid Maier', 0, 1) });
    assert.ok(hover, 'Ingrid Maier still an entity');
  });

  it('refuses watcher events and closed documents that point outside, and reads nothing outside', async () => {
    const inDir = client.uri('linked-dir/secret.txt');
    const events = [
      { uri: inDir, type: 1 },
      { uri: client.uri('linked-dir/sub/deep.txt'), type: 2 },
      { uri: `${client.uri('')}/../${path.basename(outside)}/secret.txt`, type: 1 },
      { uri: fileUri(path.join(outside, 'secret.txt')), type: 1 },
    ];
    await client.notify('workspace/didChangeWatchedFiles', { changes: events });
    // An editor buffer of a file outside the workspace is analysed from the buffer; on close the
    // server does not go and read that file from disk.
    const outsideUri = fileUri(path.join(outside, 'secret.txt'));
    await client.open(outsideUri, PLAIN);
    await client.close(outsideUri);
    // The in-workspace path through the folder link is looked at, found to lead outside, and
    // listed as skipped (which also says the events were handled); the others are ignored.
    const src = await client.waitFor('events handled', async () => {
      const s = await client.request<SourcesResult>('newsAnnotator/sources');
      const reason = s.skipped.find((x) => x.uri === inDir)?.reason;
      return reason && /outside the workspace/.test(reason) ? s : undefined;
    });
    assert.deepEqual(src.articles.map((a) => a.uri).sort(), [client.uri('a.txt'), client.uri('b.txt')]);
    await client.waitFor('the outside buffer cleared', () => (client.diagnosticsOf(outsideUri) ?? []).length === 0);
    // A full rescan with these settings reads nothing outside either.
    await client.request('newsAnnotator/reindex');
    assert.deepEqual((await client.request<SourcesResult>('newsAnnotator/sources')).articles.map((a) => a.uri).sort(), [client.uri('a.txt'), client.uri('b.txt')]);
    assert.ok(loaded() >= 1, 'the server ran under the sandbox hook');
    assert.deepEqual(records(), [], 'files read outside the workspace, network or process calls');
  });
});

describe('glob settings cannot make matching run away', () => {
  it('a glob with many wildcards in one name (catastrophic backtracking once compiled) is refused', async () => {
    // picomatch turns "*a*a*a…" into a chain of lazy [^/]*? groups: against a long file name that
    // almost matches, the regular expression backtracks for minutes per file, and the scan hangs.
    const evil = (tail: string) => `**/${'*a'.repeat(12)}*${tail}`;
    const long = `${'a'.repeat(200)}.txt`;
    const ws = await makeWorkspace({ 'a.txt': PLAIN, 'b.txt': PLAIN.replace('52', '41'), [long]: PLAIN });
    const client = await TestClient.start({
      workspace: ws,
      settings: { include: [evil('b.txt'), '**/*.txt'], exclude: ['**/node_modules/**', `${evil('c')}/**`, evil('c.txt')] },
    });
    try {
      await client.waitForIdle(3);
      const src = await client.request<SourcesResult>('newsAnnotator/sources');
      assert.deepEqual(src.articles.map((a) => a.uri).sort(), [client.uri('a.txt'), client.uri('b.txt'), client.uri(long)].sort());
    } finally {
      await client.stop();
    }
  });
});

describe('nothing goes to the network, nothing is run', () => {
  it('the bundles hold no network call sites; net and child_process only in the LSP library', async () => {
    for (const entry of ['server/src/server.ts', 'server/src/cli/main.ts', 'server/src/index/worker.ts']) {
      const full = path.join(ROOT, entry);
      if (!(await fs.stat(full).catch(() => null))) continue;
      const out = await esbuild.build({ entryPoints: [full], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'error' });
      const code = out.outputFiles[0].text;
      const bad = code.match(/require\("(?:node:)?(?:http|https|http2|tls|dgram|dns)"\)|\bfetch\(|XMLHttpRequest|WebSocket|\bimport\(\s*["']https?:/g);
      assert.equal(bad, null, `${entry}: ${bad}`);
      // `net` (the LSP socket transport) and `child_process` (a path helper) come with
      // vscode-languageserver; nothing of ours requires them.
      const lines = code.split('\n');
      lines.forEach((line, i) => {
        if (!/require\("(?:node:)?(?:net|child_process)"\)/.test(line)) return;
        let j = i;
        while (j >= 0 && !/^\/\/ \S/.test(lines[j])) j--;
        const module = j >= 0 ? lines[j].slice(3) : '(unknown)';
        assert.match(module, /^node_modules\/vscode-(?:jsonrpc|languageserver)/, `${entry}: ${line.trim()} in ${module}`);
      });
    }
  });

  it('the whole language-server scenario passes with network and process calls made to throw', () => {
    // test/lsp/server.test.ts run again, its server under the sandbox: reads only inside its
    // temp workspaces and its bundle (and the storage folder it is handed), writes only there.
    const sandbox = sandboxEnv(
      [path.join(TMP, 'na-ws-*'), path.join(TMP, 'na-server-*'), path.join(TMP, 'na-outside-*', 'storage')],
      [path.join(TMP, 'na-outside-*', 'storage')],
    );
    const env: NodeJS.ProcessEnv = { ...process.env, ...sandbox.env, NEWS_ANNOTATOR_NODE_ARGS: `--require ${HOOK}` };
    delete env.NODE_TEST_CONTEXT; // a test run of its own, not a child reporting to this one
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', path.join(__dirname, 'server.test.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      timeout: 180_000,
    });
    assert.equal(r.status, 0, `server.test.ts under the sandbox:\n${r.stdout}\n${r.stderr}`);
    const passed = /^ℹ pass (\d+)$/m.exec(r.stdout);
    assert.ok(passed && Number(passed[1]) >= 20, `the scenario ran: ${passed?.[0]}\n${r.stdout.slice(-2000)}`);
    assert.match(r.stdout, /^ℹ fail 0$/m);
    assert.ok(sandbox.loaded() >= 1, 'the servers ran under the sandbox hook');
    assert.deepEqual(sandbox.records(), []);
  });

  it('the CLI annotates the examples identically under the sandbox, reading only what it is given', () => {
    const cli = path.join(ROOT, 'dist/cli.js');
    const plain = spawnSync(process.execPath, [cli, '--format', 'json', 'examples'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(plain.status, 0, plain.stderr);
    const sandbox = sandboxEnv([path.join(ROOT, 'examples'), path.join(ROOT, 'dist')]);
    const boxed = spawnSync(process.execPath, ['--require', HOOK, cli, '--format', 'json', 'examples'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...sandbox.env },
    });
    assert.equal(boxed.status, 0, boxed.stderr);
    assert.equal(boxed.stdout, plain.stdout);
    assert.equal(sandbox.loaded(), 1, 'the CLI ran under the sandbox hook');
    assert.deepEqual(sandbox.records(), []);
  });
});
