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

type Version = CrossLocation & { text: string };
/** What one article adds to the Conflicts view: the groups its flagged figures and quotes belong to. */
interface Contribution {
  claims: { id: string; measure: string; subject: string | null; scope: string | null; figures: [string, Version][] }[];
  quotes: { id: string; speaker: string | null; versions: [string, Version][] }[];
}

/**
 * Contributions per article, per index: an article's is computed again only after it was among
 * the affected articles of a change (its findings could differ then), so with the view open a
 * keystroke does not walk 10,000 articles' groups again.
 */
const contributions = new WeakMap<object, Map<string, Contribution>>();

/** Forgets the cached contributions of these articles (call with every affected set). */
export function invalidateConflicts(corpus: object, keys: Iterable<string>): void {
  const cache = contributions.get(corpus);
  if (cache) for (const k of keys) cache.delete(k);
}

/**
 * Every claim with a conflict and every quote with differently worded versions, each figure or
 * version with its worst status against the others. Only the figures and quotes an article's
 * findings name are looked up, each group once per article; findings follow the severity
 * settings, so a code turned off empties its section.
 */
export function conflicts(ctx: FeatureContext): ConflictsResult {
  let cache = contributions.get(ctx.corpus);
  if (!cache) contributions.set(ctx.corpus, (cache = new Map()));
  const claims = new Map<string, { meta: Omit<ClaimConflict, 'count' | 'figures'>; figures: Map<string, Version> }>();
  const quoteGroups = new Map<string, { speaker: string | null; versions: Map<string, Version> }>();
  const merge = (into: Map<string, Version>, items: [string, Version][]) => {
    for (const [k, v] of items) {
      const prev = into.get(k);
      if (!prev || rank[v.status] > rank[prev.status]) into.set(k, v);
    }
  };
  const paths = ctx.corpus.paths();
  for (const k of cache.keys()) if (!ctx.corpus.has(k)) cache.delete(k);
  for (const path of paths) {
    let c = cache.get(path);
    if (!c) cache.set(path, (c = contribution(ctx, path)));
    for (const g of c.claims) {
      let entry = claims.get(g.id);
      if (!entry) claims.set(g.id, (entry = { meta: { id: g.id, measure: g.measure, subject: g.subject, scope: g.scope }, figures: new Map() }));
      merge(entry.figures, g.figures);
    }
    for (const g of c.quotes) {
      let entry = quoteGroups.get(g.id);
      if (!entry) quoteGroups.set(g.id, (entry = { speaker: g.speaker, versions: new Map() }));
      merge(entry.versions, g.versions);
    }
  }

  const versionList = (m: Map<string, Version>) =>
    [...m.values()].sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

  const claimList: ClaimConflict[] = [...claims.values()]
    .filter((c) => [...c.figures.values()].some((f) => f.status === 'conflict'))
    .map((c) => ({ ...c.meta, count: c.figures.size, figures: versionList(c.figures) }))
    .sort((a, b) => a.measure.localeCompare(b.measure) || a.id.localeCompare(b.id));

  const bySpeaker = new Map<string, SpeakerVariants>();
  let variants = 0;
  for (const [id, g] of quoteGroups) {
    if (![...g.versions.values()].some((v) => v.status === 'variant')) continue;
    variants++;
    const speaker = g.speaker;
    const k = speaker ?? '\u0000';
    const entry = bySpeaker.get(k) ?? { speaker, count: 0, quotes: [] };
    entry.quotes.push({ id, count: g.versions.size, versions: versionList(g.versions) });
    entry.count = entry.quotes.length;
    bySpeaker.set(k, entry);
  }
  const speakers = [...bySpeaker.values()].sort((a, b) => (a.speaker ?? '\uffff').localeCompare(b.speaker ?? '\uffff'));
  return { claims: claimList, speakers, counts: { conflicts: claimList.length, variants } };
}

/** The groups of one article's conflicting figures and variant quotes, every member with its worst status against the others. */
function contribution(ctx: FeatureContext, path: string): Contribution {
  const out: Contribution = { claims: [], quotes: [] };
  const counts = ctx.corpus.findingCounts(path);
  if (!ctx.corpus.has(path) || (!counts['figure-conflict'] && !counts['quote-variant'])) return out;
  const version = (loc: Location, text: string, status: CrossStatus): [string, Version] | null => {
    const l = crossLocation(ctx, loc, status);
    return l && [locKey(loc), { ...l, text: truncate(text, 80) }];
  };
  const listed = new Set<string>();
  const flagged = new Set(ctx.corpus.findings(path).filter((f) => f.code === 'figure-conflict' || f.code === 'quote-variant').map((f) => f.start));
  // (the figures that make claims and the quotes, as the index keeps them: no full analysis needed)
  for (const [i, f] of ctx.corpus.claimFigures(path)) {
    if (!f.measure || !flagged.has(f.start) || listed.has(locKey({ path, start: f.start, end: f.end }))) continue;
    const group = ctx.corpus.claimGroup(path, i);
    if (!group || group.members.length < 2) continue;
    const figures: [string, Version][] = [];
    for (const m of group.members) {
      // (against the other sources, as the diagnostics are; groups are a few figures long, every pair is compared)
      let status: CrossStatus = 'agree';
      for (const o of group.members) if (o.path !== m.path) status = worse(status, claimStatus(ctx.corpus.compare(m.figure, o.figure)));
      listed.add(locKey(m));
      const v = version(m, m.figure.text, status);
      if (v) figures.push(v);
    }
    out.claims.push({ id: group.id, measure: group.measure, subject: entityName(ctx.corpus, group.subject), scope: group.scope, figures });
  }
  ctx.corpus.quotes(path).forEach((q, i) => {
    if (q.kind === 'term' || !flagged.has(q.start) || listed.has(locKey({ path, start: q.start, end: q.end }))) return;
    const group = ctx.corpus.quoteGroup(path, i);
    if (!group) return;
    // Two wordings or more: every version differs from some other one.
    const status = worstStatus(group.members.map(quoteStatus));
    const versions: [string, Version][] = [];
    for (const m of group.members) {
      listed.add(locKey(m));
      const v = version(m, m.quote.text, status);
      if (v) versions.push(v);
    }
    out.quotes.push({ id: group.id, speaker: entityName(ctx.corpus, group.speaker), versions });
  });
  return out;
}

export function sources(ctx: FeatureContext): SourcesResult {
  const articles = ctx.corpus.paths().map((path) => {
    const a = ctx.corpus.counts(path)!;
    const uri = ctx.clientUri(path);
    const warning = ctx.warning(path);
    return {
      uri,
      name: displayName(uri),
      entities: a.entities,
      quotes: a.quotes,
      figures: a.figures,
      findings: effectiveCount(ctx, path),
      ...(warning ? { warning } : {}),
    };
  });
  const skipped = ctx.skipped().map((s) => ({ uri: ctx.clientUri(s.key), reason: s.reason }));
  return { articles, skipped };
}
