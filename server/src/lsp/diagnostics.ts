// Push diagnostics: which findings an article shows (per-folder severity applied) and publishing
// them for every affected article. Removed articles get an empty list, which clears them.

import { createHash } from 'node:crypto';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
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

/**
 * Publishes articles' diagnostics. A closed article's are not sent again when they are what was
 * last sent for it: an edit affects the few dozen other articles of its story, and most of their
 * diagnostics come out the same (a keystroke typed, then deleted; related locations on other
 * lines) — resending them cost the client a parse and a Problems-panel update for each, and put
 * them in the pipe ahead of the answers to the user's hovers. (An open document's always go out:
 * they name the version they were computed for.)
 */
export class DiagnosticsPublisher {
  /** Article id → a digest of what was last sent for it without a version. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly send: (params: PublishDiagnosticsParams) => void | Promise<void>,
    private readonly ctx: FeatureContext,
  ) {}

  /**
   * `version`: the open document's version the diagnostics were computed for. Returns the write,
   * when there is one (a closed article's unchanged diagnostics are not sent again).
   */
  publish(key: string, version?: number): void | Promise<void> {
    const params: PublishDiagnosticsParams = { uri: this.ctx.clientUri(key), version, diagnostics: diagnosticsFor(this.ctx, key) };
    if (version === undefined) {
      const digest = createHash('sha1').update(JSON.stringify(params)).digest('base64');
      if (this.sent.get(key) === digest) return;
      this.sent.set(key, digest);
    } else {
      this.sent.delete(key);
    }
    return this.send(params);
  }

  /** Forgets what was sent for an article (it left the index: its empty list went out). */
  forget(key: string): void {
    this.sent.delete(key);
  }
}
