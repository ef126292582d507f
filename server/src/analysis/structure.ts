// Article structure: paragraphs (blank-line blocks or single lines), the headline, dateline and
// meta lines, page furniture (view counters, share bars, tags, related-headline lists, comment
// footers, slogan bullets) and sentences. Furniture and meta spans are excluded from mining.

import { FoldedWords, isJsSpace } from './text';
import type { ArticleStructure, BlockKind, Paragraph, Sentence, Span } from './types';

interface Line extends Span {
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  // Lines end at \r\n, \n or a lone \r; the next of each break is found with indexOf (native scans).
  let nextCr = text.indexOf('\r');
  let nextLf = text.indexOf('\n');
  for (let start = 0; ; ) {
    if (nextCr >= 0 && nextCr < start) nextCr = text.indexOf('\r', start);
    if (nextLf >= 0 && nextLf < start) nextLf = text.indexOf('\n', start);
    const end = nextCr < 0 ? (nextLf < 0 ? text.length : nextLf) : nextLf < 0 ? nextCr : Math.min(nextCr, nextLf);
    lines.push({ start, end, text: text.slice(start, end) });
    // step over the line break
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    if (next === end) break; // end of text
    start = next;
  }
  return lines;
}

const SHARE_WORDS = new Set(
  (
    'share shares sharing tweet print email e-mail mail zoom in out read later save facebook twitter x whatsapp ' +
    'linkedin telegram reddit pinterest copy link follow us on comment comments listen font size a a+ a- ' +
    'text bookmark subscribe download pdf send messenger viber flipboard google news reprint reprints ' +
    'whatsapp. this article story page | · • - – — / : + |'
  ).split(/\s+/),
);

const FURNITURE_RULES: [RegExp, string][] = [
  [/^(?:total\s+)?(?:page\s+)?views?\s*[:：]\s*[\d,.]+\s*$/i, 'view counter'],
  [/^[\d,.]+\s*(?:views?|reads|shares)\s*$/i, 'view counter'],
  [/^\s*(?:tags?|topics?|keywords?|filed under|categories|category|related topics)\s*[:：]/i, 'tags'],
  [/^(?:comments?\s*\(\d+\)|\d+\s+comments?\b|leave a (?:reply|comment)|post a comment|add a comment|add comment|(?:log|sign) in to (?:comment|reply)|be the first to comment|join the conversation|comments? (?:are|is) closed|show comments|view comments|write a comment)/i, 'comment footer'],
  [/^(?:©|\(c\)\s|copyright\b|all rights reserved)/i, 'copyright line'],
  // "Related: Hospitals struggle to fill posts | Five tips for better sleep", "Read more about: Health"
  [/^(?:related(?: news| stories| articles| coverage| links| topics)?|read more(?: about| on)?|more (?:on|about)(?: this)?(?: story| topic)?|see also|also read|read also)\s*[:：]\s*\S/i, 'related links'],
  [/^(?:advertisement|sponsored(?: content)?|subscribe(?: now| to [^.]{0,40})?|sign up for [^.]{0,60}|click here[^.]{0,60}|follow us on[^.]{0,60}|download (?:our|the) app[^.]{0,40}|skip to (?:main )?content|continue reading|read more|also read:?.*|loading\.*|photo:.*|image:.*|file photo.*|representative image.*)\s*$/i, 'page furniture'],
];

const LIST_HEADERS =
  /^(?:related(?: news| stories| articles| posts| coverage| content| reading| links)?|similar (?:news|stories|articles)|more (?:news|stories|from [^.]{1,40}|on this (?:story|topic))|most (?:viewed|read|popular|shared|commented)|trending(?: now| news)?|top stories|latest (?:news|stories)|recommended(?: for you| stories)?|you (?:may|might) also like|also read|read also|don'?t miss|editor'?s picks|popular (?:news|stories|posts)|in other news|must read|what to read next|more headlines|read more|see also|further reading)\s*[:：]?\s*$/i;

const META_RULES: RegExp[] = [
  /^(?:updated?|last updated|published|posted|first published|modified)\s*(?:on|at)?\s*[:：]?\s*[\w ,.:+\-/|]{4,120}$/i,
  /^by\s+\p{Lu}[\p{L}.'’-]+(?:,?\s+(?:\p{Lu}[\p{L}.'’-]+|and|&|de|da|van|von)){0,10}\s*(?:[,|–—-]\s*[\p{L}\d .'’-]{0,60})?$/iu,
  /^(?:\w+day,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?(?:\s*[|,·-]?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$/i,
  /^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*[A-Z]{2,4})?\s*$/,
  /^\d{1,2}\s*(?:min(?:ute)?s?|mins?)\s+read\s*$/i,
  /^(?:(?:additional\s+)?reporting|writing|editing|compiled|produced|graphics)\s+by\s+[^.]{2,120}$/i,
];

const INLINE_CREDIT = /\((?:[\p{L}.&' ]{0,40}\s)?(?:photo|photograph|image|picture|file|video|pic)s?(?:\s*(?:[:/]|by)\s*[^()\n]{0,60})?\)/iuy;
const BULLET = /^\s*(?:[•·▪●◦‣∙*]|[-–—]\s)\s*/;
const DATELINE =
  /^((?:[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})(?:,\s*(?:[A-Z][a-zA-Z'’.\-]+(?: [A-Z][a-zA-Z'’.\-]+){0,3}))?(?:,?\s+[A-Z][a-z]{2,8}\.? \d{1,2})?(?:\s*\([A-Z][\w ]{1,30}\))?)\s*(?::|—|–|-{1,2})\s+/;

const SHARE_TABLE = new FoldedWords([...SHARE_WORDS].map((w) => [w, true] as const));

/**
 * Mostly share-bar words: at least two, and at least 70% of the line's words (trailing .,;: ignored).
 * Words are counted first, then read until too many misses rule the line out (most lines are prose).
 * An ASCII word is looked up only when its hash is a share word's (no string made for most words).
 */
function isShareBar(t: string): boolean {
  if (t.length > 160) return false;
  let n = 0;
  for (let i = 0; i < t.length; i++) if (!isJsSpace(t.charCodeAt(i)) && (i === 0 || isJsSpace(t.charCodeAt(i - 1)))) n++;
  if (n === 0) return false;
  let hits = 0;
  let misses = 0;
  for (let i = 0; i < t.length; ) {
    while (i < t.length && isJsSpace(t.charCodeAt(i))) i++;
    if (i >= t.length) break;
    const start = i;
    while (i < t.length && !isJsSpace(t.charCodeAt(i))) i++;
    let end = i;
    while (end > start && isTrailingPunct(t.charCodeAt(end - 1))) end--;
    if (SHARE_TABLE.at(t, start, end) === true) hits++;
    else {
      misses++;
      const best = n - misses; // hits if every word left were one
      if (best < 2 || best / n < 0.7) return false;
    }
  }
  return hits >= 2 && hits / n >= 0.7;
}
/** . , ; : */
const isTrailingPunct = (c: number) => c === 46 || c === 44 || c === 59 || c === 58;

/** A line that reads like a headline: short, no final full stop, mostly capitalised words. */
function looksLikeTitle(t: string): boolean {
  const s = t.trim();
  if (s.length < 8 || s.length > 160 || /[.!?:;,]$/.test(s) && !/[?!]$/.test(s)) return false;
  const words = s.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / words.length >= 0.5;
}

export function classifyLine(t: string): { kind: BlockKind; reason?: string } | null {
  if (t.length > 240) return null; // every furniture and meta rule is for a short line
  const s = t.trim();
  if (!s) return null;
  for (const [re, reason] of FURNITURE_RULES) if (re.test(s)) return { kind: 'furniture', reason };
  if (isShareBar(s)) return { kind: 'furniture', reason: 'share bar' };
  for (const re of META_RULES) if (re.test(s)) return { kind: 'meta', reason: 'date or byline' };
  return null;
}

/** Whether text[start, end) is all whitespace (what `trim()` removes). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isJsSpace(text.charCodeAt(i))) return false;
  return true;
}

function buildParagraphs(text: string, lines: Line[]): Paragraph[] {
  // Hard-wrapped text: blank-line-separated blocks whose lines are short. Otherwise a paragraph per line.
  const blocks: Line[][] = [];
  let cur: Line[] = [];
  for (const l of lines) {
    if (!isBlank(text, l.start, l.end)) cur.push(l);
    else if (cur.length) {
      blocks.push(cur);
      cur = [];
    }
  }
  if (cur.length) blocks.push(cur);
  if (blocks.length === 0) return [];
  const nonBlank = blocks.flat();
  const multiLineBlocks = blocks.filter((b) => b.length > 1);
  const longest = nonBlank.reduce((m, l) => Math.max(m, l.text.length), 0);
  const wrapped = multiLineBlocks.length > 0 && longest <= 100 &&
    multiLineBlocks.reduce((n, b) => n + b.length, 0) >= nonBlank.length * 0.5;

  const out: Paragraph[] = [];
  const push = (start: number, end: number) => {
    // trim surrounding whitespace
    while (start < end && isJsSpace(text.charCodeAt(start))) start++;
    while (end > start && isJsSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) out.push({ start, end, kind: 'body' });
  };
  if (!wrapped) {
    for (const l of nonBlank) push(l.start, l.end);
    return out;
  }
  for (const b of blocks) {
    // In wrapped text, split out lines that are furniture/meta or bullets of their own.
    let runStart = -1;
    let runEnd = -1;
    for (const l of b) {
      const alone = classifyLine(l.text) !== null || BULLET.test(l.text);
      if (alone) {
        if (runStart >= 0) push(runStart, runEnd);
        runStart = -1;
        push(l.start, l.end);
      } else {
        if (runStart < 0) runStart = l.start;
        runEnd = l.end;
      }
    }
    if (runStart >= 0) push(runStart, runEnd);
  }
  return out;
}

const ABBREV = new Set(
  ('mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep st mt ft jr sr vs etc inc ltd co corp no nos ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ ave blvd rd fig al ex pres rev hon').split(' '),
);

/**
 * The letters and dots that end at `end`, at most 12 characters back: what /([\p{L}.]+)$/u finds in
 * the 12 characters before `end` (read backwards here for ASCII, which most are; a character
 * beyond ASCII asks the regex).
 */
function wordBefore(seg: string, end: number): string | null {
  const floor = Math.max(0, end - 12);
  let i = end;
  while (i > floor) {
    const c = seg.charCodeAt(i - 1);
    if (c > 127) return /([\p{L}.]+)$/u.exec(seg.slice(floor, end))?.[1] ?? null;
    if (c !== 46 && !((c | 32) >= 97 && (c | 32) <= 122)) break;
    i--;
  }
  return i < end ? seg.slice(i, end) : null;
}

/** Sentence split inside one paragraph. */
function splitSentences(text: string, p: Span, paragraph: number, out: Sentence[]): void {
  let start = p.start;
  const re = /[.!?…]+["'”’»)\]]*(?=\s+["'“‘«„(\[]?[\p{Lu}\d])/gu;
  const seg = text.slice(p.start, p.end);
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg))) {
    const endRel = m.index + m[0].length;
    const end = p.start + endRel;
    if (m[0][0] === '.' && m[0].length === 1) {
      // abbreviation or initial before the dot?
      const w = wordBefore(seg, m.index);
      if (w) {
        const word = w.toLowerCase();
        if (ABBREV.has(word) || /^\p{L}$/u.test(w) || /^(?:\p{L}\.)+\p{L}$/u.test(w)) continue;
      }
      // "a.m." / "p.m." followed by a capital is ambiguous; treat as boundary only if next is a quote or longer sentence.
    }
    if (end > start) out.push({ start, end, paragraph });
    start = end;
    while (start < p.end && isJsSpace(text.charCodeAt(start))) start++;
  }
  if (p.end > start) out.push({ start, end: p.end, paragraph });
}

export function parseStructure(text: string): ArticleStructure {
  const lines = splitLines(text);
  const paragraphs = buildParagraphs(text, lines);
  let headline: Span | null = null;
  let dateline: Span | null = null;

  // Classify each paragraph on its own first.
  for (const p of paragraphs) {
    const c = classifyLine(text.slice(p.start, p.end));
    if (c) {
      p.kind = c.kind;
      if (c.reason) p.reason = c.reason;
    }
  }

  // Related-headline lists: a list header and the title-like lines after it.
  for (let i = 0; i < paragraphs.length; i++) {
    const t = text.slice(paragraphs[i].start, paragraphs[i].end).trim();
    if (!LIST_HEADERS.test(t)) continue;
    paragraphs[i].kind = 'furniture';
    paragraphs[i].reason = 'related headlines';
    for (let j = i + 1; j < paragraphs.length; j++) {
      const q = paragraphs[j];
      const s = text.slice(q.start, q.end).trim();
      const titleLike = s.length <= 200 && !/[.]["”’]?$/.test(s) || looksLikeTitle(s) || BULLET.test(s);
      if (!titleLike && q.kind === 'body') break;
      q.kind = 'furniture';
      q.reason = q.reason ?? 'related headlines';
    }
  }

  // Everything after a comment footer is comments.
  const footer = paragraphs.findIndex((p) => p.reason === 'comment footer');
  if (footer >= 0) for (let j = footer + 1; j < paragraphs.length; j++) {
    paragraphs[j].kind = 'furniture';
    paragraphs[j].reason = 'comments';
  }

  // Bullet lists of short slogans (no figures, no full stop).
  for (const p of paragraphs) {
    if (p.kind !== 'body') continue;
    const s = text.slice(p.start, p.end);
    if (BULLET.test(s)) {
      const body = s.replace(BULLET, '');
      if (body.split(/\s+/).length <= 10 && !/\d/.test(body) && !/[.;]["”’]?\s*$/.test(body) && !/["“”]/.test(body)) {
        p.kind = 'furniture';
        p.reason = 'slogan list';
      }
    }
  }

  // Headline: the first paragraph when it is short and not a sentence, or title-cased.
  const first = paragraphs[0];
  if (first && first.kind === 'body' && paragraphs.length > 1) {
    const s = text.slice(first.start, first.end).trim();
    if (s.length <= 220 && (!/[.]["”’]?$/.test(s) || looksLikeTitle(s))) {
      first.kind = 'headline';
      headline = { start: first.start, end: first.end };
    }
  }

  // Dateline at the start of the first body paragraph.
  const firstBody = paragraphs.find((p) => p.kind === 'body');
  if (firstBody) {
    const m = DATELINE.exec(text.slice(firstBody.start, Math.min(firstBody.end, firstBody.start + 120)));
    if (m && /[A-Z]{2}/.test(m[1]) && m[1].replace(/[^A-Za-z]/g, '').length >= 3) {
      dateline = { start: firstBody.start, end: firstBody.start + m[1].length };
    }
  }

  const sentences: Sentence[] = [];
  const excluded: Span[] = [];
  paragraphs.forEach((p, i) => {
    if (p.kind === 'furniture' || p.kind === 'meta') excluded.push({ start: p.start, end: p.end });
    else {
      // Inline photo credits such as "(Reuters Photo)" or "(File image)" are not article text.
      for (let i = text.indexOf('(', p.start); i >= 0 && i < p.end; i = text.indexOf('(', i + 1)) {
        INLINE_CREDIT.lastIndex = i;
        const m = INLINE_CREDIT.exec(text);
        if (m && m.index === i && m.index < p.end) excluded.push({ start: m.index, end: m.index + m[0].length });
      }
      splitSentences(text, p, i, sentences);
    }
  });
  return { paragraphs, sentences, excluded, headline, dateline };
}

/** True when [start, end) overlaps an excluded span (binary search; `excluded` is sorted). */
export function isExcluded(structure: ArticleStructure, start: number, end: number): boolean {
  const ex = structure.excluded;
  let lo = 0;
  let hi = ex.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ex[mid].end <= start) lo = mid + 1;
    else if (ex[mid].start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Index of the sentence containing `offset`, or -1. */
export function sentenceAt(structure: ArticleStructure, offset: number): number {
  const s = structure.sentences;
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid].end <= offset) lo = mid + 1;
    else if (s[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}
