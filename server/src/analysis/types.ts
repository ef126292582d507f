// Plain records produced by the analysis engine. No protocol types here: offsets are
// UTF-16 code-unit indices into the article text exactly as given (a BOM already removed).

export interface Span {
  start: number;
  end: number;
}

export type BlockKind = 'headline' | 'dateline' | 'meta' | 'body' | 'furniture';

/** A paragraph (a blank-line-separated block, or a line when the article has one paragraph per line). */
export interface Paragraph extends Span {
  kind: BlockKind;
  /** Why a block is furniture ("view counter", "share bar", "tags", "related headlines", …). */
  reason?: string;
}

export interface Sentence extends Span {
  /** Index into `paragraphs`. */
  paragraph: number;
}

export interface ArticleStructure {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** Sorted, non-overlapping spans that no extractor may mine (furniture, headline-meta lines). */
  excluded: Span[];
  /** The headline's span, when the article starts with one. */
  headline: Span | null;
  /** A dateline such as "LISBON:" at the start of the first body paragraph. */
  dateline: Span | null;
}

export type EntityType = 'person' | 'organization' | 'place' | 'product' | 'other';

/** An entity as one article knows it. `key` is local to the article ("e0", "e1", …). */
export interface LocalEntity {
  key: string;
  /** Canonical name: the fullest form seen in this article. */
  name: string;
  type: EntityType;
  /** Every distinct surface form seen (including `name`). */
  aliases: string[];
  /** Roles the article gives it ("Kremlin spokesperson", "head of the port authority"). */
  roles: string[];
  /** Acronyms defined for it in the text ("NWA"). */
  acronyms: string[];
  /** Earlier names given in the text ("Twitter" for "X (previously Twitter)"). */
  formerNames: string[];
}

export interface Mention extends Span {
  text: string;
  /** LocalEntity.key */
  entity: string;
  sentence: number;
}

export type QuoteKind = 'direct' | 'partial' | 'term';

export interface Quote extends Span {
  /** The words inside the marks (paragraph breaks of a multi-paragraph quote joined by a space). */
  text: string;
  /** Span of the inner text (first character after the opening mark to the last before the closing one). */
  inner: Span;
  kind: QuoteKind;
  /** LocalEntity.key of the speaker, or null. Always null for terms. */
  speaker: string | null;
  /** The words that attributed it ("Peskov said", "he added", "according to the agency"). */
  cue: (Span & { text: string }) | null;
  /** How the speaker was found. */
  attribution: 'explicit' | 'pronoun' | 'description' | 'run' | 'context' | null;
  sentence: number;
}

export type FigureKind = 'count' | 'money' | 'percent' | 'quantity' | 'date' | 'time' | 'duration' | 'year' | 'ordinal';

export type Temporal = 'earlier' | 'updated' | null;

export interface Figure extends Span {
  text: string;
  kind: FigureKind;
  /** The number read, in base units (19 for "19 km", 100000000 for "100 million"). */
  value: number | null;
  /** Interval implied by the hedge; null = unbounded on that side. */
  low: number | null;
  high: number | null;
  /** Hedge words as written ("at least", "approximately"), or null. */
  hedge: string | null;
  /** Unit: "km", "mi", "%", "USD", "EUR", "magnitude", "hour", … or null for a plain count. */
  unit: string | null;
  /** What it counts, normalised ("deaths", "injured", "users", "aftershocks", "depth", "distance", "magnitude", …). */
  measure: string | null;
  /** LocalEntity.key of what it is about, or null. */
  subject: string | null;
  /** Where the count applies, lower-case: a place's name ("russia", "vila nova"), "global", "national", or the
   *  phrase as written ("in the northern district"); null when the text gives none. */
  scope: string | null;
  /** An earlier or updated count ("earlier", "initially" → earlier; "rose to", "now" → updated). */
  temporal: Temporal;
  sentence: number;
}

export interface AnalyzeOptions {
  /** Groups of names that denote one entity (user aliases). */
  aliases?: string[][];
  /** Entity names or figure texts to drop (case-insensitive). */
  ignore?: string[];
}

export interface ArticleAnalysis {
  structure: ArticleStructure;
  entities: LocalEntity[];
  mentions: Mention[];
  quotes: Quote[];
  figures: Figure[];
}

// ---------------------------------------------------------------------------------------------
// Cross-source records (corpus.ts). Offsets, never protocol ranges; `path` is whatever id the
// caller gave the article (a file path for the CLI, a URI string in the language server).

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type FindingCode = 'figure-conflict' | 'figure-hedge' | 'quote-variant' | 'quote-unattributed';

export interface Location extends Span {
  path: string;
}

export interface RelatedLocation extends Location {
  message: string;
}

export interface Finding extends Location {
  code: FindingCode;
  severity: Severity;
  message: string;
  related: RelatedLocation[];
}

export interface GlobalEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  /** Every article mentioning it, with its mention count, most mentions first. */
  sources: { path: string; count: number }[];
}

export type ClaimStatus = 'same' | 'agree' | 'hedge' | 'conflict';

export interface ClaimMember extends Location {
  figure: Figure;
  /** Relation to the figure the group was asked about. */
  status: ClaimStatus;
}

export interface ClaimGroup {
  id: string;
  measure: string;
  subject: string | null;
  scope: string | null;
  members: ClaimMember[];
}

export interface QuoteMember extends Location {
  quote: Quote;
  /** Word-level differences against the quote the group was asked about ('' when the same words). */
  added: string[];
  removed: string[];
}

export interface QuoteGroup {
  id: string;
  speaker: string | null;
  members: QuoteMember[];
}

export interface CorpusSettings {
  /** Relative slack for approximate or round figures before two intervals count as conflicting. */
  tolerance: number;
  severity: Partial<Record<FindingCode, Severity | 'off'>>;
  aliases: string[][];
  ignore: string[];
}
