// `npm run test:electron`: the same checks as the code-server end-to-end run, through the VS Code
// API in a desktop VS Code started by @vscode/test-electron. It downloads VS Code 1.139.1 on first
// use, which these machines cannot (no internet): it is for developers' own machines and is not
// run in CI. The extension is loaded from this folder (extensionDevelopmentPath), not from a .vsix.

import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = join(__dirname, '..', '..');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'news-annotator-electron-'));
  const workspace = join(dir, 'workspace');
  for (const f of readdirSync(join(root, 'examples'))) if (f.endsWith('.txt')) cpSync(join(root, 'examples', f), join(workspace, f));
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? '1.139.1',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'electron', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(dir, 'user-data')],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
