// A minimal LSP client for tests: builds the server bundle and its analysis worker with esbuild
// (or uses NEWS_ANNOTATOR_SERVER), spawns `node <bundle> --stdio`, speaks JSON-RPC over its pipes, answers
// the server's requests (configuration, progress, registrations, refreshes) and records what it
// publishes. Waits are condition polls with timeouts, never fixed sleeps.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { stopServer, streamConnection } from '../../bench/lsp-client';
import type {
  ClientCapabilities,
  ConfigurationParams,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  RegistrationParams,
} from 'vscode-languageserver-protocol';
import ESBUILD_TARGET from '../../scripts/esbuild-target.json';

const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/lsp');

let bundle: Promise<string> | null = null;

/** Temp folders this process made (bundle, workspaces), removed when it exits. */
const temporary: string[] = [];
process.on('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed at exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** The server bundle under test: built once per process from the current sources. */
export function serverBundle(): Promise<string> {
  if (process.env.NEWS_ANNOTATOR_SERVER) return Promise.resolve(path.resolve(process.env.NEWS_ANNOTATOR_SERVER));
  bundle ??= (async () => {
    const outdir = tempDir('na-server-');
    const outfile = path.join(outdir, 'server.js');
    // The analysis worker beside the server, where the server looks for it.
    await esbuild.build({
      entryPoints: { server: path.join(ROOT, 'server/src/server.ts'), worker: path.join(ROOT, 'server/src/index/worker.ts') },
      outdir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      ...ESBUILD_TARGET,
      logLevel: 'error',
    });
    return outfile;
  })();
  return bundle;
}

export { streamConnection };

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** A temp workspace with the given files (relative path → contents). */
export async function makeWorkspace(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await fs.realpath(tempDir('na-ws-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, content);
  }
  return dir;
}

export async function fixture(name: string): Promise<string> {
  return fs.readFile(path.join(FIXTURES, name), 'utf8');
}

export const defaultCapabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    codeLens: { refreshSupport: true },
    semanticTokens: { refreshSupport: true },
    symbol: {},
  },
  textDocument: {
    synchronization: { didSave: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
    semanticTokens: {
      requests: { full: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
  },
  window: { workDoneProgress: true },
};

export interface StartOptions {
  workspace: string;
  /** `newsAnnotator` settings answered to workspace/configuration (mutable via `client.settings`). */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** How to talk to the server: `--stdio` pipes (default) or Node IPC (`--node-ipc`). */
  transport?: 'stdio' | 'ipc';
  /** Workspace folders to announce (default: the workspace itself). */
  folders?: string[];
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics, in order (to see that a file was cleared, not just never sent). */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly serverRequests: { method: string; params: unknown }[] = [];
  readonly registrations: RegistrationParams[] = [];
  stderr = '';
  settings: Record<string, unknown>;
  /** Settings answered for a scope (a folder URI, or undefined for the window); `settings` by default. */
  settingsFor: (scopeUri: string | undefined) => Record<string, unknown> = () => this.settings;
  initializeResult!: InitializeResult;
  private exited = false;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
    readonly workspace: string,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    proc.stderr?.on('data', (d) => (this.stderr += String(d)));
    proc.on('exit', () => (this.exited = true));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.diagnostics.set(p.uri, p.diagnostics);
    });
    conn.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
    });
    // jsonrpc routes $/progress to per-token handlers; the test has none, so it arrives here.
    conn.onUnhandledProgress((params) => {
      this.notifications.push({ method: '$/progress', params });
    });
    conn.onRequest('workspace/configuration', (p: ConfigurationParams) => {
      this.serverRequests.push({ method: 'workspace/configuration', params: p });
      return p.items.map((item) => (item.section === 'newsAnnotator' ? this.settingsFor(item.scopeUri) : null));
    });
    conn.onRequest('client/registerCapability', (p: RegistrationParams) => {
      this.registrations.push(p);
      return null;
    });
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest((method: string, params: unknown) => {
      // window/workDoneProgress/create, workspace/codeLens/refresh, workspace/semanticTokens/refresh
      this.serverRequests.push({ method, params });
      return null;
    });
  }

  static async start(options: StartOptions): Promise<TestClient> {
    const server = await serverBundle();
    let proc: ChildProcess;
    let conn: MessageConnection;
    // Extra node flags for the server (e.g. NEWS_ANNOTATOR_NODE_ARGS="--cpu-prof" when profiling).
    const nodeArgs = (process.env.NEWS_ANNOTATOR_NODE_ARGS ?? '').split(' ').filter(Boolean);
    if (options.transport === 'ipc') {
      proc = spawn(process.execPath, [...nodeArgs, server, '--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    } else {
      proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: 'pipe' });
      conn = streamConnection(proc);
    }
    const client = new TestClient(proc, conn, options.workspace, options.settings ?? {});
    conn.listen();
    const rootUri = fileUri(options.workspace);
    const folders = options.folders ?? [options.workspace];
    client.initializeResult = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: path.basename(f) })),
      capabilities: options.capabilities ?? defaultCapabilities,
      initializationOptions: options.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  uri(rel: string): string {
    return fileUri(path.join(this.workspace, rel));
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return params === undefined ? this.conn.sendRequest<R>(method) : this.conn.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1, languageId = 'plaintext'): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Full-text change (the server asks for incremental sync; a range-less change is allowed too). */
  change(uri: string, text: string, version: number): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /**
   * Full-text changes written to the server's stdin in one write, as a fast typist's arrive: the
   * server reads them together (sent one by one, a busy machine may deliver them apart, and the
   * server rightly analyses each).
   */
  changeBurst(uri: string, versions: [text: string, version: number][]): Promise<void> {
    const frame = ([text, version]: [string, number]) => {
      const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text }] } });
      return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    };
    const stdin = this.proc.stdin;
    if (!stdin) return Promise.reject(new Error('changeBurst needs the stdio transport'));
    return new Promise((resolve, reject) => stdin.write(versions.map(frame).join(''), (e) => (e ? reject(e) : resolve())));
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Polls `probe` until it returns something other than undefined/false, or fails with `what`. */
  async waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let delay = 5;
    for (;;) {
      if (this.exited) throw new Error(`server exited while waiting for ${what}\n${this.stderr}`);
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 50);
    }
  }

  /** Resolves once the server said the index is idle with at least `articles` articles. */
  waitForIdle(articles: number): Promise<{ state: string; articles: number; conflicts: number }> {
    return this.waitFor(`idle status with ${articles} articles`, () => {
      const last = [...this.notifications].reverse().find((n) => n.method === 'newsAnnotator/status')?.params as
        | { state: string; articles: number; conflicts: number }
        | undefined;
      return last && last.state === 'idle' && last.articles >= articles ? last : undefined;
    });
  }

  diagnosticsOf(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri);
  }

  /** Asks the server to shut down and exit; killed if not gone within 5 s (see stopServer). */
  stop(): Promise<void> {
    return stopServer(this.proc, this.conn, { shutdownMs: 2000, killAfterMs: 5000 });
  }
}

/** Offset ↔ position for tests, written independently of the server's LineIndex. */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

export function offsetOf(text: string, pos: { line: number; character: number }): number {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text[i];
    i++;
    if (c === '\n' || (c === '\r' && text[i] !== '\n')) line++;
  }
  return i + pos.character;
}

export function textAt(text: string, range: Range): string {
  return text.slice(offsetOf(text, range.start), offsetOf(text, range.end));
}

/** Position of the n-th (0-based) occurrence of `needle`, plus `delta` characters. */
export function positionOfText(text: string, needle: string, nth = 0, delta = 0): { line: number; character: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not in text`);
  }
  return positionOf(text, at + delta);
}
