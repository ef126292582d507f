// The persistent analysis cache: what the cross-source index derives from each article alone (its
// prepared article: entities, quotes, claim figures, mentions, shingles — all the index needs; the
// full analysis of an article someone opens is computed again from its text), keyed by a hash of
// its text and of the analysis options, in one gzip'd JSON-lines file in the client's storage
// folder. Entries are encoded where the analysis ran (a worker thread: see encodeEntry), so the
// main thread only stores and writes strings. The first line names the format, the engine version and the
// index version; a file of other versions is never used.
// Read once at start (streamed; each entry is dropped from memory once used); after the first scan
// settles the file is rewritten (streamed again, written aside, then renamed) with only the
// entries in use, later analyses are appended as they come. Entries are ASCII (other characters
// escaped), so they are one-byte strings in memory. A file that cannot be read is discarded with a
// log line, never an error; so is an entry that does not decode. (Format 3 also stored each full
// analysis, never read when the prepared article was there: a file of that format is ignored.)

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { ENGINE_VERSION } from '../analysis/analyze';
import { INDEX_VERSION, validPrepared, type PreparedArticle } from '../analysis/corpus';
import { detach } from '../analysis/text';
import type { AnalyzeOptions } from '../analysis/types';
import { decodeValue, encodeValue } from './codec';

export const CACHE_FILE = 'analysis-cache.jsonl.gz';
export const CACHE_FORMAT = 4;
const FORMAT = CACHE_FORMAT;
/**
 * New entries held before a save during a scan (see `backlog`); a smaller workspace is saved once,
 * at the end. Saves stream their entries (see `write`): a cold scan of 10,000 articles through the
 * server peaked at 622–664 MB in eight runs with 250, 500 or 1,000 here, against 684/721 MB with
 * 2,000 saved as one buffer each (as before) and 649/667 MB with 2,000 streamed. 1,000 articles:
 * 251–257 MB against 249–259 MB.
 */
const SAVE_BACKLOG = 500;

/** JSON text with every character outside printable ASCII escaped (valid JSON still). */
function ascii(json: string): string {
  return json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Bytes read, and inflated, per step when streaming the file: each inflated chunk is a round trip
 * to libuv's thread pool, and zlib's default of 16 KiB made reading a 12 MB cache (~75 MB inflated)
 * take ~1 s, the main thread mostly idle waiting for it.
 */
const STREAM_CHUNK = 1 << 20;

/** The lines of a gzip'd ASCII file, streamed. */
async function* gzipLines(file: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(file, { highWaterMark: STREAM_CHUNK }).pipe(createGunzip({ chunkSize: STREAM_CHUNK }))) {
    const parts = (rest + (chunk as Buffer).toString('latin1')).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

export interface CacheHeader {
  format: number;
  engine: string;
  index: string;
}

/** The cache entry of an article's prepared article (ASCII; computed where the analysis ran). */
export function encodeEntry(prepared: PreparedArticle, text: string): string {
  return ascii(encodeValue({ ...prepared, quoteShingles: packShingles(prepared.quoteShingles) }, text));
}

/**
 * The prepared article back from its cache entry (encodeEntry's string, same text). Throws on an
 * entry that does not decode or is not well-formed (an entry is indexed without any analysis). No
 * string of the result is a slice of the entry: nothing keeps the entry alive.
 */
export function decodeEntry(entry: string, text: string): PreparedArticle {
  const prepared = decodeValue(entry, text) as PreparedArticle;
  if (typeof prepared === 'object' && prepared !== null) prepared.quoteShingles = unpackShingles(prepared.quoteShingles as unknown) as number[][];
  if (!validPrepared(prepared, text.length)) throw new Error('a malformed prepared article');
  return prepared;
}

/** Hash of the text, and of the options when there are any: the cache key of an analysis. */
export function cacheKey(text: string, options: AnalyzeOptions): string {
  const h = createHash('sha1').update(text).digest('base64url');
  const aliases = options.aliases ?? [];
  const ignore = options.ignore ?? [];
  if (!aliases.length && !ignore.length) return h;
  return `${h}.${createHash('sha1').update(JSON.stringify([aliases, ignore])).digest('base64url').slice(0, 12)}`;
}

export class AnalysisCache {
  /** Entries read from the file and not used yet (until the first rewrite). */
  private loaded = new Map<string, string>();
  /** Keys of entries read from the file and used (they stay in the file at the rewrite). */
  private used = new Set<string>();
  /** Whether the file read at start is ours (same versions): the rewrite keeps its entries in use. */
  private source = false;
  /** Entries not in the file yet. */
  private fresh = new Map<string, string>();
  /** Keys in the file (after the first rewrite, appended ones included). */
  private written = new Set<string>();
  private rewritten = false;
  /** How many entries the file read at start held. */
  private fileEntries = 0;
  private saving: Promise<void> = Promise.resolve();
  readonly file: string | null;

  constructor(
    dir: string | undefined,
    private readonly log: (message: string) => void,
    private readonly engine = ENGINE_VERSION,
    private readonly index = INDEX_VERSION,
  ) {
    this.file = dir ? path.join(dir, CACHE_FILE) : null;
  }

  get enabled(): boolean {
    return this.file !== null;
  }

  /**
   * Whether enough new entries wait to be written that a save should not wait for the scan's end
   * (a first scan of a large workspace would hold every article's entry): only when no entry read
   * from the file waits to be used, as a rewrite keeps only those used so far.
   */
  get backlog(): boolean {
    return this.file !== null && this.loaded.size === 0 && this.fresh.size >= SAVE_BACKLOG;
  }

  /** Entries held in memory (read or new). */
  get size(): number {
    return this.loaded.size + this.fresh.size;
  }

  /** Reads the file. Never throws: an unreadable, corrupt or other-version file is ignored. */
  async load(): Promise<void> {
    if (!this.file) return;
    try {
      await fs.access(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`analysis cache ${this.file} unreadable (${String(e)}); starting without it`);
      return;
    }
    const entries = new Map<string, string>();
    try {
      let header: Partial<CacheHeader> | null = null;
      for await (const line of gzipLines(this.file)) {
        if (header === null) {
          header = JSON.parse(line) as Partial<CacheHeader>;
          if (typeof header.format !== 'number' || typeof header.engine !== 'string' || typeof header.index !== 'string') throw new Error('no header');
          if (header.format !== FORMAT || header.engine !== this.engine || header.index !== this.index) {
            this.log(`analysis cache ${this.file} is from engine ${header.engine} (index ${header.index}, format ${header.format}), not ${this.engine} (index ${this.index}, format ${FORMAT}); ignored`);
            return;
          }
          continue;
        }
        const tab = line.indexOf('\t');
        // (The key is copied: a slice of the line would keep the line alive after the entry is used.)
        if (tab <= 0) continue;
        entries.set(detach(line.slice(0, tab)), line.slice(tab + 1));
      }
      if (header === null) throw new Error('empty');
    } catch (e) {
      this.log(`analysis cache ${this.file} is corrupt (${e instanceof Error ? e.message : String(e)}); discarded`);
      await fs.rm(this.file, { force: true }).catch(() => {});
      return;
    }
    this.loaded = entries;
    this.source = true;
    this.fileEntries = entries.size;
  }

  /** The cached prepared article of `text` under `key`, or undefined. A bad entry is dropped with a log line. */
  get(key: string, text: string): PreparedArticle | undefined {
    const entry = this.fresh.get(key) ?? this.loaded.get(key);
    if (entry === undefined) return undefined;
    // Read from the file: used once (the article then lives in the index), kept in the file.
    if (this.loaded.delete(key)) this.used.add(key);
    try {
      return decodeEntry(entry, text);
    } catch (e) {
      this.log(`analysis cache: entry ${key} is corrupt (${e instanceof Error ? e.message : String(e)}); analysing again`);
      this.used.delete(key);
      this.fresh.delete(key);
      return undefined;
    }
  }

  has(key: string): boolean {
    return this.fresh.has(key) || this.loaded.has(key) || this.used.has(key) || this.written.has(key);
  }

  /** Records an entry (encodeEntry's string for the text hashed to `key`). */
  put(key: string, entry: string): void {
    if (!this.file || this.has(key)) return;
    this.fresh.set(key, entry);
  }

  /**
   * Writes what is new, in the background. The first time (or with `compact`), the file is
   * rewritten with the entries whose keys are `live` (written elsewhere, then renamed); after that
   * new entries are appended. Entries written are dropped from memory.
   */
  save(live: ReadonlySet<string>, compact = false): Promise<void> {
    // (Entries put after this call are not in `live` yet: kept for the next save, not dropped.)
    const asked = new Set(this.fresh.keys());
    this.saving = this.saving.then(() => this.write(live, compact, asked)).catch((e) => this.log(`analysis cache not saved: ${String(e)}`));
    return this.saving;
  }

  private async write(live: ReadonlySet<string>, compact: boolean, asked: ReadonlySet<string>): Promise<void> {
    if (!this.file) return;
    if (!this.rewritten && !compact && this.source && this.fresh.size === 0 && this.loaded.size === 0 && this.used.size === this.fileEntries && [...this.used].every((k) => live.has(k))) {
      // Every entry of the file read at start is in use and none is new (a warm start of an
      // unchanged workspace): the file is what a rewrite would write, and is kept as it is.
      this.rewritten = true;
      this.source = false;
      this.written = this.used;
      this.used = new Set();
      return;
    }
    if (!this.rewritten || compact) {
      // Streamed: the entries in use from the file read at start (read again), then the new ones.
      const file = this.file;
      const source = this.source && !this.rewritten ? file : null;
      const fresh = this.fresh;
      const keys = new Set<string>();
      const header = JSON.stringify({ format: FORMAT, engine: this.engine, index: this.index } satisfies CacheHeader);
      const self = this;
      async function* content(): AsyncGenerator<string> {
        yield `${header}\n`;
        if (source) {
          let first = true;
          try {
            for await (const line of gzipLines(source)) {
              if (first) {
                first = false;
                if (line !== header) break; // changed since it was read: its entries are not kept
                continue;
              }
              const tab = line.indexOf('\t');
              const k = tab > 0 ? line.slice(0, tab) : '';
              if (tab > 0 && live.has(k) && self.used.has(k) && !keys.has(k)) {
                keys.add(detach(k)); // not a slice of the line, which it would keep in memory
                yield `${line}\n`;
              }
            }
          } catch {
            // unreadable now: its entries are analysed again next time
          }
        }
        for (const [k, e] of fresh) {
          if (live.has(k) && !keys.has(k)) {
            keys.add(k);
            yield `${k}\t${e}\n`;
          }
        }
      }
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        await pipeline(batched(content()), createGzip(), createWriteStream(tmp));
        await fs.rename(tmp, file);
      } catch (e) {
        await fs.rm(tmp, { force: true }).catch(() => {});
        throw e;
      }
      this.rewritten = true;
      this.source = false;
      this.written = keys;
      this.loaded = new Map();
      this.used = new Set();
      // Entries added while writing stay for the next save.
      for (const k of keys) this.fresh.delete(k);
      return;
    }
    const out = new Map<string, string>();
    const later = new Map<string, string>();
    for (const [k, e] of this.fresh) {
      if (live.has(k)) out.set(k, e);
      else if (!asked.has(k)) later.set(k, e);
    }
    this.fresh = later;
    if (!out.size) return;
    // A gzip file may hold several members one after another: an append is one more. Streamed in
    // pieces (batched): joined into one string and one buffer first, the entries were held three
    // times over while they were compressed.
    for (const k of out.keys()) this.written.add(k);
    async function* lines(): AsyncGenerator<string> {
      for (const [k, e] of out) yield `${k}\t${e}\n`;
    }
    await pipeline(batched(lines()), createGzip(), createWriteStream(this.file, { flags: 'a' }));
  }

  /** Waits for a save under way. */
  flushed(): Promise<void> {
    return this.saving;
  }
}

/**
 * Characters (entries are ASCII: bytes) handed to the compressor at once when writing: each write
 * to a zlib stream is a round trip to libuv's thread pool.
 */
const WRITE_CHUNK = 1 << 16;

/** Lines joined into strings of about WRITE_CHUNK characters (the last one shorter). */
async function* batched(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let parts: string[] = [];
  let n = 0;
  for await (const line of lines) {
    parts.push(line);
    n += line.length;
    if (n >= WRITE_CHUNK) {
      yield parts.join('');
      parts = [];
      n = 0;
    }
  }
  if (parts.length) yield parts.join('');
}

/** Quote shingles (30-bit integers) as base64 of their 32-bit little-endian bytes, a string per quote: half the size of decimal JSON. */
function packShingles(xs: ArrayLike<number>[]): string[] {
  // (one buffer for all the quotes, each encoded from its range: a Buffer per quote cost more than its encoding)
  const starts: number[] = [];
  let n = 0;
  for (const sh of xs) {
    starts.push(n);
    n += sh.length;
  }
  const all = new Int32Array(n);
  xs.forEach((sh, i) => all.set(sh, starts[i]));
  const bytes = Buffer.from(all.buffer);
  return starts.map((s, i) => bytes.toString('base64', 4 * s, 4 * (s + xs[i].length)));
}

/** The shingles back (anything else is left for validPrepared to refuse). */
function unpackShingles(xs: unknown): unknown {
  if (!Array.isArray(xs) || !xs.every((x) => typeof x === 'string')) return xs;
  return xs.map((x: string) => {
    const b = Buffer.from(x, 'base64');
    if (b.length % 4 !== 0) return [NaN];
    const out: number[] = new Array(b.length / 4);
    for (let i = 0; i < out.length; i++) out[i] = b.readInt32LE(i * 4);
    return out;
  });
}
