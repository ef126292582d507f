// A compact, exact text form of the engine's records: the persistent cache stores prepared
// articles in it (cache.ts encodeEntry), and `bench/corpus-profile.ts` whole analyses. Schema-free,
// so a new field in the engine's records needs no change here: arrays of records become tables
// (the keys written once, a key a record lacks marked as missing), and a record's `text` that is
// just the article's text between its `start` and `end` (or its `inner` span) is not repeated.
// Numbers JSON cannot carry (-0, NaN, ±Infinity) and `undefined` are tagged.
// decode(encode(a, t), t) deep-equals a.

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
      if (typeof o.start === 'number' && typeof o.end === 'number' && this.text.slice(o.start, o.end) === v) return [SPAN_TEXT];
      const inner = o.inner as { start?: unknown; end?: unknown } | undefined;
      if (isRecord(inner) && typeof inner.start === 'number' && typeof inner.end === 'number' && this.text.slice(inner.start, inner.end) === v) {
        return [INNER_TEXT];
      }
    }
    return this.value(v);
  }
}

type Values = unknown[];

/**
 * Object literals for the records the engine makes today, by their keys: a literal keeps every
 * field inside the object (records built field by field carry a separate property array, a third
 * bigger). Other key lists (a field added to the engine) are built field by field, just as right.
 */
const LITERALS: Record<string, (v: Values) => Record<string, unknown>> = {
  'start,end': (v) => ({ start: v[0], end: v[1] }),
  'start,end,text': (v) => ({ start: v[0], end: v[1], text: v[2] }),
  'start,end,kind': (v) => ({ start: v[0], end: v[1], kind: v[2] }),
  'start,end,kind,reason': (v) => ({ start: v[0], end: v[1], kind: v[2], reason: v[3] }),
  'start,end,paragraph': (v) => ({ start: v[0], end: v[1], paragraph: v[2] }),
  'start,end,text,entity,sentence': (v) => ({ start: v[0], end: v[1], text: v[2], entity: v[3], sentence: v[4] }),
  'key,name,type,aliases,roles,acronyms,formerNames': (v) => ({
    key: v[0], name: v[1], type: v[2], aliases: v[3], roles: v[4], acronyms: v[5], formerNames: v[6],
  }),
  'start,end,text,inner,kind,speaker,cue,attribution,sentence': (v) => ({
    start: v[0], end: v[1], text: v[2], inner: v[3], kind: v[4], speaker: v[5], cue: v[6], attribution: v[7], sentence: v[8],
  }),
  'start,end,text,kind,value,low,high,hedge,unit,measure,subject,scope,temporal,sentence': (v) => ({
    start: v[0], end: v[1], text: v[2], kind: v[3], value: v[4], low: v[5], high: v[6], hedge: v[7], unit: v[8],
    measure: v[9], subject: v[10], scope: v[11], temporal: v[12], sentence: v[13],
  }),
  'paragraphs,sentences,excluded,headline,dateline': (v) => ({ paragraphs: v[0], sentences: v[1], excluded: v[2], headline: v[3], dateline: v[4] }),
  'structure,entities,mentions,quotes,figures': (v) => ({ structure: v[0], entities: v[1], mentions: v[2], quotes: v[3], figures: v[4] }),
};

/**
 * A string that does not keep `s`'s source alive: JSON.parse returns longer strings as slices of
 * the text it parsed, which would keep a whole cache line or message in memory for each name.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
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
  constructor(private readonly text: string) {}

  value(e: Encoded): unknown {
    if (typeof e === 'string') return e.length < 13 ? shared(e) : ownString(e);
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
        const literal = Object.prototype.hasOwnProperty.call(LITERALS, keys.join(',')) ? LITERALS[keys.join(',')] : null;
        const out: Record<string, unknown>[] = [];
        for (let i = 2 + n; i < e.length; i += n) out.push(this.record(keys, literal, e, i));
        return out;
      }
      case OBJECT: {
        const n = e[1] as number;
        const keys = e.slice(2, 2 + n) as string[];
        const literal = Object.prototype.hasOwnProperty.call(LITERALS, keys.join(',')) ? LITERALS[keys.join(',')] : null;
        return this.record(keys, literal, e, 2 + n);
      }
      case NUMBER:
        return e[1] === '-0' ? -0 : Number(e[1]);
      case UNDEFINED:
        return undefined;
    }
    throw new Error(`bad tag ${String(e[0])}`);
  }

  private record(keys: string[], literal: ((v: Values) => Record<string, unknown>) | null, e: Encoded[], at: number): Record<string, unknown> {
    let textMark: number | null = null;
    let missing = false;
    const values: Values = [];
    for (let j = 0; j < keys.length; j++) {
      const cell = e[at + j];
      if (Array.isArray(cell)) {
        if (cell[0] === MISSING) {
          missing = true;
          values.push(MISSING_VALUE);
          continue;
        }
        if ((cell[0] === SPAN_TEXT || cell[0] === INNER_TEXT) && keys[j] === 'text') {
          textMark = cell[0];
          values.push('');
          continue;
        }
      }
      values.push(this.value(cell));
    }
    let o: Record<string, unknown>;
    if (literal && !missing) o = literal(values);
    else {
      o = {};
      for (let j = 0; j < keys.length; j++) if (values[j] !== MISSING_VALUE) o[keys[j]] = values[j];
    }
    if (textMark !== null) {
      const span = (textMark === SPAN_TEXT ? o : o.inner) as { start: number; end: number };
      o.text = span.end - span.start < 13 ? shared(this.text.slice(span.start, span.end)) : this.text.slice(span.start, span.end);
    }
    return o;
  }
}

const MISSING_VALUE = Symbol('missing');

/** The analysis of `text` as a compact JSON string. */
export function encodeAnalysis(analysis: ArticleAnalysis, text: string): string {
  return JSON.stringify(new Encoder(text).value(analysis));
}

/** Any plain value (records, arrays, strings, numbers …) in the same compact form, texts at spans of `text` left out. */
export function encodeValue(value: unknown, text: string): string {
  return JSON.stringify(new Encoder(text).value(value));
}

/** A value back from `encodeValue` (same `text`). Throws on malformed input. */
export function decodeValue(encoded: string, text: string): unknown {
  return new Decoder(text).value(JSON.parse(encoded) as Encoded);
}

/** The analysis back from `encodeAnalysis` (same `text`). Throws on malformed input. */
export function decodeAnalysis(encoded: string, text: string): ArticleAnalysis {
  const a = new Decoder(text).value(JSON.parse(encoded) as Encoded) as ArticleAnalysis;
  if (!isRecord(a) || !Array.isArray(a.entities) || !Array.isArray(a.figures) || !Array.isArray(a.quotes) || !Array.isArray(a.mentions)) {
    throw new Error('not an analysis');
  }
  return a;
}
