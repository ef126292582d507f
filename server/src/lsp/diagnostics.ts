// Push diagnostics: which findings an article shows (per-folder severity applied) and publishing
// them for every affected article. Removed articles get an empty list, which clears them.

import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { Finding, FindingCode, Severity } from '../analysis/types';
import type { FeatureContext } from './context';
import { levelFor } from './settings';

/** An article's findings at the level its folder's settings give them ('off' ones dropped). */
export function effectiveFindings(ctx: Pick<FeatureContext, 'corpus' | 'settingsFor'>, key: string): { finding: Finding; level: Severity }[] {
  if (!ctx.corpus.has(key)) return [];
  const settings = ctx.settingsFor(key);
  const out: { finding: Finding; level: Severity }[] = [];
  for (const finding of ctx.corpus.findings(key)) {
    const level = levelFor(settings, finding.code, finding.severity);
    if (level !== 'off') out.push({ finding, level });
  }
  return out;
}

/** How many findings an article shows (effectiveFindings(…).length, from the index's counts). */
export function effectiveCount(ctx: Pick<FeatureContext, 'corpus' | 'settingsFor'>, key: string): number {
  if (!ctx.corpus.has(key)) return 0;
  const settings = ctx.settingsFor(key);
  let n = 0;
  for (const [code, count] of Object.entries(ctx.corpus.findingCounts(key)) as [FindingCode, number][]) {
    // The index left out findings its own severity turns off; the folder's settings may turn off more.
    if (settings.severity[code] !== 'off') n += count;
  }
  return n;
}

export function diagnosticsFor(ctx: FeatureContext, key: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { finding, level } of effectiveFindings(ctx, key)) {
    const d = ctx.converter.diagnostic(finding, level);
    if (d) out.push(d);
  }
  return out;
}

/** Publishes an article's diagnostics; `version`: the open document's version they were computed for. */
export function publishDiagnostics(connection: Connection, ctx: FeatureContext, key: string, version?: number): void {
  void connection.sendDiagnostics({ uri: ctx.clientUri(key), version, diagnostics: diagnosticsFor(ctx, key) });
}
