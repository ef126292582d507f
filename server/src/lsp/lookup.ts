// What sits at an offset of an article: a figure, an entity mention or a quote (innermost first,
// so a name inside a quotation resolves to the person, the rest of the quotation to the quote).

import type { ArticleAnalysis, Figure, LocalEntity, Mention, Quote, Span } from '../analysis/types';

export type Target =
  | { kind: 'figure'; index: number; figure: Figure }
  | { kind: 'mention'; mention: Mention; entity: LocalEntity }
  | { kind: 'quote'; index: number; quote: Quote };

const within = (s: Span, offset: number) => s.start <= offset && offset < s.end;

export function targetAt(analysis: ArticleAnalysis, offset: number): Target | null {
  // A cursor just after the last character (end of a word) counts as on it.
  return exactTargetAt(analysis, offset) ?? (offset > 0 ? exactTargetAt(analysis, offset - 1) : null);
}

function exactTargetAt(a: ArticleAnalysis, offset: number): Target | null {
  const fi = a.figures.findIndex((f) => within(f, offset));
  if (fi >= 0) return { kind: 'figure', index: fi, figure: a.figures[fi] };
  const mention = a.mentions.find((m) => within(m, offset));
  if (mention) {
    const entity = a.entities.find((e) => e.key === mention.entity);
    if (entity) return { kind: 'mention', mention, entity };
  }
  // Innermost quotation first (a quote can quote someone); then a quote whose cue is here.
  let qi = -1;
  a.quotes.forEach((q, i) => {
    if (within(q, offset) && (qi < 0 || q.end - q.start < a.quotes[qi].end - a.quotes[qi].start)) qi = i;
  });
  if (qi < 0) qi = a.quotes.findIndex((q) => q.cue !== null && within(q.cue, offset));
  return qi >= 0 ? { kind: 'quote', index: qi, quote: a.quotes[qi] } : null;
}
