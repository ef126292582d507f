// Text primitives shared by every extractor: decoding saved files, line/column conversion,
// and small character-class helpers. Offsets are UTF-16 code units throughout (as in JS and LSP).

export interface Position {
  line: number;
  character: number;
}

/** Maps offsets to 0-based line/character positions. Lines end at \r\n, \n or a lone \r. */
export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    const starts = [0];
    // (Most texts break lines with \n alone: found by indexOf, which V8 runs over many characters
    // at a time; publishing a workspace's diagnostics builds one index per article.)
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + Math.max(0, pos.character), next));
  }
}

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'; warning?: string }
  | { ok: false; reason: string };

/** (Shared: a decode without `stream` keeps no state, even after an error.) */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a saved article. UTF-8 (with or without BOM) and UTF-16 with a BOM are read;
 * a file with NUL bytes and no UTF-16 BOM is binary. Invalid UTF-8 is decoded with
 * U+FFFD replacements and a warning, so nothing else in the file is lost.
 */
export function decodeArticle(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  // (indexOf is a native byte scan: a loop here was a fifth of a warm start's reading time)
  if (bytes.subarray(0, 1 << 16).indexOf(0) >= 0) return { ok: false, reason: 'binary file (NUL bytes), not an article' };
  let body = bytes;
  let encoding: 'utf-8' | 'utf-8-bom' = 'utf-8';
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    encoding = 'utf-8-bom';
  }
  try {
    return { ok: true, text: STRICT_UTF8.decode(body), encoding };
  } catch {
    return {
      ok: true,
      text: new TextDecoder('utf-8').decode(body),
      encoding,
      warning: 'invalid UTF-8: undecodable bytes shown as U+FFFD',
    };
  }
}

/** Removes a leading U+FEFF (editors may hand it over as text). Offsets then count from after it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JavaScript's \s (WhiteSpace and LineTerminator), for one UTF-16 unit. */
export function isJsSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `s.replace(/\s+/g, ' ')`, without building a new string when every space is already a single ' '. */
export function collapseSpaces(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isJsSpace(c) && (c !== 32 || isJsSpace(s.charCodeAt(i + 1)))) return s.replace(/\s+/g, ' ');
  }
  return s;
}

export function isUpperLetter(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Normalises typographic variants so rules can match on one form. Keeps the length unchanged. */
export function foldQuotes(s: string): string {
  return s.replace(/[’‘`´]/g, "'").replace(/[“”„‟«»]/g, '"');
}

/**
 * A copy of a string that shares no memory with the one it came from. V8 makes a substring of 13
 * or more characters a view into its parent string, which then lives as long as the substring: a
 * key kept in a memo (a name's run, a quotation's words, a pair of quotations compared) kept its
 * whole article alive, and every edit of an open article that changed a name or a quotation
 * pinned one more copy of it, up to the memos' bounds (50,000 runs: gigabytes at worst); a string
 * JSON.parse returns keeps the line it parsed. Concatenation then slicing makes V8 copy the
 * characters.
 */
export function detach(x: string): string {
  return x.length < 13 ? x : (' ' + x).slice(1);
}

/**
 * Whether `text.slice(start, end) === v`, without making the slice when the span lies inside the
 * text (the records' spans always do; any other span is sliced, so the answer is the same).
 */
export function spanIs(text: string, start: number, end: number, v: string): boolean {
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length) {
    return v.length === end - start && text.startsWith(v, start);
  }
  return text.slice(start, end) === v;
}

/**
 * Entries an engine memo keeps at most; the memo is cleared when full. An article asks a few hundred
 * questions of each memo, so a keystroke's analysis finds its article's answers at this size too.
 * On articles it has not seen, the engine ran as fast with 5,000 as with 50,000 (after a warm-up,
 * 5,000 generated articles, three alternating rounds: 5.73 / 5.12 / 5.76 MB/s against 5.15 / 5.21 /
 * 5.62), and its memos held 6.5 MB instead of 22.5 MB after them. Each worker thread holds its
 * own: a cold scan of 10,000 articles through the server peaked at 594 / 597 MB against 621 / 692
 * MB (alternating pairs), each worker's heap at 46 MB instead of 68 MB.
 */
export const MEMO_LIMIT = 5_000;

/**
 * Remembers `value` under a copy of `key` (see detach: a key cut from an article would keep the
 * article alive), clearing the memo first when it is full. The one way the engine's memos are set.
 */
export function memoSet<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(detach(key), value);
}

/**
 * A table of lower-case words looked up at a span of a text without making a string: the span's
 * ASCII capitals are folded to lower case by char code into a hash, and only the few table words
 * with that hash are compared. The engine asks about most words of an article (is it a function
 * word, a role, a share-bar word), and slicing and lower-casing each was a good part of its time.
 * A span with a character beyond ASCII is sliced and lower-cased (rare), so every caller gets one
 * answer for any span.
 */
export class FoldedWords<V> {
  private readonly byHash = new Map<number, { w: string; v: V }[]>();
  /** The same words by string, for a span with a character beyond ASCII (looked up lower-cased). */
  private readonly byWord = new Map<string, V>();
  /** The longest word's length (a longer span is never in the table). */
  private readonly longest: number;

  constructor(entries: Iterable<readonly [string, V]>) {
    let longest = 0;
    for (const [w, v] of entries) {
      const h = foldedHash(w);
      const list = this.byHash.get(h);
      if (list) list.push({ w, v });
      else this.byHash.set(h, [{ w, v }]);
      if (w.length > longest) longest = w.length;
      this.byWord.set(w, v);
    }
    this.longest = longest;
  }

  /** The value of text[s, e) in lower case; undefined when it is not in the table. */
  at(text: string, s: number, e: number): V | undefined {
    if (e - s > this.longest) return undefined; // (lower-casing never shortens a string)
    let h = 0;
    for (let i = s; i < e; i++) {
      let c = text.charCodeAt(i);
      if (c > 127) return this.byWord.get(text.slice(s, e).toLowerCase());
      if (c >= 65 && c <= 90) c += 32;
      h = (Math.imul(h, 31) + c) | 0;
    }
    const list = this.byHash.get(h);
    if (list === undefined) return undefined;
    next: for (const { w, v } of list) {
      if (w.length !== e - s) continue;
      for (let i = 0; i < w.length; i++) {
        let c = text.charCodeAt(s + i);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== w.charCodeAt(i)) continue next;
      }
      return v;
    }
    return undefined;
  }
}

function foldedHash(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  return h;
}

/**
 * The characters beyond Latin-1 that copied articles are full of — typographic quotation marks,
 * dashes, the ellipsis, bullets, the euro sign, invisible spaces — at most 32 (see packText).
 */
const PACKED_MARKS =
  '\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u2039\u203a\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2026\u2022\u20ac\u2122\u2030\ufeff\u200b\u200e\u200f\u2009\u202f\u2002\u2003';
const PACK_CODE = new Int8Array(0x10000).fill(-1);
for (let i = 0; i < PACKED_MARKS.length; i++) PACK_CODE[PACKED_MARKS.charCodeAt(i)] = i;
const PACKED_RE = /[\x80-\x9f]/g;
const unpackMark = (c: string) => PACKED_MARKS[c.charCodeAt(0) - 0x80];

/**
 * An article's text in one byte per character, or null when it cannot be (or need not be). V8 keeps
 * a string at two bytes per character as soon as one character is beyond Latin-1, and nearly
 * every article holds a curly quotation mark or a dash: at 10,000 articles the index's texts were
 * 83 MB of heap. A text whose characters beyond Latin-1 are all PACKED_MARKS, and that holds none
 * of the C1 control characters (U+0080–U+009F, which no text uses; one that does is not packed),
 * is kept with each mark as a C1 control character: same length, same offsets, the line breaks
 * where they were (a LineIndex of it is the text's). unpackText gives the text back.
 */
export function packText(text: string): string | null {
  let marks = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c <= 0x9f) return null;
    if (c > 0xff) {
      if (PACK_CODE[c] < 0) return null;
      marks = true;
    }
  }
  if (!marks) return null;
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[i] = c > 0xff ? 0x80 + PACK_CODE[c] : c;
  }
  return bytes.toString('latin1');
}

/**
 * Whether `packed`, a packText result, is `text` packed — worked out without packing `text` (an
 * index compares every text it reads again, a rescan's and a watched file's, with the one it
 * keeps). A text with a C1 control character, or a character beyond the marks, is not.
 */
export function isPackOf(packed: string, text: string): boolean {
  if (packed.length !== text.length) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const p = packed.charCodeAt(i);
    if (c > 0xff) {
      if (PACK_CODE[c] < 0 || p !== 0x80 + PACK_CODE[c]) return false;
    } else if (c !== p || (c >= 0x80 && c <= 0x9f)) return false;
  }
  return true;
}

/** The text packText packed (or any part of it: a slice of a packed text unpacks to the same slice of the text). */
export function unpackText(packed: string): string {
  return packed.replace(PACKED_RE, unpackMark);
}
