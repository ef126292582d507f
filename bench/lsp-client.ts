// The benchmark's language client: spawns the built server (dist/server.js --stdio), answers its
// requests (settings, progress, registrations), and lets the benchmark wait for events as they
// arrive — the status notification, an article's diagnostics of a given version — without polling.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Status {
  state: 'indexing' | 'idle';
  done: number;
  total: number;
  articles: number;
  conflicts: number;
}

type Waiter = { test: () => boolean; resolve: () => void };

export class BenchClient {
  status: Status | null = null;
  /** Latest published diagnostics per URI: version and count. */
  readonly published = new Map<string, { version: number | undefined; count: number; at: number }>();
  publications = 0;
  /** When the server's work-done progress (a scan) last ended, and how many have ended. */
  progressEnded: number | null = null;
  progressEnds = 0;
  readonly logs: string[] = [];
  private waiters: Waiter[] = [];

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {
    conn.onNotification('newsAnnotator/status', (s: Status) => {
      this.status = s;
      this.check();
    });
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      this.publications++;
      this.published.set(p.uri, { version: p.version, count: p.diagnostics.length, at: performance.now() });
      this.check();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    conn.onNotification(() => {});
    conn.onUnhandledProgress((p: { value?: { kind?: string } }) => {
      if (p.value?.kind === 'end') {
        this.progressEnded = performance.now();
        this.progressEnds++;
        this.check();
      }
    });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    conn.onRequest(() => null);
  }

  static async start(workspace: string, server: string, storagePath: string): Promise<BenchClient> {
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = streamConnection(proc);
    const client = new BenchClient(proc, conn);
    conn.listen();
    const uri = pathToFileURL(workspace).href;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { relatedInformation: true, versionSupport: true } },
        window: { workDoneProgress: true },
      },
      initializationOptions: { storagePath },
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  /** Resolves when `test` holds (checked at once and after each notification). */
  until(test: () => boolean, timeoutMs = 600_000, what = 'condition'): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last status ${JSON.stringify(this.status)}`)), timeoutMs);
      this.waiters.push({ test, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  private check(): void {
    if (!this.waiters.length) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.test() ? w.resolve() : still.push(w));
    this.waiters = still;
  }

  /** The first scan is over: every article analysed and in the index (diagnostics may still be going out). */
  indexed(): Promise<void> {
    return this.until(() => this.progressEnds > 0, 600_000, 'the end of the first scan');
  }

  idle(articles: number): Promise<void> {
    return this.until(() => this.status?.state === 'idle' && this.status.articles >= articles, 600_000, `idle with ${articles} articles`);
  }

  /** Peak resident set size of the server process so far (Linux: VmHWM), in MB. */
  peakRssMb(): number | null {
    return this.statusMb('VmHWM');
  }

  /** Resident set size of the server process now (Linux: VmRSS), in MB. */
  rssMb(): number | null {
    return this.statusMb('VmRSS');
  }

  /** A size from /proc/<pid>/status, in MB (null where there is none). */
  private statusMb(field: 'VmHWM' | 'VmRSS'): number | null {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : null;
    } catch {
      return null;
    }
  }

  stop(): Promise<void> {
    return stopServer(this.proc, this.conn, { shutdownMs: 5000, killAfterMs: 10_000 });
  }
}

/**
 * A JSON-RPC connection over a child's stdio (the benchmark's and the tests' clients). The reader's
 * partial-message timer is off: when a server dies in the middle of a message, vscode-jsonrpc 10
 * re-arms that 10 s timer forever and disposing the connection does not clear it, so the client
 * process would never exit (a rare hang after the tests that kill a server).
 */
export function streamConnection(proc: ChildProcess): MessageConnection {
  const reader = new StreamMessageReader(proc.stdout!);
  reader.partialMessageTimeout = 0;
  return createMessageConnection(reader, new StreamMessageWriter(proc.stdin!));
}

/**
 * Asks a server to shut down and exit, and kills it if it has not gone within `killAfterMs`. Every
 * wait is bounded: a wedged server whose input pipe is full would never take the "exit"
 * notification, and an unbounded write would hang the client after its work was done. (A killed
 * process has a signal, not an exit code.)
 */
export async function stopServer(proc: ChildProcess, conn: MessageConnection, limits: { shutdownMs: number; killAfterMs: number }): Promise<void> {
  const exited = () => proc.exitCode !== null || proc.signalCode !== null;
  const gone = new Promise<void>((r) => (exited() ? r() : proc.once('exit', () => r())));
  const timer = setTimeout(() => proc.kill('SIGKILL'), limits.killAfterMs);
  const within = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
  if (!exited()) {
    try {
      await Promise.race([conn.sendRequest('shutdown'), gone, within(limits.shutdownMs)]);
      await Promise.race([conn.sendNotification('exit'), gone, within(1000)]);
    } catch {
      // gone already
    }
  }
  await gone;
  clearTimeout(timer);
  conn.dispose();
}
