// Every identifier the client shares with package.json: command, view, context-key, language and
// setting ids. test/manifest.test.ts checks package.json against this module (and the server's
// settings mirror), so a renamed id fails `npm test` instead of silently breaking a menu.

/** The settings section; also the language client's id, so `newsAnnotator.trace.server` applies. */
export const SECTION = 'newsAnnotator';
export const CLIENT_NAME = 'News Annotator';
export const LANGUAGE_ID = 'news';

export const Commands = {
  showReferences: 'newsAnnotator.showReferences',
  compareQuote: 'newsAnnotator.compareQuote',
  reindex: 'newsAnnotator.reindexWorkspace',
  exportReport: 'newsAnnotator.exportReport',
  restartServer: 'newsAnnotator.restartServer',
  refreshViews: 'newsAnnotator.refreshViews',
  /** Tree items' click target: opens a source beside the current editor at a range. */
  openLocation: 'newsAnnotator.openLocation',
  /** Tree items' click target for the active article itself: selects a range in place. */
  revealInEditor: 'newsAnnotator.revealInEditor',
} as const;

/** Commands a person runs from the palette (the others are tree-item targets, hidden there). */
export const PALETTE_COMMANDS: readonly string[] = [
  Commands.showReferences,
  Commands.compareQuote,
  Commands.reindex,
  Commands.exportReport,
  Commands.restartServer,
  Commands.refreshViews,
];

export const Views = {
  container: 'newsAnnotator',
  references: 'newsAnnotator.references',
  conflicts: 'newsAnnotator.conflicts',
  sources: 'newsAnnotator.sources',
} as const;

/** Context keys the manifest's `when` clauses read. */
export const ContextKeys = {
  /** 'starting' | 'indexing' | 'ready' | 'stopped'. */
  state: 'newsAnnotator.state',
  /** Articles in the index (a number). */
  articles: 'newsAnnotator.articles',
  /** Whether the references view follows an article. */
  hasArticle: 'newsAnnotator.hasActiveArticle',
} as const;

/** Tree items' contextValue, for menus. */
export const ItemContext = {
  section: 'section',
  entity: 'entity',
  quote: 'quote',
  quoteWithVersions: 'quote.compare',
  figure: 'figure',
  location: 'location',
  quoteVersion: 'quoteVersion',
  claim: 'claim',
  speaker: 'speaker',
  quoteGroup: 'quoteGroup',
  article: 'article',
  skipped: 'skippedFile',
} as const;

/** The status-bar item's id (people can hide it by this id). */
export const STATUS_BAR_ID = 'newsAnnotator.status';

/** Settings the client itself reads (the server reads the rest through workspace/configuration). */
export const CLIENT_SETTINGS = ['trace.server'] as const;

/** Virtual documents holding one version of a quote, for the diff editor. */
export const QUOTE_SCHEME = 'news-annotator-quote';

/** Languages whose documents are synchronised with the server. */
export const DOCUMENT_LANGUAGES = ['plaintext', LANGUAGE_ID] as const;
