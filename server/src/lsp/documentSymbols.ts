// Document outline: Entities (one child per entity), Quotes grouped by speaker, Figures grouped by
// claim. Hierarchical when the client supports it, otherwise flat SymbolInformation with containers.

import {
  SymbolKind,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type Range,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { EntityType, Span } from '../analysis/types';
import type { FeatureContext } from './context';
import { claimLabel } from './describe';
import { truncate } from './markdown';

const ENTITY_KIND: Record<EntityType, SymbolKind> = {
  person: SymbolKind.Object,
  organization: SymbolKind.Class,
  place: SymbolKind.Module,
  product: SymbolKind.Interface,
  other: SymbolKind.Variable,
};

interface Node {
  name: string;
  detail?: string;
  kind: SymbolKind;
  span: Span;
  children: Node[];
}

export function documentSymbols(ctx: FeatureContext, params: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[] | null {
  const key = ctx.articleFor(params.textDocument.uri);
  const article = ctx.corpus.get(key);
  if (!article) return null;
  const { analysis, text } = article;
  const whole: Span = { start: 0, end: text.length };

  const entities: Node[] = analysis.entities
    .map((e) => {
      const mentions = analysis.mentions.filter((m) => m.entity === e.key);
      return { e, mentions };
    })
    .filter((x) => x.mentions.length > 0)
    .sort((a, b) => a.mentions[0].start - b.mentions[0].start)
    .map(({ e, mentions }) => ({
      name: nonEmpty(e.name, e.key),
      detail: `${e.type} · ${mentions.length} mention${mentions.length === 1 ? '' : 's'}`,
      kind: ENTITY_KIND[e.type],
      span: mentions[0],
      children: [],
    }));

  const bySpeaker = new Map<string, Node[]>();
  for (const q of analysis.quotes) {
    if (q.kind === 'term') continue;
    const speaker = q.speaker ? (analysis.entities.find((e) => e.key === q.speaker)?.name ?? q.speaker) : 'Unattributed';
    const list = bySpeaker.get(speaker) ?? [];
    list.push({ name: nonEmpty(truncate(`“${q.text}”`, 60), '“…”'), detail: q.cue?.text, kind: SymbolKind.String, span: q, children: [] });
    bySpeaker.set(speaker, list);
  }
  const quotes: Node[] = [...bySpeaker.entries()].map(([speaker, children]) => group(speaker, SymbolKind.Event, children));

  const byClaim = new Map<string, { label: string; children: Node[] }>();
  analysis.figures.forEach((f, i) => {
    const claim = f.measure ? ctx.corpus.claimGroup(key, i) : null;
    const id = claim?.id ?? (f.measure ? `measure:${f.measure}|${f.scope ?? ''}` : 'other');
    const label = claim ? claimLabel(ctx.corpus, claim) : f.measure ? [f.measure, f.scope].filter(Boolean).join(' · ') : 'Other figures';
    const entry = byClaim.get(id) ?? { label, children: [] };
    entry.children.push({ name: nonEmpty(f.text, '?'), detail: f.hedge ?? undefined, kind: SymbolKind.Number, span: f, children: [] });
    byClaim.set(id, entry);
  });
  const figures: Node[] = [...byClaim.values()].map((g) => group(g.label, SymbolKind.Struct, g.children));

  const roots: Node[] = [];
  if (entities.length) roots.push({ name: 'Entities', kind: SymbolKind.Namespace, span: whole, children: entities });
  if (quotes.length) roots.push({ name: 'Quotes', kind: SymbolKind.Namespace, span: whole, children: quotes });
  if (figures.length) roots.push({ name: 'Figures', kind: SymbolKind.Namespace, span: whole, children: figures });

  const range = (s: Span): Range => ctx.converter.range(key, s)!;
  if (ctx.client.hierarchicalDocumentSymbols) {
    const toSymbol = (n: Node): DocumentSymbol => {
      const selection = n.children.length ? n.children[0].span : n.span;
      return {
        name: n.name,
        detail: n.detail,
        kind: n.kind,
        range: range(n.span),
        selectionRange: range(selection),
        children: n.children.map(toSymbol),
      };
    };
    return roots.map(toSymbol);
  }
  const uri = ctx.clientUri(key);
  const flat: SymbolInformation[] = [];
  const walk = (n: Node, container?: string) => {
    flat.push({ name: n.name, kind: n.kind, location: { uri, range: range(n.span) }, containerName: container });
    for (const c of n.children) walk(c, n.name);
  };
  roots.forEach((r) => walk(r));
  return flat;
}

/** A group node spanning its children (parents must enclose children in an outline). */
function group(name: string, kind: SymbolKind, children: Node[]): Node {
  const start = Math.min(...children.map((c) => c.span.start));
  const end = Math.max(...children.map((c) => c.span.end));
  return { name: nonEmpty(name, '?'), kind, span: { start, end }, children: children.sort((a, b) => a.span.start - b.span.start) };
}

/** Clients reject symbols with empty names. */
function nonEmpty(s: string, fallback: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length ? t : fallback;
}
