// A compact, exact text form of the engine's records: the persistent cache stores prepared
// articles in it (cache.ts encodeEntry), and `bench/corpus-profile.ts` whole analyses. Schema-free,
// so a new field in the engine's records needs no change here: arrays of records become tables
// (the keys written once, a key a record lacks marked as missing), and a record's `text` that is
// just the article's text between its `start` and `end` (or its `inner` span) is not repeated.
// Numbers JSON cannot carry (-0, NaN, ±Infinity) and `undefined` are tagged.
// decode(encode(a, t), t) deep-equals a.

import { detach, spanIs } from '../analysis/text';
import type { ArticleAnalysis } from '../analysis/types';

// Every encoded array starts with one of these tags; strings, booleans, null and finite numbers
// stand for themselves.
const ARRAY = 0;
const TABLE = 1;
const OBJECT = 2;
const NUMBER = 3;
const UNDEFINED = 4;
const SPAN_TEXT = 5;
const INNER_TEXT = 6;
const MISSING = 7;

type Encoded = string | number | boolean | null | Encoded[];

function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The keys of records in first-seen order, or null when a record's keys come in another order than the union's. */
function unionKeys(xs: Record<string, unknown>[]): string[] | null {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const x of xs) {
    let at = 0;
    for (const k of Object.keys(x)) {
      if (!seen.has(k)) {
        // A new key must come after every known key this record has, so decoding keeps its order.
        seen.add(k);
        keys.push(k);
        at = keys.length;
        continue;
      }
      const i = keys.indexOf(k, at);
      if (i < 0) return null;
      at = i + 1;
    }
  }
  return keys;
}

class Encoder {
  constructor(private readonly text: string) {}

  value(v: unknown): Encoded {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return Number.isFinite(v) && !Object.is(v, -0) ? v : [NUMBER, String(Object.is(v, -0) ? '-0' : v)];
      case 'undefined':
        return [UNDEFINED];
      case 'object':
        if (v === null) return null;
        if (Array.isArray(v)) return this.array(v);
        if (isRecord(v)) {
          const keys = Object.keys(v);
          const out: Encoded[] = [OBJECT, keys.length, ...keys];
          for (const k of keys) out.push(this.field(v, k));
          return out;
        }
    }
    throw new Error(`cannot encode a ${typeof v}`);
  }

  private array(xs: unknown[]): Encoded {
    if (xs.length >= 2 && xs.every(isRecord)) {
      const records = xs as Record<string, unknown>[];
      const keys = unionKeys(records);
      if (keys) {
        const out: Encoded[] = [TABLE, keys.length, ...keys];
        for (const x of records) for (const k of keys) out.push(Object.prototype.hasOwnProperty.call(x, k) ? this.field(x, k) : [MISSING]);
        return out;
      }
    }
    const out: Encoded[] = [ARRAY];
    for (const x of xs) out.push(this.value(x));
    return out;
  }

  /** A record's field; its `text` is left out when the article's text at its span (or inner span) says the same. */
  private field(o: Record<string, unknown>, k: string): Encoded {
    const v = o[k];
    if (k === 'text' && typeof v === 'string') {
      if (typeof o.start === 'number' && typeof o.end === 'number' && spanIs(this.text, o.start, o.end, v)) return [SPAN_TEXT];
      const inner = o.inner as { start?: unknown; end?: unknown } | undefined;
      if (isRecord(inner) && typeof inner.start === 'number' && typeof inner.end === 'number' && spanIs(this.text, inner.start, inner.end, v)) {
        return [INNER_TEXT];
      }
    }
    return this.value(v);
  }
}

/**
 * A record's fields decoded straight into one object literal made for its keys (built once per
 * key list, and only from keys that are plain identifiers): a literal keeps every field inside the
 * object (records built field by field carry a separate property array, a third bigger), and no
 * array of values is made per record on the way (a warm start decodes ~10⁶ records).
 */
type Build = (e: Encoded[], at: number, d: Decoder) => Record<string, unknown>;
const builds = new Map<string, Build | null>();
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
function buildFor(keys: string[]): Build | null {
  const id = keys.join(',');
  let b = builds.get(id);
  if (b === undefined) {
    b = null;
    if (keys.every((k) => IDENTIFIER.test(k) && k !== '__proto__') && new Set(keys).size === keys.length) {
      const fields = keys.map((k, j) => `${k}: d.${k === 'text' ? 'textCell' : 'cell'}(e[at + ${j}])`);
      b = new Function('e', 'at', 'd', `return { ${fields.join(', ')} };`) as Build;
      // One record of nulls first: then every field of the literal's hidden class holds any value
      // (V8's "tagged" fields). Otherwise a field that only ever held numbers is a double field, and
      // V8 boxes each record's number in a heap object of its own — a figure's value and low end:
      // 460,000 boxes, 7.4 MB, in a warm server at 10,000 articles — where a small integer in a
      // tagged field takes no box at all.
      b(new Array<Encoded>(keys.length).fill(null), 0, PRIMER);
    }
    if (builds.size < 1000) builds.set(id, b);
  }
  return b;
}

/**
 * Short strings decoded, one copy each: kinds, units, measures, local keys, hedges recur in every
 * article (thousands of copies of "direct" or "e1" otherwise). Bounded: past the limit, new ones
 * are not kept.
 */
const shortStrings = new Map<string, string>();
const MAX_SHORT_STRINGS = 50_000;
function shared(s: string): string {
  const have = shortStrings.get(s);
  if (have !== undefined) return have;
  if (shortStrings.size < MAX_SHORT_STRINGS) shortStrings.set(s, s);
  return s;
}

class Decoder {
  /** The tag of the text cell of the record being built (SPAN_TEXT, INNER_TEXT), or 0. */
  private textMark = 0;

  constructor(private readonly text: string) {}

  value(e: Encoded): unknown {
    // (JSON.parse returns strings of up to 10 characters already shared — V8 internalises them,
    // one copy each — and strings of 13 or more as slices of the text it parsed: those are copied,
    // not to keep a whole cache line or message in memory for each name. The 11 and 12 long are
    // fresh copies, shared here.)
    if (typeof e === 'string') return e.length <= 10 ? e : e.length < 13 ? shared(e) : detach(e);
    if (!Array.isArray(e)) return e;
    switch (e[0]) {
      case ARRAY: {
        const out: unknown[] = new Array(e.length - 1);
        for (let i = 1; i < e.length; i++) out[i - 1] = this.value(e[i]);
        return out;
      }
      case TABLE: {
        const n = e[1] as number;
        const keys = e.slice(2, 2 + n) as string[];
        const build = buildFor(keys);
        const out: Record<string, unknown>[] = [];
        for (let i = 2 + n; i < e.length; i += n) out.push(this.record(keys, build, e, i));
        return out;
      }
      case OBJECT: {
        const n = e[1] as number;
        const keys = e.slice(2, 2 + n) as string[];
        return this.record(keys, buildFor(keys), e, 2 + n);
      }
      case NUMBER:
        return e[1] === '-0' ? -0 : Number(e[1]);
      case UNDEFINED:
        return undefined;
    }
    throw new Error(`bad tag ${String(e[0])}`);
  }

  /** A field's value (Build's callback). */
  cell(x: Encoded): unknown {
    return typeof x === 'string' || (typeof x === 'object' && x !== null) ? this.value(x) : x;
  }

  /** A `text` field's value: left out when it is the article's text at the record's span (filled in by `record`). */
  textCell(x: Encoded): unknown {
    if (Array.isArray(x) && (x[0] === SPAN_TEXT || x[0] === INNER_TEXT)) {
      this.textMark = x[0];
      return '';
    }
    return this.cell(x);
  }

  private record(keys: string[], build: Build | null, e: Encoded[], at: number): Record<string, unknown> {
    let missing = false;
    for (let j = 0; j < keys.length; j++) {
      const cell = e[at + j];
      if (Array.isArray(cell) && cell[0] === MISSING) {
        missing = true;
        break;
      }
    }
    // (Records nest — a quote's `inner` span — and each has its own text mark.)
    const outer = this.textMark;
    this.textMark = 0;
    let o: Record<string, unknown>;
    if (build && !missing) o = build(e, at, this);
    else {
      // (A key the record lacks, or keys no literal is made for: field by field.)
      o = {};
      for (let j = 0; j < keys.length; j++) {
        const cell = e[at + j];
        if (Array.isArray(cell) && cell[0] === MISSING) continue;
        const v = keys[j] === 'text' ? this.textCell(cell) : this.cell(cell);
        Object.defineProperty(o, keys[j], { value: v, writable: true, enumerable: true, configurable: true });
      }
    }
    const textMark = this.textMark;
    this.textMark = outer;
    if (textMark !== 0) {
      const span = (textMark === SPAN_TEXT ? o : o.inner) as { start: number; end: number };
      o.text = span.end - span.start < 13 ? shared(this.text.slice(span.start, span.end)) : this.text.slice(span.start, span.end);
    }
    return o;
  }
}

/** The decoder that builds buildFor's record of nulls (its cells are null: no text is read). */
const PRIMER = new Decoder('');

/** Any plain value (records, arrays, strings, numbers …) as a compact JSON string, texts at spans of `text` left out. */
export function encodeValue(value: unknown, text: string): string {
  return JSON.stringify(new Encoder(text).value(value));
}

/** A value back from `encodeValue` (same `text`). Throws on malformed input. */
export function decodeValue(encoded: string, text: string): unknown {
  return new Decoder(text).value(JSON.parse(encoded) as Encoded);
}

/** The analysis of `text` as a compact JSON string (encodeValue, typed). */
export function encodeAnalysis(analysis: ArticleAnalysis, text: string): string {
  return encodeValue(analysis, text);
}

/** The analysis back from `encodeAnalysis` (same `text`). Throws on malformed input, or on a value that is not an analysis. */
export function decodeAnalysis(encoded: string, text: string): ArticleAnalysis {
  const a = decodeValue(encoded, text) as ArticleAnalysis;
  if (!isRecord(a) || !Array.isArray(a.entities) || !Array.isArray(a.figures) || !Array.isArray(a.quotes) || !Array.isArray(a.mentions)) {
    throw new Error('not an analysis');
  }
  return a;
}
