// News Annotator's custom LSP messages, declared once. The server (server/src/lsp) and the VS Code
// client (client/src) both import this module, so a method name or a field cannot drift between them.
// Plain types only: no vscode-languageserver/-client import, because the two sides bundle different
// versions of the protocol package and their RequestType classes are not interchangeable.
// Positions are LSP positions (0-based line, UTF-16 character), URIs are the client's own spellings.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** How another source's version relates to the one asked about. */
export type CrossStatus = 'conflict' | 'variant' | 'agree';

/** A place in another article, with a short one-line plain-text preview (never Markdown). */
export interface CrossLocation {
  uri: string;
  range: Range;
  preview: string;
  status: CrossStatus;
}

// ------------------------------------------------------------------------------------------------
// Requests (client → server)

/**
 * Sent by the sidebar's "This article" view when the active editor changes or the server says the
 * index changed: everything in one article that other sources also report, with where they do.
 */
export const CrossReferencesRequest = 'newsAnnotator/crossReferences' as const;
export interface CrossReferencesParams {
  uri: string;
}
export interface EntityCrossReference {
  /** Global entity id (stable while the entity keeps its name). */
  id: string;
  name: string;
  type: 'person' | 'organization' | 'place' | 'product' | 'other';
  roles: string[];
  /** The entity's first mention in this article. */
  range: Range;
  /** Mentions in this article. */
  mentions: number;
  /** Articles mentioning it, this one included. */
  sources: number;
  /** Mentions in the other articles. */
  locations: CrossLocation[];
}
export interface QuoteCrossReference {
  /** The quote group's id, or null when no other source carries it. */
  id: string | null;
  range: Range;
  /** The quoted words, shortened to one line. */
  text: string;
  speaker: string | null;
  /** The worst status among the other versions ('agree' when there are none). */
  status: CrossStatus;
  locations: CrossLocation[];
}
export interface FigureCrossReference {
  /** The claim's id, or null when no other source reports the claim. */
  id: string | null;
  range: Range;
  text: string;
  measure: string | null;
  status: CrossStatus;
  locations: CrossLocation[];
}
export interface CrossReferencesResult {
  uri: string;
  entities: EntityCrossReference[];
  quotes: QuoteCrossReference[];
  figures: FigureCrossReference[];
}

/** Sent by the sidebar's "Conflicts" view: every figure conflict and quote variant in the workspace. */
export const ConflictsRequest = 'newsAnnotator/conflicts' as const;
export interface ClaimConflict {
  id: string;
  measure: string;
  subject: string | null;
  scope: string | null;
  /** Figures reporting the claim. */
  count: number;
  /** Each figure with its worst status against the others ('conflict' for at least one clash). */
  figures: (CrossLocation & { text: string })[];
}
export interface QuoteVariants {
  id: string;
  /** Versions of the quote. */
  count: number;
  versions: (CrossLocation & { text: string })[];
}
export interface SpeakerVariants {
  /** Speaker's name, or null for quotes nobody is credited with. */
  speaker: string | null;
  /** Quotes of this speaker that are worded differently across sources. */
  count: number;
  quotes: QuoteVariants[];
}
export interface ConflictsResult {
  claims: ClaimConflict[];
  speakers: SpeakerVariants[];
  counts: { conflicts: number; variants: number };
}

/** Sent by the sidebar's "Sources" view: what is indexed and what was skipped, and why. */
export const SourcesRequest = 'newsAnnotator/sources' as const;
export interface ArticleSummary {
  uri: string;
  name: string;
  entities: number;
  quotes: number;
  figures: number;
  findings: number;
  /** Read with a problem worth knowing ("invalid UTF-8: undecodable bytes shown as U+FFFD"). */
  warning?: string;
}
export interface SkippedFile {
  uri: string;
  reason: string;
}
export interface SourcesResult {
  articles: ArticleSummary[];
  skipped: SkippedFile[];
}

/** Sent by the "Re-index workspace" command: rescan every folder from disk; answers when done. */
export const ReindexRequest = 'newsAnnotator/reindex' as const;
export interface ReindexResult {
  articles: number;
  skipped: number;
}

/** Sent by the "Export report" command: the whole workspace's findings as one document. */
export const ExportRequest = 'newsAnnotator/export' as const;
export type ExportFormat = 'json' | 'sarif' | 'markdown';
export interface ExportParams {
  format: ExportFormat;
}
export type ExportResult = string;

/** Request method → params and result, for typed send/handle helpers on either side. */
export interface RequestMap {
  [CrossReferencesRequest]: { params: CrossReferencesParams; result: CrossReferencesResult | null };
  [ConflictsRequest]: { params: void; result: ConflictsResult };
  [SourcesRequest]: { params: void; result: SourcesResult };
  [ReindexRequest]: { params: void; result: ReindexResult };
  [ExportRequest]: { params: ExportParams; result: ExportResult };
}

// ------------------------------------------------------------------------------------------------
// Notifications (server → client)

/**
 * Sent by the server once a burst of changes has settled (edits analysed, diagnostics published),
 * so visible tree views re-fetch. `uris` are the articles whose cross-references may have changed.
 */
export const IndexChangedNotification = 'newsAnnotator/indexChanged' as const;
export interface IndexChangedParams {
  uris: string[];
}

/** Sent by the server while scanning and when it falls idle, for a status-bar item. */
export const StatusNotification = 'newsAnnotator/status' as const;
export interface StatusParams {
  state: 'indexing' | 'idle';
  /** Files processed in the current scan (equal to `total` when idle). */
  done: number;
  total: number;
  /** Articles in the index. */
  articles: number;
  /** Figure-conflict findings across the index. */
  conflicts: number;
}

export interface NotificationMap {
  [IndexChangedNotification]: IndexChangedParams;
  [StatusNotification]: StatusParams;
}

// ------------------------------------------------------------------------------------------------
// Initialization

/** `initializationOptions` the client may pass. Unknown fields are ignored. */
export interface InitializationOptions {
  /** A folder the client set aside for the analysis cache (VS Code's `storageUri`). */
  storagePath?: string;
  /**
   * False while the workspace is untrusted (VS Code's Restricted Mode): the server then ignores the
   * folders' settings files (`.newsannotator.json`), as VS Code ignores the folders' own settings.
   * Absent: trusted (other editors have no such mode; the CLI reads the files too).
   */
  workspaceTrusted?: boolean;
}

/** Client → server, no parameters: the user trusted the workspace (settings files now apply). */
export const WorkspaceTrustedNotification = 'newsAnnotator/workspaceTrusted' as const;

/** An open document in this language is an article whatever its name (the include globs aside). */
export const ARTICLE_LANGUAGE_ID = 'news';

/** Custom semantic token types, in legend order. Clients map them to their own styles. */
export const SEMANTIC_TOKEN_TYPES = ['person', 'organization', 'place', 'product', 'quote', 'figure'] as const;
/** Custom semantic token modifiers: a figure that clashes with another source; a quote nobody is credited with. */
export const SEMANTIC_TOKEN_MODIFIERS = ['conflict', 'unattributed'] as const;
