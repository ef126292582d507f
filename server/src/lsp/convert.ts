// The one place that turns the engine's records into protocol shapes: offsets ↔ UTF-16 positions
// (through each article's own LineIndex), locations, and findings → Diagnostics.

import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Location as LspLocation,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { LineIndex } from '../analysis/text';
import type { Finding, Location, Severity, Span } from '../analysis/types';
import { DOCS_URL, TOOL_NAME } from '../report';

export const DIAGNOSTIC_SOURCE = TOOL_NAME;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Line indexes kept (articles converted last): each costs a number per line of its article. */
const MAX_LINE_INDEXES = 1024;

export class Converter {
  private readonly indexes = new Map<string, { text: string; index: LineIndex }>();

  /**
   * @param textOf the analysed text of an article (offsets refer to it, not to a newer buffer), or
   *   any string of its length with its line breaks where they are (CorpusIndex.lineText)
   * @param clientUri the URI spelling the client used for an article id
   */
  constructor(
    private readonly textOf: (path: string) => string | undefined,
    readonly clientUri: (path: string) => string,
  ) {}

  lineIndex(path: string): LineIndex | null {
    const text = this.textOf(path);
    if (text === undefined) {
      this.indexes.delete(path);
      return null;
    }
    const cached = this.indexes.get(path);
    if (cached && cached.text === text) return cached.index;
    const index = new LineIndex(text);
    // (at most MAX_LINE_INDEXES, the oldest dropped first: publishing a workspace converts every article once)
    if (!cached && this.indexes.size >= MAX_LINE_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
    this.indexes.set(path, { text, index });
    return index;
  }

  forget(path: string): void {
    this.indexes.delete(path);
  }

  range(path: string, span: Span): Range | null {
    const index = this.lineIndex(path);
    if (!index) return null;
    return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
  }

  offset(path: string, position: Position): number | null {
    const index = this.lineIndex(path);
    return index ? index.offsetAt(position) : null;
  }

  location(loc: Location): LspLocation | null {
    const range = this.range(loc.path, loc);
    return range ? { uri: this.clientUri(loc.path), range } : null;
  }

  /** A finding as a Diagnostic at the given level; every related location becomes relatedInformation. */
  diagnostic(finding: Finding, level: Severity): Diagnostic | null {
    const range = this.range(finding.path, finding);
    if (!range) return null;
    const relatedInformation: DiagnosticRelatedInformation[] = [];
    for (const r of finding.related) {
      const location = this.location(r);
      if (location) relatedInformation.push({ location, message: r.message });
    }
    return {
      range,
      severity: SEVERITY[level],
      code: finding.code,
      codeDescription: { href: `${DOCS_URL}${finding.code}` },
      source: DIAGNOSTIC_SOURCE,
      message: finding.message,
      relatedInformation,
    };
  }
}

