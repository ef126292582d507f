// Quotations: pairs quotation marks (straight, curly, mis-typed closers, quotes running over
// paragraphs), tells direct quotes, partial quotes and terms apart, and attributes speakers from
// speech verbs on either side, "according to", "quoted as saying", pronouns and descriptions.

import { ORG_DESCRIPTIONS, ROLE_NOUNS, SPEECH_VERB_TABLE, SPEECH_VERBS } from './gazetteer';
import { isExcluded, sentenceAt } from './structure';
import { collapseSpaces, isJsSpace } from './text';
import type { ArticleStructure, LocalEntity, Mention, Quote, QuoteKind, Span } from './types';


/** “ „ « (marks are read by char code) */
const isOpenOnly = (c: number) => c === 0x201c || c === 0x201e || c === 0xab;
/** » */
const isCloseOnly = (c: number) => c === 0xbb;
/** " ” */
const isAmbiguous = (c: number) => c === 34 || c === 0x201d;

const MARK_RE = /["“”„«»]/g;

interface RawQuote {
  start: number;
  end: number;
  /** inner spans per paragraph */
  parts: Span[];
}

/** /[\s(\[{—–-]/ for a char code, or no character (-1). */
const isSpace = (c: number) => c === -1 || c === 40 || c === 91 || c === 123 || c === 0x2014 || c === 0x2013 || c === 45 || isJsSpace(c);

/**
 * Pairs double quotation marks. Marks are read by context, not only by glyph, so a closing mark
 * typed as an opener (`is ” a question of…”`) still pairs. A quote left open at a paragraph end
 * continues when the next paragraph opens with a mark (the convention for quotes running over
 * paragraphs); otherwise a short unclosed quote runs to the paragraph end.
 */
function pairMarks(text: string, structure: ArticleStructure): RawQuote[] {
  const out: RawQuote[] = [];
  const paras = structure.paragraphs;
  let open: { start: number; parts: Span[]; partStart: number } | null = null;
  // Every mark's position, found in one pass (a scan restarted per paragraph would read ahead to the
  // next mark anywhere in the text: quadratic on an article without quotation marks).
  const marks: number[] = [];
  MARK_RE.lastIndex = 0;
  for (let m = MARK_RE.exec(text); m; m = MARK_RE.exec(text)) marks.push(m.index);
  let mk = 0;
  const opensWithMark = (i: number) => {
    const p = paras[i];
    if (!p || p.kind !== 'body') return false;
    const c = text.charCodeAt(p.start);
    return c === 34 || isOpenOnly(c);
  };
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi];
    if (p.kind === 'furniture' || p.kind === 'meta') { open = null; continue; }
    let from = p.start;
    if (open) {
      // carried over from the previous paragraph: skip this paragraph's re-opening mark
      open.partStart = p.start + 1;
      from = p.start + 1;
    }
    while (mk < marks.length && marks[mk] < from) mk++;
    for (; mk < marks.length && marks[mk] < p.end; mk++) {
      const i = marks[mk];
      const ch = text.charCodeAt(i);
      const prev = i > p.start ? text.charCodeAt(i - 1) : -1;
      const next = i + 1 < p.end ? text.charCodeAt(i + 1) : -1;
      const openerContext = isSpace(prev) && next !== -1 && !isJsSpace(next);
      const spaced = isSpace(prev) && next !== -1 && isJsSpace(next);
      if (!open) {
        if (isOpenOnly(ch) || (isAmbiguous(ch) && (openerContext || spaced))) open = { start: i, parts: [], partStart: i + 1 };
        continue; // a stray closer with no opener is ignored
      }
      if (isOpenOnly(ch) && openerContext && i > open.partStart) {
        // an opener while a quote is open: the earlier mark was unbalanced; start again here
        open = { start: i, parts: [], partStart: i + 1 };
        continue;
      }
      if (isCloseOnly(ch) || isAmbiguous(ch) || isOpenOnly(ch)) {
        out.push({ start: open.start, end: i + 1, parts: [...open.parts, { start: open.partStart, end: i }] });
        open = null;
      }
    }
    if (open) {
      if (opensWithMark(pi + 1)) {
        open.parts.push({ start: open.partStart, end: p.end });
      } else {
        if (p.end - open.partStart <= 400 && p.end - open.partStart > 1 && open.parts.length === 0) {
          out.push({ start: open.start, end: p.end, parts: [{ start: open.partStart, end: p.end }] });
        }
        open = null;
      }
    }
  }
  return out;
}

/** A single quotation mark at the text's start or after a space, bracket or dash. */
const OPENING_SINGLE = /(?<![^\s(\[—–])[‘']/g;

/** Single curly quotes ‘…’ used at top level (terms, nicknames), not apostrophes. */
function singleQuotes(text: string, structure: ArticleStructure, doubles: RawQuote[]): RawQuote[] {
  const out: RawQuote[] = [];
  // The opening mark must follow a space, bracket or dash (not a letter: "don't"). Such marks are
  // found first (OPENING_SINGLE); the sticky regex runs only at them (at the others, most of them
  // apostrophes, it would read up to 60 characters ahead for a match that is then rejected).
  const re = /[‘'](\p{L}[^‘’'"“”\n]{0,60}?\p{L}|\p{L})[’'](?=[\s,.;:!?)\]—–]|$)/uy;
  let di = 0;
  OPENING_SINGLE.lastIndex = 0;
  for (let o = OPENING_SINGLE.exec(text); o; o = OPENING_SINGLE.exec(text)) {
    const s = o.index;
    re.lastIndex = s;
    const m = re.exec(text);
    if (!m) continue;
    const e = s + m[0].length;
    OPENING_SINGLE.lastIndex = e; // the search goes on after the match
    while (di < doubles.length && doubles[di].end <= s) di++;
    if (di < doubles.length && doubles[di].start <= s && e <= doubles[di].end) continue; // nested inside a double quote
    if (m[1].split(/\s+/).length > 6) continue;
    if (isExcluded(structure, s, e)) continue;
    out.push({ start: s, end: e, parts: [{ start: s + 1, end: e - 1 }] });
  }
  return out;
}

const TERM_CUE = /\b(?:so-called|dubbed|called|calls?|calling|known as|referred to as|refer to as|labell?ed(?: as)?|branded(?: as)?|described as|nicknamed|named|termed|the term|the word|the phrase|the label|the slogan|titled|entitled|a|an|the|its|their|his|her|of|as)\s*$/i;
const CHARACTERISE = /\b(?:described|describes|describing|called|calls|calling|dismissed|dismisses|branded|brands|labelled|labeled)\s+(?:the|this|that|it|its|his|her|their|them|him|a|an)\b[^.“”"]{0,60}?\bas\s*$|\b(?:called|calls|calling)\s+(?:the|this|that|it|its|his|her|their|them|him)\b[^.“”"]{0,60}?\s$/i;
/** What CHARACTERISE's second form needs (called, calls, calling). */
const CALL = /call/i;
const LABEL_CUE = /\b(?:so-called|dubbed|called|known as|referred to as|labell?ed(?: as)?|branded(?: as)?|nicknamed|termed|the term|the word|the phrase|the label|the slogan|titled|entitled)\s*(?:a|an|the)?\s*$/i;
const VERB_ALT_ = [...SPEECH_VERBS].filter((v) => /^[a-z]+$/.test(v)).sort((a, b) => b.length - a.length).join('|');
const VERB_ALT = VERB_ALT_;
const OBJECT_LABEL = new RegExp(String.raw`\b(?:declared|declares|declare|announced|announces|imposed|imposes|lifted|issued|ordered|set up)\s+(?:a|an|the)\s*$`, 'i');
/** "… announced a “…”": a verb and an article right before a short quote make it a term. */
const VERB_OBJECT_CUE = new RegExp(String.raw`\b(?:${VERB_ALT}|imposed|lifted|set up|issued)\s+(?:a|an|the)\s*$`, 'i');

/** The last speech verb in `s` (a word scan with set look-ups: faster than a 200-way alternation). */
function lastSpeechVerb(s: string): { index: number; 0: string } | null {
  return speechVerbIn(s, true);
}

/** The first speech verb in `s`. */
function firstSpeechVerb(s: string): { index: number; 0: string } | null {
  return speechVerbIn(s, false);
}


const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** The end of the run of ASCII letters (a word of /[A-Za-z]+/g) that starts at `i`; `i` when none does. */
function asciiWordEnd(s: string, i: number): number {
  while (isAsciiLetter(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Runs of ASCII letters (the words of /[A-Za-z]+/g) longer than two letters that are speech verbs,
 * lower-cased only when capitalised ("Said" is one, "sAid" is not). Read off the text: no string is
 * made for a word that is not one.
 */
function speechVerbIn(s: string, wantLast: boolean): { index: number; 0: string } | null {
  let last: { index: number; 0: string } | null = null;
  for (let i = 0; i < s.length; ) {
    const e = asciiWordEnd(s, i);
    if (e === i) {
      i++;
      continue;
    }
    if (e - i > 2) {
      const v = SPEECH_VERB_TABLE.at(s, i, e);
      if (typeof v === 'string' && (s.charCodeAt(i) < 97 || s.startsWith(v, i))) {
        last = { index: i, 0: s.slice(i, e) };
        if (!wantLast) return last;
      }
    }
    i = e;
  }
  return last;
}

const WORD_CHAR = /[\p{L}\p{M}'’.\-]/u;
/** Whether the UTF-16 unit s[i] is /[\p{L}\p{M}'’.\-]/u (ASCII answered without the regex). */
function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 46 || c === 45;
  return WORD_CHAR.test(s[i]);
}

/** Words (and their start offsets) that end `s`: the noun phrase right before a verb. */
function trailingWords(s: string, n: number): number {
  // returns the offset in s where the last n whitespace-separated word tokens (letters, ’ . -) begin, or -1
  let i = s.length;
  let count = 0;
  let start = -1;
  while (count < n) {
    let j = i;
    while (j > 0 && isJsSpace(s.charCodeAt(j - 1))) j--;
    if (j === i && count > 0) break;
    if (j === i && count === 0) return -1; // must end in whitespace
    let k = j;
    while (k > 0 && isWordChar(s, k - 1)) k--;
    if (k === j) break;
    start = k;
    count++;
    i = k;
    if (k > 0 && !isJsSpace(s.charCodeAt(k - 1))) break;
  }
  return start;
}

/**
 * Whether `s` has a word that is a speech verb (any case). Without one, AFTER_NP_FIRST (which ends
 * in a verb between a space and a word boundary) cannot match, and its costly search is skipped.
 * ſ and K fold to ASCII letters under /iu: with either present, the regex decides.
 * (Words are read off the text, as in speechVerbIn.)
 */
function hasSpeechVerbWord(s: string): boolean {
  if (s.includes('\u017f') || s.includes('\u212a')) return true;
  for (let i = 0; i < s.length; ) {
    const e = asciiWordEnd(s, i);
    if (e > i && SPEECH_VERB_TABLE.at(s, i, e) !== undefined) return true;
    i = Math.max(e, i + 1);
  }
  return false;
}
const AFTER_VERB_FIRST = new RegExp(String.raw`^\s*[,.]?\s*(?:(?:${VERB_ALT})\s+)`, 'i');
const AFTER_NP_FIRST = new RegExp(String.raw`^\s*,?\s*((?:[\p{L}\p{M}'’.\-]+\s+){0,7}?[\p{L}\p{M}'’.\-]+)(?:,([^.;:“”"]{1,90}?),)?\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+|further\s+|previously\s+)?(?:${VERB_ALT})\b`, 'iu');
const ACCORDING_RE = /\baccording to\s+/gi;
const QUOTED_AS_RE = /\b(?:was|were|is|are|been)\s+(?:also\s+)?quoted\s+(?:as\s+)?(?:saying|telling|stating)\b/i;
const PRONOUN_RE = /^(?:he|she|they|it|we)$/i;

interface Ctx {
  text: string;
  structure: ArticleStructure;
  mentions: Mention[];
  /** Per mention: true when it lies inside a quotation (a speaker is never inside their quote). */
  quoted: boolean[];
  entities: Map<string, LocalEntity>;
  quotes: RawQuote[];
  lowerRoles: Map<string, string[]>;
  nameWords: Map<string, string[]>;
}

/** Index of the first mention starting at or after `offset` (binary search; mentions are sorted). */
function firstMentionFrom(ctx: Ctx, offset: number): number {
  let lo = 0;
  let hi = ctx.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.mentions[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mentionsIn(ctx: Ctx, s: number, e: number): Mention[] {
  const out: Mention[] = [];
  for (let i = firstMentionFrom(ctx, s); i < ctx.mentions.length && ctx.mentions[i].start < e; i++) {
    if (ctx.mentions[i].end <= e && !ctx.quoted[i]) out.push(ctx.mentions[i]);
  }
  return out;
}

/** Marks the mentions inside quotations with one sweep over both sorted lists. */
function quotedMentions(mentions: Mention[], quotes: RawQuote[]): boolean[] {
  const out = new Array<boolean>(mentions.length).fill(false);
  let qi = 0;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    while (qi < quotes.length && quotes[qi].end <= m.start) qi++;
    // quotes may nest (a single-quoted name inside a double quote): look at the next few
    for (let k = qi; k < quotes.length && k < qi + 4 && quotes[k].start <= m.start; k++) {
      if (m.end <= quotes[k].end) { out[i] = true; break; }
    }
  }
  return out;
}

/** How far back (in characters) a pronoun or description may look for its referent. */
const LOOKBACK = 3000;

type Attr = { speaker: string | null; cue: Span; how: Quote['attribution'] };

/** Picks the speaker inside a noun phrase region, resolving pronouns and descriptions. */
function resolveNP(ctx: Ctx, s: number, e: number, prevSpeaker: string | null, before: number): { speaker: string | null; how: Quote['attribution'] } | null {
  const np = ctx.text.slice(s, e).trim();
  if (!np) return null;
  const ms = mentionsIn(ctx, s, e);
  if (ms.length) {
    const types = ms.map((m) => ctx.entities.get(m.entity)?.type);
    const person = ms.find((m, i) => types[i] === 'person');
    if (person) return { speaker: person.entity, how: 'explicit' };
    const org = ms.find((m, i) => types[i] !== 'place') ?? ms[0];
    return { speaker: org.entity, how: 'explicit' };
  }
  const words = np.toLowerCase().replace(/[’]/g, "'").split(/[^a-z'\-]+/).filter(Boolean);
  // "a pay rise, which he called “…”": the pronoun after a relative word is the subject
  while (words.length > 1 && /^(?:which|who|whom|and|but)$/.test(words[0])) words.shift();
  const head = words[words.length - 1] ?? '';
  const first = words[0] ?? '';
  if (PRONOUN_RE.test(first) && words.length <= 2) {
    const want = first === 'he' || first === 'she' ? 'person' : first === 'it' ? 'thing' : 'any';
    return { speaker: nearest(ctx, before, want, prevSpeaker, null), how: 'pronoun' };
  }
  // "A police spokesperson, who asked not to be named": an indefinite description introduces someone new.
  if ((first === 'a' || first === 'an') && words.length <= 5 && (ROLE_NOUNS.has(head) || ORG_DESCRIPTIONS.has(head))) {
    return { speaker: null, how: 'description' };
  }
  if ((first === 'the' || first === 'its' || first === 'his' || first === 'her') && words.length <= 5) {
    if (ORG_DESCRIPTIONS.has(head)) return { speaker: nearest(ctx, before, 'thing', prevSpeaker, head), how: 'description' };
    if (ROLE_NOUNS.has(head)) return { speaker: nearest(ctx, before, 'person', prevSpeaker, head), how: 'description' };
  }
  return null;
}

/** An entity's roles in lower case (asked for every mention looked at: computed once per entity). */
function lowerForms(ctx: Ctx, e: LocalEntity): string[] {
  let r = ctx.lowerRoles.get(e.key);
  if (!r) ctx.lowerRoles.set(e.key, (r = e.roles.map((x) => x.toLowerCase())));
  return r;
}
/** The words of an entity's name in lower case. */
function nameWords(ctx: Ctx, e: LocalEntity): string[] {
  let r = ctx.nameWords.get(e.key);
  if (!r) ctx.nameWords.set(e.key, (r = e.name.toLowerCase().split(/\s+/)));
  return r;
}

/** Nearest fitting entity before `pos`: a role or name match first, then the paragraph, then the previous speaker, then any. */
function nearest(ctx: Ctx, pos: number, want: 'person' | 'thing' | 'any', prevSpeaker: string | null, noun: string | null): string | null {
  const fits = (key: string) => {
    const ent = ctx.entities.get(key);
    if (!ent || ent.type === 'place') return false;
    if (want === 'person') return ent.type === 'person';
    if (want === 'thing') return ent.type !== 'person';
    return true;
  };
  // "the bank said" fits "Liffey Savings Bank"; "the regulator said" fits an entity described as a regulator.
  const roleFits = (key: string) => {
    const e = ctx.entities.get(key);
    if (!noun || !e) return false;
    return lowerForms(ctx, e).some((r) => r.includes(noun)) || nameWords(ctx, e).includes(noun);
  };
  const from = firstMentionFrom(ctx, pos) - 1;
  const floor = pos - LOOKBACK;
  if (noun) {
    for (let i = from; i >= 0 && ctx.mentions[i].start >= floor; i--) {
      const m = ctx.mentions[i];
      if (fits(m.entity) && roleFits(m.entity)) return m.entity;
    }
  }
  // The nearest fitting mention in the same paragraph comes first ("Dunne promised … “…,” she added").
  // (pos is a quote's or a cue's start: inside its sentence; the character before may fall between sentences)
  let si = sentenceAt(ctx.structure, pos);
  if (si < 0) si = sentenceAt(ctx.structure, Math.max(0, pos - 1));
  const para = si >= 0 ? ctx.structure.paragraphs[ctx.structure.sentences[si].paragraph] : null;
  if (para) {
    for (let i = from; i >= 0 && ctx.mentions[i].start >= Math.max(para.start, floor); i--) {
      if (ctx.quoted[i]) continue;
      if (fits(ctx.mentions[i].entity)) return ctx.mentions[i].entity;
    }
  }
  if (prevSpeaker && fits(prevSpeaker)) return prevSpeaker;
  for (let i = from; i >= 0 && ctx.mentions[i].start >= floor; i--) {
    const m = ctx.mentions[i];
    if (ctx.quoted[i]) continue;
    if (noun && want === 'thing') {
      const t = ctx.entities.get(m.entity)?.type;
      if (noun === 'company' || noun === 'firm' || noun === 'corporation' || noun === 'group' || noun === 'giant') {
        if (t !== 'organization' && t !== 'product') continue;
      }
    }
    if (fits(m.entity)) return m.entity;
  }
  return null;
}

/** Position of `q` in the sorted quote list (binary search by start). */
function quoteIndex(ctx: Ctx, q: RawQuote): number {
  let lo = 0;
  let hi = ctx.quotes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = ctx.quotes[mid];
    if (m === q) return mid;
    if (m.start < q.start || (m.start === q.start && m.end < q.end)) lo = mid + 1;
    else hi = mid - 1;
  }
  return ctx.quotes.indexOf(q);
}

function sentenceSpanAt(ctx: Ctx, offset: number): Span {
  const i = sentenceAt(ctx.structure, offset);
  if (i < 0) return { start: offset, end: offset };
  return ctx.structure.sentences[i];
}

/** Attribution for one quote from the text around it. */
function attribute(ctx: Ctx, q: RawQuote, prevSpeaker: string | null): Attr | null {
  const { text } = ctx;
  const sBefore = sentenceSpanAt(ctx, q.start);
  const sAfter = sentenceSpanAt(ctx, Math.max(q.start, q.end - 1));
  // Text after the quote to its sentence end, text before it from its sentence start, without other quotes.
  // Attribution after a quote lies in the quote's own sentence ("…,” it added.), close to the quote.
  // A quote that ends its sentence takes nothing from the next one: that is another statement.
  const afterEnd = Math.min(Math.max(sAfter.end, q.end), q.end + 300);
  const qi = quoteIndex(ctx, q);
  const nextQ = ctx.quotes[qi + 1];
  const otherQuoteAfter = nextQ && nextQ.start >= q.end && nextQ.start < afterEnd ? nextQ : undefined;
  const after = text.slice(q.end, otherQuoteAfter ? otherQuoteAfter.start : afterEnd);
  let prevQuote: RawQuote | undefined;
  for (let k = qi - 1; k >= 0 && k >= qi - 4; k--) {
    const o = ctx.quotes[k];
    if (o.end <= q.start && o.end > sBefore.start) { prevQuote = o; break; }
  }
  const beforeStart = Math.max(prevQuote ? prevQuote.end : sBefore.start, q.start - 400);
  const before = text.slice(beforeStart, q.start);

  // 1. "…,” said X" / "…,” X said" / "…,” it added"
  const inverted = AFTER_VERB_FIRST.exec(after);
  if (inverted && /^\s*[,.]?\s*\S/.test(after) && !/^\s*\./.test(after)) {
    const npStart = q.end + inverted[0].length;
    const npM = /^((?:[\p{L}\p{M}'’.\-]+\s*){1,8}?)(?=[,.;:]|\s+(?:in|on|at|to|during|after|before|when|while|adding|who|which)\b|$)/u.exec(text.slice(npStart, q.end + after.length));
    if (npM) {
      const npEnd = npStart + npM[1].length;
      // "…,” said its president, Jonas Weller" / "said Brightwater's chief executive, Fiona Marsh":
      // a description, then the person it describes.
      const appo = /^\s*,\s*/.exec(text.slice(npEnd, npEnd + 4));
      if (appo && ROLE_NOUNS.has((npM[1].trimEnd().split(/\s+/).pop() ?? '').toLowerCase())) {
        const at = npEnd + appo[0].length;
        const person = mentionsIn(ctx, at, at + 80).find((m) => m.start === at && ctx.entities.get(m.entity)?.type === 'person');
        if (person) return { speaker: person.entity, how: 'explicit', cue: { start: q.end + (after.length - after.trimStart().length), end: person.end } };
      }
      const r = resolveNP(ctx, npStart, npEnd, prevSpeaker, q.start);
      if (r) return { speaker: r.speaker, how: r.how, cue: { start: q.end + (after.length - after.trimStart().length), end: npStart + npM[1].trimEnd().length } };
    }
  }
  const npFirst = hasSpeechVerbWord(after) ? AFTER_NP_FIRST.exec(after) : null;
  if (npFirst && !/^\s*\./.test(after)) {
    const npOffset = q.end + after.indexOf(npFirst[1]);
    const npText = npFirst[1].replace(/\s+$/, '');
    // "…,” ACOD Spoor's general secretary, Pieter Janssens, told reporters": a role, then the person.
    if (npFirst[2]) {
      const head = (npText.split(/\s+/).pop() ?? '').toLowerCase();
      const appStart = q.end + after.indexOf(npFirst[2], after.indexOf(npFirst[1]) + npFirst[1].length);
      const person = mentionsIn(ctx, appStart, appStart + npFirst[2].length).find((m) => ctx.entities.get(m.entity)?.type === 'person');
      if (person && ROLE_NOUNS.has(head)) return { speaker: person.entity, how: 'explicit', cue: { start: npOffset, end: q.end + npFirst[0].length } };
    }
    const r = resolveNP(ctx, npOffset, npOffset + npText.length, prevSpeaker, q.start);
    if (r) return { speaker: r.speaker, how: r.how, cue: { start: npOffset, end: q.end + npFirst[0].length } };
  }
  // 2. "according to X" anywhere in the sentence (outside the quote)
  for (const [seg, base] of [[before, beforeStart], [after, q.end]] as [string, number][]) {
    ACCORDING_RE.lastIndex = 0;
    const a = ACCORDING_RE.exec(seg);
    if (a) {
      const npStart = base + a.index + a[0].length;
      const npM = /^((?:[\p{L}\p{M}'’.\-]+\s*){1,8}?)(?=[,.;:“"]|$)/u.exec(text.slice(npStart, npStart + 100));
      if (npM) {
        const r = resolveNP(ctx, npStart, npStart + npM[1].length, prevSpeaker, npStart);
        if (r) return { speaker: r.speaker, how: r.how, cue: { start: base + a.index, end: npStart + npM[1].trimEnd().length } };
      }
    }
  }
  // 3. A speech verb before the quote in the same sentence: its subject.
  const last = lastSpeechVerb(before);
  if (last) {
    const verbAbs = beforeStart + last.index;
    const quotedAs = QUOTED_AS_RE.exec(before);
    // Subject: the clause before the verb, back to the sentence start.
    const head = text.slice(beforeStart, quotedAs ? beforeStart + quotedAs.index : verbAbs);
    // Participles ("stating", "declaring") and "that"-clauses take the main subject: search the whole head.
    const clauseStartRel = Math.max(head.lastIndexOf(';'), -1) + 1;
    let subjStart = beforeStart + clauseStartRel;
    const subjEnd = beforeStart + head.length;
    // "X, the company led by Y, claimed …": an apposition closes right before the verb; the subject is X.
    const appositive = /,\s*$/.test(head);
    const nearAt = trailingWords(head, 6);
    if (nearAt >= 0 && !appositive && !/ing$/i.test(last[0])) {
      // (a name cut by the six-word window is taken whole: "Tomás Ferreira of the University of Lisbon said")
      let nearAbs = beforeStart + nearAt;
      const cut = mentionsIn(ctx, Math.max(beforeStart, nearAbs - 80), subjEnd).find((m) => m.start < nearAbs && m.end > nearAbs);
      if (cut) nearAbs = cut.start;
      const r = resolveNP(ctx, nearAbs, subjEnd, prevSpeaker, verbAbs);
      if (r && r.speaker) return { speaker: r.speaker, how: r.how, cue: { start: nearAbs, end: verbAbs + last[0].length } };
    }
    // Otherwise the clause subject: a mention, pronoun or description in its first words (after a fronted
    // adverbial such as "In response to the pressure,").
    const clause = text.slice(subjStart, subjEnd);
    const fronted = /^\s*(?:(?:in|on|at|after|before|during|when|while|despite|as|since|following|recently|meanwhile|earlier|later|however|also)\b[^,]{0,80},\s*)?/i.exec(clause);
    const windowStart = subjStart + (fronted ? fronted[0].length : 0);
    const firstWords = /^(?:[^\s,]+\s+){0,4}[^\s,]*/u.exec(text.slice(windowStart, subjEnd));
    const windowEnd = windowStart + (firstWords ? firstWords[0].length : 0);
    const ms = mentionsIn(ctx, windowStart, windowEnd).filter((m) => ctx.entities.get(m.entity)?.type !== 'place');
    const persons = ms.filter((m) => ctx.entities.get(m.entity)?.type === 'person');
    // "The head of the service, Paulo Serrano, said": a description then the name in apposition.
    const opensWithMention = ms.length > 0 && !/\S/.test(text.slice(windowStart, ms[0].start).replace(/\([^)]*\)/g, '').replace(/^\s*(?:the|a|an)\s*$/i, '')) &&
      !/^['’]s?\b/.test(text.slice(ms[0].end, ms[0].end + 2)); // "the Trust’s chief executive, X, said": X speaks
    // (a person in the apposition first; else an organisation set off by commas: "The ferry's operator, Helios Lines, said")
    const appositionMentions = appositive && !opensWithMention ? mentionsIn(ctx, windowStart, subjEnd) : [];
    const typeOf = (m: Mention) => ctx.entities.get(m.entity)?.type;
    const org = appositionMentions.filter((m) => typeOf(m) === 'organization' || typeOf(m) === 'product').pop();
    const inApposition = appositionMentions.filter((m) => typeOf(m) === 'person').pop() ??
      (org && /,\s*$/.test(text.slice(windowStart, org.start)) && /,\s*$/.test(text.slice(org.end, subjEnd)) ? org : undefined);
    // "Senate Majority Leader Chuck Delaney said": an organisation, a title, then the person who speaks
    const titled = opensWithMention && ms.length > 1 && ctx.entities.get(ms[0].entity)?.type !== 'person' &&
      ctx.entities.get(ms[1].entity)?.type === 'person' && ms[1].start - ms[0].end <= 40 &&
      /^[\s\p{Lu}][\p{L}\s.'’-]*$/u.test(text.slice(ms[0].end, ms[1].start));
    const pick = titled ? ms[1] : opensWithMention ? ms[0] : inApposition ?? persons[0] ?? ms[0];
    if (pick) return { speaker: pick.entity, how: 'explicit', cue: { start: pick.start, end: verbAbs + last[0].length } };
    const pron = /^\s*(he|she|it|they)\b/i.exec(text.slice(windowStart, windowEnd));
    if (pron) {
      const ps = windowStart + pron.index + pron[0].length - pron[1].length;
      const r = resolveNP(ctx, ps, ps + pron[1].length, prevSpeaker, ps);
      if (r) return { speaker: r.speaker, how: r.how, cue: { start: ps, end: verbAbs + last[0].length } };
    }
    const desc = /^\s*(?:the|a|an)\s+(?:[\p{L}\-]+\s+){0,2}([\p{L}\-]+)(?=[\s,]|$)/iu.exec(text.slice(windowStart, windowEnd));
    if (desc) {
      const ds = windowStart + desc.index;
      const r = resolveNP(ctx, ds, ds + desc[0].length, prevSpeaker, ds);
      // an unresolved or indefinite description ("A police spokesperson said") is an unknown speaker, not the previous one
      if (r && (r.speaker || r.how === 'description')) return { speaker: r.speaker, how: r.how, cue: { start: ds, end: verbAbs + last[0].length } };
    }
    // "… but also emphasized that …": a verb with its subject left out continues the previous speaker.
    if (prevSpeaker && /^\s*(?:and|but|while|then)?\s*(?:also\s+)?$/i.test(text.slice(windowStart, verbAbs).replace(/^.*\b(?:and|but)\b/i, ''))) {
      return { speaker: prevSpeaker, how: 'run', cue: { start: verbAbs, end: verbAbs + last[0].length } };
    }
    if (!/\S/.test(text.slice(windowStart, subjEnd)) && prevQuote && prevSpeaker) {
      return { speaker: prevSpeaker, how: 'run', cue: { start: verbAbs, end: verbAbs + last[0].length } };
    }
    subjStart = 0;
  }
  // A second quote in a sentence whose first quote was attributed: "… “such harsh measures” are “absolutely justified”".
  if (prevQuote && prevSpeaker && !last) {
    return { speaker: prevSpeaker, how: 'run', cue: { start: prevQuote.start, end: prevQuote.end } };
  }
  return null;
}

/** "Helena Calado … said she was not surprised. “This fault …”": the sentence before introduces the speaker. */
function introSpeaker(ctx: Ctx, q: RawQuote, prevSpeaker: string | null): Attr | null {
  const si = sentenceAt(ctx.structure, q.start);
  const s = ctx.structure.sentences[si];
  if (!s || !/^[\s"“„«]*$/.test(ctx.text.slice(s.start, q.start))) return null; // the quote must open its sentence
  const prev = ctx.structure.sentences[si - 1];
  if (!prev || s.paragraph - prev.paragraph > 1) return null;
  if (ctx.quotes.some((o) => o.start >= prev.start && o.end <= prev.end)) return null;
  const segStart = Math.max(prev.start, prev.end - 400);
  const seg = ctx.text.slice(segStart, prev.end);
  const v = firstSpeechVerb(seg);
  if (!v) return null;
  const verbAbs = segStart + v.index;
  const ms = mentionsIn(ctx, segStart, verbAbs).filter((m) => ctx.entities.get(m.entity)?.type !== 'place');
  const pick = ms.find((m) => ctx.entities.get(m.entity)?.type === 'person') ?? ms[0];
  if (pick) return { speaker: pick.entity, how: 'context', cue: { start: pick.start, end: verbAbs + v[0].length } };
  const pron = /^\s*(he|she|it|they)\b/i.exec(seg);
  if (pron) {
    const r = resolveNP(ctx, segStart + pron.index, segStart + pron[0].length, prevSpeaker, segStart);
    if (r?.speaker) return { speaker: r.speaker, how: 'context', cue: { start: segStart, end: verbAbs + v[0].length } };
  }
  return null;
}

/**
 * The words of a quotation's text as `inner.trim().split(/\s+/).filter(Boolean)` would give them,
 * for a text whose whitespace is already single spaces: counted without splitting; split only when
 * a rule looks at the words themselves.
 */
class WordList {
  /** The number of words, up to 7. */
  readonly length: number;
  private list: string[] | null = null;
  constructor(private readonly inner: string) {
    let n = 0;
    // Every rule compares the count with 6 or less: counting stops at 7.
    for (let i = 0; i < inner.length && n < 7; i++) if (inner.charCodeAt(i) !== 32 && (i === 0 || inner.charCodeAt(i - 1) === 32)) n++;
    this.length = n;
  }
  every(f: (w: string) => boolean): boolean {
    this.list ??= this.inner.trim().split(/\s+/).filter(Boolean);
    return this.list.every(f);
  }
}

/** Index of the last character of s[from, to) that is not whitespace, or from - 1. */
function lastNonSpace(s: string, from: number, to: number): number {
  let i = to - 1;
  while (i >= from && isJsSpace(s.charCodeAt(i))) i--;
  return i;
}
/** /[.!?…]/ for one char code. */
const isSentenceEnd = (c: number) => c === 46 || c === 33 || c === 63 || c === 0x2026;
const UPPER = /\p{Lu}/u;

/** /^[\p{Lu}\d]/u: the string opens with a capital or a digit. */
function opensUpperOrDigit(s: string): boolean {
  if (!s) return false;
  const c = s.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return UPPER.test(String.fromCodePoint(s.codePointAt(0)!));
}

/**
 * The cue rules read on the 40 characters before a quote (OBJECT_LABEL, TERM_CUE, VERB_OBJECT_CUE,
 * LABEL_CUE) all end in an ASCII word then spaces: without that ending, none can match.
 */
function endsInAsciiWord(s: string): boolean {
  const i = lastNonSpace(s, 0, s.length);
  return i >= 0 && isAsciiLetter(s.charCodeAt(i));
}

function classify(ctx: Ctx, q: RawQuote, inner: string, attr: Attr | null): QuoteKind {
  const { text } = ctx;
  const before = text.slice(Math.max(0, q.start - 40), q.start);
  const sentStart = Math.max(sentenceSpanAt(ctx, q.start).start, q.start - 400);
  const head = text.slice(sentStart, q.start);
  const words = new WordList(inner);
  const trimmed = inner.trim();
  const startsUpper = opensUpperOrDigit(trimmed);
  // /[.!?…]['’]?\s*$/ on a trimmed text: its last character ends a sentence, or a quote after one does
  const last = trimmed.charCodeAt(trimmed.length - 1);
  const endsSentence = startsUpper && (isSentenceEnd(last) ||
    ((last === 39 || last === 0x2019) && isSentenceEnd(trimmed.charCodeAt(trimmed.length - 2))));
  // /[,:]\s*$/ before, /^\s*,/ around the closing mark, /,\s*$/ in the quote (the last non-space characters)
  const b = lastNonSpace(before, 0, before.length);
  // (a quotation holds two marks at least: q.end - 2 is inside the text)
  let ac = q.end - 2;
  const to = Math.min(text.length, q.end + 2);
  while (ac < to && isJsSpace(text.charCodeAt(ac))) ac++;
  const aroundComma = ac < to && text.charCodeAt(ac) === 44;
  const beforeSetOff = b >= 0 && (before.charCodeAt(b) === 44 || before.charCodeAt(b) === 58);
  const setOff = beforeSetOff || aroundComma ||
    inner.charCodeAt(lastNonSpace(inner, 0, inner.length)) === 44;
  // /^[\s"“«„]*$/ from the sentence start (the same as sentStart) to the quote
  let atSentenceStart = true;
  for (let i = sentStart; i < q.start && atSentenceStart; i++) {
    const c = text.charCodeAt(i);
    atSentenceStart = c === 34 || c === 0x201c || c === 0xab || c === 0x201e || isJsSpace(c);
  }
  const cueEnd = endsInAsciiWord(before);
  if (words.length <= 5 && !endsSentence && cueEnd && OBJECT_LABEL.test(before)) return 'term';
  // A quoted name: "its “FloodWatch” app", "the “Red Line” plan".
  if (words.length <= 3 && words.every(opensUpperOrDigit) && !endsSentence &&
      /^\s+(?:app|application|service|platform|campaign|programme|program|plan|operation|project|scheme|initiative|system|brand|label|feature|tool|website|page|channel|group|movement|party|law|bill|act)\b/i.test(text.slice(q.end, q.end + 20))) return 'term';
  // "described the case as “unusually complex”", "called the package “too little, too late”": the
  // subject's own characterisation, a partial quote (with or without a speaker found). (CHARACTERISE
  // ends in "as" and spaces, or has "call" and ends in a space: tried only on such a text.)
  const h = lastNonSpace(head, 0, head.length) + 1;
  const endsInAs = (head.charCodeAt(h - 2) | 32) === 97 && (head.charCodeAt(h - 1) | 32) === 115;
  if ((endsInAs || (h < head.length && CALL.test(head))) && CHARACTERISE.test(head)) return 'partial';
  if (words.length <= 5 && !endsSentence && cueEnd && TERM_CUE.test(before) && !(attr && beforeSetOff)) {
    // "so-called “x”", "an “undesirable organization”": a label unless a speech cue frames it.
    if (!attr || /\b(?:so-called|dubbed|called|known as|referred to as|labell?ed|branded|nicknamed|termed)\s*$/i.test(before)) return 'term';
  }
  if (startsUpper && (endsSentence || setOff || atSentenceStart) && (words.length >= 4 || atSentenceStart && attr)) return 'direct';
  if (attr) return words.length >= 3 || atSentenceStart ? 'partial' : words.length <= 2 && !setOff ? 'partial' : 'partial';
  if (words.length <= 5 && !endsSentence && cueEnd && VERB_OBJECT_CUE.test(before)) return 'term';
  // reported speech whose speaker is no entity ("authorities said …")
  if (firstSpeechVerb(head) !== null && !(cueEnd && LABEL_CUE.test(before))) return 'partial';
  if (words.length <= 6 && !endsSentence) return 'term';
  return startsUpper ? 'direct' : 'partial';
}

export function extractQuotes(text: string, structure: ArticleStructure, mentions: Mention[], entities: LocalEntity[]): Quote[] {
  const doubles = pairMarks(text, structure).filter((q) => !isExcluded(structure, q.start, q.end));
  const singles = singleQuotes(text, structure, doubles);
  const raws = [...doubles, ...singles].sort((a, b) => a.start - b.start);
  const ctx: Ctx = { text, structure, mentions, quoted: quotedMentions(mentions, raws), entities: new Map(entities.map((e) => [e.key, e])), quotes: raws, lowerRoles: new Map(), nameWords: new Map() };
  const out: Quote[] = [];
  let prevSpeaker: string | null = null;
  let prevEnd = -1;
  let prevPara = -10;
  for (const q of raws) {
    const inner = collapseSpaces(q.parts.length === 1 ? text.slice(q.parts[0].start, q.parts[0].end).trim() : q.parts.map((p) => text.slice(p.start, p.end).trim()).join(' '));
    if (!inner) continue;
    const para = structure.sentences[Math.max(0, sentenceAt(structure, q.start))]?.paragraph ?? 0;
    const recent: string | null = para - prevPara <= 1 ? prevSpeaker : null;
    let attr = attribute(ctx, q, recent);
    if (!attr) attr = introSpeaker(ctx, q, recent);
    let kind = classify(ctx, q, inner, attr);
    if (kind === 'term') attr = null;
    if (!attr && kind !== 'term' && recent) {
      // A run of quotes by one speaker: the next quote in the same or next paragraph with no cue of its own.
      const between = text.slice(prevEnd, q.start);
      const otherNames = mentionsIn(ctx, prevEnd, q.start).some((m) => ctx.entities.get(m.entity)?.type === 'person' && m.entity !== recent);
      if (!otherNames && between.length < 400) attr = { speaker: recent, how: 'run', cue: null as unknown as Span };
    }
    if (attr && !attr.speaker) attr = Object.assign({}, attr, { speaker: null }); // (not a spread: see refineRunCached in entities.ts)
    const sIdx = Math.max(0, sentenceAt(structure, q.start));
    const cue = attr && attr.cue ? { start: attr.cue.start, end: attr.cue.end, text: text.slice(attr.cue.start, attr.cue.end) } : null;
    out.push({
      start: q.start,
      end: q.end,
      text: inner,
      inner: { start: q.parts[0].start, end: q.parts[q.parts.length - 1].end },
      kind,
      speaker: kind === 'term' ? null : attr?.speaker ?? null,
      cue: kind === 'term' ? null : cue,
      attribution: kind === 'term' || !attr?.speaker ? null : attr.how,
      sentence: sIdx,
    });
    if (kind !== 'term' && attr?.speaker) {
      prevSpeaker = attr.speaker;
      prevEnd = q.end;
      prevPara = para;
    }
  }
  return out;
}
