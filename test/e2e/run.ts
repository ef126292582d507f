// `npm run test:e2e`: the packaged extension in a real VS Code (code-server 4.139.1, VS Code 1.139.1)
// driven by playwright-core in Debian's Chromium. Builds with --production, packages the .vsix,
// installs it into a fresh extensions folder in a temporary directory, starts code-server on a free
// loopback port, runs the checks in ./checks.ts, tears everything down and closes with
// "N passed, N failed". Needs `bash scripts/e2e-setup.sh` once (cached outside the repository).

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHECKS, type Expected } from './checks';
import {
  CHROMIUM,
  RESULTS,
  ROOT,
  addWorkspaceExtras,
  findTools,
  installExtension,
  makeSandbox,
  packageExtension,
  startCodeServer,
  vsixSize,
  type RunningServer,
  type Sandbox,
} from './environment';
import { Workbench } from './workbench';

const started = Date.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
let passed = 0;
let failed = 0;
let sandbox: Sandbox | undefined;
let server: RunningServer | undefined;
let browser: Browser | undefined;
const browserLog: string[] = [];

function expectedFindings(workspace: string): Expected {
  const json = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '-f', 'json', workspace], { encoding: 'utf8' });
  const report = JSON.parse(json) as {
    articles: unknown[];
    diagnostics: { code: string; path: string; message: string; related: { path: string }[] }[];
  };
  const conflicts = report.diagnostics.filter((d) => d.code === 'figure-conflict');
  return { articles: report.articles.length, conflicts: conflicts.map((d) => ({ message: d.message, related: d.related.map((r) => r.path.split('/').pop()!) })) };
}

async function main(): Promise<void> {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const tools = findTools();
  sandbox = makeSandbox();
  const vsix = packageExtension(sandbox.dir);
  console.log(`e2e: packaged ${vsix} (${(vsixSize(vsix) / 1024).toFixed(1)} KiB)`);
  const expected = expectedFindings(sandbox.workspace);
  addWorkspaceExtras(sandbox);
  installExtension(tools, sandbox, vsix);
  server = await startCodeServer(tools, sandbox);
  console.log(`e2e: code-server on ${server.url} (${seconds(Date.now() - started)} after start)`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  // The workbench reports manifest problems (bad `when` clauses, unknown settings) in the console.
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') browserLog.push(m.text());
  });
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(sandbox.workspace)}`);
  const wb = new Workbench(page);
  await wb.waitReady();

  // NEWS_ANNOTATOR_E2E_ONLY=slug,slug runs a subset while developing (later checks build on earlier ones).
  const only = process.env.NEWS_ANNOTATOR_E2E_ONLY?.split(',');
  let step = 0;
  for (const check of CHECKS.filter((c) => !only || only.includes(c.slug))) {
    step++;
    const t0 = Date.now();
    const shot = join(RESULTS, `${String(step).padStart(2, '0')}-${check.slug}.png`);
    try {
      await check.run(wb, { expected, sandbox, browserLog });
      await wb.screenshot(shot);
      passed++;
      console.log(`  ✔ ${check.name} (${seconds(Date.now() - t0)})`);
    } catch (e) {
      failed++;
      console.log(`  ✖ ${check.name} (${seconds(Date.now() - t0)})\n      ${(e instanceof Error ? e.message : String(e)).split('\n').join('\n      ')}`);
      await wb.screenshot(shot.replace(/\.png$/, '-FAILED.png')).catch(() => undefined);
      if (check.fatal) break;
    }
  }
}

let tornDown: Promise<void> | undefined;
/** Closes the browser, stops code-server and removes the sandbox (once, whoever asks first). */
function teardown(): Promise<void> {
  tornDown ??= doTeardown();
  return tornDown;
}

async function doTeardown(): Promise<void> {
  writeFileSync(join(RESULTS, 'browser-console.log'), browserLog.join('\n') + '\n');
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  if (!sandbox) return;
  // Keep code-server's and the extension host's logs beside the screenshots when something failed.
  if (failed) {
    const logs = join(sandbox.userData, 'logs');
    if (existsSync(logs)) cpSync(logs, join(RESULTS, 'logs'), { recursive: true });
    if (server) writeFileSync(join(RESULTS, 'code-server.log'), server.output());
  }
  if (process.env.NEWS_ANNOTATOR_E2E_KEEP) console.log(`e2e: kept ${sandbox.dir}`);
  else rmSync(sandbox.dir, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  console.log('e2e: gave up after 8 minutes');
  failed++;
  void teardown().finally(() => finish());
}, 8 * 60_000);
// Interrupted (Ctrl+C, a CI time limit): still stop code-server, which runs in its own process group.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`e2e: ${signal}`);
    failed++;
    void teardown().finally(() => finish());
  });
}

function finish(): never {
  clearTimeout(watchdog);
  console.log(`e2e: screenshots in ${RESULTS}; total ${seconds(Date.now() - started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed || !passed ? 1 : 0);
}

main()
  .catch((e) => {
    failed++;
    console.log(`e2e: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  })
  .finally(async () => {
    await teardown();
    finish();
  });
