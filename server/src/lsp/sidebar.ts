// The sidebar's custom requests (declared in shared/protocol.ts): one article's cross-references,
// the workspace's conflicts and quote variants, and the list of sources. Answers are plain data
// with client URIs and LSP ranges; previews are plain text for tree items, never Markdown.

import type { Location } from '../analysis/types';
import type {
  ClaimConflict,
  ConflictsResult,
  CrossLocation,
  CrossReferencesParams,
  CrossReferencesResult,
  CrossStatus,
  EntityCrossReference,
  FigureCrossReference,
  QuoteCrossReference,
  SourcesResult,
  SpeakerVariants,
} from '../../../shared/protocol';
import type { FeatureContext } from './context';
import { claimStatus, entityName, previewOf, quoteStatus, worstStatus } from './describe';
import { effectiveCount } from './diagnostics';
import { truncate } from './markdown';
import { displayName } from './uris';

/** Per-item cap on cross-source locations (a person named 500 times is not 500 tree rows). */
const MAX_LOCATIONS = 200;

function crossLocation(ctx: FeatureContext, loc: Location, status: CrossStatus): CrossLocation | null {
  const range = ctx.converter.range(loc.path, loc);
  return range ? { uri: ctx.clientUri(loc.path), range, preview: previewOf(ctx.corpus, loc), status } : null;
}

function present<T>(items: (T | null)[]): T[] {
  return items.filter((x): x is T => x !== null);
}

export function crossReferences(ctx: FeatureContext, params: CrossReferencesParams): CrossReferencesResult | null {
  if (!params || typeof params.uri !== 'string') return null;
  const key = ctx.articleFor(params.uri);
  const article = ctx.corpus.get(key);
  if (!article) return null;
  const { analysis } = article;
  const range = (s: { start: number; end: number }) => ctx.converter.range(key, s)!;

  const entities: EntityCrossReference[] = [];
  const seen = new Set<string>();
  for (const e of analysis.entities) {
    const mentions = analysis.mentions.filter((m) => m.entity === e.key);
    const global = ctx.corpus.entity(key, e.key);
    if (!mentions.length || !global || seen.has(global.id)) continue;
    seen.add(global.id);
    const elsewhere = ctx.corpus.entityMentions(global.id).filter((m) => m.path !== key);
    entities.push({
      id: global.id,
      name: global.name,
      type: global.type,
      roles: global.roles,
      range: range(mentions[0]),
      mentions: global.sources.find((s) => s.path === key)?.count ?? mentions.length,
      sources: global.sources.length,
      locations: present(elsewhere.slice(0, MAX_LOCATIONS).map((m) => crossLocation(ctx, m, 'agree'))),
    });
  }

  const quotes: QuoteCrossReference[] = [];
  analysis.quotes.forEach((q, i) => {
    if (q.kind === 'term') return;
    const group = ctx.corpus.quoteGroup(key, i);
    const others = (group?.members ?? []).filter((m) => !(m.path === key && m.start === q.start));
    const locations = present(others.slice(0, MAX_LOCATIONS).map((m) => crossLocation(ctx, m, quoteStatus(m))));
    const speaker = q.speaker ? (ctx.corpus.entity(key, q.speaker)?.name ?? null) : null;
    quotes.push({
      id: group?.id ?? null,
      range: range(q),
      text: truncate(q.text, 80),
      speaker,
      status: worstStatus(locations.map((l) => l.status)),
      locations,
    });
  });

  const figures: FigureCrossReference[] = [];
  analysis.figures.forEach((f, i) => {
    if (!f.measure) return;
    const group = ctx.corpus.claimGroup(key, i);
    const others = (group?.members ?? []).filter((m) => !(m.path === key && m.start === f.start));
    const locations = present(others.slice(0, MAX_LOCATIONS).map((m) => crossLocation(ctx, m, claimStatus(m.status))));
    figures.push({
      id: group?.id ?? null,
      range: range(f),
      text: f.text,
      measure: f.measure,
      status: worstStatus(locations.map((l) => l.status)),
      locations,
    });
  });

  return { uri: ctx.clientUri(key), entities, quotes, figures };
}

const rank: Record<CrossStatus, number> = { agree: 0, variant: 1, conflict: 2 };
const worse = (a: CrossStatus | undefined, b: CrossStatus): CrossStatus => (a && rank[a] >= rank[b] ? a : b);
const locKey = (l: Location) => `${l.path}\u0000${l.start}`;

/**
 * Every claim with a conflict and every quote with differently worded versions. Group statuses
 * are relative to the member asked about, so each figure's status is the worst it has against
 * any other member (asked from every member's side).
 */
export function conflicts(ctx: FeatureContext): ConflictsResult {
  const claims = new Map<string, { meta: Omit<ClaimConflict, 'count' | 'figures'>; figures: Map<string, { loc: Location; text: string; status: CrossStatus }> }>();
  const quoteGroups = new Map<string, { speaker: string | null; versions: Map<string, { loc: Location; text: string; status: CrossStatus }> }>();

  for (const path of ctx.corpus.paths()) {
    const article = ctx.corpus.get(path);
    if (!article) continue;
    article.analysis.figures.forEach((f, i) => {
      if (!f.measure) return;
      const group = ctx.corpus.claimGroup(path, i);
      if (!group || group.members.length < 2) return;
      let entry = claims.get(group.id);
      if (!entry) {
        entry = { meta: { id: group.id, measure: group.measure, subject: entityName(ctx.corpus, group.subject), scope: group.scope }, figures: new Map() };
        claims.set(group.id, entry);
      }
      let mine: CrossStatus = 'agree';
      for (const m of group.members) {
        const status = claimStatus(m.status);
        mine = worse(mine, status);
        const k = locKey(m);
        const prev = entry.figures.get(k);
        entry.figures.set(k, { loc: m, text: m.figure.text, status: worse(prev?.status, status) });
      }
      const self = { path, start: f.start, end: f.end };
      const prev = entry.figures.get(locKey(self));
      entry.figures.set(locKey(self), { loc: self, text: f.text, status: worse(prev?.status, mine) });
    });
    article.analysis.quotes.forEach((q, i) => {
      if (q.kind === 'term') return;
      const group = ctx.corpus.quoteGroup(path, i);
      if (!group) return;
      let entry = quoteGroups.get(group.id);
      if (!entry) {
        entry = { speaker: group.speaker, versions: new Map() };
        quoteGroups.set(group.id, entry);
      }
      let mine: CrossStatus = 'agree';
      for (const m of group.members) {
        const status = quoteStatus(m);
        mine = worse(mine, status);
        const k = locKey(m);
        entry.versions.set(k, { loc: m, text: m.quote.text, status: worse(entry.versions.get(k)?.status, status) });
      }
      const self = { path, start: q.start, end: q.end };
      entry.versions.set(locKey(self), { loc: self, text: q.text, status: worse(entry.versions.get(locKey(self))?.status, mine) });
    });
  }

  const versionList = (m: Map<string, { loc: Location; text: string; status: CrossStatus }>) =>
    present(
      [...m.values()]
        .sort((a, b) => a.loc.path.localeCompare(b.loc.path) || a.loc.start - b.loc.start)
        .map((v) => {
          const l = crossLocation(ctx, v.loc, v.status);
          return l && { ...l, text: truncate(v.text, 80) };
        }),
    );

  const claimList: ClaimConflict[] = [...claims.values()]
    .filter((c) => [...c.figures.values()].some((f) => f.status === 'conflict'))
    .map((c) => ({ ...c.meta, count: c.figures.size, figures: versionList(c.figures) }))
    .sort((a, b) => a.measure.localeCompare(b.measure) || a.id.localeCompare(b.id));

  const bySpeaker = new Map<string, SpeakerVariants>();
  let variants = 0;
  for (const [id, g] of quoteGroups) {
    if (![...g.versions.values()].some((v) => v.status === 'variant')) continue;
    variants++;
    const speaker = entityName(ctx.corpus, g.speaker);
    const k = speaker ?? '\u0000';
    const entry = bySpeaker.get(k) ?? { speaker, count: 0, quotes: [] };
    entry.quotes.push({ id, count: g.versions.size, versions: versionList(g.versions) });
    entry.count = entry.quotes.length;
    bySpeaker.set(k, entry);
  }
  const speakers = [...bySpeaker.values()].sort((a, b) => (a.speaker ?? '\uffff').localeCompare(b.speaker ?? '\uffff'));
  return { claims: claimList, speakers, counts: { conflicts: claimList.length, variants } };
}

export function sources(ctx: FeatureContext): SourcesResult {
  const articles = ctx.corpus.paths().map((path) => {
    const a = ctx.corpus.get(path)!.analysis;
    const uri = ctx.clientUri(path);
    return {
      uri,
      name: displayName(uri),
      entities: a.entities.length,
      quotes: a.quotes.filter((q) => q.kind !== 'term').length,
      figures: a.figures.length,
      findings: effectiveCount(ctx, path),
    };
  });
  const skipped = ctx.skipped().map((s) => ({ uri: ctx.clientUri(s.key), reason: s.reason }));
  return { articles, skipped };
}
