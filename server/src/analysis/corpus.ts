// The cross-source index: every analysed article of a workspace, and what links them — entity
// clusters, quote groups (same utterance across sources, with word-level differences) and claim
// groups (figures of one measure, subject and scope, compared as intervals). Updates are
// incremental: an article's contributions are indexed under blocking keys (entity keys, quote
// shingles, claim keys), so an edit re-analyses one article and touches only the articles that
// share a key with it. Figures are compared only between articles that report the same story —
// that share a good part of their entities, one of them named by few articles — so a workspace of
// many stories does not compare every death toll with every other. Findings and quote matches are computed when asked for and cached
// until an article they depend on changes. Protocol-free: offsets and plain records.

import { diffArrays } from 'diff';
import { analyzeArticle } from './analyze';
import { entityKey } from './entities';
import { toBaseUnit } from './figures';
import { countryName } from './gazetteer';
import { comparableTokens, quoteTokens, quoteWords, shingles } from './normalize';
import { detach, isPackOf, packText, spanIs, unpackText } from './text';
import type {
  ArticleAnalysis, ClaimGroup, ClaimMember, ClaimStatus, CorpusSettings, EntityType, Figure, Finding, FindingCode,
  GlobalEntity, Location, Quote, QuoteGroup, QuoteMember, RelatedLocation, Severity, Span,
} from './types';

export const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  'figure-conflict': 'warning',
  'figure-hedge': 'information',
  'quote-variant': 'warning',
  'quote-unattributed': 'hint',
};

export const DEFAULT_SETTINGS: CorpusSettings = { tolerance: 0.1, severity: {}, aliases: [], ignore: [] };

const CLAIM_KINDS = new Set(['count', 'money', 'percent', 'quantity']);
/** Measures too generic to compare across sources without a subject ("some 600 people", "€2.5 million"). */
const NEEDS_SUBJECT = new Set(['people', 'cost', 'age', 'duration', 'amount', 'money']);
/** A shingle shared by more quotes than this is too common to block on ("we will continue"). */
const MAX_SHINGLE_FANOUT = 200;
/** Quotes of an article beyond this many are not matched across sources (a file of unbalanced marks). */
const QUOTE_SLOTS = 65536;
/**
 * Two articles report the same story when at least this share of the distinctive entities of the
 * one naming fewer are named by the other too. Measured: 0.59 or more between outlets of one
 * generated story and 0.33 or more between those of examples/; at most about 0.25 between
 * different stories of one country, agency and prime minister.
 */
const MIN_STORY_OVERLAP = 0.3;
/**
 * An entity named in more articles than this is not distinctive ("the Prime Minister" in every
 * story of an archive): it neither links two articles nor counts in their overlap.
 */
export const MAX_ENTITY_FANOUT = 200;
/** How many articles' story links are remembered (see CorpusIndex.linkedMemo). */
const MAX_LINKED_MEMO = 64;
/** A finding lists at most this many other sources' figures in its message, and this many related locations. */
const MAX_MESSAGE_PARTS = 10;
const MAX_RELATED = 50;
/** Findings kept for this many articles (the open ones and those asked about last), quote matches for this many. */
const MAX_CACHED_FINDINGS = 256;
/** Articles remembered as asked about once (see findings). */
const MAX_ASKED_ONCE = 4096;
const MAX_CACHED_MATCHES = 2048;
/** Global entities kept as last aggregated (see entityCache). */
const MAX_CACHED_ENTITIES = 256;
/** Word differences between two quotations are memoised (a pure function of the two texts) up to this many ordered pairs (each diff is kept both ways round) … */
const MAX_DIFF_MEMO = 20_000;
/** … and the words of this many quotations. */
const MAX_TOKEN_MEMO = 2_000;

/**
 * The lists, each sorted, one after another in one array; `ends` gets where each ends. A typed
 * array of its own per quote cost ~200 bytes beside its few shingles (its buffer object and the
 * buffer's bookkeeping), and a view into a shared buffer still ~90: ~16 and then ~11 MB of heap at
 * 10,000 articles, measured.
 */
function packSorted(lists: ArrayLike<number>[], ends: Int32Array): Int32Array {
  let n = 0;
  for (const l of lists) n += l.length;
  const all = new Int32Array(n);
  let at = 0;
  lists.forEach((l, i) => {
    all.set(l, at);
    all.subarray(at, (at += l.length)).sort();
    ends[i] = at;
  });
  return all;
}

/** An article's text (unpacked: see Doc.stored). */
function textOf(d: Doc): string {
  return d.fullText ?? (d.packed ? unpackText(d.stored) : d.stored);
}

/** `textOf(d).slice(start, end)`, without unpacking the rest. */
function sliceOf(d: Doc, start: number, end: number): string {
  const s = d.stored.slice(start, end);
  return d.packed ? unpackText(s) : s;
}

/** Where `key` is in `d.claims` (-1: no figure of the article makes that claim). */
function claimAt(d: Doc, key: string): number {
  const claims = d.claims;
  let lo = 0;
  let hi = claims.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = claims[mid];
    if (c === key) return mid;
    if (c < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Where quote `qi`'s sorted shingles start in `d.shingles` (they end at `d.shingleEnds[qi]`). */
function shinglesStart(d: Doc, qi: number): number {
  return qi > 0 ? d.shingleEnds[qi - 1] : 0;
}

/** Quote `qi`'s sorted shingles (see Doc.shingles), as a view. */
function shinglesOf(d: Doc, qi: number): Int32Array {
  return d.shingles.subarray(shinglesStart(d, qi), d.shingleEnds[qi]);
}

interface Doc {
  path: string;
  /** A number for the article's path while it is indexed (kept by an edit), in the quote tables. */
  no: number;
  /** displayName(path), for messages. */
  name: string;
  /**
   * The article's text as kept: the text itself, or (`packed`) its packText form, one byte per
   * character — for an article indexed from its prepared article alone (a warm start's cache
   * entry, a scanned file's), whose records then hold no part of the text as read (see prepare).
   * Read it through textOf and sliceOf.
   */
  stored: string;
  packed: boolean;
  /** What the index needs of the analysis (kept for every article; see Slim). */
  slim: Slim;
  /** The full analysis, while kept (every article's, or the last ones asked for: see IndexOptions) … */
  full: ArticleAnalysis | null;
  /** … and, for a packed article, the text it was made from (its records are parts of it). */
  fullText: string | null;
  /** Primary key of each local entity (index-aligned with analysis.entities). */
  keys: string[];
  /** The same without repeats. */
  keyList: string[];
  /** How many of its keys are distinctive (named by at most MAX_ENTITY_FANOUT articles), kept up to date. */
  distinct: number;
  aliasEdges: [string, string][];
  surnames: [string, string][];
  /** The index's id of each quote (-1: not indexed, a term or beyond QUOTE_SLOTS). */
  quoteIds: number[];
  /**
   * Each quote's word 3-gram shingles, hashed to small integers, without repeats (none for terms),
   * sorted (two quotes' shared shingles are counted by a merge), one quote's after another's; …
   */
  shingles: Int32Array;
  /** … and where each quote's shingles end (see shinglesOf). */
  shingleEnds: Int32Array;
  /** Each quote's speaker as an index into analysis.entities (-1: none). */
  speakerIdx: Int32Array;
  claimKeys: (string | null)[];
  /**
   * The article's claim keys without repeats, sorted (see claimAt) … (A map of key → list of
   * figures cost ~2.3 KB an article, its ~20 small lists and its table: 23 MB at 10,000 articles.)
   */
  claims: string[];
  /** … where each key's figures start in claimOrder (one more: where the last one's end) … */
  claimStarts: Int32Array;
  /** … and the indices of the figures under each key, key after key, each key's in order. */
  claimOrder: Int32Array;
  /**
   * Per figure, what comparing claims reads: [value in base units (NaN: none), low, high] of its
   * interval with the tolerance `boundsTolerance` — worked out at the first comparison (null until then).
   */
  bounds: Float64Array | null;
  boundsTolerance: number;
}

/** An entity as the index keeps it: what aggregation and speaker names read (acronyms and former names are in the prepared keys). */
export interface SlimEntity {
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
}

/**
 * What the index keeps of an article's analysis: its entities, quotes and the figures that make
 * claims (null for the others), its mentions and paragraphs as offsets. The rest (sentences,
 * other figures, cues …) is read again from the text when a feature asks for the full analysis.
 */
interface Slim {
  entities: SlimEntity[];
  quotes: Quote[];
  figures: (Figure | null)[];
  /** start, end, entity index of each mention. */
  mentions: Int32Array;
  /** Mentions whose text is not the article's text at their span (rare), by index. */
  mentionTexts: Map<number, string> | null;
  /** Mentions per entity (index-aligned with entities). */
  mentionCounts: Int32Array;
  /** start, end of each paragraph. */
  paragraphs: Int32Array;
  figureCount: number;
}

export interface IndexOptions {
  /**
   * How many articles' full analyses are kept (the last ones indexed or asked for); the others keep
   * only what the index needs, and `get` analyses their text again when asked. Default: all.
   */
  keepAnalyses?: number;
}

const EMPTY: string[] = Object.freeze([]) as never;

const NO_DIFF: { added: string[]; removed: string[] } = Object.freeze({ added: [], removed: [] }) as never;

/** What a figure finds in its claim group (see walkGroup; shared, never changed: read only). */
interface WalkResult {
  conflicts: readonly RelatedLocation[];
  hedges: readonly RelatedLocation[];
  parts: ReadonlySet<string>;
  hedgeParts: ReadonlySet<string>;
}
const NONE_RELATED: readonly RelatedLocation[] = Object.freeze([]);
const NO_PARTS: ReadonlySet<string> = new Set<string>();
const NOTHING_FOUND: WalkResult = Object.freeze({ conflicts: NONE_RELATED, hedges: NONE_RELATED, parts: NO_PARTS, hedgeParts: NO_PARTS });

/** A quote of another article (by path: the match stays right when that article is replaced by one with the same quotes). */
interface QuoteMatch {
  path: string;
  index: number;
  added: string[];
  removed: string[];
}

type Counter = Map<string, number>;
const inc = (m: Map<string, Counter>, k: string, v: string, d: number) => {
  let c = m.get(k);
  if (!c) m.set(k, (c = new Map()));
  const n = (c.get(v) ?? 0) + d;
  if (n <= 0) c.delete(v);
  else c.set(v, n);
  if (c.size === 0) m.delete(k);
};
/** Adds `d` to the count of `k` (gone at 0). */
const tally = (m: Map<string, number>, k: string, d: number) => {
  const n = (m.get(k) ?? 0) + d;
  if (n <= 0) m.delete(k);
  else m.set(k, n);
};
/** The articles of a byKey entry (an array made for one alone). */
const holderPaths = (h: string | Set<string> | undefined): Iterable<string> => (h === undefined ? EMPTY : typeof h === 'string' ? [h] : h);
/** How many articles a byKey entry holds. */
const holderCount = (h: string | Set<string> | undefined) => (h === undefined ? 0 : typeof h === 'string' ? 1 : h.size);
/** Whether a byKey entry holds an article other than `path`. */
const heldElsewhere = (h: string | Set<string> | undefined, path: string) =>
  h !== undefined && (typeof h === 'string' ? h !== path : h.size > (h.has(path) ? 1 : 0));
/** How many quotes a shingleIdx entry holds. */
const refCount = (refs: number | number[] | undefined) => (refs === undefined ? 0 : typeof refs === 'number' ? 1 : refs.length);
const best = (c: Counter | undefined): string | null => {
  if (!c || c.size === 0) return null;
  let out: string | null = null;
  let n = -1;
  for (const [k, v] of c) if (v > n || (v === n && out !== null && k < out)) { out = k; n = v; }
  return out;
};

/** File name for messages ("outlet-b.txt"), from a path or a URI. */
export function displayName(path: string): string {
  const last = path.split(/[\\/]/).pop() ?? path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** FNV-1a, folded to 30 bits so it stays a small integer (a shingle's blocking key). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ (h >>> 30)) & 0x3fffffff;
}

const MEASURE_LABEL: Record<string, string> = {
  deaths: 'Death toll', injured: 'Injured', missing: 'Missing', evacuated: 'Evacuated', displaced: 'Displaced',
  arrested: 'Arrests', users: 'Users', aftershocks: 'Aftershocks', depth: 'Depth', distance: 'Distance',
  magnitude: 'Magnitude', cost: 'Cost', people: 'People', homes: 'Homes', buildings: 'Buildings', duration: 'Duration',
};
/**
 * Two figures of one claim compared: the same value (in base units; NaN: none) is the same figure,
 * or the same with another hedge; else overlapping intervals agree, and the others conflict.
 */
function statusOf(vf: number, vg: number, hf: string | null | undefined, hg: string | null | undefined, a0: number, a1: number, b0: number, b1: number): ClaimStatus {
  if (!Number.isNaN(vf) && !Number.isNaN(vg) && Math.abs(vf - vg) <= 1e-9 * Math.max(1, Math.abs(vf))) return (hf ?? '') === (hg ?? '') ? 'same' : 'hedge';
  return a0 <= b1 && b0 <= a1 ? 'agree' : 'conflict';
}

export function measureLabel(m: string): string {
  return MEASURE_LABEL[m] ?? m.charAt(0).toUpperCase() + m.slice(1);
}

export class CorpusIndex {
  private settings: CorpusSettings = Object.assign({}, DEFAULT_SETTINGS);
  private readonly docs = new Map<string, Doc>();
  /**
   * Primary key → the articles naming it: one path as a string (most keys are one article's: a
   * map of paths apiece took ~10 MB at 10,000 articles), more as a set, in the order they came.
   */
  private readonly byKey = new Map<string, string | Set<string>>();
  private readonly aliasEdges = new Map<string, Counter>(); // key → target key → count
  private readonly reverseAlias = new Map<string, Counter>();
  private readonly surnameIdx = new Map<string, Counter>(); // surname → full key → count
  /**
   * Shingle hash → the ids of the quotes holding it: one id as a number (most shingles are one
   * quote's: a list apiece took ~26 MB at 10,000 articles), more as a list.
   */
  private readonly shingleIdx = new Map<number, number | number[]>();
  // Quote id → article and quote index; ids of removed articles are reused.
  private readonly quoteDoc: (Doc | null)[] = [];
  private readonly quoteIndex: number[] = [];
  /** By quote id: the article's number and the quote's count of shingles (candidates are sifted without touching articles). */
  private quoteOwner = new Int32Array(1024);
  private quoteSize = new Int32Array(1024);
  /** By quote id, two words: a 64-bit signature of its shingles (see shingleBit), to rule candidates out without a merge. */
  private quoteMask = new Int32Array(2048);
  /**
   * By quote id, its speaker's global id (see speakerOf) as worked out at generation
   * `quoteSpeakerAt` of the names (0: not yet, or the quote moved since). Matching a workspace's
   * quotes asks ~10 times per quote, each time of another article's quote: read here, without
   * touching that article — in memory far from the asking one, which made the read a third of
   * matching's time (every finding of 10,000 articles).
   */
  private readonly quoteSpeaker: (string | null)[] = [];
  private quoteSpeakerAt = new Int32Array(1024);
  private nextNo = 1;
  private readonly freeQuoteIds: number[] = [];
  /** Scratch counters by quote id for matching (zero between uses). */
  private hitCounts = new Int32Array(1024);
  /** … and the ids counted, in the order first met (as many as there are ids at most). */
  private hitList = new Int32Array(1024);
  private readonly claimIdx = new Map<string, number>(); // claim key → how many articles make the claim
  private userAlias = new Map<string, string>();
  /** Bumped whenever what resolve reads changes (aliases, alias edges, surnames): see quoteSpeaker. */
  private namesGeneration = 1;
  /** Findings of the articles asked about last (at most MAX_CACHED_FINDINGS: the workspace's would fill memory) … */
  private readonly findingsCache = new Map<string, Finding[]>();
  /** … and how many of each code every article has. */
  private readonly countsCache = new Map<string, Partial<Record<FindingCode, number>>>();
  /** Articles whose findings were asked for once and not kept (see findings). */
  private readonly askedOnce = new Set<string>();
  /** Per article: each quote's matches in other articles (invalidated with the findings). */
  private readonly matchCache = new Map<string, (QuoteMatch[] | undefined)[]>();
  private lastMatched: string | null = null;
  /**
   * Global entities and their mentions, by id, as last aggregated (an entity named in thousands of
   * articles is costly to gather at each hover): at most MAX_CACHED_ENTITIES; the mentions are
   * dropped at an edit that leaves every entity's records as they were, everything at other changes.
   */
  private readonly entityCache = new Map<string, { entity?: GlobalEntity | null; mentions?: (Location & { text: string })[] }>();
  /**
   * Quotation → quotation it was compared with → their word differences. (Keyed by the two texts
   * in turn rather than by one string joining them: a joined key was a new string, copied and
   * hashed, at every lookup; the texts are the records' own, hashed once.)
   */
  private readonly diffMemo = new Map<string, Map<string, { added: string[]; removed: string[] }>>();
  private diffMemoSize = 0;
  private readonly tokenMemo = new Map<string, { words: string[]; tokens: string[] }>();
  private bulk = 0;
  private readonly strings = new Map<string, string>();
  /**
   * The last articles' story links (see linked), each with the storyGeneration it was worked out at:
   * links read only the entity postings and the counts of distinctive keys, which change only with
   * the generation. A keystroke that leaves the article's names as they were (most do) keeps them,
   * and its own findings and the story's claims read them twice per keystroke (~1 ms at 10,000 articles).
   */
  private readonly linkedMemo = new Map<string, { at: number; linked: Set<string> }>();
  /** Bumped at every change to the entity postings (byKey) and so to any article's distinctive keys. */
  private storyGeneration = 0;
  /** While an edit is re-indexed: the articles that hold a shingle which crossed its fan-out limit. */
  private crossed: Set<string> | null = null;

  /** Articles whose full analysis is kept, most recently used last (when not every article's is). */
  private readonly fullKept = new Map<string, true>();
  private readonly keepAnalyses: number;

  constructor(settings: Partial<CorpusSettings> = {}, options: IndexOptions = {}) {
    this.applySettings(settings);
    this.keepAnalyses = options.keepAnalyses ?? Infinity;
  }

  /** Keeps `d`'s full analysis among the last ones used (dropping the oldest beyond the limit). */
  private keepFull(d: Doc, analysis: ArticleAnalysis, text: string | null = null): void {
    d.full = analysis;
    d.fullText = d.packed ? text : null;
    if (this.keepAnalyses === Infinity) return;
    this.fullKept.delete(d.path);
    this.fullKept.set(d.path, true);
    while (this.fullKept.size > this.keepAnalyses) {
      const p = this.fullKept.keys().next().value!;
      this.fullKept.delete(p);
      const o = this.docs.get(p);
      if (o) {
        o.full = null;
        o.fullText = null;
      }
    }
  }

  private applySettings(s: Partial<CorpusSettings>): void {
    this.settings = Object.assign({}, this.settings, s);
    this.namesGeneration++;
    this.userAlias = new Map();
    for (const group of this.settings.aliases) {
      const head = entityKey(String(group[0] ?? ''));
      for (const n of group) this.userAlias.set(entityKey(String(n)), head);
    }
  }

  /**
   * Applies new settings; returns the articles whose findings may have changed. When aliases or
   * ignored names change, every article is re-analysed here unless `analyse` is false (then the
   * caller re-analyses them, e.g. in worker threads, and feeds them back through `update`).
   */
  configure(s: Partial<CorpusSettings>, analyse = true): Set<string> {
    const reanalyse = JSON.stringify([s.aliases ?? this.settings.aliases, s.ignore ?? this.settings.ignore]) !==
      JSON.stringify([this.settings.aliases, this.settings.ignore]);
    this.applySettings(s);
    this.entityCache.clear();
    this.findingsCache.clear();
    this.countsCache.clear();
    this.matchCache.clear();
    if (reanalyse && analyse) for (const d of [...this.docs.values()]) this.update(d.path, textOf(d));
    return new Set(this.docs.keys());
  }

  /** Options `analyzeArticle` must be given for analyses this index is fed (they depend on the settings). */
  analyzeOptions(): { aliases: string[][]; ignore: string[] } {
    return { aliases: this.settings.aliases, ignore: this.settings.ignore };
  }

  has(path: string): boolean {
    return this.docs.has(path);
  }

  /** How many articles are indexed. */
  get size(): number {
    return this.docs.size;
  }

  /** The indexed articles' paths, unsorted (cheaper than `paths()` when the order does not matter). */
  keys(): IterableIterator<string> {
    return this.docs.keys();
  }

  paths(): string[] {
    return [...this.docs.keys()].sort();
  }

  /** An article's text and full analysis (analysed again when it was not kept: see IndexOptions). */
  get(path: string): { text: string; analysis: ArticleAnalysis } | undefined {
    const d = this.docs.get(path);
    if (!d) return undefined;
    if (!d.full) {
      const text = textOf(d);
      this.keepFull(d, analyzeArticle(text, this.analyzeOptions()), text);
    }
    else if (this.keepAnalyses !== Infinity && this.fullKept.has(path)) {
      this.fullKept.delete(path);
      this.fullKept.set(path, true);
    }
    return { text: textOf(d), analysis: d.full! };
  }

  /** An article's text, or undefined. */
  text(path: string): string | undefined {
    const d = this.docs.get(path);
    return d && textOf(d);
  }

  /** Whether `text` is the article's indexed text (without unpacking it: see Doc.stored). */
  hasText(path: string, text: string): boolean {
    const d = this.docs.get(path);
    if (!d) return false;
    return d.packed ? isPackOf(d.stored, text) : d.stored === text;
  }

  /** The length of an article's text, or undefined. */
  textLength(path: string): number | undefined {
    return this.docs.get(path)?.stored.length;
  }

  /**
   * A string with an article's length and line breaks (its text, or its packed form: see
   * Doc.stored), for working out positions — a LineIndex of it is the text's — without a copy
   * of the text each time; undefined when it is not indexed.
   */
  lineText(path: string): string | undefined {
    return this.docs.get(path)?.stored;
  }

  /** The paragraph of an article holding offset `at`, or null (no full analysis needed). */
  paragraphAt(path: string, at: number): Span | null {
    const p = this.docs.get(path)?.slim.paragraphs;
    if (!p) return null;
    for (let i = 0; i < p.length; i += 2) if (p[i] <= at && at < p[i + 1]) return { start: p[i], end: p[i + 1] };
    return null;
  }

  /** How many entities, quotes (terms excluded) and figures an article has. */
  counts(path: string): { entities: number; quotes: number; figures: number } | undefined {
    const d = this.docs.get(path);
    if (!d) return undefined;
    let quotes = 0;
    for (const q of d.slim.quotes) if (q.kind !== 'term') quotes++;
    return { entities: d.slim.entities.length, quotes, figures: d.slim.figureCount };
  }

  /** An article's figures that make claims, with their indices (no full analysis needed). */
  claimFigures(path: string): [number, Figure][] {
    const out: [number, Figure][] = [];
    this.docs.get(path)?.slim.figures.forEach((f, i) => { if (f) out.push([i, f]); });
    return out;
  }

  /** An article's quotes (no full analysis needed). */
  quotes(path: string): readonly Quote[] {
    return this.docs.get(path)?.slim.quotes ?? [];
  }

  /**
   * Bulk loading (a workspace scan): updates skip working out which other articles they affect, and
   * every cached finding is dropped at each one; the last `endBulk` returns every article as
   * affected. Bulk loads may overlap (a scan superseding another).
   */
  beginBulk(): void {
    this.bulk++;
  }

  /**
   * Forgets what is kept only to answer again faster — findings, quote matches and their word
   * differences, aggregated entities — each worked out again when next asked for: an idle
   * server's memory, given back (lsp/memory.ts; ~20 MB at 10,000 articles once all are published).
   * (Speakers' ids by quote id stay: one shared string apiece.)
   */
  releaseMemos(): void {
    this.findingsCache.clear();
    this.askedOnce.clear();
    this.matchCache.clear();
    this.entityCache.clear();
    this.diffMemo.clear();
    this.diffMemoSize = 0;
    this.tokenMemo.clear();
  }

  endBulk(): Set<string> {
    if (this.bulk > 0) this.bulk--;
    if (this.bulk > 0) return new Set();
    this.findingsCache.clear();
    this.countsCache.clear();
    this.matchCache.clear();
    return new Set(this.docs.keys());
  }

  /**
   * (Re)analyses one article — or takes its analysis, or only what the index derives from it
   * (`prepared` without `analysis`: a cache entry). Returns every article whose findings may have changed.
   */
  update(path: string, text: string, analysis?: ArticleAnalysis, prepared?: PreparedArticle): Set<string> {
    const affected = new Set<string>([path]);
    const old = this.docs.get(path);
    const a = analysis ?? (prepared ? null : analyzeArticle(text, { aliases: this.settings.aliases, ignore: this.settings.ignore }));
    // (An edit of an open article: the shingles of the quotes it did not change are remembered — see shinglesOfQuote.)
    // (An article analysed here is an open one, replaced at every keystroke: its strings are not
    // interned — looking each one up in the workspace's table cost ~0.5 ms a keystroke at 10,000
    // articles, to save a few kilobytes while it is open.)
    const doc = this.prepare(path, text, a, prepared && (!a || analysis) ? prepared : prepareArticle(text, a!), !!(analysis || prepared));
    if (a) this.keepFull(doc, a);
    else this.fullKept.delete(path);
    const aliasingSame = !!old && sameAliasing(old, doc);
    const entitiesSame = aliasingSame && sameEntityKeys(old!, doc);
    // Global entities aggregate names, aliases, roles and mention counts over the articles naming
    // them. While the article's alias edges and surnames stay as they were, every other article's
    // names resolve as before, so only the entities it names (before or after) can change, and of
    // those only the ones whose records in it changed; the others' mentions' offsets may have
    // moved. (A change to alias edges or surnames may merge or split entities anywhere.)
    if (old && aliasingSame) {
      const before = this.contributions(old);
      const after = this.contributions(doc);
      for (const id of new Set([...before.keys(), ...after.keys()])) {
        if (before.get(id) === after.get(id)) delete this.entityCache.get(id)?.mentions;
        else this.entityCache.delete(id);
      }
    } else {
      this.entityCache.clear();
    }
    if (old && entitiesSame && sameQuotes(old, doc)) return this.replace(old, doc, affected);
    if (!old || this.bulk > 0) {
      const steps = old || this.bulk > 0 ? null : this.changedSteps(null, doc);
      if (steps) this.resolvedAnew(path, steps, 'before', affected);
      if (old) this.unindex(old, affected);
      this.docs.set(path, doc);
      this.index(doc, affected);
      if (steps) this.resolvedAnew(path, steps, 'after', affected);
      this.invalidate(affected);
      return affected;
    }
    return this.requote(old, doc, aliasingSame, affected);
  }

  /**
   * The names whose first resolution step (see resolve) a change of one article's alias edges and
   * surnames, from `from`'s to `to`'s (null: the article is added or removed), alters. Worked out
   * before the change, from the counts it will change: most articles repeat edges and surnames
   * other articles have already made (one more outlet naming "Helena Varga"), and those change no
   * step.
   */
  private changedSteps(from: Doc | null, to: Doc | null): Set<string> {
    const changed = new Set<string>();
    const deltas = (pairs: (d: Doc) => [string, string][]) => {
      const out = new Map<string, Map<string, number>>();
      const add = (d: Doc | null, by: number) => {
        for (const [x, y] of d ? pairs(d) : []) {
          let m = out.get(x);
          if (!m) out.set(x, (m = new Map()));
          m.set(y, (m.get(y) ?? 0) + by);
        }
      };
      add(from, -1);
      add(to, 1);
      return out;
    };
    // A copy of the counter with the change applied, through the same `inc` the postings use.
    const applied = (c: Counter | undefined, delta: Map<string, number>): Counter | undefined => {
      const m = new Map<string, Counter>([['', new Map(c ?? [])]]);
      for (const [y, by] of delta) inc(m, '', y, by);
      return m.get('');
    };
    // An alias step follows the most frequent target; a surname step, the one full name (if one).
    for (const [a, delta] of deltas((d) => d.aliasEdges)) {
      const c = this.aliasEdges.get(a);
      if (best(c) !== best(applied(c, delta))) changed.add(a);
    }
    const only = (c: Counter | undefined) => (!c || c.size === 0 ? '' : c.size === 1 ? c.keys().next().value! : '\u0000');
    for (const [sn, delta] of deltas((d) => d.surnames)) {
      const c = this.surnameIdx.get(sn);
      if (only(c) !== only(applied(c, delta))) changed.add(sn);
    }
    return changed;
  }

  /** The articles other than `path` holding one of `keys`. */
  private holders(keys: Set<string>, path: string): Doc[] {
    const out = new Set<string>();
    for (const k of keys) for (const p of holderPaths(this.byKey.get(k))) if (p !== path) out.add(p);
    return [...out].map((p) => this.docs.get(p)!);
  }

  /**
   * A change of `path`'s alias edges and surnames may make names in other articles resolve
   * differently — a surname that led to one person leads to another — and with them their
   * quotes' speakers, so their quote matches. `changed`: the names whose step it alters (see
   * changedSteps). Call with `phase` 'before' as the index stands before the change, 'after' once
   * it is made: adds the articles holding a name that leads to one of them (see keysFor), and those
   * their quotes match before and after, to `affected`; returns whether there were any (the
   * caller then drops their cached findings).
   */
  private resolvedAnew(path: string, changed: Set<string>, phase: 'before' | 'after', affected: Set<string>): boolean {
    if (this.bulk > 0 || changed.size === 0) return false;
    const reaching = new Set<string>();
    for (const k of changed) for (const r of this.keysFor(k)) reaching.add(r);
    const held = this.holders(reaching, path);
    for (const h of held) {
      affected.add(h.path);
      if (phase === 'after') this.matchCache.delete(h.path);
      this.touch(h, affected);
    }
    return held.length > 0;
  }

  /** Per global entity an article names, what it adds to the entity's aggregate (see aggregate), as one string. */
  private contributions(d: Doc): Map<string, string> {
    const out = new Map<string, string>();
    d.slim.entities.forEach((e, i) => {
      const id = this.idOf(d, i);
      const mine = `${e.name}\u0001${e.type}\u0001${e.aliases.join('\u0002')}\u0001${e.roles.join('\u0002')}\u0001${d.slim.mentionCounts[i]}`;
      const seen = out.get(id);
      out.set(id, seen === undefined ? mine : `${seen}\u0000${mine}`);
    });
    return out;
  }

  /**
   * An edit that changed an article's quotes (or its entities): re-indexed in full, but quote
   * matches are kept where they still hold. The matches of a quote that did not change are its
   * old ones; only changed quotes are matched again, and — matching being symmetric — the other
   * articles' cached matches are patched with them rather than computed again, unless a shingle
   * crossed its fan-out limit (every quote holding it is matched again) or a change to the
   * article's alias edges or surnames may make names in other articles resolve differently (then
   * speakers anywhere may have changed). A quote whose speaker now resolves to another entity (a
   * name in the article edited) has changed.
   */
  private requote(old: Doc, doc: Doc, aliasingSame: boolean, affected: Set<string>): Set<string> {
    const path = doc.path;
    const oq = old.slim.quotes;
    const nq = doc.slim.quotes;
    // (Per quote, worked out once: the postings and the matches below ask several times.)
    const sameShingles = nq.map((_, qi) => oq.length === nq.length && sameItems(shinglesOf(old, qi), shinglesOf(doc, qi)));
    // Speakers as the old article's names resolved (the new article's are resolved once it is indexed).
    const oldSpeakers = oq.map((_, qi) => this.speakerOf(old, qi));
    const steps = aliasingSame ? null : this.changedSteps(old, doc);
    const heldBefore = !!steps && this.resolvedAnew(path, steps, 'before', affected);
    const oldLists = this.matchCache.get(path);
    const crossed = (this.crossed = new Set<string>());
    // A quote with the same shingles keeps its id and its place in the shingle lists (taking a
    // quote out of a long list and putting it back cost ~1 ms per keystroke in a long article).
    const kept = (qi: number) => sameShingles[qi] === true && old.quoteIds[qi] >= 0;
    nq.forEach((_, qi) => { if (kept(qi)) doc.quoteIds[qi] = old.quoteIds[qi]; });
    try {
      // (An edit that left the article's names, aliases and surnames as they were — typing in a
      // quotation — leaves their postings where they are: removing and adding them again was most
      // of re-indexing such a keystroke.)
      const namesSame = aliasingSame && sameEntityKeys(old, doc);
      this.unindex(old, affected, kept, !namesSame);
      this.docs.set(path, doc);
      if (namesSame) doc.distinct = old.distinct;
      this.postings(doc, 1, affected, kept, !namesSame);
      // Whether every other article's names resolve as before: the article's alias edges and
      // surnames are the same, or the resolution steps they changed lie on no path from a name
      // another article holds.
      const heldAfter = !!steps && this.resolvedAnew(path, steps, 'after', affected);
      const elsewhereSame = !heldBefore && !heldAfter;
      const unchanged = nq.map((q, qi) =>
        elsewhereSame && sameShingles[qi] && oq[qi].text === q.text && oq[qi].kind === q.kind && oldSpeakers[qi] === this.speakerOf(doc, qi));
      // The articles whose quotes match the new ones (fresh matches: the cached ones are the old quotes').
      const lists: (QuoteMatch[] | undefined)[] = [];
      nq.forEach((q, qi) => {
        if (q.kind === 'term') return;
        const l = (unchanged[qi] && oldLists?.[qi]) || this.findQuoteMatches(doc, qi, true);
        lists[qi] = l;
        for (const m of l) affected.add(m.path);
      });
      this.touchClaims(doc, affected);
      if (!elsewhereSame) {
        this.invalidate(affected);
        return affected;
      }
      // The articles whose quote matches change (patched below, or dropped) work their findings out
      // again; the others' kept findings are moved, as in replace, when the edit changed none of
      // the article's names and only moved its figures and the quotes they point at.
      const rematched = new Set<string>([path, ...crossed]);
      for (const p of crossed) this.matchCache.delete(p);
      this.matchCache.delete(path);
      if (!crossed.has(path)) {
        if (this.matchCache.size >= MAX_CACHED_MATCHES) this.matchCache.delete(this.matchCache.keys().next().value!);
        this.matchCache.set(path, lists);
      }
      const changedOld = new Set<number>();
      oq.forEach((_, qi) => { if (!unchanged[qi]) changedOld.add(qi); });
      // (other article, its quote) → the new article's changed quotes that match it
      const reverse = new Map<string, number[]>();
      nq.forEach((_, qi) => {
        if (unchanged[qi]) return;
        for (const m of lists[qi] ?? []) {
          const k = `${m.path}\u0000${m.index}`;
          const at = reverse.get(k);
          if (at) at.push(qi);
          else reverse.set(k, [qi]);
        }
      });
      const stale = (m: QuoteMatch) => m.path === path && changedOld.has(m.index);
      // (An edit that changed none of the article's quotes — typing outside them, most keystrokes —
      // leaves every other article's cached matches as they are: no list is walked.)
      const patching = changedOld.size > 0 || reverse.size > 0;
      for (const p of affected) {
        if (p === path || crossed.has(p)) continue;
        const cached = this.matchCache.get(p);
        if (!cached) {
          rematched.add(p); // (its findings may be kept while its matches are not)
          continue;
        }
        if (!patching) continue;
        const pq = this.docs.get(p)!.slim.quotes;
        for (let pj = 0; pj < cached.length; pj++) {
          const list = cached[pj];
          if (!list) continue;
          const add = reverse.get(`${p}\u0000${pj}`);
          if (!add && !list.some(stale)) continue;
          rematched.add(p);
          const next = list.filter((m) => !stale(m));
          for (const qi of add ?? []) next.push({ path, index: qi, ...this.diff(pq[pj].text, nq[qi].text) });
          next.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.index - b.index));
          cached[pj] = next;
        }
      }
      this.moveOrDrop(path, affected, rematched, sameEntityKeys(old, doc) ? movedSpans(old, doc, unchanged) : null);
      return affected;
    } finally {
      this.crossed = null;
    }
  }

  /**
   * An edit that leaves an article's entities and quotes as they were (typing in a sentence, a
   * figure changed): its entity and quote postings and every quote match stay; only its claims
   * are re-indexed. The articles whose findings point at it are affected all the same (its
   * offsets may have moved).
   */
  private replace(old: Doc, doc: Doc, affected: Set<string>): Set<string> {
    this.touch(old, affected); // quote matches (cached) and the story's claims, before
    for (const c of old.claims) tally(this.claimIdx, c, -1);
    doc.quoteIds = old.quoteIds;
    doc.no = old.no;
    for (const id of doc.quoteIds) if (id >= 0) this.placeQuote(id, doc);
    doc.distinct = old.distinct;
    this.docs.set(doc.path, doc);
    for (const c of doc.claims) tally(this.claimIdx, c, 1);
    if (this.bulk === 0) this.touchClaims(doc, affected); // the story's claims, after
    if (this.bulk > 0) {
      this.findingsCache.clear();
      this.countsCache.clear();
    } else {
      // Quote matches name articles by path and quote index: they all still hold. When the edit only
      // moved this article's figures and quotes (a keystroke outside them: the same records, the same
      // claim keys), the other articles' findings are what they were but for where they point into
      // it — moved, not worked out again (an edit affects the ~45 articles of its story, whose
      // findings were most of a keystroke's work in process: see moveFindings).
      this.moveOrDrop(doc.path, affected, new Set([doc.path]), movedSpans(old, doc));
    }
    return affected;
  }

  /**
   * After an edit of `path`: the kept findings of the `affected` articles not `excluded` moved
   * through `moved` (see movedSpans, moveFindings); the others' dropped.
   */
  private moveOrDrop(path: string, affected: Set<string>, excluded: Set<string>, moved: Map<string, [number, number]> | null): void {
    for (const p of affected) {
      const cached = excluded.has(p) || !moved ? undefined : this.findingsCache.get(p);
      const shifted = cached && moveFindings(cached, path, moved!);
      if (shifted) {
        this.findingsCache.set(p, shifted);
        continue;
      }
      this.forgetFindings(p);
    }
  }

  /** Remembers that an article's findings were asked for (see findings). */
  private markAsked(p: string): void {
    if (this.askedOnce.size >= MAX_ASKED_ONCE) this.askedOnce.clear();
    this.askedOnce.add(p);
  }

  /**
   * Drops an article's findings. Ones that were kept stay "asked about": worked out again, they
   * are kept at once — a story's articles, republished at every pause in typing in one of them,
   * were otherwise worked out twice after each edit that dropped them.
   */
  private forgetFindings(p: string): void {
    if (this.findingsCache.delete(p)) this.markAsked(p);
    this.countsCache.delete(p);
  }

  private invalidate(paths: Set<string>): void {
    if (this.bulk > 0) {
      this.findingsCache.clear();
      this.countsCache.clear();
      this.matchCache.clear();
      return;
    }
    for (const p of paths) {
      this.forgetFindings(p);
      this.matchCache.delete(p);
    }
  }

  remove(path: string): Set<string> {
    this.entityCache.clear();
    const affected = new Set<string>([path]);
    const old = this.docs.get(path);
    if (!old) return affected;
    const steps = this.changedSteps(old, null);
    this.resolvedAnew(path, steps, 'before', affected);
    this.unindex(old, affected);
    this.docs.delete(path);
    this.fullKept.delete(path);
    this.resolvedAnew(path, steps, 'after', affected);
    this.invalidate(affected);
    return affected;
  }

  /** One copy of each key string (kept while the index lives; keys are few next to the articles). */
  private intern(x: string): string {
    const have = this.strings.get(x);
    if (have !== undefined) return have;
    this.strings.set(x, x);
    return x;
  }

  private prepare(path: string, text: string, analysis: ArticleAnalysis | null, prepared: PreparedArticle, intern = true): Doc {
    // Keys recur across articles (a name, a claim in every outlet of a story): one copy of each string.
    const s = intern ? (x: string) => this.intern(x) : (x: string) => x;
    const strings = (xs: string[]) => (xs.length ? xs.map(s) : EMPTY);
    const keys = prepared.keys.map(s);
    const claimKeys = prepared.claimKeys.map((k) => (k === null ? null : s(k)));
    const aliasEdges = prepared.aliasEdges.map(([a, b]): [string, string] => [s(a), s(b)]);
    const surnames = prepared.surnames.map(([a, b]): [string, string] => [s(a), s(b)]);
    // (With the analysis at hand, its own records: the full analysis and the slim one share them.)
    const quotes = analysis ? analysis.quotes : prepared.quotes;
    // Without it, the text is kept packed when it can be, and the records' texts become parts of
    // the packed text (one byte a character; a part with a mark in it, a copy): a part of the text
    // as read would keep all of it alive. (Parts shorter than 13 characters are copies already.)
    const packed = analysis ? null : packText(text);
    if (packed !== null) {
      const rebase = (v: string, start: number, end: number) => (v.length >= 13 && spanIs(text, start, end, v) ? unpackText(packed.slice(start, end)) : v);
      for (const q of quotes) {
        q.text = rebase(q.text, q.inner.start, q.inner.end);
        if (q.cue) q.cue.text = rebase(q.cue.text, q.cue.start, q.cue.end);
      }
      for (const f of prepared.figures) f.text = rebase(f.text, f.start, f.end);
    }
    let next = 0;
    const figures = analysis ? analysis.figures.map((f, i) => (claimKeys[i] === null ? null : f)) : claimKeys.map((k) => (k === null ? null : prepared.figures[next++]));
    const entities = prepared.entities.map((e): SlimEntity => ({ key: s(e.key), name: s(e.name), type: e.type, aliases: strings(e.aliases), roles: strings(e.roles) }));
    // Its figures under each claim key, key after key (see Doc.claims).
    const claimed: number[] = [];
    claimKeys.forEach((k, i) => k !== null && claimed.push(i));
    claimed.sort((a, b) => (claimKeys[a]! < claimKeys[b]! ? -1 : claimKeys[a]! > claimKeys[b]! ? 1 : a - b));
    const claims: string[] = [];
    for (const i of claimed) if (claims[claims.length - 1] !== claimKeys[i]) claims.push(claimKeys[i]!);
    // (the article's seven integer tables in one buffer: see packSorted)
    const ints = new Int32Array(prepared.mentions.length + entities.length + prepared.paragraphs.length + 2 * quotes.length + claims.length + 1 + claimed.length);
    let at = 0;
    const table = (n: number) => ints.subarray(at, (at += n));
    const mentions = table(prepared.mentions.length);
    mentions.set(prepared.mentions);
    const mentionCounts = table(entities.length);
    const paragraphs = table(prepared.paragraphs.length);
    paragraphs.set(prepared.paragraphs);
    const speakerIdx = table(quotes.length);
    const shingleEnds = table(quotes.length);
    const claimStarts = table(claims.length + 1);
    const claimOrder = table(claimed.length);
    claimOrder.set(claimed);
    for (let i = 0, c = 0; i < claimed.length; i++) if (i === 0 || claimKeys[claimed[i]] !== claimKeys[claimed[i - 1]]) claimStarts[c++] = i;
    claimStarts[claims.length] = claimed.length;
    for (let i = 2; i < mentions.length; i += 3) if (mentions[i] >= 0) mentionCounts[mentions[i]]++;
    const slim: Slim = {
      entities, quotes, figures, mentions, mentionCounts, paragraphs,
      mentionTexts: prepared.mentionTexts.length ? new Map(prepared.mentionTexts) : null, figureCount: prepared.claimKeys.length,
    };
    const doc: Doc = {
      path, no: this.docs.get(path)?.no ?? this.nextNo++, name: displayName(path), stored: packed ?? text, packed: packed !== null, slim, full: null, fullText: null, keys, keyList: [...new Set(keys)], distinct: 0, aliasEdges, surnames, quoteIds: [],
      shingles: packSorted(prepared.quoteShingles, shingleEnds), shingleEnds,
      speakerIdx, claimKeys, claims: claims.length ? claims : EMPTY, claimStarts, claimOrder, bounds: null, boundsTolerance: 0,
    };
    const local = new Map<string, number>();
    entities.forEach((e, i) => local.set(e.key, i));
    quotes.forEach((q, i) => (doc.speakerIdx[i] = q.speaker === null ? -1 : (local.get(q.speaker) ?? -1)));
    return doc;
  }

  private index(d: Doc, affected: Set<string>): void {
    this.touch(d, affected);
    this.postings(d, 1, affected);
  }

  private unindex(d: Doc, affected: Set<string>, kept?: (qi: number) => boolean, names = true): void {
    this.touch(d, affected);
    this.postings(d, -1, affected, kept, names);
  }

  /**
   * Adds (+1) or removes (-1) `d`'s postings; quotes `kept` (by an edit: see requote) stay where they
   * are, and so do its names' postings unless `names` (an edit that left them as they were).
   */
  private postings(d: Doc, delta: 1 | -1, affected: Set<string>, kept?: (qi: number) => boolean, names = true): void {
    // An entity key or a shingle crossing its fan-out limit links or unlinks every article holding it.
    if (names) {
      for (const k of d.keyList) this.entityPosting(d, k, delta, affected);
      for (const [a, b] of d.aliasEdges) { inc(this.aliasEdges, a, b, delta); inc(this.reverseAlias, b, a, delta); }
      for (const [s, k] of d.surnames) inc(this.surnameIdx, s, k, delta);
      if (d.aliasEdges.length || d.surnames.length) this.namesGeneration++;
    }
    d.shingleEnds.forEach((_, qi) => {
      if (kept?.(qi)) {
        if (delta > 0) this.placeQuote(d.quoteIds[qi], d);
        return;
      }
      const sh = shinglesOf(d, qi);
      if (!sh.length) {
        if (delta > 0) d.quoteIds[qi] = -1;
        return;
      }
      let ref: number;
      if (delta > 0) {
        ref = this.freeQuoteIds.pop() ?? this.quoteDoc.length;
        this.quoteIndex[ref] = qi;
        if (ref >= this.quoteOwner.length) {
          const size = Math.max(ref + 1, this.quoteOwner.length * 2);
          this.quoteOwner = grown(this.quoteOwner, size);
          this.quoteSize = grown(this.quoteSize, size);
          this.quoteMask = grown(this.quoteMask, 2 * size);
          this.quoteSpeakerAt = grown(this.quoteSpeakerAt, size);
        }
        this.placeQuote(ref, d);
        this.quoteOwner[ref] = d.no;
        this.quoteSize[ref] = sh.length;
        let lo = 0;
        let hi = 0;
        for (const x of sh) {
          const bit = shingleBit(x);
          if (bit < 32) lo |= 1 << bit;
          else hi |= 1 << (bit - 32);
        }
        this.quoteMask[2 * ref] = lo;
        this.quoteMask[2 * ref + 1] = hi;
        d.quoteIds[qi] = ref;
      } else {
        ref = d.quoteIds[qi];
        this.quoteDoc[ref] = null;
        this.quoteOwner[ref] = 0;
        this.freeQuoteIds.push(ref);
      }
      for (const s of sh) {
        let refs = this.shingleIdx.get(s);
        const before = refCount(refs);
        if (delta > 0) {
          if (refs === undefined) this.shingleIdx.set(s, (refs = ref));
          else if (typeof refs === 'number') this.shingleIdx.set(s, (refs = [refs, ref]));
          else refs.push(ref);
        } else if (typeof refs === 'number') {
          if (refs === ref) {
            this.shingleIdx.delete(s);
            refs = undefined;
          }
        } else if (refs) {
          const at = refs.indexOf(ref);
          if (at >= 0) {
            refs[at] = refs[refs.length - 1];
            refs.pop();
          }
          if (refs.length === 1) this.shingleIdx.set(s, (refs = refs[0]));
        }
        // Crossing the fan-out limit makes the shingle a blocking key or stops it being one.
        const after = refCount(refs);
        if (before <= MAX_SHINGLE_FANOUT !== after <= MAX_SHINGLE_FANOUT) {
          affected.add(d.path);
          this.crossed?.add(d.path);
          for (const r of typeof refs === 'number' ? [refs] : (refs ?? [])) {
            affected.add(this.quoteDoc[r]!.path);
            this.crossed?.add(this.quoteDoc[r]!.path);
          }
        }
      }
    });
    for (const c of d.claims) tally(this.claimIdx, c, delta);
  }

  /**
   * Adds or removes `d` under entity key `k`, keeping every article's count of distinctive keys: a
   * key named by more than MAX_ENTITY_FANOUT articles stops being distinctive for all of them (and
   * their story links may change, so they are affected).
   */
  private entityPosting(d: Doc, k: string, delta: 1 | -1, affected: Set<string>): void {
    const h = this.byKey.get(k);
    const before = holderCount(h);
    this.storyGeneration++;
    // (d's keyList names each key once: an article is under a key or not)
    let c = h;
    if (delta > 0) {
      if (h === undefined) c = d.path;
      else if (typeof h === 'string') c = h === d.path ? h : new Set([h, d.path]);
      else h.add(d.path);
    } else if (typeof h === 'string') {
      if (h === d.path) c = undefined;
    } else if (h) {
      h.delete(d.path);
      if (h.size === 1) c = h.values().next().value!;
    }
    if (c === undefined) this.byKey.delete(k);
    else if (c !== h) this.byKey.set(k, c);
    const after = holderCount(c);
    if (delta > 0 && after <= MAX_ENTITY_FANOUT) d.distinct++;
    if (before <= MAX_ENTITY_FANOUT === after <= MAX_ENTITY_FANOUT) return;
    affected.add(d.path);
    for (const p of holderPaths(c)) {
      affected.add(p);
      if (p !== d.path) this.docs.get(p)!.distinct += after <= MAX_ENTITY_FANOUT ? 1 : -1;
    }
  }

  /**
   * Adds every article whose findings `d` takes part in: those with a quote matching one of its
   * quotes (matching is symmetric), and those reporting its story with a claim key in common.
   */
  private touch(d: Doc, affected: Set<string>): void {
    if (this.bulk > 0) return;
    const cached = this.matchCache.get(d.path);
    d.slim.quotes.forEach((q, qi) => {
      if (q.kind === 'term') return;
      for (const m of cached?.[qi] ?? this.findQuoteMatches(d, qi, false)) affected.add(m.path);
    });
    this.touchClaims(d, affected);
  }

  /** Adds the articles reporting `d`'s story with a claim key in common. */
  private touchClaims(d: Doc, affected: Set<string>): void {
    if (d.claims.length === 0) return;
    for (const p of this.linked(d)) {
      if (affected.has(p)) continue;
      const o = this.docs.get(p)!;
      for (const k of d.claims) if (claimAt(o, k) >= 0) { affected.add(p); break; }
    }
  }

  /**
   * Articles that report the same story as `d` (itself excluded): of the distinctive entity keys
   * (named by at most MAX_ENTITY_FANOUT articles) of the one with fewer, at least
   * MIN_STORY_OVERLAP are the other's too. Symmetric; depends on the two articles and on which of
   * their keys are distinctive.
   */
  private linked(d: Doc): Set<string> {
    const memo = this.linkedMemo.get(d.path);
    if (memo && memo.at === this.storyGeneration) return memo.linked;
    const out = this.linkedAnew(d);
    if (this.linkedMemo.size >= MAX_LINKED_MEMO) this.linkedMemo.delete(this.linkedMemo.keys().next().value!);
    this.linkedMemo.set(d.path, { at: this.storyGeneration, linked: out });
    return out;
  }

  private linkedAnew(d: Doc): Set<string> {
    const out = new Set<string>();
    const mine: string[] = [];
    for (const k of d.keyList) if (holderCount(this.byKey.get(k)) <= MAX_ENTITY_FANOUT) mine.push(k);
    if (!mine.length) return out;
    const shared = new Map<string, number>();
    for (const k of mine) for (const p of holderPaths(this.byKey.get(k))) if (p !== d.path) shared.set(p, (shared.get(p) ?? 0) + 1);
    for (const [p, n] of shared) if (n >= MIN_STORY_OVERLAP * Math.min(mine.length, this.docs.get(p)!.distinct)) out.add(p);
    return out;
  }

  /** `d` and the articles reporting its story (`linked`), by path. */
  private storyDocs(d: Doc, linked: Set<string>): Doc[] {
    const docs = [d];
    for (const p of linked) docs.push(this.docs.get(p)!);
    return docs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * The figures of claim `key` in an article and in the articles reporting its story (`story`: storyDocs,
   * worked out once for all of an article's claims), by path.
   */
  private claimMembers(key: string, story: Doc[]): [Doc, number][] {
    const out: [Doc, number][] = [];
    for (const o of story) {
      const c = claimAt(o, key);
      if (c >= 0) for (let j = o.claimStarts[c]; j < o.claimStarts[c + 1]; j++) out.push([o, o.claimOrder[j]]);
    }
    return out;
  }

  // ---- entities -------------------------------------------------------------------------------

  /** Resolves an entity key through user aliases, aliases defined in any article, and unique surnames. */
  private resolve(key: string, type: EntityType | null): string {
    let k = key;
    for (let i = 0; i < 5; i++) {
      const u = this.userAlias.get(k);
      if (u && u !== k) { k = u; continue; }
      const a = best(this.aliasEdges.get(k));
      // A place that shares its name with the first word of an organisation's (a city and its
      // "<City> Tribune", which some article shortened to the city's name) stays the place.
      if (a && a !== k && !(type === 'place' && a.startsWith(`${k} `))) { k = a; continue; }
      if (!k.includes(' ') && type !== 'place' && type !== 'organization' && type !== 'product') {
        const s = this.surnameIdx.get(k);
        if (s && s.size === 1) { k = [...s.keys()][0]; continue; }
      }
      break;
    }
    return k;
  }

  private idOf(d: Doc, localIndex: number): string {
    return this.resolve(d.keys[localIndex], d.slim.entities[localIndex].type === 'other' ? null : d.slim.entities[localIndex].type);
  }

  private localIndex(d: Doc, localKey: string): number {
    return d.slim.entities.findIndex((e) => e.key === localKey);
  }

  /** The global entity id of a local entity of an article. */
  entityId(path: string, localKey: string): string | null {
    const d = this.docs.get(path);
    if (!d) return null;
    const i = this.localIndex(d, localKey);
    return i < 0 ? null : this.idOf(d, i);
  }

  entity(path: string, localKey: string): GlobalEntity | null {
    const id = this.entityId(path, localKey);
    return id === null ? null : this.entityById(id);
  }

  /** Keys that may resolve to `id` (itself, aliases pointing at it, surnames of it), transitively. */
  private keysFor(id: string): Set<string> {
    const out = new Set<string>([id]);
    const queue = [id];
    while (queue.length) {
      const k = queue.pop()!;
      for (const a of this.reverseAlias.get(k)?.keys() ?? []) if (!out.has(a)) { out.add(a); queue.push(a); }
      const toks = k.split(' ');
      if (toks.length >= 2) {
        const s = toks[toks.length - 1];
        if (!out.has(s)) { out.add(s); queue.push(s); }
      }
    }
    for (const [alias, head] of this.userAlias) if (head === id || out.has(head)) out.add(alias);
    return out;
  }

  /** Local entities (doc, index) that resolve to `id`. */
  private locals(id: string): [Doc, number][] {
    const out: [Doc, number][] = [];
    for (const k of this.keysFor(id)) {
      for (const p of holderPaths(this.byKey.get(k))) {
        const d = this.docs.get(p)!;
        d.keys.forEach((dk, i) => { if (dk === k && this.idOf(d, i) === id) out.push([d, i]); });
      }
    }
    return out;
  }

  entityById(id: string): GlobalEntity | null {
    let c = this.entityCache.get(id);
    if (c?.entity !== undefined) return c.entity;
    const locals = this.locals(id);
    const entity = locals.length ? this.aggregate(id, locals) : null;
    if (!c) this.cacheEntity(id, (c = {}));
    c.entity = entity;
    return entity;
  }

  private cacheEntity(id: string, c: { entity?: GlobalEntity | null; mentions?: (Location & { text: string })[] }): void {
    if (this.entityCache.size >= MAX_CACHED_ENTITIES) this.entityCache.delete(this.entityCache.keys().next().value!);
    this.entityCache.set(id, c);
  }

  private aggregate(id: string, locals: [Doc, number][]): GlobalEntity {
    // In path order, so the roles' order does not depend on the order the articles were indexed in.
    locals.sort(([a, i], [b, j]) => (a.path < b.path ? -1 : a.path > b.path ? 1 : i - j));
    const forms = new Map<string, number>();
    const votes = new Map<EntityType, number>();
    const roles: string[] = [];
    const sources = new Map<string, number>();
    for (const [d, i] of locals) {
      const e = d.slim.entities[i];
      const n = d.slim.mentionCounts[i];
      for (const a of e.aliases) forms.set(a, (forms.get(a) ?? 0) + 1);
      forms.set(e.name, (forms.get(e.name) ?? 0) + n);
      if (e.type !== 'other') votes.set(e.type, (votes.get(e.type) ?? 0) + n);
      for (const r of e.roles) if (!roles.some((x) => x.toLowerCase() === r.toLowerCase())) roles.push(r);
      sources.set(d.path, (sources.get(d.path) ?? 0) + n);
    }
    const sorted = [...forms.entries()].sort((a, b) => {
      const wa = a[0].split(/\s+/).length;
      const wb = b[0].split(/\s+/).length;
      const capsA = a[0].length > 4 && a[0] === a[0].toUpperCase() ? 1 : 0;
      const capsB = b[0].length > 4 && b[0] === b[0].toUpperCase() ? 1 : 0;
      return wb - wa || capsA - capsB || b[1] - a[1] || a[0].localeCompare(b[0]);
    });
    let type: EntityType = 'other';
    let bestN = 0;
    for (const [t, n] of votes) if (n > bestN || (n === bestN && t < type)) { type = t; bestN = n; }
    return {
      id,
      name: sorted[0][0],
      type,
      aliases: sorted.map(([f]) => f),
      roles: roles.slice(0, 12),
      sources: [...sources.entries()].map(([path, count]) => ({ path, count })).sort((a, b) => b.count - a.count || a.path.localeCompare(b.path)),
    };
  }

  entityMentions(id: string): (Location & { text: string })[] {
    let c = this.entityCache.get(id);
    if (!c?.mentions) {
      if (!c) this.cacheEntity(id, (c = {}));
      c.mentions = this.gatherMentions(id);
    }
    return [...c.mentions];
  }

  private gatherMentions(id: string): (Location & { text: string })[] {
    const out: (Location & { text: string })[] = [];
    for (const [d, i] of this.locals(id)) {
      const ms = d.slim.mentions;
      for (let j = 0; j < ms.length; j += 3) if (ms[j + 2] === i) out.push(this.mentionAt(d, j));
    }
    return out.sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start);
  }

  /** The mention at `j` (a multiple of 3) of `d`'s mention table. */
  private mentionAt(d: Doc, j: number): Location & { text: string } {
    const ms = d.slim.mentions;
    return { path: d.path, start: ms[j], end: ms[j + 1], text: d.slim.mentionTexts?.get(j / 3) ?? sliceOf(d, ms[j], ms[j + 1]) };
  }

  /**
   * The first mention of global entity `id` in one article, or null: what a hover lists for each
   * source it shows, found in that article alone (entityMentions gathers every article's — tens of
   * milliseconds for a name in thousands of them, each time an edit moves offsets).
   */
  firstMention(id: string, path: string): (Location & { text: string }) | null {
    const d = this.docs.get(path);
    if (!d) return null;
    const mine = new Set<number>();
    d.keys.forEach((_, i) => { if (this.idOf(d, i) === id) mine.add(i); });
    const ms = d.slim.mentions;
    let best = -1;
    for (let j = 0; j < ms.length; j += 3) if (mine.has(ms[j + 2]) && (best < 0 || ms[j] < ms[best])) best = j;
    return best < 0 ? null : this.mentionAt(d, best);
  }

  /** Every global entity (for listings and workspace symbols). */
  entities(): GlobalEntity[] {
    const groups = new Map<string, [Doc, number][]>();
    for (const d of this.docs.values()) {
      d.keys.forEach((_, i) => {
        const id = this.idOf(d, i);
        let g = groups.get(id);
        if (!g) groups.set(id, (g = []));
        g.push([d, i]);
      });
    }
    return [...groups.entries()].map(([id, l]) => this.aggregate(id, l)).sort((a, b) => a.name.localeCompare(b.name));
  }

  // ---- claims ---------------------------------------------------------------------------------

  /**
   * An article's figures' base values and intervals (see Doc.bounds), worked out once per tolerance:
   * a flat array per article rather than a memo per figure record (a WeakMap entry and an array for
   * each of the workspace's figures held ~65 MB at 10,000 articles).
   */
  private bounds(d: Doc): Float64Array {
    const t = this.settings.tolerance;
    if (d.bounds && d.boundsTolerance === t) return d.bounds;
    const b = d.bounds ?? new Float64Array(3 * d.slim.figures.length);
    d.slim.figures.forEach((f, i) => {
      if (!f) return;
      const v = this.baseValue(f);
      const [lo, hi] = this.interval(f);
      b[3 * i] = v === null ? NaN : v;
      b[3 * i + 1] = lo;
      b[3 * i + 2] = hi;
    });
    d.bounds = b;
    d.boundsTolerance = t;
    return b;
  }

  private baseValue(f: Figure): number | null {
    return f.unit ? toBaseUnit(f.value, f.unit).value : f.value;
  }

  /** A figure's interval in base units, with the tolerance. */
  private interval(f: Figure): [number, number] {
    const b = (v: number | null, fallback: number): number => (v === null ? fallback : f.unit ? toBaseUnit(v, f.unit).value ?? v : v);
    let lo = b(f.low, -Infinity);
    let hi = b(f.high, Infinity);
    const v = b(f.value, 0);
    if (f.low === null && f.high === null) { lo = v; hi = v; }
    // Round or hedged numbers get the tolerance on both sides.
    const round = Number.isInteger(v) && v >= 100 && v % 10 === 0;
    const t = this.settings.tolerance;
    if (f.hedge || round) {
      lo -= Math.abs(v) * t;
      hi += Math.abs(v) * t;
    }
    return [lo - 1e-9, hi + 1e-9];
  }

  compare(f: Figure, g: Figure): ClaimStatus {
    const vf = this.baseValue(f);
    const vg = this.baseValue(g);
    const [a0, a1] = this.interval(f);
    const [b0, b1] = this.interval(g);
    return statusOf(vf ?? NaN, vg ?? NaN, f.hedge, g.hedge, a0, a1, b0, b1);
  }

  /** compare() of figure `i` of `d` and figure `j` of `o`, from their articles' bounds. */
  private compareAt(d: Doc, i: number, o: Doc, j: number): ClaimStatus {
    const a = this.bounds(d);
    const b = this.bounds(o);
    return statusOf(a[3 * i], b[3 * j], d.slim.figures[i]!.hedge, o.slim.figures[j]!.hedge, a[3 * i + 1], a[3 * i + 2], b[3 * j + 1], b[3 * j + 2]);
  }

  /** The figures of the same claim in the articles reporting the same story (the figure itself included). */
  claimGroup(path: string, figureIndex: number): ClaimGroup | null {
    const d = this.docs.get(path);
    const key = d?.claimKeys[figureIndex];
    if (!d || !key) return null;
    const members: ClaimMember[] = [];
    let articles = 0;
    let last: Doc | null = null;
    for (const [o, i] of this.claimMembers(key, this.storyDocs(d, this.linked(d)))) {
      if (o !== last) { articles++; last = o; }
      const g = o.slim.figures[i]!;
      members.push({ path: o.path, start: g.start, end: g.end, figure: g, status: o === d && i === figureIndex ? 'same' : this.compareAt(d, figureIndex, o, i) });
    }
    const [measure, subject, scope] = key.split('|');
    // The claim's id: its key, when every article with the key reports this story (one story per
    // workspace); else the key and the group's first article, so other stories' groups differ.
    const whole = articles === (this.claimIdx.get(key) ?? 0);
    // (the scope as the asking article writes it, when the key holds the figure's own)
    const f = d.slim.figures[figureIndex];
    const shown = scope && f?.scope?.toLowerCase() === scope ? scopeAsWritten(d, f) : scope;
    return { id: `claim-${hash(whole ? key : `${key}\u0000${members[0].path}`)}`, measure, subject: subject || null, scope: shown || null, members };
  }

  // ---- quotes ---------------------------------------------------------------------------------

  /** Quotes in other articles that are the same utterance as quote `qi` of `d` (cached until a sharing article changes). */
  private quoteMatches(d: Doc, qi: number): QuoteMatch[] {
    let cached = this.matchCache.get(d.path);
    if (!cached) {
      if (this.matchCache.size >= MAX_CACHED_MATCHES) this.matchCache.delete(this.matchCache.keys().next().value!);
      this.matchCache.set(d.path, (cached = []));
    } else if (this.lastMatched !== d.path) {
      // Most recently used last (an open article's matches are asked for again at every edit).
      this.matchCache.delete(d.path);
      this.matchCache.set(d.path, cached);
    }
    this.lastMatched = d.path;
    return (cached[qi] ??= this.findQuoteMatches(d, qi, true));
  }

  /** The matches of one quote; their word differences only `withDiffs` (else empty). */
  private findQuoteMatches(d: Doc, qi: number, withDiffs: boolean): QuoteMatch[] {
    const q = d.slim.quotes[qi];
    const sh = shinglesOf(d, qi);
    if (!sh.length || q.kind === 'term') return [];
    const speaker = this.speakerOf(d, qi);
    // Candidates: the other articles' quotes holding one of this quote's shingles that are rare
    // enough to block on. (A symmetric test: either side finds the pair, or neither does.)
    // (scratch, zero between uses: a larger one need not copy the old)
    if (this.hitCounts.length < this.quoteDoc.length) {
      const size = Math.max(this.quoteDoc.length, this.hitCounts.length * 2);
      this.hitCounts = new Int32Array(size);
      this.hitList = new Int32Array(size);
    }
    const counts = this.hitCounts; // quote id → rare shingles shared
    // (scratch too: a list per call)
    const hit = this.hitList;
    let hits = 0;
    let common = 0; // this quote's shingles too common to block on (they may be shared too)
    const commonBits: number[] = [];
    for (const s of sh) {
      const refs = this.shingleIdx.get(s);
      if (typeof refs === 'number') {
        if (counts[refs]++ === 0) hit[hits++] = refs;
        continue;
      }
      if (!refs || refs.length > MAX_SHINGLE_FANOUT) {
        if (refs) {
          common++;
          commonBits.push(shingleBit(s));
        }
        continue;
      }
      for (const ref of refs) if (counts[ref]++ === 0) hit[hits++] = ref;
    }
    const found: [Doc, number][] = [];
    const owner = this.quoteOwner;
    const size = this.quoteSize;
    for (let h = 0; h < hits; h++) {
      const ref = hit[h];
      const n = counts[ref];
      counts[ref] = 0;
      if (owner[ref] === d.no) continue;
      // The same utterance shares at least half the shingles of the shorter quote (two, from three on).
      const small = Math.min(sh.length, size[ref]);
      const need = Math.max(1, Math.ceil(small / 2), small >= 3 ? 2 : 1);
      if (n + common < need) continue;
      // (Only a shingle too common to block on can be shared beyond the n counted: when none is, n is
      // exact. Those the other quote's signature lacks it cannot hold; the merge counts the rest.)
      const o = this.quoteDoc[ref]!;
      const oi = this.quoteIndex[ref];
      // (Another speaker's quote is ruled out first, the cheaper test: in the benchmark's 10,000
      // articles it ruled out more than half of the candidates that passed the shingles' test.)
      if (speaker) {
        const os = this.speakerOfQuote(ref);
        if (os && speaker !== os) continue;
      }
      if (common > 0 && n < need) {
        const lo = this.quoteMask[2 * ref];
        const hi = this.quoteMask[2 * ref + 1];
        let may = n;
        for (const bit of commonBits) if ((bit < 32 ? lo >>> bit : hi >>> (bit - 32)) & 1) may++;
        // (the other quote's shingles read in place: a view per candidate was the costliest line here)
        if (may < need || sharedCount(sh, o.shingles, shinglesStart(o, oi), o.shingleEnds[oi]) < need) continue;
      }
      found.push([o, oi]);
    }
    found.sort(([a, i], [b, j]) => (a.path < b.path ? -1 : a.path > b.path ? 1 : i - j));
    return found.map(([o, oi]) => {
      const { added, removed } = withDiffs ? this.diff(q.text, o.slim.quotes[oi].text) : NO_DIFF;
      return { path: o.path, index: oi, added, removed };
    });
  }

  /** Quote id `ref` now stands for a quote of `d` (its speaker's id is worked out again). */
  private placeQuote(ref: number, d: Doc): void {
    this.quoteDoc[ref] = d;
    this.quoteSpeakerAt[ref] = 0;
  }

  /** speakerOf the quote with id `ref`, remembered by id (see quoteSpeaker). */
  private speakerOfQuote(ref: number): string | null {
    if (this.quoteSpeakerAt[ref] === this.namesGeneration) return this.quoteSpeaker[ref];
    const d = this.quoteDoc[ref]!;
    const i = d.speakerIdx[this.quoteIndex[ref]];
    const id = i < 0 ? null : this.idOf(d, i);
    this.quoteSpeaker[ref] = id;
    this.quoteSpeakerAt[ref] = this.namesGeneration;
    return id;
  }

  /** The global entity id of a quote's speaker, or null: remembered by quote id while `d` holds it. */
  private speakerOf(d: Doc, qi: number): string | null {
    const ref = d.quoteIds[qi] ?? -1;
    if (ref >= 0 && this.quoteDoc[ref] === d) return this.speakerOfQuote(ref);
    const i = d.speakerIdx[qi];
    return i < 0 ? null : this.idOf(d, i);
  }

  /** interiorDiff of two quotations, memoised: it depends on nothing but their texts. */
  private diff(a: string, b: string): { added: string[]; removed: string[] } {
    if (a === b) return NO_DIFF;
    let r = this.diffMemo.get(a)?.get(b);
    if (!r) {
      if (this.diffMemoSize >= MAX_DIFF_MEMO) {
        this.diffMemo.clear();
        this.diffMemoSize = 0;
      }
      // Worked out one way round only — the texts in code-unit order — and mirrored for the other:
      // each of two articles is then told the same differences (a word diff can have several
      // minimal forms, and diffing each way on its own could pick different ones), whichever asks
      // first. Both orders are remembered: the two articles' findings ask for both, one soon after
      // the other (in the benchmark's 2,000 articles, about half the diffs worked out were of a
      // pair already diffed the other way round).
      const [x, y] = a < b ? [a, b] : [b, a];
      const wx = this.words(x);
      const wy = this.words(y);
      const tx = wx.tokens;
      const ty = wy.tokens;
      const forward = tx.length === ty.length && tx.every((t, i) => t === ty[i]) ? NO_DIFF : interiorDiff(tx, ty, wx.words, wy.words);
      const backward = forward === NO_DIFF ? NO_DIFF : { added: forward.removed, removed: forward.added };
      // (the keys copied: a record's text is a slice of its article, which a key would keep alive)
      const kx = detach(x);
      const ky = detach(y);
      this.remember(kx, ky, forward);
      this.remember(ky, kx, backward);
      r = x === a ? forward : backward;
    }
    return r;
  }

  /** Memoises diff(a, b) (the keys are copies already). */
  private remember(a: string, b: string, r: { added: string[]; removed: string[] }): void {
    let inner = this.diffMemo.get(a);
    if (!inner) this.diffMemo.set(a, (inner = new Map()));
    inner.set(b, r);
    this.diffMemoSize++;
  }

  /** A quotation's words as written and its quoteTokens, memoised per text (a quote is diffed against each of its versions). */
  private words(text: string): { words: string[]; tokens: string[] } {
    let t = this.tokenMemo.get(text);
    if (!t) {
      if (this.tokenMemo.size >= MAX_TOKEN_MEMO) this.tokenMemo.clear();
      // (the words are slices of the key, a copy: not of the article the quotation came from)
      const own = detach(text);
      const words = quoteWords(own);
      this.tokenMemo.set(own, (t = { words, tokens: comparableTokens(words) }));
    }
    return t;
  }

  quoteGroup(path: string, quoteIndex: number): QuoteGroup | null {
    const d = this.docs.get(path);
    if (!d || !d.slim.quotes[quoteIndex] || d.slim.quotes[quoteIndex].kind === 'term') return null;
    const q = d.slim.quotes[quoteIndex];
    const members: QuoteMember[] = [{ path, start: q.start, end: q.end, quote: q, added: [], removed: [] }];
    const seen = new Set([`${path}\u0000${quoteIndex}`]);
    for (const m of this.quoteMatches(d, quoteIndex)) {
      const k = `${m.path}\u0000${m.index}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const oq = this.docs.get(m.path)!.slim.quotes[m.index];
      members.push({ path: m.path, start: oq.start, end: oq.end, quote: oq, added: m.added, removed: m.removed });
    }
    if (members.length < 2) return null;
    const speaker = q.speaker ? this.idOf(d, this.localIndex(d, q.speaker)) : null;
    // Group id: from the member that sorts first, so every member reports the same id.
    const first = [...members].sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start)[0];
    const firstDoc = this.docs.get(first.path)!;
    const firstIdx = firstDoc.slim.quotes.indexOf(first.quote);
    return { id: `quote-${hash(quoteTokens(firstDoc.slim.quotes[firstIdx].text).slice(0, 12).join(' '))}`, speaker, members };
  }

  // ---- findings -------------------------------------------------------------------------------

  private severity(code: FindingCode): Severity | 'off' {
    return this.settings.severity[code] ?? DEFAULT_SEVERITY[code];
  }

  findings(path: string): Finding[] {
    const cached = this.findingsCache.get(path);
    if (cached) {
      // Most recently used last: the oldest goes first when the cache is full.
      this.findingsCache.delete(path);
      this.findingsCache.set(path, cached);
      return cached;
    }
    const d = this.docs.get(path);
    const out: Finding[] = [];
    if (d) {
      this.figureFindings(d, out);
      this.quoteFindings(d, out);
    }
    out.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
    // Kept for the articles in use — those whose full analysis is kept (the open ones: their
    // diagnostics, semantic tokens and tree view all ask) — and others from the second time they
    // are asked for. Publishing a workspace asks once for each: keeping them all in turn only made
    // garbage that outlived the young generation (at 10,000 articles, ~130 MB more heap at the
    // peak while they were published).
    if (d?.full || this.askedOnce.delete(path)) {
      if (this.findingsCache.size >= MAX_CACHED_FINDINGS) this.findingsCache.delete(this.findingsCache.keys().next().value!);
      this.findingsCache.set(path, out);
    } else {
      this.markAsked(path);
    }
    const counts: Partial<Record<FindingCode, number>> = {};
    for (const f of out) counts[f.code] = (counts[f.code] ?? 0) + 1;
    this.countsCache.set(path, counts);
    return out;
  }

  /** How many findings of each code an article has (kept for every article; findings only for the last ones asked about). */
  findingCounts(path: string): Partial<Record<FindingCode, number>> {
    return this.countsCache.get(path) ?? (this.findings(path), this.countsCache.get(path) ?? {});
  }

  private push(out: Finding[], code: FindingCode, loc: Location, message: string, related: RelatedLocation[]): void {
    const severity = this.severity(code);
    if (severity === 'off') return;
    // (fields written out: spreading `loc` built each finding the slow way, ~5% of working out all findings)
    out.push({ path: loc.path, start: loc.start, end: loc.end, code, severity, message, related });
  }

  private figureFindings(d: Doc, out: Finding[]): void {
    if (d.claims.length === 0) return;
    // (the other articles only: this article's own figures under one key would make each figure
    // walk all the others — quadratic in a long article)
    const others = this.storyDocs(d, this.linked(d)).filter((o) => o !== d);
    const members = new Map<string, [Doc, number][]>();
    // What a figure finds in its group depends only on its value, interval and hedge: figures alike
    // under one key (a paragraph repeated, two outlets running one wire text) walk the group once.
    // (Compared as numbers: a signature string of the three doubles cost more than the walks it saved.)
    const walked = new Map<string, { i: number; found: WalkResult }[]>();
    const b = this.bounds(d);
    // (NaN, a figure without a value, is alike to NaN, as it was in the signature string)
    const same = (x: number, y: number) => x === y || (x !== x && y !== y);
    const alike = (i: number, j: number) =>
      d.slim.figures[i]!.hedge === d.slim.figures[j]!.hedge && same(b[3 * i], b[3 * j]) && same(b[3 * i + 1], b[3 * j + 1]) && same(b[3 * i + 2], b[3 * j + 2]);
    d.slim.figures.forEach((f, i) => {
      const key = d.claimKeys[i];
      if (!key || !f) return;
      let group = members.get(key);
      // (listed once per key)
      if (!group) members.set(key, (group = this.claimMembers(key, others)));
      let seen = walked.get(key);
      if (!seen) walked.set(key, (seen = []));
      let found = seen.find((w) => alike(w.i, i))?.found;
      if (!found) seen.push({ i, found: (found = this.walkGroup(d, i, group)) });
      const { conflicts, hedges, parts, hedgeParts } = found;
      // (the message worked out only for a figure that has a finding: most have none)
      if (!conflicts.length && !hedges.length) return;
      const label = f.text.toLowerCase().includes(f.measure!.toLowerCase()) ? '' : measureLabel(f.measure!);
      if (conflicts.length) {
        const here = f.temporal === 'updated' ? ' (updated count)' : f.temporal === 'earlier' ? ' (earlier count)' : '';
        const shown = f.scope && scopeAsWritten(d, f);
        const scope = shown ? ` ${f.scope!.startsWith('in ') || f.scope === 'global' ? shown : `in ${shown}`}` : '';
        this.push(out, 'figure-conflict', { path: d.path, start: f.start, end: f.end },
          `${label}${scope}${label || scope ? ' ' : ''}${f.text} here${here}; ${listParts(parts)}`, conflicts.slice());
      } else if (hedges.length) {
        this.push(out, 'figure-hedge', { path: d.path, start: f.start, end: f.end },
          `${label || measureLabel(f.measure!)}: same figure, different hedge: “${f.text}” here; ${listParts(hedgeParts)}`, hedges.slice());
      }
    });
  }

  /** The figures of `group` (other articles' only) that conflict with `f`, or report it with another hedge. */
  private walkGroup(d: Doc, i: number, group: [Doc, number][]): WalkResult {
    // (Made only when something is found: most figures find nothing, and four empty collections a
    // figure were a tenth of what working out a workspace's findings allocated.)
    let conflicts: RelatedLocation[] | null = null;
    let hedges: RelatedLocation[] | null = null;
    let parts: Set<string> | null = null;
    let hedgeParts: Set<string> | null = null;
    for (const [o, j] of group) {
      const st = this.compareAt(d, i, o, j);
      if (st !== 'conflict' && st !== 'hedge') continue;
      const p = o.path;
      const name = o.name;
      const g = o.slim.figures[j]!;
      if (st === 'conflict') {
        const note = g.temporal === 'updated' ? ' (updated count)' : g.temporal === 'earlier' ? ' (earlier count)' : '';
        conflicts ??= [];
        if (conflicts.length < MAX_RELATED) conflicts.push({ path: p, start: g.start, end: g.end, message: `${name} says “${g.text}”${note}` });
        (parts ??= new Set()).add(`${g.text} in ${name}${note}`);
      } else {
        hedges ??= [];
        if (hedges.length < MAX_RELATED) hedges.push({ path: p, start: g.start, end: g.end, message: `${name} says “${g.text}”` });
        (hedgeParts ??= new Set()).add(`“${g.text}” in ${name}`);
      }
    }
    if (!conflicts && !hedges) return NOTHING_FOUND;
    return { conflicts: conflicts ?? NONE_RELATED, hedges: hedges ?? NONE_RELATED, parts: parts ?? NO_PARTS, hedgeParts: hedgeParts ?? NO_PARTS };
  }

  private quoteFindings(d: Doc, out: Finding[]): void {
    d.slim.quotes.forEach((q, i) => {
      if (q.kind === 'direct' && !q.speaker) {
        this.push(out, 'quote-unattributed', { path: d.path, start: q.start, end: q.end }, 'Direct quote with no speaker found', []);
      }
      if (q.kind === 'term') return;
      const variants = this.quoteMatches(d, i).filter((m) => m.added.length || m.removed.length);
      if (!variants.length) return;
      const related = variants.map((m) => {
        const o = this.docs.get(m.path)!;
        const oq = o.slim.quotes[m.index];
        return { path: m.path, start: oq.start, end: oq.end, message: `${o.name}: “${oq.text}”` };
      });
      const desc = variants.slice(0, 3).map((m) => {
        const bits: string[] = [];
        if (m.added.length) bits.push(`adds “${m.added.join(' … ')}”`);
        if (m.removed.length) bits.push(`lacks “${m.removed.join(' … ')}”`);
        return `${this.docs.get(m.path)!.name} ${bits.join(' and ')}`;
      });
      const speaker = q.speaker ? d.slim.entities.find((e) => e.key === q.speaker)?.name : null;
      this.push(out, 'quote-variant', { path: d.path, start: q.start, end: q.end },
        `${speaker ? `${speaker}'s words` : 'Quote'} worded differently elsewhere: ${desc.join('; ')}`, related);
    });
  }

  /** Counts for the code lens. */
  summary(path: string): { sharedEntities: number; corroboratedQuotes: number; conflicts: number } {
    const d = this.docs.get(path);
    if (!d) return { sharedEntities: 0, corroboratedQuotes: 0, conflicts: 0 };
    const ids = new Set(d.keys.map((_, i) => this.idOf(d, i)));
    let shared = 0;
    for (const id of ids) {
      for (const k of this.keysFor(id)) {
        if (heldElsewhere(this.byKey.get(k), path)) { shared++; break; }
      }
    }
    let corroborated = 0;
    d.slim.quotes.forEach((q, i) => { if (q.kind !== 'term' && this.quoteMatches(d, i).length) corroborated++; });
    const conflicts = this.findings(path).filter((f) => f.code === 'figure-conflict').length;
    return { sharedEntities: shared, corroboratedQuotes: corroborated, conflicts };
  }
}

/**
 * Bumped whenever prepareArticle's output for the same analysis can change (claim keys, entity
 * keys, shingle hashing): the persistent cache stores prepared articles too.
 */
export const INDEX_VERSION = '2';

/** What the index derives from one article alone (pure: a worker thread computes it, the cache keeps it). */
export interface PreparedArticle {
  /** Primary key of each local entity (index-aligned with analysis.entities). */
  keys: string[];
  aliasEdges: [string, string][];
  surnames: [string, string][];
  /** Each quote's word 3-gram shingles, hashed to small integers, without repeats ([] for terms). */
  quoteShingles: number[][];
  /** Each figure's claim key, or null. */
  claimKeys: (string | null)[];
  /** What the index keeps of the analysis (so that an article can be indexed from this alone): */
  entities: SlimEntity[];
  quotes: Quote[];
  /** The figures that make claims (those with a claim key), in order. */
  figures: Figure[];
  /** start, end, entity index of each mention (-1: an entity not listed). */
  mentions: number[];
  /** [mention index, text] for mentions whose text is not the article's text at their span. */
  mentionTexts: [number, string][];
  /** start, end of each paragraph. */
  paragraphs: number[];
}

/**
 * Quote text → its shingles, for the quotes prepared last: a story's outlets carry the same
 * quotations, and its articles are prepared one after another (a scan goes folder by folder).
 * Working them out — words, spelling folded, three-word shingles, hashed — again for each outlet
 * made preparing the benchmark's articles ~20% slower. An open article's quotes are prepared
 * again at every keystroke, most of them unchanged: remembered the same way. Bounded: past the
 * limit it starts over.
 */
const quoteShingleMemo = new Map<string, Int32Array>();
const MAX_QUOTE_SHINGLE_MEMO = 4096;
function shinglesOfQuote(text: string): number[] {
  let sh = quoteShingleMemo.get(text);
  if (sh === undefined) {
    sh = Int32Array.from(new Set(shingles(quoteTokens(text)).map(hash32)));
    if (quoteShingleMemo.size >= MAX_QUOTE_SHINGLE_MEMO) quoteShingleMemo.clear();
    quoteShingleMemo.set(detach(text), sh);
  }
  // (a copy: the index sorts and packs an article's shingles in place)
  return Array.from(sh);
}

/** What the index derives from one article's analysis (see PreparedArticle; a quote's shingles depend on its text alone). */
export function prepareArticle(text: string, analysis: ArticleAnalysis): PreparedArticle {
  const keys = analysis.entities.map((e) => entityKey(e.name));
  const aliasEdges: [string, string][] = [];
  const surnames: [string, string][] = [];
  analysis.entities.forEach((e, i) => {
    for (const a of e.aliases) {
      const k = entityKey(a);
      if (k !== keys[i] && !(e.type === 'person' && !k.includes(' '))) aliasEdges.push([k, keys[i]]);
    }
    for (const a of e.acronyms) aliasEdges.push([entityKey(a), keys[i]]);
    for (const f of e.formerNames) aliasEdges.push([entityKey(f), keys[i]]);
    const toks = keys[i].split(' ');
    if (e.type === 'person' && toks.length >= 2) surnames.push([toks[toks.length - 1], keys[i]]);
  });
  const quoteShingles = analysis.quotes.map((q, qi) =>
    q.kind === 'term' || qi >= QUOTE_SLOTS ? [] : shinglesOfQuote(q.text));
  const claimKeys = claimKeysOf(text, analysis);
  const local = new Map<string, number>();
  analysis.entities.forEach((e, i) => local.set(e.key, i));
  const mentions: number[] = [];
  const mentionTexts: [number, string][] = [];
  analysis.mentions.forEach((m, i) => {
    mentions.push(m.start, m.end, local.get(m.entity) ?? -1);
    if (!spanIs(text, m.start, m.end, m.text)) mentionTexts.push([i, m.text]);
  });
  const paragraphs: number[] = [];
  for (const p of analysis.structure.paragraphs) paragraphs.push(p.start, p.end);
  return {
    keys, aliasEdges, surnames, quoteShingles, claimKeys,
    entities: analysis.entities.map((e) => ({ key: e.key, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles })),
    quotes: analysis.quotes,
    figures: analysis.figures.filter((_, i) => claimKeys[i] !== null),
    mentions, mentionTexts, paragraphs,
  };
}

/**
 * Whether `p` is a well-formed prepared article of a text of `textLength` code units: its arrays
 * line up and every offset lies within the text (a cache entry is indexed without its analysis).
 */
export function validPrepared(p: PreparedArticle, textLength: number): boolean {
  const isArray = Array.isArray;
  const str = (x: unknown) => typeof x === 'string';
  const strings = (xs: unknown) => isArray(xs) && xs.every(str);
  const pairs = (xs: unknown) => isArray(xs) && xs.every((x) => isArray(x) && x.length === 2 && strings(x));
  const offset = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= textLength;
  const span = (x: unknown) => typeof x === 'object' && x !== null && offset((x as Span).start) && offset((x as Span).end) && (x as Span).start <= (x as Span).end;
  const spans = (xs: unknown) => isArray(xs) && xs.length % 2 === 0 && xs.every(offset);
  if (typeof p !== 'object' || p === null || !strings(p.keys) || !pairs(p.aliasEdges) || !pairs(p.surnames)) return false;
  const n = p.keys.length;
  return (
    isArray(p.entities) && p.entities.length === n &&
    p.entities.every((e) => typeof e === 'object' && e !== null && str(e.key) && str(e.name) && str(e.type) && strings(e.aliases) && strings(e.roles)) &&
    isArray(p.quotes) && isArray(p.quoteShingles) && p.quoteShingles.length === p.quotes.length &&
    p.quotes.every((q) => span(q) && typeof q === 'object' && str(q.text) && str(q.kind) && (q.speaker === null || str(q.speaker))) &&
    p.quoteShingles.every((sh) => isArray(sh) && sh.every((x) => Number.isInteger(x) && x >= 0 && x <= 0x3fffffff)) &&
    isArray(p.claimKeys) && p.claimKeys.every((k) => k === null || str(k)) &&
    isArray(p.figures) && p.figures.length === p.claimKeys.reduce((n, k) => n + (k === null ? 0 : 1), 0) &&
    p.figures.every((f) => span(f) && str(f.text) && str(f.kind) && str(f.measure) && typeof f.value === 'number') &&
    isArray(p.mentions) && p.mentions.length % 3 === 0 &&
    p.mentions.every((x, i) => (i % 3 === 2 ? Number.isInteger(x) && x >= -1 && x < n : offset(x) && (i % 3 === 0 || x >= p.mentions[i - 1]))) &&
    isArray(p.mentionTexts) && p.mentionTexts.every((x) => isArray(x) && x.length === 2 && Number.isInteger(x[0]) && str(x[1])) &&
    spans(p.paragraphs)
  );
}

/** Each figure's claim key (measure | subject | scope | unit), or null when it makes no claim to compare. */
function claimKeysOf(text: string, a: ArticleAnalysis): (string | null)[] {
  const byLocalKey = new Map(a.entities.map((e) => [e.key, e]));
  // The article's main country: a scope naming it is the article's default scope, like no scope at all
  // ("100 million Russian users" = "100 million users"). A town never is: its count is part of a total.
  const placeCounts = new Map<string, number>();
  const isCountry = new Map<string, boolean>();
  for (const m of a.mentions) {
    const e = byLocalKey.get(m.entity);
    if (e?.type !== 'place') continue;
    let country = isCountry.get(e.key);
    if (country === undefined) isCountry.set(e.key, (country = !!countryName(e.name)));
    if (country) placeCounts.set(e.name.toLowerCase(), (placeCounts.get(e.name.toLowerCase()) ?? 0) + 1);
  }
  const main = best(placeCounts);
  const aftershocks = new Map<number, boolean>();
  const aftershockSentence = (sentence: { start: number; end: number }): boolean => {
    let v = aftershocks.get(sentence.start);
    if (v === undefined) aftershocks.set(sentence.start, (v = /aftershock/i.test(text.slice(sentence.start, sentence.end))));
    return v;
  };
  const yearsBySentence = new Map<number, number>();
  for (const f of a.figures) {
    // (not a year a figure is compared with: "the highest since 1998")
    if (f.kind === 'year' && f.value !== null && !/(?:since|than|until|till)\s+$/i.test(text.slice(Math.max(0, f.start - 7), f.start))) yearsBySentence.set(f.sentence, f.value);
  }
  return a.figures.map((f) => {
    if (!f.measure || !CLAIM_KINDS.has(f.kind) || f.value === null) return null;
    if (NEEDS_SUBJECT.has(f.measure) && !f.subject) return null;
    const sentence = a.structure.sentences[f.sentence];
    let scope = (f.scope ?? '').toLowerCase();
    if (scope === main || scope === 'in the country' || scope === 'national' || scope === 'nationwide') scope = '';
    const year = yearsBySentence.get(f.sentence);
    if (!scope && year !== undefined) scope = `year ${year}`; // "a 2009 quake killed 300" is another event
    // (per sentence, once: a long sentence with many figures must not be copied for each)
    if (f.measure === 'magnitude' && sentence && aftershockSentence(sentence)) scope = scope || 'aftershocks';
    // The subject's own key, not its resolved cluster: claim keys must not depend on which
    // articles were indexed before this one (aliases defined elsewhere would re-key them).
    const subj = f.subject ? entityKey(byLocalKey.get(f.subject)?.name ?? '') : '';
    const unit = f.unit ? toBaseUnit(f.value, f.unit).unit ?? '' : '';
    return `${f.measure}|${subj}|${scope}|${unit}`;
  });
}

/** Two preparations of an article name the same entities, with the same primary and local keys and types (see sameAliasing for their aliases). */
function sameEntityKeys(a: Doc, b: Doc): boolean {
  const ea = a.slim.entities;
  const eb = b.slim.entities;
  if (ea.length !== eb.length) return false;
  for (let i = 0; i < ea.length; i++) {
    if (a.keys[i] !== b.keys[i] || ea[i].key !== eb[i].key || ea[i].type !== eb[i].type) return false;
  }
  return true;
}

/**
 * Where an edit moved an article's figures and quotes: old span → new span ("start:end" → [start,
 * end]), or null when it changed any of them other than by moving it (a figure's value, hedge or
 * text, its claim key, a quote) — then what other articles found against them may have changed too.
 * `sameQuote` says which of its quotes are unchanged (all when not given): the others' spans are
 * left out, so that findings pointing at them are worked out again. (The caller has checked that
 * its names are the same.)
 */
function movedSpans(old: Doc, doc: Doc, sameQuote?: readonly boolean[]): Map<string, [number, number]> | null {
  const fa = old.slim.figures;
  const fb = doc.slim.figures;
  if (fa.length !== fb.length || old.claimKeys.length !== doc.claimKeys.length) return null;
  const moved = new Map<string, [number, number]>();
  const add = (a: Span, b: Span): boolean => {
    const k = `${a.start}:${a.end}`;
    const seen = moved.get(k);
    if (seen) return seen[0] === b.start && seen[1] === b.end;
    moved.set(k, [b.start, b.end]);
    return true;
  };
  for (let i = 0; i < fa.length; i++) {
    const a = fa[i];
    const b = fb[i];
    if (old.claimKeys[i] !== doc.claimKeys[i]) return null;
    if (!a || !b) {
      if (a !== b) return null;
      continue;
    }
    // (every field but the span, whatever fields a figure comes to have: one that is not a plain
    // value never compares equal, and the findings are then worked out again)
    const keys = Object.keys(a) as (keyof Figure)[];
    if (keys.length !== Object.keys(b).length) return null;
    for (const k of keys) if (k !== 'start' && k !== 'end' && a[k] !== b[k]) return null;
    if (!add(a, b)) return null;
  }
  const qa = old.slim.quotes;
  const qb = doc.slim.quotes;
  if (qa.length !== qb.length) return null;
  for (let i = 0; i < qa.length; i++) if ((!sameQuote || sameQuote[i]) && !add(qa[i], qb[i])) return null;
  return moved;
}

/**
 * Findings with their locations in `path` moved (see movedSpans); null when one points at a span
 * the map does not know (then they are worked out again).
 */
function moveFindings(findings: Finding[], path: string, moved: Map<string, [number, number]>): Finding[] | null {
  const out: Finding[] = [];
  for (const f of findings) {
    let start = f.start;
    let end = f.end;
    if (f.path === path) {
      const to = moved.get(`${start}:${end}`);
      if (!to) return null;
      [start, end] = to;
    }
    const related: RelatedLocation[] = [];
    for (const r of f.related) {
      if (r.path !== path) {
        related.push(r);
        continue;
      }
      const to = moved.get(`${r.start}:${r.end}`);
      if (!to) return null;
      related.push({ path: r.path, start: to[0], end: to[1], message: r.message });
    }
    out.push({ path: f.path, start, end, code: f.code, severity: f.severity, message: f.message, related });
  }
  return out;
}

/** How far from a figure (characters) its scope is looked for as the article writes it. */
const SCOPE_WINDOW = 400;

/**
 * A figure's scope as the article writes it ("Dunmore", where the claim key holds "dunmore"):
 * the nearest spelling of it around the figure, else the scope as the engine gives it ("global",
 * or a place named far away). (Only how a message shows it: claims are keyed by the engine's.)
 */
function scopeAsWritten(d: Doc, f: Figure): string {
  const scope = f.scope!;
  if (scope === 'global' || scope === 'national') return scope;
  const length = d.stored.length;
  const from = Math.max(0, f.start - SCOPE_WINDOW);
  const written = sliceOf(d, from, Math.min(length, f.end + SCOPE_WINDOW));
  const around = written.toLowerCase();
  if (around.length !== written.length) return scope; // (a letter whose lower case is longer: offsets would not match)
  // (the nearest, but a spelling in capitals — a dateline's "DUNMORE —" — only when there is no other)
  let best = -1;
  let bestCost = Infinity;
  for (let i = around.indexOf(scope); i >= 0; i = around.indexOf(scope, i + 1)) {
    const w = written.slice(i, i + scope.length);
    const cost = Math.abs(from + i - f.start) + (w === w.toUpperCase() ? length : 0);
    if (cost < bestCost) [best, bestCost] = [i, cost];
  }
  return best < 0 ? scope : written.slice(best, best + scope.length);
}

/** The same alias edges and surnames (what resolving any article's names reads of this one). */
function sameAliasing(a: Doc, b: Doc): boolean {
  const samePairs = (x: [string, string][], y: [string, string][]) => x.length === y.length && x.every((p, i) => p[0] === y[i][0] && p[1] === y[i][1]);
  return samePairs(a.aliasEdges, b.aliasEdges) && samePairs(a.surnames, b.surnames);
}

/** Two analyses of an article hold the same quotes, in the same order, by the same speakers. */
function sameQuotes(a: Doc, b: Doc): boolean {
  const qa = a.slim.quotes;
  const qb = b.slim.quotes;
  if (qa.length !== qb.length) return false;
  for (let i = 0; i < qa.length; i++) {
    if (qa[i].text !== qb[i].text || qa[i].kind !== qb[i].kind || qa[i].speaker !== qb[i].speaker) return false;
    if (!sameItems(shinglesOf(a, i), shinglesOf(b, i))) return false;
  }
  return true;
}

/** The same items in the same order. */
function sameItems<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy of a table by quote id with room for `size` entries (the new ones zero). */
function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(a);
  return out;
}

/** A shingle's bit (0–63) in a quote's signature: its hash's high bits (the low ones of FNV-1a mix less). */
function shingleBit(shingle: number): number {
  return Math.imul(shingle, 0x9e3779b1) >>> 26;
}

/** How many values two sorted arrays without repeats have in common: `a`, and `b` from `from` to `to`. */
function sharedCount(a: Int32Array, b: Int32Array, from: number, to: number): number {
  let i = 0;
  let j = from;
  let n = 0;
  while (i < a.length && j < to) {
    const x = a[i];
    const y = b[j];
    if (x === y) { n++; i++; j++; }
    else if (x < y) i++;
    else j++;
  }
  return n;
}

/** "a, b, c" — or the first MAX_MESSAGE_PARTS and "and N more". */
function listParts(parts: ReadonlySet<string>): string {
  const all = [...parts];
  if (all.length <= MAX_MESSAGE_PARTS) return all.join(', ');
  return `${all.slice(0, MAX_MESSAGE_PARTS).join(', ')} and ${all.length - MAX_MESSAGE_PARTS} more`;
}

/**
 * Word differences between two versions of one quotation, ignoring material one source quotes and
 * the other leaves out at either end (partial quoting is not rewording). `a` and `b` are words
 * (quoteTokens: none holds a space).
 */
export function interiorDiff(a: string[], b: string[], aWords: string[] = a, bWords: string[] = b): { added: string[]; removed: string[] } {
  // One source quoting a part of the other: compare with the best-matching window of the longer one.
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const joinedLong = ` ${long.join(' ')} `;
  if (joinedLong.includes(` ${short.join(' ')} `)) return { added: [], removed: [] };
  let lo0 = 0;
  let hi0 = long.length;
  if (short.length >= 3) {
    let bestCost = Infinity;
    // Where the shorter one's first two words stand in the longer one, and where its last two end.
    // (Tokens are words, without spaces: pairs compared word by word, not as joined strings.)
    const [h0, h1, t0, t1] = [short[0], short[1], short[short.length - 2], short[short.length - 1]];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i + 1 < long.length; i++) {
      if (long[i] === h0 && long[i + 1] === h1) starts.push(i);
      if (long[i] === t0 && long[i + 1] === t1) ends.push(i + 2);
    }
    for (const st of starts.length ? starts : [0]) for (const en of ends.length ? ends : [long.length]) {
      if (en <= st) continue;
      const cost = Math.abs(en - st - short.length);
      if (cost < bestCost) { bestCost = cost; lo0 = st; hi0 = en; }
    }
  }
  const window = (x: string[]) => (x === long ? x.slice(lo0, hi0) : x);
  const wa = window(a);
  const wb = window(b);
  const owa = a === long ? aWords.slice(lo0, hi0) : aWords;
  const owb = b === long ? bWords.slice(lo0, hi0) : bWords;
  const parts = diffArrays(wa, wb);
  let lo = 0;
  let hi = parts.length;
  while (lo < hi && (parts[lo].added || parts[lo].removed)) lo++;
  while (hi > lo && (parts[hi - 1].added || parts[hi - 1].removed)) hi--;
  const added: string[] = [];
  const removed: string[] = [];
  // Walk both sides to map normalised tokens back to the words as written.
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const n = p.value.length;
    if (p.added) {
      if (i >= lo && i < hi) added.push(owb.slice(ib, ib + n).join(' '));
      ib += n;
    } else if (p.removed) {
      if (i >= lo && i < hi) removed.push(owa.slice(ia, ia + n).join(' '));
      ia += n;
    } else {
      ia += n;
      ib += n;
    }
  }
  return { added, removed };
}
