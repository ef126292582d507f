// Plain-text descriptions of the engine's records shared by hovers, the sidebar requests and the
// exports: readable intervals, claim and quote labels, an entity's canonical mention, and a short
// one-line preview of the text around a span. Callers escape the result for Markdown where needed.

import type { CorpusIndex } from '../analysis/corpus';
import type { ArticleAnalysis, ClaimGroup, ClaimStatus, Figure, Location, QuoteMember, Span } from '../analysis/types';
import type { CrossStatus } from '../../../shared/protocol';
import { CONTROLS } from './markdown';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

function num(v: number, unit: string | null): string {
  const n = numberFormat.format(v);
  if (!unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/** "41", "≥ 41", "≤ 50", "45–55", "any value", with the unit. */
export function intervalText(f: Figure): string {
  const { low, high } = f;
  if (low !== null && high !== null) return low === high ? num(low, f.unit) : `${num(low, f.unit)}–${num(high, f.unit)}`;
  if (low !== null) return `≥ ${num(low, f.unit)}`;
  if (high !== null) return `≤ ${num(high, f.unit)}`;
  return f.value !== null ? num(f.value, f.unit) : 'no value read';
}

export function temporalNote(f: Figure): string {
  return f.temporal === 'updated' ? 'updated count' : f.temporal === 'earlier' ? 'earlier count' : '';
}

/** A claim's label: "deaths · Portugal earthquake · in central portugal". */
export function claimLabel(corpus: CorpusIndex, group: Pick<ClaimGroup, 'measure' | 'subject' | 'scope'>): string {
  const parts = [group.measure];
  const subject = entityName(corpus, group.subject);
  if (subject) parts.push(subject);
  if (group.scope) parts.push(group.scope);
  return parts.join(' · ');
}

/** A global entity id's display name (ids are normalised keys; the name is the fullest form). */
export function entityName(corpus: CorpusIndex, id: string | null): string | null {
  if (!id) return null;
  return corpus.entityById(id)?.name ?? id;
}

/** Sidebar status for a claim member: clashing intervals conflict, a different hedge is a variant. */
export function claimStatus(status: ClaimStatus): CrossStatus {
  return status === 'conflict' ? 'conflict' : status === 'hedge' ? 'variant' : 'agree';
}

export function quoteStatus(member: Pick<QuoteMember, 'added' | 'removed'>): CrossStatus {
  return member.added.length || member.removed.length ? 'variant' : 'agree';
}

export function worstStatus(statuses: CrossStatus[]): CrossStatus {
  if (statuses.includes('conflict')) return 'conflict';
  if (statuses.includes('variant')) return 'variant';
  return 'agree';
}

/** "adds “x”; lacks “y”" for a quote version, or "same words". */
export function quoteDiffText(member: Pick<QuoteMember, 'added' | 'removed'>): string {
  const bits: string[] = [];
  if (member.added.length) bits.push(`adds “${member.added.join(' … ')}”`);
  if (member.removed.length) bits.push(`lacks “${member.removed.join(' … ')}”`);
  return bits.length ? bits.join('; ') : 'same words';
}

/**
 * An entity's canonical mention ("definition"): the first mention spelled exactly as its canonical
 * name — in `preferPath` when that article has one, else anywhere — else the first mention in
 * `preferPath`, else the first mention anywhere.
 */
export function canonicalMention(corpus: CorpusIndex, id: string, preferPath?: string): (Location & { text: string }) | null {
  const entity = corpus.entityById(id);
  const mentions = corpus.entityMentions(id);
  if (!entity || mentions.length === 0) return null;
  const full = (m: { text: string }) => m.text === entity.name;
  return (
    mentions.find((m) => m.path === preferPath && full(m)) ??
    mentions.find(full) ??
    mentions.find((m) => m.path === preferPath) ??
    mentions[0]
  );
}

/** The paragraph holding a span (the span itself when the structure has none around it). */
export function paragraphOf(analysis: ArticleAnalysis, span: Span): Span {
  return analysis.structure.paragraphs.find((p) => p.start <= span.start && span.start < p.end) ?? span;
}

/**
 * A one-line plain-text preview around a span: the span with context on either side, kept inside
 * `bounds` (its paragraph), whitespace collapsed, about `width` characters, "…" where cut.
 */
export function preview(text: string, span: Span, bounds: Span, width = 100): string {
  const lo = Math.max(0, Math.min(bounds.start, span.start));
  const hi = Math.min(text.length, Math.max(bounds.end, span.end));
  const start = Math.max(lo, span.start);
  const end = Math.min(hi, Math.max(start, span.end));
  let from: number;
  let to: number;
  if (end - start >= width) {
    from = start;
    to = start + width;
  } else {
    const room = width - (end - start);
    from = Math.max(lo, start - Math.floor(room / 2));
    to = Math.min(hi, end + (room - (start - from)));
    from = Math.max(lo, Math.min(from, to - width));
  }
  // Cut on word boundaries where the cut falls inside a word.
  if (from > lo) {
    const sp = text.slice(from, start).search(/\s/);
    if (sp >= 0) from += sp + 1;
  }
  if (to < hi) {
    const tail = text.slice(end, to);
    const sp = tail.search(/\s\S*$/);
    if (sp >= 0) to = end + sp;
  }
  // (control and bidirectional-override characters too: they could reorder what a tree row shows)
  const body = text.slice(from, to).replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return (from > lo ? '…' : '') + body + (to < hi ? '…' : '');
}

/** The preview of an indexed location ('' when the article is gone). */
export function previewOf(corpus: CorpusIndex, loc: Location, width = 100): string {
  // (from what the index keeps: the article need not be analysed again for its paragraphs)
  const text = corpus.text(loc.path);
  return text === undefined ? '' : preview(text, loc, corpus.paragraphAt(loc.path, loc.start) ?? loc, width);
}
