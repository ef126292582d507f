// The extension-host side of `npm run test:electron`: runs ./checks.ts in order and closes with
// "N passed, N failed"; a failure rejects, which makes @vscode/test-electron exit non-zero.

import { CHECKS } from './checks';

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const check of CHECKS) {
    const t0 = Date.now();
    try {
      await check.run();
      passed++;
      console.log(`  ✔ ${check.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`  ✖ ${check.name}\n      ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} check(s) failed`);
}
