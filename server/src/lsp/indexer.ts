// Keeps the cross-source index in step with the workspace: which articles exist (folders, globs,
// open documents), where their text comes from (an open buffer wins over the disk), when to
// re-analyse (an edit at once, on this thread, only the latest text of a burst; watched-file
// events; full scans), and which files were skipped and why. Text from disk is analysed in the
// worker pool, or taken from the persistent cache when the same text was analysed before; this
// thread only merges the results into the index. Every change reports the affected article ids
// to the host, which publishes diagnostics. No protocol here beyond URIs.

import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusIndex } from '../analysis/corpus';
import { AnalysisCache, cacheKey } from '../index/cache';
import { AnalysisPool, CancelledError } from '../index/pool';
import { FileSelection, listArticles, readArticle, readListedArticle, readListedArticleSync, type Folder } from './files';
import { corpusSettings, DEFAULT_SETTINGS, sameCorpusSettings, sameFileSelection, type Settings } from './settings';
import { isInside, joinUri, normalizeUri, relativePath, uriStartsWith, uriToFsPath } from './uris';

/**
 * An edit is analysed two turns of the event loop after it came, unless another edit of the
 * document came meanwhile. The connection hands over the messages it has read one per turn, and
 * queues the next one's turn after the handler of this one has run: a first turn of ours runs
 * before the next message, a second after it — so a burst of changes (a paste, an editor's
 * multi-cursor edit, messages queued while the last analysis ran) is analysed once, with the
 * latest text, and a single keystroke is analysed at once. (One turn does not coalesce at all: a
 * test's 1,000-edit burst was analysed 1,002 times. A 1 ms timer, used before, fires 1–2 ms late:
 * in alternating benchmark runs keystroke latency p50 was 11.6/10.9/12.6 ms with two turns against
 * 13.4/14.4/12.5 ms with the timer. A slow article needs no longer wait: keys typed while it is
 * analysed queue up, and are read — then analysed together — when it is done.) …
 */
/** … but a steady stream of changes is analysed at least this often. */
const EDIT_MAX_WAIT_MS = 100;
/** Watched-file events closer together than this are read once. */
const FILE_EVENT_DELAY_MS = 50;
/** Files read and analysed at once during a scan (reads overlap; the pool bounds the CPU work). */
const SCAN_CONCURRENCY = 32;
/** A scan reads listed files up to this size with blocking calls (see readListedArticleSync) … */
const SYNC_READ_BYTES = 256 * 1024;
/**
 * … until SLOW_SYNC_READS such reads in one scan took this long (ms; a network drive — one alone
 * may be the machine being busy): then the rest of the scan reads asynchronously.
 */
const SLOW_SYNC_READ_MS = 20;
const SLOW_SYNC_READS = 3;
/** A scan yields to other work after this long (ms) without a turn of the event loop. */
const SCAN_SLICE_MS = 8;
/** Articles whose full analysis the index keeps (the open ones, in practice). */
const KEEP_FULL_ANALYSES = 32;
/** The persistent cache is written this long after indexing settles (ms). */
const CACHE_SAVE_DELAY_MS = 2000;

export interface ScanProgress {
  phase: 'begin' | 'report' | 'end';
  done: number;
  total: number;
}

export interface IndexerHost {
  /** The open buffer's text for an article id, or undefined when the document is not open. */
  openText(key: string): string | undefined;
  /** Ids of every open document. */
  openKeys(): string[];
  /** Article ids whose findings may have changed (the index already reflects the change). */
  affected(keys: Set<string>): void;
  progress(p: ScanProgress): void;
  /** Something went wrong (the output channel shows it as an error). */
  log(message: string): void;
  /** Something the user may want to know that is not a fault. */
  info(message: string): void;
}

/** Client URIs whose article ids are remembered (see Indexer.canonical); the memo starts again beyond. */
const MAX_LINK_MEMO = 4096;

export class Indexer {
  /**
   * Full analyses are kept for the last articles opened, edited or asked about (hovers, symbols,
   * semantic tokens read them); the others keep only what the index needs (a tenth of the memory).
   */
  readonly corpus = new CorpusIndex({}, { keepAnalyses: KEEP_FULL_ANALYSES });
  private folders: Folder[] = [];
  /** Normal forms of the folders' URIs, index-aligned with `folders`. */
  private folderKeys: string[] = [];
  private globalSettings: Settings = { ...DEFAULT_SETTINGS };
  private readonly folderSettings = new Map<string, Settings>();
  private readonly selections = new Map<string, FileSelection>();
  private globalSelection = new FileSelection(DEFAULT_SETTINGS);
  private readonly skipped = new Map<string, string>();
  /** Articles read from disk with a warning (invalid UTF-8 replaced), and the warning. */
  private readonly warnings = new Map<string, string>();
  /** Open documents whose language says they are articles, whatever the globs say. */
  private readonly declared = new Set<string>();
  /** Article id → the URI spelling the client used (or the one built from its folder's URI). */
  private readonly spelling = new Map<string, string>();
  /** Client URI (normal form) → article id (see canonical). */
  private readonly linkMemo = new Map<string, string>();
  /** Open articles spelled by the client through a link → the spelling they had before (back at close). */
  private readonly linkSpelled = new Map<string, string | undefined>();
  /** Open document → its edit waiting to be analysed (see documentChanged). */
  private readonly pendingEdits = new Map<string, PendingEdit>();
  private readonly fileTimers = new Map<string, NodeJS.Timeout>();
  /** Per-article read sequence: a slower, older read never overwrites a newer one. */
  private readonly readSeq = new Map<string, number>();
  private pendingReads = 0;
  private generation = 0;
  private activeScans = 0;
  private lastScan: Promise<void> = Promise.resolve();
  /** When the oldest edit not analysed yet came, per document. */
  private readonly editSince = new Map<string, number>();
  readonly pool: AnalysisPool;
  private cache: AnalysisCache | null = null;
  private cacheReady: Promise<void> = Promise.resolve();
  /** Article id → cache key of the disk text last merged for it. */
  private readonly cacheKeys = new Map<string, string>();
  private cacheTimer: NodeJS.Timeout | null = null;
  /** A save asked for by a scan's backlog is under way. */
  private cacheSaving = false;
  /** A scratch index the warm-up runs the index's code in (see warm). */
  private warmIndex: CorpusIndex | null = null;
  /** Blocking reads of the running scan that were slow (see SLOW_SYNC_READS). */
  private slowReads = 0;

  constructor(
    private readonly host: IndexerHost,
    pool?: AnalysisPool,
  ) {
    this.pool = pool ?? new AnalysisPool({ log: (m) => host.log(m) });
  }

  /** Uses a persistent cache from now on; scans wait for `loading` (the file being read). */
  useCache(cache: AnalysisCache, loading: Promise<void>): void {
    this.cache = cache;
    this.cacheReady = loading.catch(() => {});
  }

  /** Writes the cache now (tests, shutdown); resolves when written. */
  async saveCache(): Promise<void> {
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = null;
    if (!this.cache?.enabled) return;
    const live = new Set<string>();
    for (const [key, ck] of this.cacheKeys) if (this.corpus.has(key)) live.add(ck);
    await this.cache.save(live);
  }

  private scheduleCacheSave(): void {
    if (!this.cache?.enabled) return;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = null;
      if (this.isScanning()) this.scheduleCacheSave();
      else void this.saveCache();
    }, CACHE_SAVE_DELAY_MS);
    this.cacheTimer.unref();
  }

  // ---- ids -------------------------------------------------------------------------------------

  /** The article id for a URI (see canonical); remembers the first spelling seen. */
  keyOf(uri: string): string {
    const key = this.canonical(uri);
    if (!this.spelling.has(key)) this.spelling.set(key, uri);
    return key;
  }

  /** Records how the client spells an article (open documents: the client's own URI wins). */
  preferSpelling(uri: string): string {
    const key = this.canonical(uri);
    if (key !== normalizeUri(uri) && !this.linkSpelled.has(key)) this.linkSpelled.set(key, this.spelling.get(key));
    this.spelling.set(key, uri);
    return key;
  }

  /**
   * The article id for a client's URI: its normal form, or — when the path goes through a link
   * (a linked directory inside a workspace folder: `latest/` → `2026/ferry/`) to a file inside a
   * workspace folder — the id the scan gives that file, so one file is one article however it
   * was opened. (Indexed under both, an article opened through a link agreed with itself as a
   * second source.) Remembered until the folders or any file change (a link may have moved).
   */
  private canonical(uri: string): string {
    const key = normalizeUri(uri);
    let out = this.linkMemo.get(key);
    if (out !== undefined) return out;
    out = key;
    const fsPath = this.folderOf(key) ? uriToFsPath(key) : null;
    if (fsPath !== null) {
      try {
        const real = realpathSync(fsPath);
        // (the innermost folder holding the file, as the scan lists nested folders' files)
        let best: Folder | null = null;
        for (const f of this.folders) if (isInside(real, f.realPath) && (!best || f.realPath.length > best.realPath.length)) best = f;
        const rel = best && relativePath(real, best.realPath);
        if (best && rel) out = normalizeUri(joinUri(best.uri, rel));
      } catch {
        // (no such file yet, or unreadable: its own id)
      }
    }
    if (this.linkMemo.size >= MAX_LINK_MEMO) this.linkMemo.clear();
    this.linkMemo.set(key, out);
    return out;
  }

  /** Something changed on disk or in the folders: links may lead elsewhere now. */
  forgetLinks(): void {
    this.linkMemo.clear();
  }

  clientUri(key: string): string {
    return this.spelling.get(key) ?? key;
  }

  // ---- folders and settings ---------------------------------------------------------------------

  setFolders(folders: Folder[]): void {
    this.linkMemo.clear();
    this.folders = folders;
    this.folderKeys = folders.map((f) => normalizeUri(f.uri));
    folders.forEach((f, i) => this.spelling.set(this.folderKeys[i], f.uri));
  }

  getFolders(): readonly Folder[] {
    return this.folders;
  }

  /** The innermost workspace folder holding an article id, or null. */
  folderOf(key: string): Folder | null {
    const i = this.folderIndex(key);
    return i < 0 ? null : this.folders[i];
  }

  private folderIndex(key: string): number {
    let best = -1;
    this.folderKeys.forEach((fk, i) => {
      if (uriStartsWith(key, fk) && (best < 0 || fk.length > this.folderKeys[best].length)) best = i;
    });
    return best;
  }

  /** Settings that apply to an article: its folder's, else the window's. */
  settingsFor(key: string): Settings {
    const i = this.folderIndex(key);
    return (i >= 0 && this.folderSettings.get(this.folderKeys[i])) || this.globalSettings;
  }

  /**
   * Applies new settings. Corpus-wide ones (tolerance, aliases, ignore, severity) come from the
   * window scope; file selection (include, exclude, maxFileSize) may differ per folder. Returns
   * the affected article ids, and starts a rescan when the file selection changed.
   */
  configure(global: Settings, perFolder: Map<string, Settings>): { affected: Set<string>; rescan: Promise<void> | null } {
    const corpusChanged = !sameCorpusSettings(this.globalSettings, global);
    let selectionChanged = !sameFileSelection(this.globalSettings, global);
    for (const f of this.folders) {
      const k = normalizeUri(f.uri);
      const before = this.folderSettings.get(k) ?? this.globalSettings;
      const after = perFolder.get(k) ?? global;
      if (!sameFileSelection(before, after)) selectionChanged = true;
    }
    this.globalSettings = global;
    this.globalSelection = new FileSelection(global);
    this.folderSettings.clear();
    this.selections.clear();
    for (const f of this.folders) {
      const k = normalizeUri(f.uri);
      const s = perFolder.get(k) ?? global;
      this.folderSettings.set(k, s);
      this.selections.set(k, new FileSelection(s));
    }
    // Severity can differ per folder, so every article is republished on any settings change.
    const before = JSON.stringify(this.corpus.analyzeOptions());
    const affected = corpusChanged ? this.corpus.configure(corpusSettings(global), false) : new Set(this.corpus.paths());
    // Aliases and ignored names change the analyses themselves: every article is analysed again,
    // the open ones first, the rest in the pool.
    const reanalyse = JSON.stringify(this.corpus.analyzeOptions()) !== before;
    return { affected, rescan: selectionChanged || reanalyse ? this.rescan(reanalyse) : null };
  }

  private selectionFor(folder: Folder): FileSelection {
    return this.selections.get(normalizeUri(folder.uri)) ?? this.globalSelection;
  }

  /** Whether an article id names an article under the current settings (open documents included). */
  isArticle(key: string): boolean {
    if (this.declared.has(key)) return true;
    const fsPath = uriToFsPath(key);
    if (fsPath === null) return !key.startsWith('file:'); // untitled buffers and other schemes: yes while open
    const folder = this.folderOf(key);
    if (!folder) return this.globalSelection.matches(path.basename(fsPath));
    const rel = relativePath(fsPath, folder.fsPath);
    return rel !== null && rel !== '' && this.selectionFor(folder).matches(rel);
  }

  // ---- open documents ----------------------------------------------------------------------------

  /**
   * A document opened: analysed at once, ahead of any scan work. `declaredArticle` when its
   * language id says it is an article (then the include/exclude globs do not apply to it).
   */
  documentOpened(key: string, declaredArticle = false, force = false): void {
    if (declaredArticle) this.declared.add(key);
    this.cancelEdit(key);
    this.analyseOpen(key, force);
  }

  /** A document edited: analysed two turns of the event loop later, with the newest text (see EDIT_MAX_WAIT_MS). */
  documentChanged(key: string): void {
    const now = Date.now();
    const first = this.editSince.get(key) ?? now;
    if (now - first >= EDIT_MAX_WAIT_MS && this.pendingEdits.has(key)) return; // due soon anyway
    this.cancelEdit(key);
    this.editSince.set(key, first);
    const run = () => {
      if (this.pendingEdits.get(key) !== pending) return; // a newer edit (or open, or close) took over
      this.pendingEdits.delete(key);
      this.editSince.delete(key);
      this.analyseOpen(key);
    };
    let handle = setImmediate(() => (handle = setImmediate(run)));
    const pending: PendingEdit = { cancel: () => clearImmediate(handle) };
    this.pendingEdits.set(key, pending);
  }

  /** A document closed: the disk version takes over (or the article leaves the index). */
  documentClosed(key: string): void {
    if (this.linkSpelled.has(key)) {
      // (opened through a link: the closed article is published under its own spelling again)
      const own = this.linkSpelled.get(key);
      this.linkSpelled.delete(key);
      if (own === undefined) this.spelling.delete(key);
      else this.spelling.set(key, own);
    }
    this.declared.delete(key);
    this.cancelEdit(key);
    this.editSince.delete(key);
    void this.readFromDisk(key);
  }

  /** Analyses a pending edit now, so a request sees offsets of the text the client has. */
  flush(key: string): void {
    if (this.pendingEdits.has(key)) {
      this.cancelEdit(key);
      this.analyseOpen(key);
    }
  }

  /** Analyses an open document on this thread, now: the article in front of the user goes first. */
  private analyseOpen(key: string, force = false): void {
    this.editSince.delete(key);
    const text = this.host.openText(key);
    if (text === undefined) return;
    if (!this.isArticle(key)) {
      if (this.corpus.has(key)) this.host.affected(this.corpus.remove(key));
      return;
    }
    this.skipped.delete(key);
    if (!force && this.corpus.hasText(key, text)) {
      // Already indexed from disk: published again all the same, now for the open version.
      this.host.affected(new Set([key]));
      return;
    }
    this.host.affected(this.corpus.update(key, text));
  }

  /**
   * Merges text read from disk: its analysis from the cache, else from the pool. `current` says,
   * once the analysis is back, whether it is still wanted (no newer read, scan or open buffer).
   */
  private async ingest(key: string, text: string, current: () => boolean, tag: unknown): Promise<void> {
    const options = this.corpus.analyzeOptions();
    const ck = this.cache?.enabled ? cacheKey(text, options) : null;
    let prepared = ck ? this.cache!.get(ck, text) : undefined;
    let entry: string | undefined;
    if (!prepared) {
      try {
        // (The worker encodes the cache's entry too: this thread only stores it.)
        ({ prepared, entry } = await this.pool.analyse(text, options, { entry: ck !== null, tag }));
      } catch (e) {
        if (e instanceof CancelledError) return;
        this.host.log(`analysing ${key}: ${e instanceof Error ? e.message : String(e)}`);
        if (current()) {
          this.skipped.set(key, 'the analysis failed');
          this.drop(key);
        }
        return;
      }
      if (!current()) return;
      // Settings changed while it was analysed: a forced rescan is on its way with the new options.
      if (JSON.stringify(this.corpus.analyzeOptions()) !== JSON.stringify(options)) return;
    }
    if (ck) {
      this.cacheKeys.set(key, ck);
      if (entry !== undefined) this.cache!.put(ck, entry);
    }
    this.host.affected(this.corpus.update(key, text, undefined, prepared));
    // (A first scan writes as it goes rather than holding every article's entry until its end.)
    if (this.cache?.backlog && !this.cacheSaving) {
      this.cacheSaving = true;
      void this.saveCache().finally(() => (this.cacheSaving = false));
    }
  }

  // ---- files on disk -----------------------------------------------------------------------------

  /** A watched file was created or changed (bursts coalesce per file). */
  fileChanged(key: string): void {
    if (this.host.openText(key) !== undefined) return; // the buffer wins; re-read on close
    this.clearTimer(this.fileTimers, key);
    this.fileTimers.set(
      key,
      setTimeout(() => {
        this.fileTimers.delete(key);
        void this.readFromDisk(key);
      }, FILE_EVENT_DELAY_MS),
    );
  }

  /** A watched file (or a whole folder) was deleted. An open buffer keeps its article alive. */
  fileDeleted(key: string): void {
    this.clearTimer(this.fileTimers, key);
    this.readSeq.set(key, (this.readSeq.get(key) ?? 0) + 1);
    const affected = new Set<string>();
    for (const p of this.corpus.paths()) {
      if (uriStartsWith(p, key) && this.host.openText(p) === undefined) {
        for (const a of this.corpus.remove(p)) affected.add(a);
      }
    }
    for (const s of [...this.skipped.keys()]) if (uriStartsWith(s, key)) this.skipped.delete(s);
    if (affected.size) this.host.affected(affected);
  }

  private async readFromDisk(key: string): Promise<void> {
    const seq = (this.readSeq.get(key) ?? 0) + 1;
    this.readSeq.set(key, seq);
    const fsPath = uriToFsPath(key);
    const folder = this.folderOf(key);
    if (fsPath === null || !folder) {
      this.drop(key);
      return;
    }
    this.pendingReads++;
    try {
      if (!this.isArticle(key)) {
        // A folder appeared (moved in, or renamed): its articles are found by a scan.
        if (await isDirectory(fsPath)) void this.rescan(false);
        else this.drop(key);
        return;
      }
      const settings = this.settingsFor(key);
      const result = await readArticle(fsPath, settings.maxFileSize, this.roots());
      if (this.readSeq.get(key) !== seq || this.host.openText(key) !== undefined) return;
      if (!result.ok) {
        if (/unreadable: ENOENT/.test(result.reason)) this.skipped.delete(key);
        else this.skipped.set(key, result.reason);
        this.drop(key);
        return;
      }
      this.skipped.delete(key);
      this.noteWarning(key, result.warning);
      if (this.corpus.hasText(key, result.text)) return;
      await this.ingest(key, result.text, () => this.readSeq.get(key) === seq && this.host.openText(key) === undefined, 'file');
      if (!this.isScanning()) this.scheduleCacheSave();
    } catch (e) {
      this.host.log(`reading ${key}: ${String(e)}`);
    } finally {
      this.pendingReads--;
    }
  }

  private drop(key: string): void {
    this.warnings.delete(key);
    if (this.corpus.has(key)) this.host.affected(this.corpus.remove(key));
  }

  private noteWarning(key: string, warning: string | undefined): void {
    if (warning) this.warnings.set(key, warning);
    else this.warnings.delete(key);
  }

  /** The warning an article was read from disk with, if any (an open buffer has none). */
  warningOf(key: string): string | undefined {
    return this.host.openText(key) === undefined ? this.warnings.get(key) : undefined;
  }

  private roots(): string[] {
    return this.folders.map((f) => f.realPath);
  }

  // ---- scans ------------------------------------------------------------------------------------

  /**
   * Rescans every folder: open documents first, then the disk in a stable order. Articles no
   * longer selected leave the index. Without `force`, files whose text did not change are not
   * re-analysed. A newer scan supersedes a running one; the promise settles when the scan
   * that was current at the call, or a later one, has finished.
   */
  rescan(force: boolean): Promise<void> {
    const gen = ++this.generation;
    // The superseded scan's queued analyses are dropped.
    this.pool.cancel((tag) => typeof tag === 'number' && tag < gen);
    const run = this.scan(gen, force);
    this.lastScan = run;
    return run.then(() => (this.generation === gen ? undefined : this.waitForScans()));
  }

  private async waitForScans(): Promise<void> {
    let last: Promise<void>;
    do {
      last = this.lastScan;
      await last;
    } while (last !== this.lastScan);
  }

  isScanning(): boolean {
    return this.activeScans > 0;
  }

  /** Stops the running scan (the user cancelled its progress); what it indexed so far stays. */
  cancelScan(): void {
    if (!this.activeScans) return;
    const gen = ++this.generation;
    this.pool.cancel((tag) => typeof tag === 'number' && tag < gen);
    this.host.info('indexing cancelled');
  }

  /**
   * Does with an indexed article on this thread what an edit does — analyses it, indexes it, works
   * out its findings — in a scratch index: it changes nothing, but gets V8 to optimise that code
   * before the first keystroke (warmup.ts). (The engine alone was not enough: after a warm start
   * the index's code had only ever seen articles decoded from the cache, whose objects V8 shapes
   * differently, and the open article's findings ran ~10× slower over the first keystrokes than
   * later. Warmed with every scratch analysis kept, the first ten keystrokes in the benchmark's
   * long article averaged 17.5–19.8 ms against 23.4–24.7 in three alternating pairs of runs; as
   * kept here, one, the first keystroke took 27–29 ms against 29–92 and the rest were within the
   * machine's swings.)
   */
  warm(key: string): void {
    const text = this.corpus.text(key);
    if (text === undefined) return;
    this.warmIndex ??= new CorpusIndex(this.corpus.analyzeOptions(), { keepAnalyses: 1 });
    this.warmIndex.update(key, text);
    this.warmIndex.findings(key);
  }

  /** Warming is over: its scratch index goes. */
  warmed(): void {
    this.warmIndex = null;
  }

  isBusy(): boolean {
    return this.activeScans > 0 || this.pendingReads > 0 || this.pendingEdits.size > 0 || this.fileTimers.size > 0;
  }

  private async scan(gen: number, force: boolean): Promise<void> {
    this.activeScans++;
    this.slowReads = 0;
    const stale = () => this.generation !== gen;
    let total = 0;
    let done = 0;
    let bulk = false;
    this.host.progress({ phase: 'begin', done, total });
    try {
      // The open articles first, here and now; the rest of the workspace after them.
      for (const key of this.host.openKeys()) this.documentOpened(key, false, force);

      // (Listed while the cache file is still being read: neither waits for the other.)
      const found: { key: string; folder: Folder; link: boolean }[] = [];
      const seen = new Set<string>();
      for (const folder of this.folders) {
        const links = new Set<string>();
        const rels = await listArticles(folder, this.selectionFor(folder), stale, links);
        if (stale()) return;
        for (const rel of rels) {
          const key = normalizeUri(joinUri(folder.uri, rel));
          if (seen.has(key)) continue; // nested workspace folders list a file twice
          seen.add(key);
          if (!this.spelling.has(key)) this.spelling.set(key, joinUri(folder.uri, rel));
          found.push({ key, folder, link: links.has(rel) });
        }
      }
      total = found.length;
      this.host.progress({ phase: 'report', done, total });
      await this.cacheReady;
      if (stale()) return;

      const removed = new Set<string>();
      const unlisted: string[] = [];
      for (const p of this.corpus.paths()) {
        const open = this.host.openText(p) !== undefined;
        if (open && !this.isArticle(p)) for (const a of this.corpus.remove(p)) removed.add(a);
        else if (!open && !seen.has(p)) unlisted.push(p);
      }
      for (const s of [...this.skipped.keys()]) if (!seen.has(s)) this.skipped.delete(s);
      if (removed.size) this.host.affected(removed);
      // Indexed but not listed: deleted, or no longer selected — or saved in a folder after the
      // listing had passed it (the watcher indexed it meanwhile). The disk decides, not the listing.
      await Promise.all(unlisted.map((p) => this.readFromDisk(p)));
      if (stale()) return;

      // Indexing most of the workspace (the first scan, a forced one): load in bulk, and work out
      // what changed once at the end rather than after each article.
      bulk = force || this.corpus.paths().length * 2 < found.length;
      if (bulk) this.corpus.beginBulk();

      let lastReport = Date.now();
      let next = 0;
      // (Reads and cache hits complete without a turn of the event loop: the scan yields every
      // few milliseconds so that edits and requests are served meanwhile.)
      let sliceStart = performance.now();
      const work = async () => {
        while (next < found.length && !stale()) {
          if (performance.now() - sliceStart > SCAN_SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStart = performance.now();
            continue;
          }
          const { key, folder, link } = found[next++];
          await this.scanFile(key, folder, link, force, gen, stale);
          done++;
          if (Date.now() - lastReport > 100) {
            lastReport = Date.now();
            this.host.progress({ phase: 'report', done, total });
          }
        }
      };
      await Promise.all(Array.from({ length: SCAN_CONCURRENCY }, work));
    } catch (e) {
      this.host.log(`scan failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      if (bulk) this.host.affected(this.corpus.endBulk());
      this.activeScans--;
      this.host.progress({ phase: 'end', done, total });
      if (!stale()) this.scheduleCacheSave();
    }
  }

  private async scanFile(key: string, folder: Folder, link: boolean, force: boolean, gen: number, stale: () => boolean): Promise<void> {
    if (this.host.openText(key) !== undefined) return;
    const fsPath = uriToFsPath(key);
    if (fsPath === null) return;
    // A watched-file event for the file while it is read or analysed supersedes this read.
    const seq = this.readSeq.get(key) ?? 0;
    const current = () => !stale() && (this.readSeq.get(key) ?? 0) === seq && this.host.openText(key) === undefined;
    const settings = this.folderSettings.get(normalizeUri(folder.uri)) ?? this.globalSettings;
    // A listed regular file lies in the folder (the listing follows no links): no real path to resolve.
    let result = null;
    if (!link && this.slowReads < SLOW_SYNC_READS) {
      const t0 = performance.now();
      result = readListedArticleSync(fsPath, settings.maxFileSize, SYNC_READ_BYTES);
      if (performance.now() - t0 > SLOW_SYNC_READ_MS && ++this.slowReads === SLOW_SYNC_READS) {
        this.host.info(`${SLOW_SYNC_READS} reads took over ${SLOW_SYNC_READ_MS} ms (the last ${key}): this scan reads the rest asynchronously`);
      }
    }
    result ??= await (link ? readArticle : readListedArticle)(fsPath, settings.maxFileSize, this.roots());
    if (!current()) return;
    if (!result.ok) {
      if (/unreadable: ENOENT/.test(result.reason)) this.skipped.delete(key); // deleted since it was listed
      else this.skipped.set(key, result.reason);
      this.drop(key);
      return;
    }
    this.skipped.delete(key);
    this.noteWarning(key, result.warning);
    if (!force && this.corpus.hasText(key, result.text)) return;
    await this.ingest(key, result.text, current, gen);
  }

  // ---- listings -----------------------------------------------------------------------------------

  skippedFiles(): { key: string; reason: string }[] {
    return [...this.skipped.entries()].map(([key, reason]) => ({ key, reason })).sort((a, b) => a.key.localeCompare(b.key));
  }

  dispose(): void {
    this.generation++;
    this.pool.dispose();
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    for (const p of this.pendingEdits.values()) p.cancel();
    for (const t of this.fileTimers.values()) clearTimeout(t);
    this.pendingEdits.clear();
    this.fileTimers.clear();
  }

  private cancelEdit(key: string): void {
    this.pendingEdits.get(key)?.cancel();
    this.pendingEdits.delete(key);
  }

  private clearTimer(timers: Map<string, NodeJS.Timeout>, key: string): void {
    const t = timers.get(key);
    if (t) clearTimeout(t);
    timers.delete(key);
  }
}

/** An edit waiting for its analysis. */
interface PendingEdit {
  cancel(): void;
}

async function isDirectory(fsPath: string): Promise<boolean> {
  try {
    return (await fs.stat(fsPath)).isDirectory();
  } catch {
    return false;
  }
}
