// Finding and reading article files on disk: the include/exclude globs (picomatch on
// workspace-relative paths), the size limit, binary detection, and the rule that nothing outside
// the workspace folders is ever read — symbolic links are resolved and checked before reading.

import { closeSync, fstatSync, constants as fsConstants, promises as fs, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { decodeArticle } from '../analysis/text';
import type { Settings } from './settings';
import { isInside, relativePath } from './uris';

/** A workspace folder as the server uses it. */
export interface Folder {
  /** The client's spelling of the folder URI. */
  uri: string;
  name: string;
  fsPath: string;
  /** `fsPath` with symbolic links resolved (what containment is checked against). */
  realPath: string;
}

/** A scan stops adding articles from a folder after this many, so opening `~` cannot exhaust memory. */
export const MAX_FILES_PER_FOLDER = 20_000;

export class FileSelection {
  private readonly included: (p: string) => boolean;
  private readonly excluded: (p: string) => boolean;

  constructor(readonly settings: Pick<Settings, 'include' | 'exclude' | 'maxFileSize'>) {
    // dot: true so hidden folders behave as in VS Code's globs; exclusions opt them out.
    const options = { dot: true };
    this.included = settings.include.length ? picomatch(settings.include, options) : () => false;
    this.excluded = settings.exclude.length ? picomatch(settings.exclude, options) : () => false;
  }

  /** Whether a workspace-relative file path is an article. */
  matches(relative: string): boolean {
    return this.included(relative) && !this.excluded(relative);
  }

  /** Whether a workspace-relative directory must not be descended into. */
  prunes(relativeDir: string): boolean {
    return this.excluded(relativeDir) || this.excluded(relativeDir + '/');
  }
}

export type ReadResult = { ok: true; text: string; warning?: string } | { ok: false; reason: string };

function tooLarge(size: number, maxFileSize: number): ReadResult {
  return { ok: false, reason: `larger than newsAnnotator.maxFileSize (${size} > ${maxFileSize} bytes)` };
}

/** A file's bytes as an article, or why it is skipped (it may have grown since its size was checked). */
function fromBytes(bytes: Buffer, maxFileSize: number): ReadResult {
  if (bytes.length > maxFileSize) return tooLarge(bytes.length, maxFileSize);
  const decoded = decodeArticle(bytes);
  return decoded.ok ? { ok: true, text: decoded.text, warning: decoded.warning } : { ok: false, reason: decoded.reason };
}

/** Resolves symbolic links and returns the real path when it lies inside one of `roots`. */
export async function containedRealPath(fsPath: string, roots: readonly string[]): Promise<string | null> {
  let real: string;
  try {
    real = await fs.realpath(fsPath);
  } catch {
    return null;
  }
  return roots.some((r) => isInside(real, r)) ? real : null;
}

/** Reads and decodes one article, or says why it is skipped. Never reads outside `roots`. */
export async function readArticle(fsPath: string, maxFileSize: number, roots: readonly string[]): Promise<ReadResult> {
  const real = await containedRealPath(fsPath, roots);
  if (!real) {
    // Deleted or renamed since it was listed: gone, not a file to list as skipped.
    const gone = await fs.lstat(fsPath).then(() => false, (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    return { ok: false, reason: gone ? 'unreadable: ENOENT' : 'outside the workspace folders (symbolic link) or unreadable' };
  }
  let stat;
  try {
    stat = await fs.stat(real);
  } catch (e) {
    return { ok: false, reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
  if (stat.size > maxFileSize) return tooLarge(stat.size, maxFileSize);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(real);
  } catch (e) {
    return { ok: false, reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  return fromBytes(bytes, maxFileSize);
}

/**
 * Reads an article a scan listed as a regular file (not a link) in a workspace folder, without
 * resolving its real path: it is opened refusing a link at its name, so a file swapped for a
 * link since the listing is read through `readArticle`, which checks where the link leads.
 */
export async function readListedArticle(fsPath: string, maxFileSize: number, roots: readonly string[]): Promise<ReadResult> {
  if (fsConstants.O_NOFOLLOW === undefined) return readArticle(fsPath, maxFileSize, roots);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(fsPath, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return readArticle(fsPath, maxFileSize, roots);
    return { ok: false, reason: `unreadable: ${code ?? 'error'}` };
  }
  let bytes: Buffer;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stat.size > maxFileSize) return tooLarge(stat.size, maxFileSize);
    bytes = await handle.readFile();
  } catch (e) {
    return { ok: false, reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  } finally {
    await handle.close().catch(() => {});
  }
  return fromBytes(bytes, maxFileSize);
}

/**
 * `readListedArticle` with blocking calls, for a scan's bulk of small local files: four system
 * calls of a few microseconds each, where the promise API costs the main thread ten times more in
 * thread-pool round trips (most of a large workspace's scan time). Returns null when the file must
 * be read the careful way (a link at its name, or no O_NOFOLLOW), or when it is larger than
 * `syncLimit` bytes (read asynchronously, not to block the thread).
 */
export function readListedArticleSync(fsPath: string, maxFileSize: number, syncLimit: number): ReadResult | null {
  if (fsConstants.O_NOFOLLOW === undefined) return null;
  let fd: number;
  try {
    fd = openSync(fsPath, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return null;
    return { ok: false, reason: `unreadable: ${code ?? 'error'}` };
  }
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
    if (stat.size > maxFileSize) return tooLarge(stat.size, maxFileSize);
    if (stat.size > syncLimit) return null;
    // (One byte more than the size: a file that grew since the stat is seen to be larger.)
    bytes = Buffer.allocUnsafe(Math.min(stat.size, maxFileSize) + 1);
    let n = 0;
    for (let got; n < bytes.length && (got = readSync(fd, bytes, n, bytes.length - n, null)) > 0; ) n += got;
    if (n === bytes.length) return null; // grew: read again the careful way, which checks the size
    bytes = bytes.subarray(0, n);
  } catch (e) {
    return { ok: false, reason: `unreadable: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
  }
  return fromBytes(bytes, maxFileSize);
}

/**
 * Lists the article files of a folder (workspace-relative paths, sorted for stable order).
 * Symbolic links to directories are not followed (their targets are either inside the workspace,
 * and so scanned in place, or outside it); links to files are listed, and `readArticle` refuses
 * those pointing outside the workspace (they then show up as skipped, with the reason).
 */
export async function listArticles(folder: Folder, selection: FileSelection, isCancelled: () => boolean, links?: Set<string>): Promise<string[]> {
  const out: string[] = [];
  const queue: string[] = [folder.fsPath];
  while (queue.length && !isCancelled() && out.length < MAX_FILES_PER_FOLDER) {
    const dir = queue.shift()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const rel = relativePath(full, folder.fsPath);
      if (rel === null) continue;
      if (entry.isDirectory()) {
        if (!selection.prunes(rel)) queue.push(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && selection.matches(rel)) {
        out.push(rel);
        if (entry.isSymbolicLink()) links?.add(rel);
        if (out.length >= MAX_FILES_PER_FOLDER) break;
      }
    }
  }
  return out;
}
