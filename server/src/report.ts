// Workspace reports from a CorpusIndex: the public JSON document, SARIF 2.1.0, linter-style text,
// and Markdown. The one place where offsets become LSP-shaped ranges for output; used by the CLI
// and by the server's export request.

import { CorpusIndex, displayName } from './analysis/corpus';
import { LineIndex } from './analysis/text';
import type { Finding, FindingCode, Severity, Span } from './analysis/types';

export const TOOL_NAME = 'news-annotator';
export const TOOL_VERSION = '0.1.0';
export const DOCS_URL = 'https://github.com/news-annotator/news-annotator#';

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export const RULES: Record<FindingCode, string> = {
  'figure-conflict': 'A figure disagrees with the same claim in another source.',
  'figure-hedge': 'The same figure is hedged differently in another source.',
  'quote-variant': "The same speaker's words are worded differently in another source.",
  'quote-unattributed': 'A direct quotation with no speaker found.',
};

/** Converts offsets of one article to ranges, caching the line index per text. */
export class Ranges {
  private readonly cache = new Map<string, LineIndex>();
  constructor(private readonly corpus: CorpusIndex) {}
  index(path: string): LineIndex {
    let li = this.cache.get(path);
    if (!li) {
      li = new LineIndex(this.corpus.lineText(path) ?? '');
      this.cache.set(path, li);
    }
    return li;
  }
  range(path: string, span: Span): Range {
    const li = this.index(path);
    return { start: li.positionAt(span.start), end: li.positionAt(span.end) };
  }
}

const round = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 1e6) / 1e6);

export interface JsonReport {
  tool: { name: string; version: string };
  articles: {
    path: string;
    entities: { text: string; range: Range; entity: string }[];
    quotes: { text: string; range: Range; kind: string; speaker: string | null; group: string | null }[];
    figures: {
      text: string; range: Range; value: number | null; low: number | null; high: number | null; unit: string | null;
      measure: string | null; subject: string | null; scope: string | null; claim: string | null;
    }[];
  }[];
  entities: { id: string; name: string; type: string; aliases: string[]; roles: string[] }[];
  diagnostics: {
    path: string; range: Range; severity: Severity; code: string; message: string;
    related: { path: string; range: Range; message: string }[];
  }[];
}

export function jsonReport(corpus: CorpusIndex, paths = corpus.paths()): JsonReport {
  const r = new Ranges(corpus);
  const used = new Set<string>();
  const articles = paths.map((path) => {
    const { analysis } = corpus.get(path)!;
    const gid = (local: string | null) => {
      if (!local) return null;
      const id = corpus.entityId(path, local);
      if (id) used.add(id);
      return id;
    };
    return {
      path,
      entities: analysis.mentions.map((m) => ({ text: m.text, range: r.range(path, m), entity: gid(m.entity)! })),
      quotes: analysis.quotes.map((q, i) => ({
        text: q.text, range: r.range(path, q), kind: q.kind, speaker: gid(q.speaker), group: corpus.quoteGroup(path, i)?.id ?? null,
      })),
      figures: analysis.figures.map((f, i) => ({
        text: f.text, range: r.range(path, f), value: round(f.value), low: round(f.low), high: round(f.high), unit: f.unit,
        measure: f.measure, subject: gid(f.subject), scope: f.scope, claim: corpus.claimGroup(path, i)?.id ?? null,
      })),
    };
  });
  const entities = [...used].sort().map((id) => corpus.entityById(id)).filter((e) => e !== null)
    .map((e) => ({ id: e!.id, name: e!.name, type: e!.type, aliases: e!.aliases, roles: e!.roles }));
  const diagnostics = paths.flatMap((path) => corpus.findings(path).map((f) => ({
    path, range: r.range(path, f), severity: f.severity, code: f.code, message: f.message,
    related: f.related.map((x) => ({ path: x.path, range: r.range(x.path, x), message: x.message })),
  })));
  return { tool: { name: TOOL_NAME, version: TOOL_VERSION }, articles, entities, diagnostics };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0; `uriOf` maps an article path to the artifact URI to print. */
export function sarifReport(corpus: CorpusIndex, uriOf: (path: string) => string = (p) => p, paths = corpus.paths()): object {
  const r = new Ranges(corpus);
  const region = (path: string, s: Span) => {
    const g = r.range(path, s);
    return { startLine: g.start.line + 1, startColumn: g.start.character + 1, endLine: g.end.line + 1, endColumn: g.end.character + 1 };
  };
  const results = paths.flatMap((path) => corpus.findings(path).map((f) => ({
    ruleId: f.code,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(path) }, region: region(path, f) } }],
    relatedLocations: f.related.map((x, i) => ({
      id: i + 1, message: { text: x.message },
      physicalLocation: { artifactLocation: { uri: uriOf(x.path) }, region: region(x.path, x) },
    })),
  })));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: {
        name: TOOL_NAME, version: TOOL_VERSION, informationUri: DOCS_URL.slice(0, -1),
        rules: (Object.keys(RULES) as FindingCode[]).map((id) => ({ id, shortDescription: { text: RULES[id] }, helpUri: DOCS_URL + id })),
      } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

/** `path:line:col severity code message`, 1-based like compilers and linters. */
export function findingLines(corpus: CorpusIndex, displayPath: (p: string) => string = (p) => p, paths = corpus.paths()): string[] {
  const r = new Ranges(corpus);
  return paths.flatMap((path) => corpus.findings(path).map((f: Finding) => {
    const g = r.range(path, f);
    return `${displayPath(path)}:${g.start.line + 1}:${g.start.character + 1} ${f.severity} ${f.code} ${f.message}`;
  }));
}

const fmtNum = (v: number | null) => (v === null ? '∞' : Number.isInteger(v) ? v.toLocaleString('en-US') : String(round(v)));

/** Human-readable annotations of each article (the CLI's default text output). */
export function annotationLines(corpus: CorpusIndex, displayPath: (p: string) => string = (p) => p, paths = corpus.paths()): string[] {
  const r = new Ranges(corpus);
  const out: string[] = [];
  for (const path of paths) {
    const { analysis } = corpus.get(path)!;
    const name = (local: string | null) => (local ? corpus.entity(path, local)?.name ?? '?' : null);
    out.push(`${displayPath(path)}`);
    const pos = (s: Span) => { const g = r.range(path, s).start; return `${g.line + 1}:${g.character + 1}`.padEnd(7); };
    const seen = new Set<string>();
    for (const m of analysis.mentions) {
      const e = corpus.entity(path, m.entity);
      if (!e || seen.has(e.id)) continue;
      seen.add(e.id);
      const others = e.sources.filter((s) => s.path !== path).length;
      out.push(`  ${pos(m)} ${e.type.padEnd(12)} ${e.name}${e.roles.length ? ` — ${e.roles.slice(0, 2).join('; ')}` : ''}${others ? `  [${others} other source${others > 1 ? 's' : ''}]` : ''}`);
    }
    analysis.quotes.forEach((q, i) => {
      const g = corpus.quoteGroup(path, i);
      const short = q.text.length > 70 ? `${q.text.slice(0, 67)}…` : q.text;
      const who = q.kind === 'term' ? '' : ` — ${name(q.speaker) ?? 'unattributed'}`;
      out.push(`  ${pos(q)} quote/${q.kind.padEnd(7)} “${short}”${who}${g ? `  [also in ${g.members.length - 1}]` : ''}`);
    });
    analysis.figures.forEach((f, i) => {
      if (f.kind === 'date' || f.kind === 'time' || f.kind === 'year') return;
      const c = corpus.claimGroup(path, i);
      const iv = f.low === f.high ? fmtNum(f.value) : `${fmtNum(f.low)}–${fmtNum(f.high)}`;
      const what = [f.measure, f.scope && `scope: ${f.scope}`, f.subject && `of ${name(f.subject)}`, f.temporal].filter(Boolean).join(', ');
      out.push(`  ${pos(f)} figure       ${f.text} = ${iv}${f.unit ? ` ${f.unit}` : ''}${what ? ` (${what})` : ''}${c && c.members.length > 1 ? `  [claim in ${new Set(c.members.map((m) => m.path)).size} sources]` : ''}`);
    });
  }
  return out;
}

/** Markdown report of findings, for the export command. */
export function markdownReport(corpus: CorpusIndex, paths = corpus.paths()): string {
  const r = new Ranges(corpus);
  const esc = (s: string) => s.replace(/[\\`*_{}\[\]()#+\-.!|<>]/g, '\\$&');
  const lines = ['# News Annotator report', '', `${paths.length} articles.`, ''];
  for (const path of paths) {
    const fs = corpus.findings(path);
    lines.push(`## ${esc(displayName(path))}`, '');
    if (!fs.length) lines.push('No findings.', '');
    for (const f of fs) {
      const g = r.range(path, f).start;
      lines.push(`- **${f.code}** (${f.severity}) line ${g.line + 1}: ${esc(f.message)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
