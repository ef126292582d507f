// Keeps the cross-source index in step with the workspace: which articles exist (folders, globs,
// open documents), where their text comes from (an open buffer wins over the disk), when to
// re-analyse (edits debounced per document, only the latest text analysed; watched-file events;
// full scans), and which files were skipped and why. Every change reports the affected article
// ids to the host, which publishes diagnostics. No protocol here beyond URIs.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CorpusIndex } from '../analysis/corpus';
import { FileSelection, listArticles, readArticle, type Folder } from './files';
import { corpusSettings, DEFAULT_SETTINGS, sameCorpusSettings, sameFileSelection, type Settings } from './settings';
import { joinUri, normalizeUri, relativePath, uriStartsWith, uriToFsPath } from './uris';

/** Edits closer together than this are analysed once, with the latest text. */
export const EDIT_DEBOUNCE_MS = 50;

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
  log(message: string): void;
}

export class Indexer {
  readonly corpus = new CorpusIndex();
  private folders: Folder[] = [];
  /** Normal forms of the folders' URIs, index-aligned with `folders`. */
  private folderKeys: string[] = [];
  private globalSettings: Settings = { ...DEFAULT_SETTINGS };
  private readonly folderSettings = new Map<string, Settings>();
  private readonly selections = new Map<string, FileSelection>();
  private globalSelection = new FileSelection(DEFAULT_SETTINGS);
  private readonly skipped = new Map<string, string>();
  /** Open documents whose language says they are articles, whatever the globs say. */
  private readonly declared = new Set<string>();
  /** Article id → the URI spelling the client used (or the one built from its folder's URI). */
  private readonly spelling = new Map<string, string>();
  private readonly editTimers = new Map<string, NodeJS.Timeout>();
  private readonly fileTimers = new Map<string, NodeJS.Timeout>();
  /** Per-article read sequence: a slower, older read never overwrites a newer one. */
  private readonly readSeq = new Map<string, number>();
  private pendingReads = 0;
  private generation = 0;
  private activeScans = 0;
  private lastScan: Promise<void> = Promise.resolve();

  constructor(private readonly host: IndexerHost) {}

  // ---- ids -------------------------------------------------------------------------------------

  /** The article id for a URI (its normal form); remembers the first spelling seen. */
  keyOf(uri: string): string {
    const key = normalizeUri(uri);
    if (!this.spelling.has(key)) this.spelling.set(key, uri);
    return key;
  }

  /** Records how the client spells an article (open documents: the client's own URI wins). */
  preferSpelling(uri: string): string {
    const key = normalizeUri(uri);
    this.spelling.set(key, uri);
    return key;
  }

  clientUri(key: string): string {
    return this.spelling.get(key) ?? key;
  }

  // ---- folders and settings ---------------------------------------------------------------------

  setFolders(folders: Folder[]): void {
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
    const affected = corpusChanged ? this.corpus.configure(corpusSettings(global)) : new Set(this.corpus.paths());
    return { affected, rescan: selectionChanged ? this.rescan(false) : null };
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
  documentOpened(key: string, declaredArticle = false): void {
    if (declaredArticle) this.declared.add(key);
    this.clearTimer(this.editTimers, key);
    this.analyseOpen(key);
  }

  /** A document edited: analysed after a quiet spell, with whatever text is newest then. */
  documentChanged(key: string): void {
    this.clearTimer(this.editTimers, key);
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        this.analyseOpen(key);
      }, EDIT_DEBOUNCE_MS),
    );
  }

  /** A document closed: the disk version takes over (or the article leaves the index). */
  documentClosed(key: string): void {
    this.declared.delete(key);
    this.clearTimer(this.editTimers, key);
    void this.readFromDisk(key);
  }

  /** Analyses a pending edit now, so a request sees offsets of the text the client has. */
  flush(key: string): void {
    if (this.editTimers.has(key)) {
      this.clearTimer(this.editTimers, key);
      this.analyseOpen(key);
    }
  }

  private analyseOpen(key: string): void {
    const text = this.host.openText(key);
    if (text === undefined) return;
    if (!this.isArticle(key)) {
      if (this.corpus.has(key)) this.host.affected(this.corpus.remove(key));
      return;
    }
    this.skipped.delete(key);
    if (this.corpus.get(key)?.text === text) return;
    this.host.affected(this.corpus.update(key, text));
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
      }, EDIT_DEBOUNCE_MS),
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
      if (this.corpus.get(key)?.text === result.text) return;
      this.host.affected(this.corpus.update(key, result.text));
    } catch (e) {
      this.host.log(`reading ${key}: ${String(e)}`);
    } finally {
      this.pendingReads--;
    }
  }

  private drop(key: string): void {
    if (this.corpus.has(key)) this.host.affected(this.corpus.remove(key));
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

  isBusy(): boolean {
    return this.activeScans > 0 || this.pendingReads > 0 || this.editTimers.size > 0 || this.fileTimers.size > 0;
  }

  private async scan(gen: number, force: boolean): Promise<void> {
    this.activeScans++;
    const stale = () => this.generation !== gen;
    let total = 0;
    let done = 0;
    this.host.progress({ phase: 'begin', done, total });
    try {
      for (const key of this.host.openKeys()) this.documentOpened(key);

      const found: { key: string; folder: Folder }[] = [];
      const seen = new Set<string>();
      for (const folder of this.folders) {
        const rels = await listArticles(folder, this.selectionFor(folder), stale);
        if (stale()) return;
        for (const rel of rels) {
          const key = normalizeUri(joinUri(folder.uri, rel));
          if (seen.has(key)) continue; // nested workspace folders list a file twice
          seen.add(key);
          if (!this.spelling.has(key)) this.spelling.set(key, joinUri(folder.uri, rel));
          found.push({ key, folder });
        }
      }
      total = found.length;
      this.host.progress({ phase: 'report', done, total });

      const removed = new Set<string>();
      for (const p of this.corpus.paths()) {
        const open = this.host.openText(p) !== undefined;
        if ((!open && !seen.has(p)) || (open && !this.isArticle(p))) for (const a of this.corpus.remove(p)) removed.add(a);
      }
      for (const s of [...this.skipped.keys()]) if (!seen.has(s)) this.skipped.delete(s);
      if (removed.size) this.host.affected(removed);

      let lastReport = Date.now();
      for (const { key, folder } of found) {
        if (stale()) return;
        done++;
        if (this.host.openText(key) !== undefined) continue;
        const fsPath = uriToFsPath(key);
        if (fsPath === null) continue;
        const settings = this.folderSettings.get(normalizeUri(folder.uri)) ?? this.globalSettings;
        const result = await readArticle(fsPath, settings.maxFileSize, this.roots());
        if (stale()) return;
        if (this.host.openText(key) !== undefined) continue;
        if (!result.ok) {
          this.skipped.set(key, result.reason);
          this.drop(key);
        } else {
          this.skipped.delete(key);
          if (force || this.corpus.get(key)?.text !== result.text) this.host.affected(this.corpus.update(key, result.text));
        }
        if (Date.now() - lastReport > 100) {
          lastReport = Date.now();
          this.host.progress({ phase: 'report', done, total });
        }
      }
    } catch (e) {
      this.host.log(`scan failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      this.activeScans--;
      this.host.progress({ phase: 'end', done, total });
    }
  }

  // ---- listings -----------------------------------------------------------------------------------

  skippedFiles(): { key: string; reason: string }[] {
    return [...this.skipped.entries()].map(([key, reason]) => ({ key, reason })).sort((a, b) => a.key.localeCompare(b.key));
  }

  dispose(): void {
    this.generation++;
    for (const t of this.editTimers.values()) clearTimeout(t);
    for (const t of this.fileTimers.values()) clearTimeout(t);
    this.editTimers.clear();
    this.fileTimers.clear();
  }

  private clearTimer(timers: Map<string, NodeJS.Timeout>, key: string): void {
    const t = timers.get(key);
    if (t) clearTimeout(t);
    timers.delete(key);
  }
}

async function isDirectory(fsPath: string): Promise<boolean> {
  try {
    return (await fs.stat(fsPath)).isDirectory();
  } catch {
    return false;
  }
}
