// Semantic tokens (full document): entity mentions by type, quotations and figures, with custom
// token types the client maps to styles. Tokens may neither overlap nor span lines, so names and
// figures inside a quotation cut the quotation's token, and every token is split at line breaks.

import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend, type SemanticTokensParams } from 'vscode-languageserver';
import type { LineIndex } from '../analysis/text';
import type { Span } from '../analysis/types';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../../shared/protocol';
import type { FeatureContext } from './context';

type TokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
type TokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

interface Token extends Span {
  type: TokenType;
  modifiers: number;
}

const typeIndex = (t: TokenType) => SEMANTIC_TOKEN_TYPES.indexOf(t);
const modifierBit = (m: TokenModifier) => 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(m);

export function semanticTokens(ctx: FeatureContext, params: SemanticTokensParams): SemanticTokens {
  const key = ctx.articleFor(params.textDocument.uri);
  const article = ctx.corpus.get(key);
  const lines = ctx.converter.lineIndex(key);
  if (!article || !lines) return { data: [] };
  const { analysis, text } = article;

  const conflicting = new Set(ctx.corpus.findings(key).filter((f) => f.code === 'figure-conflict').map((f) => f.start));
  const inner: Token[] = [];
  for (const m of analysis.mentions) {
    const type = analysis.entities.find((e) => e.key === m.entity)?.type;
    if (type && type !== 'other') inner.push({ start: m.start, end: m.end, type, modifiers: 0 });
  }
  for (const f of analysis.figures) {
    inner.push({ start: f.start, end: f.end, type: 'figure', modifiers: conflicting.has(f.start) ? modifierBit('conflict') : 0 });
  }
  const named = dropOverlaps(inner);
  const tokens = [...named];

  // Quotations (not scare-quoted terms), merged where one quotes another, minus the inner tokens.
  const quotes = analysis.quotes
    .filter((q) => q.kind !== 'term')
    .map((q) => ({ start: q.start, end: q.end, modifiers: q.kind === 'direct' && !q.speaker ? modifierBit('unattributed') : 0 }))
    .sort((a, b) => a.start - b.start);
  const merged: typeof quotes = [];
  for (const q of quotes) {
    const last = merged[merged.length - 1];
    if (last && q.start < last.end) last.end = Math.max(last.end, q.end);
    else merged.push({ start: q.start, end: q.end, modifiers: q.modifiers });
  }
  for (const q of merged) {
    let at = q.start;
    for (const t of named) {
      if (t.end <= at || t.start >= q.end) continue;
      if (t.start > at) tokens.push({ start: at, end: t.start, type: 'quote', modifiers: q.modifiers });
      at = Math.max(at, t.end);
    }
    if (at < q.end) tokens.push({ start: at, end: q.end, type: 'quote', modifiers: q.modifiers });
  }
  tokens.sort((a, b) => a.start - b.start);

  const builder = new SemanticTokensBuilder();
  for (const t of tokens) {
    for (const seg of splitLines(t, lines, text)) {
      builder.push(seg.line, seg.character, seg.length, typeIndex(t.type), t.modifiers);
    }
  }
  return builder.build();
}

/** Keeps the earliest (then longest) of overlapping tokens. */
function dropOverlaps(tokens: Token[]): Token[] {
  const sorted = [...tokens].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Token[] = [];
  for (const t of sorted) {
    if (t.end <= t.start) continue;
    const last = out[out.length - 1];
    if (!last || t.start >= last.end) out.push(t);
  }
  return out;
}

/** One segment per line a span touches, excluding line-break characters. */
function splitLines(span: Span, lines: LineIndex, text: string): { line: number; character: number; length: number }[] {
  const out: { line: number; character: number; length: number }[] = [];
  const first = lines.positionAt(span.start).line;
  const last = lines.positionAt(span.end).line;
  for (let line = first; line <= last; line++) {
    const lineStart = lines.lineStart(line);
    let lineEnd = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
    const from = Math.max(span.start, lineStart);
    const to = Math.min(span.end, lineEnd);
    if (to > from) out.push({ line, character: from - lineStart, length: to - from });
  }
  return out;
}
