// Entity extraction: capitalised-run candidates (one regex pass per sentence), filtered for
// sentence-initial words, calendar words and title-case headlines; typed from gazetteers, name
// shape and the words around each mention; clustered within the article (case variants, corporate
// suffixes, surnames, acronyms and renames defined in the text, user aliases); roles read from
// titles, appositions and descriptive phrases.

import {
  CORP_SUFFIXES, FUNCTION_WORDS, MONTHS, NEWS_AGENCIES, ORG_DESCRIPTIONS, ORG_HEADS, ORG_PREFIXES, ROLE_NOUNS,
  SPEECH_VERB_TABLE, WEEKDAYS, countryName, demonymCountry, isCity, isCommonWord, isFirstName, isRegion,
} from './gazetteer';
import { isExcluded } from './structure';
import { detach, FoldedWords, isJsSpace, MEMO_LIMIT, memoSet } from './text';
import type { AnalyzeOptions, ArticleStructure, EntityType, LocalEntity, Mention, Span } from './types';

// Runs of capitalised words, joined by name connectors ("Bank of England", "Vasco da Gama") and
// single line breaks (hard-wrapped text). The first character is matched by explicit ranges, not
// \p{Lu}: V8 then skips non-candidates with a fast first-character check (measured ~15x faster).
// Latin Extended mixes cases, so a run's first letter is checked again in code.
const UPPER = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0100-\\u024F\\u0388-\\u03AB\\u0400-\\u042F';
const WORD_REST = String.raw`[\p{L}\p{M}\d'’.\-]*`;
const WORD = String.raw`(?:[${UPPER}]|(?<![A-Za-z])[a-z]{1,2}[A-Z])${WORD_REST}`;
const CONNECT = String.raw`(?:of|the|for|de|da|do|dos|das|del|della|di|du|la|le|van|von|der|den|al|el|bin|ibn|y|&|and)`;
// A model number may end a name ("Nova 3", "Boeing 737", "Windows 11"); the figure reader skips it.
const runPattern = (word: string) =>
  new RegExp(String.raw`${word}(?:\s{1,2}(?:${CONNECT}\s{1,2})*${word})*(?: \d{1,4}[A-Za-z]?(?!\d|[,.]\d|[-–]\d{1,2}(?!\d)|%|\s*(?:per|percent|million|billion|thousand|km|miles?|people|years?|dead|killed|injured)\b))?`, 'gu');
const RUN_RE = runPattern(WORD);
// The same pattern without the "eBay"/"iPhone" alternative, for a text with no lower-case letter
// right before a capital (most texts; tested once per text): there that alternative never matches,
// and without it the scan skips lower-case letters (every other position) at its first-character check.
const RUN_RE_NO_CAMEL = runPattern(`[${UPPER}]${WORD_REST}`);
const CAMEL_RE = /[a-z][A-Z]/;
const startsName = (s: string) => {
  const c0 = s.charCodeAt(0);
  if (c0 >= 65 && c0 <= 90) return true; // A-Z: the common case, without case conversions
  const c = s[0];
  return (c !== c.toLowerCase() && c === c.toUpperCase()) || /^[a-z]{1,2}[A-Z]/.test(s);
};

/**
 * A run that is one function word ("The", "In", "He"): most runs, never a name. Looked up in a
 * small table of the function words, off the run's char codes (no string made, no memo of every
 * run seen).
 */
const FUNCTION_WORD_TABLE = new FoldedWords([...FUNCTION_WORDS].map((w) => [w, true] as const));
function isLoneFunctionWord(raw: string): boolean {
  return FUNCTION_WORD_TABLE.at(raw, 0, raw.length) === true;
}

/** " “ ‘ « „ */
const isQuoteOpener = (c: number) => c === 34 || c === 0x201c || c === 0x2018 || c === 0xab || c === 0x201e;

/** Capitalised adjectives that describe (religion, region, language) and are never a name alone. */
const NOT_NAMES = new Set(['Christian', 'Christians', 'Muslim', 'Muslims', 'Jewish', 'Jew', 'Jews', 'Catholic', 'Catholics',
  'Protestant', 'Orthodox', 'Buddhist', 'Hindu', 'Sikh', 'Islamic', 'Islamist', 'Arab', 'Arabs', 'Arabic', 'Latino',
  'Hispanic', 'European', 'Europeans', 'African', 'Africans', 'Asian', 'Asians', 'Western', 'Eastern', 'Northern',
  'Southern', 'English', 'Latin', 'Celsius', 'Fahrenheit', 'Internet', 'Web', 'Covid', 'COVID']);

/** Common nouns whose possessive starts many organisations' names. */
const COLLECTIVE_POSSESSIVES = new Set(['people', 'women', 'men', 'children', 'workers', 'farmers', 'nurses', 'teachers', 'doctors',
  'veterans', 'citizens', 'students', 'miners', 'consumers', 'taxpayers', 'journalists', 'writers', 'lawyers', 'seafarers', 'peasants']);
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'mr.', 'mrs.', 'ms.', 'dr.', 'prof.']);
const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'governor', 'mayor', 'senator', 'sen', 'sen.', 'rep', 'rep.', 'gov', 'gov.',
  'chancellor', 'judge', 'justice', 'king', 'queen', 'prince', 'princess', 'pope', 'general', 'gen', 'gen.', 'colonel',
  'col', 'col.', 'captain', 'capt', 'capt.', 'lt', 'lt.', 'sgt', 'sgt.', 'commissioner', 'inspector', 'ambassador',
  'secretary', 'deputy', 'chief', 'director', 'spokesperson', 'spokesman', 'spokeswoman', 'chairman', 'chairwoman',
  'bishop', 'father', 'sister', 'rabbi', 'imam', 'sheikh', 'councillor', 'councilor', 'sheriff', 'officer', 'detective',
  'superintendent', 'regional', 'interior', 'foreign', 'defence', 'defense', 'health', 'finance', 'economy', 'justice',
  'former', 'acting', 'premier', 'founder', 'ceo', 'executive', 'majority', 'minority',
]);
const PRODUCT_NOUNS = new Set(['app', 'apps', 'application', 'messenger', 'platform', 'service', 'browser', 'smartphone',
  'phone', 'device', 'software', 'chatbot', 'model', 'game', 'console', 'website', 'site', 'network', 'system', 'tool',
  'feature', 'program', 'programme', 'vaccine', 'drug', 'car', 'vehicle', 'aircraft', 'jet', 'satellite', 'rocket',
  'messaging', 'calling', 'video']);
const PLACE_NOUNS = new Set(['city', 'town', 'village', 'country', 'region', 'province', 'district', 'county', 'state',
  'capital', 'port', 'island', 'municipality', 'neighbourhood', 'neighborhood', 'suburb', 'valley', 'area', 'republic',
  'oblast', 'prefecture', 'territory', 'coast', 'border', 'river', 'lake', 'mountain', 'mountains', 'hills', 'bay', 'sea',
  'valley', 'peninsula', 'islands', 'epicentre', 'epicenter', 'outskirts', 'centre', 'center', 'suburbs', 'streets']);
const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'north-east', 'north-west', 'south-east', 'south-west',
  'northeast', 'northwest', 'southeast', 'southwest', 'northern', 'southern', 'eastern', 'western', 'central', 'outskirts',
  'mayor', 'governor', 'residents', 'people', 'citizens', 'streets', 'parts', 'rest', 'capital', 'inhabitants']);
const PLACE_HEADS = new Set(['Province', 'Region', 'District', 'County', 'Island', 'Islands', 'Valley', 'River', 'Mountains',
  'Mountain', 'Mount', 'Bay', 'Sea', 'Ocean', 'Lake', 'Street', 'Square', 'Avenue', 'Road', 'Bridge', 'Airport', 'Peninsula',
  'Coast', 'Gulf', 'Strait', 'Desert', 'Park', 'Oblast', 'Prefecture', 'Highway', 'Harbour', 'Harbor', 'Beach', 'Canyon', 'Falls', 'Hills',
  'City', 'Stadium', 'Arena', 'Station', 'Port', 'Plaza', 'Forest', 'Glacier', 'Reservoir', 'Dam', 'Canal', 'Estuary', 'Heights']);
const PLACE_PREPS = new Set(['in', 'at', 'near', 'from', 'across', 'throughout', 'to', 'outside', 'inside', 'into', 'toward',
  'towards', 'around', 'above', 'below', 'beyond', 'off', 'nearby']);
/** Place words before a name that say place whatever follows ("according to X", "at X's office" do not). */
const STRONG_PLACE_PREPS = new FoldedWords(new Map(['in', 'near', 'outside', 'inside', 'across', 'throughout'].map((w) => [w, true])));
const AFFIX_RE = /-(?:owned|based|backed|led|born|made|run|controlled|funded|linked|affiliated|style|era|wide|bound|registered|listed|headquartered|founded)$/i;
const POSSESSIVE_RE = /['’]s?$/;

interface Candidate extends Span {
  text: string;
  /** entityKey(text). */
  key: string;
  /** The words of `text` (computed once; most rules look at them). */
  toks: string[];
  /** The descriptive phrase after the name, if any (read once, used for type and roles). */
  appo: Apposition | null;
  /** Sentence index. */
  sentence: number;
  /** Type votes gathered from the mention's own shape and context. */
  votes: Partial<Record<EntityType, number>>;
  /** Roles read at this mention. */
  roles: string[];
  /** True when the candidate begins its sentence (or its headline). */
  initial: boolean;
  headline: boolean;
  /** Its context says place, strongly: a dateline, or "in"/"near"/… before the bare name (see STRONG_PLACE_PREPS). */
  placeCue?: boolean;
}

const lower = (s: string) => s.toLowerCase();

/** Normalised key for clustering: case-folded, quotes folded, possessive, leading "the" and corporate suffixes dropped. */
const keyCache = new Map<string, string>();
const GENERATIONAL = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

/** The surname of a person's name, lower-case: the last word before "Jr."/"III". */
export function surnameOf(toks: string[]): string {
  let i = toks.length - 1;
  while (i > 0 && GENERATIONAL.has(toks[i].toLowerCase().replace(/,$/, ''))) i--;
  return toks[i].toLowerCase();
}

export function entityKey(name: string): string {
  let k = keyCache.get(name);
  if (k === undefined) {
    // (the key copied too: one cut from the name would keep the name's article alive)
    k = detach(computeKey(name));
    memoSet(keyCache, name, k);
  }
  return k;
}

function computeKey(name: string): string {
  let s = name.replace(/[’‘`]/g, "'").replace(/['’]s$/i, '').replace(/\s+/g, ' ').trim().toLowerCase();
  s = s.replace(/^the /, '');
  const parts = s.split(' ');
  while (parts.length > 1 && CORP_SUFFIXES.has(parts[parts.length - 1])) parts.pop();
  return parts.join(' ').replace(/[.,]$/, '');
}

/** The type with the most votes, when it has at least `min`. */
function strongest(v: Votes, min = 1.5): EntityType | null {
  let best: EntityType | null = null;
  let w = min;
  for (const [t, n] of Object.entries(v) as [EntityType, number][]) if (n >= w) { best = t; w = n; }
  return best;
}

function vote(c: Candidate, t: EntityType, w: number) {
  c.votes[t] = (c.votes[t] ?? 0) + w;
}

const isWordChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 39 || c === 0x2019 || c === 46 || (c > 127 && (unitClass(c) & 3) !== 0);
const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Up to `n` (at most 6) words right before `pos`, stopping at punctuation (other than inside words)
 * or at `floor`, as offsets: the nearest word is [SPANS[0], SPANS[1]), the one before it
 * [SPANS[2], SPANS[3]), and so on. Returns how many were found. A backward scan: no slicing of
 * windows, no regex.
 */
const SPANS = new Int32Array(12);
function wordSpansBefore(text: string, pos: number, n: number, floor: number): number {
  let k = 0;
  let end = pos;
  while (k < n) {
    let j = end;
    while (j > floor && isBlank(text.charCodeAt(j - 1))) j--;
    if (j === end && end !== pos) break;
    let s = j;
    while (s > floor && isWordChar(text.charCodeAt(s - 1))) s--;
    if (s === j) break;
    SPANS[2 * k] = s;
    SPANS[2 * k + 1] = j;
    k++;
    end = s;
    if (s > floor && !isBlank(text.charCodeAt(s - 1))) break; // punctuation before the word
  }
  return k;
}

/** The words of wordSpansBefore as strings, nearest last. */
function wordsBefore(text: string, pos: number, n: number, floor: number): string[] {
  const out: string[] = [];
  for (let i = wordSpansBefore(text, pos, n, floor) - 1; i >= 0; i--) out.push(text.slice(SPANS[2 * i], SPANS[2 * i + 1]));
  return out;
}

const ROLE_STOP = new Set(['the', 'a', 'an', 'and', 'or', 'but', 'with', 'of', 'by', 'for', 'to', 'said', 'says', 'told',
  'that', 'as', 'in', 'on', 'at', 'from', 'its', 'his', 'her', 'their', 'our', 'is', 'was', 'were', 'are', 'when', 'while']);

/** "Kremlin spokesperson X", "the regional governor X", "Lusenor Energia's chief executive, X": the role before a name. */
const ROLE_OF_ORG_BEFORE = /(?:^|[,;:]\s*|\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+)((?:[\p{Ll}-]+\s+){0,2}([\p{Ll}-]+)\s+(?:of|at|for)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’.&-]*\s*){1,6})$/u;
function roleBefore(text: string, start: number, floor: number): string | null {
  let pos = start;
  while (pos > floor && isBlank(text.charCodeAt(pos - 1))) pos--;
  if (pos === start) return null;
  if (text.charCodeAt(pos - 1) === 44 /* , */) pos--; // "chief executive, Ana Pires"
  // The nearest word (wordsBefore's last) must be a role noun; most often it is not, so it is read alone first.
  let j = pos;
  while (j > floor && isBlank(text.charCodeAt(j - 1))) j--;
  let s = j;
  while (s > floor && isWordChar(text.charCodeAt(s - 1))) s--;
  if (s === j) return null;
  if ((wordClassAt(text, s, j) & (W_ROLE | W_ORG_DESC)) !== W_ROLE) { // not a role noun (or an organisation's)
    // "The general secretary of the RTWU, Mick Halloran, said": a role of an organisation, then the name
    if (text.charCodeAt(pos) !== 44 /* , */) return null;
    const m = ROLE_OF_ORG_BEFORE.exec(text.slice(Math.max(floor, pos - 100), pos));
    return m && ROLE_NOUNS.has(m[2].toLowerCase()) && !ORG_DESCRIPTIONS.has(m[2].toLowerCase()) ? m[1] : null;
  }
  const words = wordsBefore(text, pos, 6, floor);
  const last = words[words.length - 1];
  const out = [last];
  let k = words.length - 1;
  while (k > 0 && out.length < 4 && /^\p{Ll}/u.test(words[k - 1]) && !ROLE_STOP.has(words[k - 1])) out.unshift(words[--k]);
  if (k > 0 && /^\p{Lu}/u.test(words[k - 1]) && !FUNCTION_WORDS.has(words[k - 1].toLowerCase())) {
    out.unshift(words[--k]);
    if (k > 0 && /['’]s$/.test(out[0]) && /^\p{Lu}/u.test(words[k - 1]) && !FUNCTION_WORDS.has(words[k - 1].toLowerCase())) out.unshift(words[--k]);
    // "Telegram’s Russian-born founder": an owner's possessive before a capitalised modifier
    else if (k > 0 && /^\p{Lu}[\p{L}\-]*['’]s$/u.test(words[k - 1])) out.unshift(words[--k]);
  }
  return out.join(' ');
}

/**
 * The word right after `pos` (spaces or tabs between), read within 40 characters, as offsets: its
 * end, and its start in AFTER_START; -1 when it must be read as a string (astral letters:
 * wordAfterByRegex).
 */
let AFTER_START = 0;
function wordAfterEnd(text: string, pos: number): number {
  const lim = Math.min(text.length, pos + 40);
  let i = pos;
  while (i < lim && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  let e = i;
  while (e < lim) {
    const c = text.charCodeAt(e);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 0x2019 || c === 45) e++;
    else if (c < 128) break;
    else if (c >= 0xd800 && c <= 0xdfff) return -1;
    else if (unitClass(c) & 3) e++;
    else break;
  }
  AFTER_START = i;
  return e;
}

/** A speech verb follows a name at `end` ("Kellvik said", "Kellvik, told"). */
function speaksAfter(text: string, end: number): boolean {
  const from = text.charCodeAt(end) === 44 /* , */ ? end + 1 : end;
  if (!isJsSpace(text.charCodeAt(from))) return false;
  const e = wordAfterEnd(text, from);
  return e > AFTER_START && SPEECH_VERB_TABLE.at(text, AFTER_START, e) !== undefined;
}

function wordAfterByRegex(text: string, pos: number): string {
  const m = /^[ \t]*([\p{L}\p{M}'’\-]+)/u.exec(text.slice(pos, pos + 40));
  return m ? m[1] : '';
}

interface RunPart {
  /** Offsets relative to the run's start. */
  start: number;
  end: number;
  text: string;
  title: string | null;
  /** The words of `text` (shared by every mention made from this part: read-only). */
  toks: string[];
  /** entityKey(text), worked out once per part. */
  key: string;
  /** One word of at most 5 capitals ("PIN"). */
  shortCaps: boolean;
}

/**
 * refineRun's answer depends on the run's text alone, except where it asks whether a word occurs
 * in lower case in the article (for a sentence's first word). Runs repeat (every mention of a
 * name), so answers are memoised by text, with the questions asked on the way and their answers:
 * when this article answers them the same, refineRun would take the same path. A run keeps up to
 * RUN_PATHS such paths (articles answer a sentence's first word differently). One table for
 * sentence-initial runs, one for the rest.
 */
interface RunEntry {
  parts: RunPart[];
  asked: string[];
  answers: boolean[];
}
/** A run's paths, newest first. */
const runCaches = [new Map<string, RunEntry[]>(), new Map<string, RunEntry[]>()];
const RUN_PATHS = 4;

function refineRunCached(raw: string, initial: boolean, lowerVocab: LowerVocabulary): RunPart[] {
  const cache = runCaches[initial ? 1 : 0];
  let paths = cache.get(raw);
  if (paths !== undefined) for (const e of paths) {
    let same = true;
    for (let i = 0; i < e.asked.length && same; i++) same = lowerVocab.has(e.asked[i]) === e.answers[i];
    if (same) return e.parts;
  }
  const asked: string[] = [];
  lowerVocab.trace = asked;
  // (the parts' texts are slices of the run: of a copy, as the cache keeps them)
  const own = detach(raw);
  const parts = refineRun(own, initial, lowerVocab).map((r) => {
    const toks = r.text.split(' ');
    const shortCaps = toks.length === 1 && r.text.length <= 5 && /^\p{Lu}+$/u.test(r.text);
    // (fields written out: in Node 20's V8 an object made by spreading gets a hidden class of its
    // own — measured, ~250 bytes more apiece, and every read of these fields a megamorphic one)
    return { start: r.start, end: r.end, text: r.text, title: r.title, toks, key: entityKey(r.text), shortCaps };
  });
  lowerVocab.trace = null;
  const entry = { parts, asked, answers: asked.map((w) => lowerVocab.has(w)) };
  if (paths === undefined) {
    // (not memoSet: `own` is a copy already)
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(own, (paths = []));
  }
  paths.unshift(entry);
  if (paths.length > RUN_PATHS) paths.pop();
  return parts;
}

/** A run's word without the full stop that ends a sentence ("… Workers Union."); "U.S." keeps its dots. */
function bare(w: string): string {
  return w.endsWith('.') && !/\.\p{L}/u.test(w) ? w.slice(0, -1) : w;
}

/**
 * Split a raw capitalised run into candidate names: strips titles, possessives, affixes, calendar
 * words. Offsets are into the run.
 */
function refineRun(raw: string, initial: boolean, lowerVocab: LowerVocabulary): { start: number; end: number; text: string; title: string | null }[] {
  const out: { start: number; end: number; text: string; title: string | null }[] = [];
  // tokenise the run, keeping offsets
  const toks: { s: number; e: number; w: string }[] = [];
  const tre = /\S+/g; // tokens of the run; a hard line break inside a name reads as a space
  let m: RegExpExecArray | null;
  while ((m = tre.exec(raw))) toks.push({ s: m.index, e: m.index + m[0].length, w: m[0] });
  if (!toks.length) return out;

  // Split at connectors unless the run is an organisation or place name ("Bank of England", "Gulf of Mexico").
  const segments: typeof toks[] = [];
  const hasHead = toks.some((t) => ORG_HEADS.has(lower(bare(t.w))) || ORG_PREFIXES.has(lower(t.w)) || PLACE_HEADS.has(bare(t.w)));
  let cur: typeof toks = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (i < toks.length - 1 && /['’]s$/.test(t.w) && !((cur.length === 0 || (cur.length === 1 && cur[0].w === 'The')) && COLLECTIVE_POSSESSIVES.has(lower(t.w.slice(0, -2))))) {
      // "Meta’s Facebook": a possessive ends a name — but not a common collective noun starting
      // one ("People's Alliance", "Women's Institute", "Children's Hospital").
      cur.push(t);
      segments.push(cur);
      cur = [];
      continue;
    }
    const isConn = /^\p{Ll}/u.test(t.w) || t.w === '&';
    if (isConn) {
      // "Professor Anneliese Brandt of the University of …": a person's name (after any titles) before "of".
      let named = 0;
      while (named < cur.length - 1 && (TITLES.has(lower(cur[named].w)) || HONORIFICS.has(lower(cur[named].w)) || ROLE_NOUNS.has(lower(cur[named].w)))) named++;
      const name = cur.slice(named);
      const personShaped = t.w === 'of' && toks[i + 1]?.w === 'the' && name.length >= 2 && name.length <= 3 &&
        name.every((x) => /^\p{Lu}\p{Ll}+$/u.test(x.w)) && !name.some((x) => PLACE_HEADS.has(x.w) || ORG_PREFIXES.has(lower(x.w)));
      const personBefore = name.length >= 2 && name.length <= 3 && (isFirstName(name[0].w) || personShaped) && !cur.some((x) => ORG_HEADS.has(lower(x.w)));
      const keep = !personBefore && ( hasHead && t.w !== 'and' && t.w !== 'y' || (t.w === '&') ||
        (t.w === 'and' && hasHead && i > 0 && ORG_HEADS.has(lower(bare(toks[toks.length - 1].w)))));
      if (!keep) {
        if (cur.length) segments.push(cur);
        cur = [];
        continue;
      }
    }
    cur.push(t);
  }
  if (cur.length) segments.push(cur);

  // A capitalised title inside a run, before a name, splits it: "Emergency Agency Director Carl O'Brien"
  // is an organisation, a role and a person.
  for (let si = 0; si < segments.length; si++) {
    const sg = segments[si];
    for (let k = 1; k < sg.length - 1; k++) {
      const isTitle = (x: string) => TITLES.has(lower(x)) || HONORIFICS.has(lower(x)) || ROLE_NOUNS.has(lower(x)); // a person's name must follow
      if (!isTitle(sg[k].w) || isTitle(sg[k - 1].w)) continue; // split before the first of "Lt. Col."
      let n = k;
      while (n < sg.length - 1 && isTitle(sg[n].w)) n++;
      if (!isFirstName(sg[n].w)) continue; // a title, then a person's name
      if (ORG_HEADS.has(lower(sg[sg.length - 1].w))) continue; // "Office of the Director of …" stays whole
      segments.splice(si, 1, sg.slice(0, k), sg.slice(k));
      break;
    }
  }

  for (let seg of segments) {
    // drop trailing connectors
    while (seg.length && /^\p{Ll}/u.test(seg[seg.length - 1].w)) seg = seg.slice(0, -1);
    if (!seg.length) continue;
    // Calendar words and function words never start or end a name.
    let title: string | null = null;
    let first = seg === segments[0] && initial;
    const whole = seg.map((x) => x.w).join(' ').replace(/['’]s$|[.,;:]$/, '');
    const gazetteerPlace = seg.length > 1 && (countryName(whole) || isCity(whole) || isRegion(whole)); // "New York", "The Hague"
    while (seg.length && !gazetteerPlace) {
      const w = seg[0].w.replace(POSSESSIVE_RE, '');
      const lw = lower(w);
      const capsName = seg.length > 1 && w.length > 1 && w === w.toUpperCase() && seg[1].w === seg[1].w.toUpperCase(); // "NEW ORLEANS"
      if (WEEKDAYS.has(w) || (MONTHS.has(bare(w)) && !(w === 'May' && seg.length > 1)) || (FUNCTION_WORDS.has(lw) && !capsName) ||
          (first && lowerVocab.has(lw) && !TITLES.has(lw) && !isFirstName(w) && !countryName(w) &&
            !(seg.length > 1 && COLLECTIVE_POSSESSIVES.has(lw) && /['’]s$/.test(seg[0].w)))) {
        seg = seg.slice(1);
        first = false;
        continue;
      }
      if ((HONORIFICS.has(lw) || TITLES.has(lw) || (ROLE_NOUNS.has(lw) && seg.length > 2 && isFirstName(seg[1].w))) && seg.length > 1) {
        // A title before a name: keep as role, drop from the name ("Chief Executive Priya Raman").
        // "General Motors" keeps "General": no person's name follows the title words.
        let n = 0;
        while (n < seg.length - 1 && (HONORIFICS.has(lower(seg[n].w)) || TITLES.has(lower(seg[n].w)) || ROLE_NOUNS.has(lower(seg[n].w)))) n++;
        if (n === 0) break; // (always ≥ 1 here; never loop without progress)
        const ambiguous = lw === 'general' || lw === 'chief' || lw === 'executive';
        const rest = seg.slice(n);
        const personShaped = rest.length >= 2 && rest.length <= 3 && rest.every((x) => /^\p{Lu}\p{Ll}/u.test(x.w)) &&
          !ORG_HEADS.has(lower(rest[rest.length - 1].w)) && !PLACE_HEADS.has(rest[rest.length - 1].w);
        const restIsPerson = isFirstName(seg[n].w) || HONORIFICS.has(lw) || personShaped || (!ambiguous && n === 1);
        if (restIsPerson) {
          const words = seg.slice(0, n).map((x) => x.w).join(' ');
          title = title ? `${title} ${words}` : words;
          seg = seg.slice(n);
          first = false;
          continue;
        }
      }
      break;
    }
    while (seg.length && (WEEKDAYS.has(seg[seg.length - 1].w) || MONTHS.has(seg[seg.length - 1].w) && seg.length > 1 && seg[seg.length - 1].w !== 'May' ||
        /^\p{Ll}/u.test(seg[seg.length - 1].w))) seg = seg.slice(0, -1); // "Orbitel Inc on Tuesday" → "Orbitel Inc"
    if (!seg.length) continue;
    // Split off a trailing demonym-led descriptor? Keep the run whole; possessive and affixes trimmed at the end.
    let s = seg[0].s;
    let e = seg[seg.length - 1].e;
    let t = raw.slice(s, e);
    const aff = AFFIX_RE.exec(t);
    if (aff) {
      t = t.slice(0, aff.index);
      e = s + t.length;
    }
    const poss = /['’]s?$/.exec(t);
    if (poss && t.length > 2) {
      t = t.slice(0, poss.index);
      e = s + t.length;
    }
    // trailing dot that is not part of an abbreviation
    if (t.endsWith('.') && !/(?:\p{Lu}\.){2,}$|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|S\.A|N\.V)\.$/u.test(t)) {
      t = t.slice(0, -1);
      e--;
    }
    if (!t || !/\p{L}/u.test(t)) continue;
    // "Sen. Rita Okonkwo, R-Texas,": a US party and state, not a name
    if (seg.length === 1 && /^[DRI]-\p{Lu}/u.test(t)) continue;
    // A single function word, a lone demonym or a lone calendar word is not an entity.
    const lt = lower(t);
    if (seg.length === 1 && (FUNCTION_WORDS.has(lt) || WEEKDAYS.has(t) || MONTHS.has(t))) continue;
    if (seg.length === 1 && demonymCountry(t) && !countryName(t)) continue;
    if (seg.length === 1 && NOT_NAMES.has(t)) continue;
    if (t.length < 2) continue;
    out.push({ start: s, end: e, text: t.replace(/\s+/g, ' '), title });
  }
  return out;
}

/** The lower-case words of the article's body (used to tell sentence-initial common words from names). */
/** Characters before a sentence's first word: spaces, opening quotes, brackets, dashes. */
function isLeadChar(c: number): boolean {
  switch (c) {
    case 32: case 9: case 10: case 13: case 34 /* " */: case 0x201c /* “ */: case 0x2018 /* ‘ */: case 39 /* ' */:
    case 40 /* ( */: case 91 /* [ */: case 0x2014 /* — */: case 0x2013 /* – */: case 45 /* - */: case 0xab /* « */:
    case 0x201e /* „ */: case 0x2039 /* ‹ */:
      return true;
    default:
      return false;
  }
}

/**
 * Whether a word occurs in lower case in the article ("Regulators" at a sentence start is a common
 * word when "regulators" appears elsewhere): as a whole word, with no letter on either side.
 * Memoised indexOf scans, with a filter in front: a word made of letters can only occur as one of
 * the text's letter runs, so a bit set of the runs' hashes (built once, no strings) answers most
 * absent words without scanning the text. The filter has false positives, never false negatives.
 */
class LowerVocabulary {
  private readonly memo = new Map<string, boolean>();
  private runs: Uint32Array | null = null;
  private mask = 0;
  /** When set, the words asked about are appended (see refineRunCached). */
  trace: string[] | null = null;
  constructor(private readonly text: string) {}
  has(word: string): boolean {
    if (this.trace) this.trace.push(word);
    let r = this.memo.get(word);
    if (r === undefined) {
      r = this.mayOccur(word) && this.scan(word);
      this.memo.set(word, r);
    }
    return r;
  }
  private scan(word: string): boolean {
    const t = this.text;
    for (let i = t.indexOf(word); i >= 0; i = t.indexOf(word, i + 1)) {
      const before = i > 0 ? t.charCodeAt(i - 1) : 32;
      const after = i + word.length < t.length ? t.charCodeAt(i + word.length) : 32;
      if (!isLetter(before) && !isLetter(after)) return true;
    }
    return false;
  }
  /** False only when `word` is all letters and no letter run of the text hashes like it. */
  private mayOccur(word: string): boolean {
    let h = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (!isLetter(c)) return true; // not a single run: let the scan decide
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (!word.length) return true;
    const runs = this.runs ?? this.buildRuns();
    const b = (h ^ (h >>> 15)) & this.mask;
    return (runs[b >>> 5] & (1 << (b & 31))) !== 0;
  }
  private buildRuns(): Uint32Array {
    const t = this.text;
    let bits = 1 << 12;
    while (bits < t.length * 4) bits *= 2;
    const runs = new Uint32Array(bits >>> 5);
    const mask = (this.mask = bits - 1);
    // Branch-free (letters and non-letters alternate every few characters: branches mispredict):
    // h hashes the current run (0 outside one); a run's hash is set when a non-letter follows it.
    let h = 0;
    let prev = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      const l = unitClass(c) & 1;
      const b = (h ^ (h >>> 15)) & mask;
      runs[b >>> 5] |= (prev & (l ^ 1)) << (b & 31);
      h = Math.imul((Math.imul(h, 31) + c) | 0, l);
      prev = l;
    }
    if (prev) {
      const b = (h ^ (h >>> 15)) & mask;
      runs[b >>> 5] |= 1 << (b & 31);
    }
    this.runs = runs;
    return runs;
  }
}

/**
 * Classes of UTF-16 units by \p{L} (bit 1) and \p{M} (bit 2), as a regex tests one unit; filled on
 * first sight (255: not yet known), so no regex runs per character.
 */
const UNIT_CLASS = new Uint8Array(65536).fill(255);
for (let c = 0; c < 128; c++) UNIT_CLASS[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
function unitClassEntry(c: number): number {
  const ch = String.fromCharCode(c);
  return (UNIT_CLASS[c] = (/\p{L}/u.test(ch) ? 1 : 0) | (/\p{M}/u.test(ch) ? 2 : 0));
}
/** 0 for a unit outside the text (NaN). */
function unitClass(c: number): number {
  const k = UNIT_CLASS[c];
  return k === 255 ? unitClassEntry(c) : k ?? 0;
}
const isLetter = (c: number): boolean => (unitClass(c) & 1) !== 0;


type Votes = Partial<Record<EntityType, number>>;
const shapeCache = new Map<string, Votes>();

/** Votes from the name alone (gazetteers and shape); the same for every mention of a text, so memoised. */
function shapeVotes(t: string, toks: string[]): Votes {
  let v = shapeCache.get(t);
  if (v) return v;
  v = {};
  const add = (k: EntityType, w: number) => { v![k] = (v![k] ?? 0) + w; };
  const last = toks[toks.length - 1];
  const lastLower = lower(last);
  const country = countryName(t);
  const city = isCity(t);
  if (country) add('place', 4);
  else if (city || isRegion(t)) add('place', 2.5);
  if (NEWS_AGENCIES.has(t)) add('organization', 4);
  if (toks.length > 1 && (ORG_HEADS.has(lastLower) || CORP_SUFFIXES.has(lastLower))) add('organization', 3);
  if (toks.length > 1 && ORG_PREFIXES.has(lower(toks[0])) && /\b(?:of|for)\b/.test(t)) add('organization', 3);
  if (toks.length > 1 && PLACE_HEADS.has(last)) add('place', 3);
  if (toks.length >= 2 && toks.length <= 4 && isFirstName(toks[0]) && /^\p{Lu}\p{Ll}/u.test(last) && !ORG_HEADS.has(lastLower)) add('person', 2.5);
  else if (toks.length >= 2 && toks.length <= 3 && toks.every((w) => /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?$/u.test(w)) &&
    !ORG_HEADS.has(lastLower) && !PLACE_HEADS.has(last) && !country && !city) add('person', 0.8);
  if (toks.length > 2 && /\bof\b/.test(t) && toks.some((w) => ORG_HEADS.has(lower(w)))) add('organization', 2.5);
  if (/^\p{Lu}{2,6}$/u.test(t)) add('organization', 0.5); // bare acronyms lean organisation
  if (/^\p{Ll}+\p{Lu}/u.test(t) || /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}/u.test(t) && toks.length === 1) add('product', 1.2); // iPhone, eBay, camel-case brands
  memoSet(shapeCache, t, v);
  return v;
}

/**
 * The word lists typeFromShape and roleBefore read a context word against, and the single words they
 * compare it with, as bits of one table: a word is looked up once, not once per list.
 */
const W_ROLE = 1; // ROLE_NOUNS
const W_ORG_DESC = 2; // ORG_DESCRIPTIONS
const W_PRODUCT = 4; // PRODUCT_NOUNS
const W_PLACE = 8; // PLACE_NOUNS
const W_PLACE_PREP = 16; // PLACE_PREPS
const W_DIRECTION = 32; // DIRECTIONS
const W_ORG_HEAD = 64; // ORG_HEADS
const W_THE = 128;
const W_OF = 256;
const W_BY_WITH = 512;
const W_TO_FROM = 1024;
const W_ORG_AFTER = 2048; // "X company", "X group"
const W_STATE = 4096;
const WORD_CLASS = new Map<string, number>();
for (const [words, bit] of [[ROLE_NOUNS, W_ROLE], [ORG_DESCRIPTIONS, W_ORG_DESC], [PRODUCT_NOUNS, W_PRODUCT], [PLACE_NOUNS, W_PLACE],
  [PLACE_PREPS, W_PLACE_PREP], [DIRECTIONS, W_DIRECTION], [ORG_HEADS, W_ORG_HEAD], [['the'], W_THE], [['of'], W_OF],
  [['by', 'with'], W_BY_WITH], [['to', 'from'], W_TO_FROM], [['company', 'corporation', 'group', 'agency', 'firm'], W_ORG_AFTER],
  [['state'], W_STATE]] as [Iterable<string>, number][]) {
  for (const w of words) WORD_CLASS.set(w, (WORD_CLASS.get(w) ?? 0) | bit);
}
const wordClass = (w: string): number => WORD_CLASS.get(w) ?? 0;
/** The same table, read off the text (wordClassAt). */
const WORD_CLASS_TABLE = new FoldedWords(WORD_CLASS);
/** wordClass(text.slice(s, e).toLowerCase()), without making either string for an ASCII word. */
function wordClassAt(text: string, s: number, e: number): number {
  return WORD_CLASS_TABLE.at(text, s, e) ?? 0;
}


function typeFromShape(c: Candidate, text: string, floor: number, appo: Apposition | null): void {
  const t = c.text;
  const toks = c.toks;
  const shape = shapeVotes(t, toks);
  for (const k in shape) vote(c, k as EntityType, shape[k as EntityType]!);
  // Context before: "<role> X", "<org noun> X", "messaging app X", "in X" (the two nearest words)
  // (the words' classes are read off the text: wordClassAt, not strings)
  const nBefore = wordSpansBefore(text, c.start, 2, floor);
  const k1 = nBefore > 0 ? wordClassAt(text, SPANS[0], SPANS[1]) : 0;
  const k2 = nBefore > 1 ? wordClassAt(text, SPANS[2], SPANS[3]) : 0;
  const spaceBefore = text.charCodeAt(c.start - 1) === 32;
  if (k1 !== 0) {
    if ((k1 & (W_ROLE | W_ORG_DESC)) === W_ROLE) vote(c, 'person', 2);
    else if ((k1 & (W_ORG_DESC | W_PRODUCT)) === W_ORG_DESC && spaceBefore) vote(c, 'organization', 1.5);
    if (k1 & W_PRODUCT && spaceBefore) vote(c, 'product', 2);
    if (k1 & W_PLACE && (k2 & W_OF || spaceBefore)) vote(c, 'place', 1.5);
    if (k1 & W_PLACE_PREP && isJsSpace(text.charCodeAt(c.start - 1))) {
      vote(c, 'place', k1 & W_TO_FROM ? 0.5 : 1.1);
      // ("in Kellvik", not "in Kellvik's view")
      const after = text.charCodeAt(c.end);
      if (STRONG_PLACE_PREPS.at(text, SPANS[0], SPANS[1]) && after !== 39 && after !== 8217) c.placeCue = true;
    }
  }
  if (k1 & W_OF && k2 & (W_DIRECTION | W_PLACE)) vote(c, 'place', 1.5);
  // "in the regional capital, Puerto Lindo": a place noun, then the name in apposition
  if (nBefore === 0 && text.charCodeAt(c.start - 2) === 44) {
    const noun = /(\p{Ll}+)\s*,\s*$/u.exec(text.slice(Math.max(floor, c.start - 40), c.start));
    if (noun && PLACE_NOUNS.has(noun[1])) vote(c, 'place', 2);
    // "the national telecoms regulator, Telkomnadzor", "its president, Jonas Weller"
    else if (noun && ORG_DESCRIPTIONS.has(noun[1]) && !PRODUCT_NOUNS.has(noun[1])) vote(c, 'organization', 2);
    else if (noun && ROLE_NOUNS.has(noun[1])) vote(c, 'person', 2);
  }
  if (k1 & W_THE && toks.length === 1 && !(c.votes.place && c.votes.place >= 4)) vote(c, 'organization', 0.6);
  // "in the Lancet Public Health": people's names rarely follow "the"; titles of publications and bodies do
  else if (k1 & W_THE && toks.length > 1 && !isFirstName(toks[0]) && toks.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w)) && !(c.votes.place && c.votes.place >= 2.5)) vote(c, 'organization', 1);
  if (k1 & W_BY_WITH) vote(c, 'organization', 0.2);
  // Context after: "X app", "X province", "X said" (speakers are people or organisations), "X, a/the <noun>"
  const afterEnd = wordAfterEnd(text, c.end);
  const ka = afterEnd >= 0 ? wordClassAt(text, AFTER_START, afterEnd) : wordClass(lower(wordAfterByRegex(text, c.end)));
  if (ka & W_PRODUCT) vote(c, 'product', 1.5);
  if (ka & W_PLACE && !(ka & W_STATE)) vote(c, 'place', 1.2);
  if (ka & W_ORG_AFTER) vote(c, 'organization', 1.5);
  if (appo) {
    const kn = wordClass(appo.head);
    if ((kn & (W_ROLE | W_ORG_DESC)) === W_ROLE) vote(c, 'person', 2);
    else if (kn & W_PRODUCT) vote(c, 'product', 2);
    else if (kn & (W_ORG_DESC | W_ORG_HEAD)) vote(c, 'organization', 2);
    else if (kn & W_PLACE) vote(c, 'place', 2);
  }
  if (c.roles.length && c.roles.some((r) => ROLE_NOUNS.has(lower(r.split(/\s+/).pop() ?? '')))) vote(c, 'person', 1);
}

const APPO_STOP = /\s+(?:said|says|told|added|who|which|that|whose|has|had|is|was|were|are|will|would|founded|owned|led|based|run|known|called|named|created|launched|backed|where|when|and|but)\b[\s\S]*$/u;

interface Apposition { phrase: string; head: string; roleInside: boolean; indefinite: boolean }
const POSSESSIVE_BEFORE = /(?:^|[^\p{L}])(?:your|my|his|her|their|our)\s+$/iu;
/** Nouns for what a person does: "meteorologist", "researcher", "historian", "consultant". */
const AGENT_NOUN = /^\p{Ll}{4,}(?:ist|ian|ant|ent|eer)$/u;

/** Words after an apposition's head noun ("head of …", "a tool used …"). */
const HEAD_ENDERS = new Set(['of', 'for', 'at', 'in', 'on', 'to', 'with', 'from', 'by', 'aimed', 'used', 'designed', 'made', 'set']);

/** "X, the country's communications regulator, …": the descriptive phrase after a name and its head noun. */
function apposition(text: string, end: number, ceil = end + 140): Apposition | null {
  if (text.charCodeAt(end) !== 44 /* , */) return null;
  const lim = Math.min(ceil, end + 140);
  if (end + 1 >= lim || !isJsSpace(text.charCodeAt(end + 1))) return null; // (the pattern needs a space after the comma)
  const post = text.slice(end, lim);
  const m = /^,\s+((?:a|an|the|its|his|her|their)\s+)?([^,.;:“”"()!?]{2,100})/u.exec(post);
  if (!m) return null;
  let phrase = m[2].replace(APPO_STOP, '').trim();
  if (!phrase || !m[1] && /^(?:\p{Lu}[\p{Ll}]+\s+)+\p{Lu}[\p{Ll}]+$/u.test(phrase)) return null; // "X, Dmitry Peskov" is a list, not a description
  const ws = phrase.split(/\s+/);
  if (ws.length > 8) return null;
  // the head noun: the last word before "of/for/at/in" or the phrase end
  const ofAt = ws.findIndex((w, i) => i > 0 && (HEAD_ENDERS.has(w) || i > 1 && (w.endsWith('ed') || w.endsWith('ing')) && /\p{Ll}(?:ed|ing)$/u.test(w)));
  const headWord = lower((ofAt > 0 ? ws[ofAt - 1] : ws[ws.length - 1]).replace(/['’]s$/, ''));
  if (!m[1] && !ROLE_NOUNS.has(headWord) && !/['’]s\s/.test(phrase)) return null; // bare phrase must be a role ("head of …", "Telegram's founder")
  // (a role word inside counts only when the head is a role: the words are read only then)
  const roleInside = ROLE_NOUNS.has(headWord) && ws.some((w) => ROLE_NOUNS.has(lower(w.replace(/['’]s$/, ''))) && !ORG_DESCRIPTIONS.has(lower(w)));
  return { phrase, head: headWord, roleInside, indefinite: !!m[1] && /^an?\s/i.test(m[1]) };
}

/** No roles (most mentions): one shared array, never pushed to. */
const NO_ROLES: string[] = [];

/** Roles at a mention: a title in the run, a descriptive phrase before it, an apposition after it. */
function rolesAt(text: string, c: { start: number; end: number }, title: string | null, floor: number, a: Apposition | null): string[] {
  let roles = NO_ROLES;
  if (title) roles = [title];
  const before = roleBefore(text, c.start, floor);
  if (before) roles = roles === NO_ROLES ? [before] : [...roles, before];
  // Apposition: "X, a spokesperson for the Kremlin," / "X, head of the port authority" / "X, Telegram's founder"
  // (and "X, a meteorologist in Chamonix": an agent noun after "a" describes what X does)
  if (a && (ROLE_NOUNS.has(a.head) || ORG_DESCRIPTIONS.has(a.head) || a.roleInside || a.indefinite && AGENT_NOUN.test(a.head))) roles = roles === NO_ROLES ? [a.phrase] : [...roles, a.phrase];
  return roles;
}

export interface EntityResult {
  entities: LocalEntity[];
  mentions: Mention[];
}

export function extractEntities(text: string, structure: ArticleStructure, options: AnalyzeOptions = {}): EntityResult {
  const lowerVocab = new LowerVocabulary(text);
  const cands: Candidate[] = [];
  const headlineCands: Candidate[] = [];
  const ignore = new Set((options.ignore ?? []).map(lower));

  const sentences = structure.sentences;
  const runRe = CAMEL_RE.test(text) ? RUN_RE : RUN_RE_NO_CAMEL;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    const para = structure.paragraphs[s.paragraph];
    const isHeadline = para.kind === 'headline';
    const floor = s.start;
    // Start of the sentence ignoring opening quotes/brackets.
    let lead = s.start;
    while (lead < s.end && isLeadChar(text.charCodeAt(lead))) lead++;
    // After a dateline ("NEW ORLEANS (AP) — Floodwaters forced …") the next word starts the sentence.
    let lead2 = -1;
    const dl = structure.dateline;
    if (dl && dl.start >= s.start && dl.end < s.end) {
      lead2 = dl.end;
      while (lead2 < s.end && /[\s:—–\-]/.test(text[lead2])) lead2++;
    }
    // The run pattern scans this sentence only: a global scan restarted at each sentence would read
    // ahead to the next capital anywhere in the text (quadratic on text without capitals).
    const sentenceText = text.slice(s.start, s.end);
    runRe.lastIndex = 0;
    let mm: RegExpExecArray | null;
    while ((mm = runRe.exec(sentenceText))) {
      const at = s.start + mm.index; // the run's offset in the text
      if (runRe.lastIndex <= mm.index) runRe.lastIndex = mm.index + 1;
      const raw = mm[0];
      if (!startsName(raw)) continue;
      // Fast path: a lone function word ("The", "In", "He") is most runs and never a name.
      if (isLoneFunctionWord(raw)) continue;
      const p1 = text.charCodeAt(at - 1);
      const quoteStart = at > 0 && isQuoteOpener(p1) && at - 1 > lead;
      const p = p1 === 32 ? text.charCodeAt(at - 2) : p1;
      // (after "5 a.m." a sentence may start where the splitter saw an abbreviation)
      const afterAbbrev = p === 46 /* . */ && /(?:^|\s)(?:a\.m|p\.m|etc|approx)\.\s+$/i.test(text.slice(Math.max(s.start, at - 8), at));
      const initial = at === lead || at === lead2 || afterAbbrev || (at > s.start && (isQuoteOpener(p) || p === 58 /* : */) && !quoteStart);
      for (const r of refineRunCached(raw, initial, lowerVocab)) {
        const start = at + r.start;
        const end = at + r.end;
        if (isExcluded(structure, start, end)) continue;
        if (ignore.size && ignore.has(lower(r.text))) continue;
        // "ask for your PIN": an all-caps common noun after a possessive is not a name
        if (r.shortCaps && POSSESSIVE_BEFORE.test(text.slice(Math.max(s.start, start - 7), start))) continue;
        const c: Candidate = {
          start, end, text: r.text, key: r.key, toks: r.toks, appo: null, sentence: si, votes: {}, roles: NO_ROLES,
          initial: start === lead || start === lead2, headline: isHeadline,
        };
        c.appo = apposition(text, c.end, s.end);
        c.roles = rolesAt(text, c, r.title, floor, c.appo);
        (isHeadline ? headlineCands : cands).push(c);
      }
    }
  }

  // Dateline place ("KAUNAS, Lithuania:")
  if (structure.dateline) {
    const d = structure.dateline;
    const re = /\p{Lu}[\p{L}'’.\-]*(?:[ ]\p{Lu}[\p{L}'’.\-]*)*/gu;
    re.lastIndex = d.start;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && m.index < d.end) {
      const t = m[0].replace(/\.$/, '');
      if (MONTHS.has(t) || WEEKDAYS.has(t)) continue; // "SAN FRANCISCO, Sept 9 (Wireline) -"
      const kind: EntityType = text[m.index - 1] === '(' ? 'organization' : 'place'; // "(Reuters)" is the agency
      const existing = cands.find((c) => c.start === m!.index);
      if (existing) {
        vote(existing, kind, 3);
        if (kind === 'place') existing.placeCue = true;
        continue;
      }
      const c: Candidate = { start: m.index, end: m.index + t.length, text: t, key: entityKey(t), toks: t.split(' '), appo: null, sentence: 0, votes: { [kind]: 3 }, roles: [], initial: false, headline: false, placeCue: kind === 'place' };
      cands.push(c);
    }
    cands.sort((a, b) => a.start - b.start);
  }

  // Names seen mid-sentence in the body; sentence-initial and headline candidates must be confirmed by them.
  const confirmed = new Set<string>();
  // … and the words of those names ("Marsh added …" after "Elena Marsh": a surname, not the noun)
  // (built on first use: few articles need it)
  let confirmedWords: Set<string> | null = null;
  const isConfirmedWord = (w: string): boolean => {
    if (confirmedWords === null) {
      confirmedWords = new Set<string>();
      for (const c of cands) if (c.toks.length > 1 && (!c.initial || isFirstName(c.toks[0]))) for (const x of c.toks) confirmedWords.add(x);
    }
    return confirmedWords.has(w);
  };
  for (const c of cands) if (!c.initial) confirmed.add(c.key);
  const kept: Candidate[] = [];
  for (const c of cands) {
    if (!c.initial) { kept.push(c); continue; }
    const k = c.key;
    const toks = c.toks;
    if (confirmed.has(k) || countryName(c.text) || isCity(c.text) || NEWS_AGENCIES.has(c.text) || toks.length > 1 && !lowerVocab.has(lower(toks[0])) ||
        (toks.length > 1 && isFirstName(toks[0])) || /^\p{Lu}{2,}$/u.test(c.text) || /\p{Ll}\p{Lu}/u.test(c.text)) kept.push(c);
    else if (toks.length === 1 && !lowerVocab.has(lower(c.text)) && !FUNCTION_WORDS.has(lower(c.text)) && c.text.length > 3 &&
        (!isCommonWord(lower(c.text)) || isConfirmedWord(c.text)) && // "Turnout was 61%": an ordinary word at a sentence start
        !/["“‘«„]\s*$/.test(text.slice(Math.max(0, c.start - 2), c.start)) && // not the first word of a quotation
        !/s$/.test(c.text) && !lowerVocab.has(lower(c.text) + 's') &&
        /^,?\s+(?:said|says|told|has|had|is|was|will|would|added|announced|confirmed)\b/.test(text.slice(c.end, c.end + 12))) kept.push(c);
  }
  const keptKeys = new Set<string>();
  for (const c of kept) keptKeys.add(c.key);
  // Headline: keep only sub-spans that are names known from the body (or gazetteer places).
  for (const h of headlineCands) {
    // The words of h.text (its whitespace folded to single spaces) and where each stands in the text.
    const words = h.toks;
    const offs: number[] = [];
    for (let k = 0, o = h.start; k < words.length; o += words[k].length, k++) {
      while (isJsSpace(text.charCodeAt(o))) o++;
      offs.push(o);
    }
    let i = 0;
    while (i < words.length) {
      let matched = 0;
      for (let j = words.length; j > i; j--) {
        const s = offs[i];
        const e = offs[j - 1] + words[j - 1].length;
        const t = text.slice(s, e).replace(/['’]s$/, '').replace(/[,.:;]$/, '');
        // (a capitalised headline's function words are not names' ends: "VALMORRA AS FAR RIGHT SURGES")
        if (j - i > 1 && FUNCTION_WORDS.has(lower(words[j - 1].replace(/[,.:;]$/, '')))) continue;
        const k = entityKey(t);
        if (confirmed.has(k) || keptKeys.has(k) || (j - i === 1 && countryName(t))) {
          // (its text with whitespace folded, as every mention's; its span as written)
          const name = t.replace(/\s+/g, ' ');
          // (Object.assign, not a spread: see refineRunCached)
          kept.push(Object.assign({}, h, { start: s, end: s + t.length, text: name, key: k, toks: name.split(' '), votes: {}, roles: [], initial: false }));
          matched = j - i;
          break;
        }
      }
      i += Math.max(1, matched);
    }
  }
  kept.sort((a, b) => a.start - b.start);

  for (const c of kept) typeFromShape(c, text, structure.sentences[c.sentence]?.start ?? 0, c.appo);
  // Coordinated names share a type: "Castelo Branco and Covilhã", "Facebook, Instagram and WhatsApp".
  for (let i = 1; i < kept.length; i++) {
    const a = kept[i - 1];
    const b = kept[i];
    if (b.start - a.end > 6 || !/^(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+|,\s+or\s+)$/.test(text.slice(a.end, b.start))) continue;
    // only a name with no evidence of its own takes its neighbour's type
    const none = (v: Votes) => Object.values(v).every((n) => !n || n < 0.5);
    const ta = strongest(a.votes);
    const tb = strongest(b.votes);
    if (ta && none(b.votes)) vote(b, ta, 1);
    if (tb && none(a.votes)) vote(a, tb, 1);
  }

  return cluster(text, kept, options);
}

/** "e0", "e1", …: built once, not per entity of every article. */
const LOCAL_KEYS: string[] = [];
function localKey(i: number): string {
  while (LOCAL_KEYS.length <= i) LOCAL_KEYS.push(`e${LOCAL_KEYS.length}`);
  return LOCAL_KEYS[i];
}

/** Cluster candidates into local entities. */
function cluster(text: string, cands: Candidate[], options: AnalyzeOptions): EntityResult {
  const entities: LocalEntity[] = [];
  const byKey = new Map<string, number>(); // entityKey → entity index
  const votes: Partial<Record<EntityType, number>>[] = [];
  const counts: Map<string, number>[] = [];
  const mentions: Mention[] = [];

  // Aliases from the text: "Long Name (ACR)", "X (previously Y)".
  const acronymOf = new Map<string, string>(); // acronym key → long key
  const renamed = new Map<string, string>(); // former key → current key
  const acronymSpelling = new Map<string, string>(); // acronym key → its mixed-case spelling ("DBfK")
  for (const c of cands) {
    if (text.charCodeAt(c.end) !== 32 || text.charCodeAt(c.end + 1) !== 40 /* " (" */) continue;
    const after = text.slice(c.end, c.end + 60);
    const acr = /^\s*\((\p{Lu}[\p{Lu}\p{Ll}\d&.]{1,9})\)/u.exec(after);
    if (acr && c.toks.length > 1 && /^\p{Lu}[\p{Lu}\d&.]*$/u.test(acr[1])) {
      // "National Water Authority (NWA)": the acronym's letters follow the words' initials, starting with the first.
      // "NEW ORLEANS (AP)" is a dateline and its agency, not an acronym.
      const initials = c.toks.map((w) => w[0].toUpperCase()).join('');
      const a = acr[1].replace(/[.&]/g, '');
      let j = 0;
      for (let i = 0; i < initials.length && j < a.length; i++) if (initials[i] === a[j]) j++;
      if (a[0] === initials[0] && j >= Math.min(a.length, 2)) acronymOf.set(entityKey(acr[1].replace(/\./g, '')), c.key);
    } else if (acr && c.toks.length > 1 && ORG_HEADS.has(lower(c.toks[c.toks.length - 1])) && (acr[1].match(/\p{Lu}/gu)?.length ?? 0) >= 2 && !NEWS_AGENCIES.has(acr[1])) {
      // "the German Nurses' Association (DBfK)": an organisation's acronym in its own language
      acronymOf.set(entityKey(acr[1].replace(/\./g, '')), c.key);
      acronymSpelling.set(entityKey(acr[1].replace(/\./g, '')), acr[1]);
    }
    const ren = /^\s*\((?:previously|formerly|once|then|now|earlier|known as|previously known as|formerly known as)\s+([^()]{2,40})\)/iu.exec(after);
    if (ren) renamed.set(entityKey(ren[1]), c.key);
  }
  const userAlias = new Map<string, string>();
  for (const group of options.aliases ?? []) {
    if (!Array.isArray(group) || group.length < 2) continue;
    const head = entityKey(String(group[0]));
    for (const n of group) userAlias.set(entityKey(String(n)), head);
  }

  const resolveKey = (k: string): string => {
    for (let i = 0; i < 4; i++) {
      const n = userAlias.get(k) ?? acronymOf.get(k) ?? renamed.get(k);
      if (!n || n === k) break;
      k = n;
    }
    return k;
  };

  // Two passes: multi-token names first so that surnames can attach to them.
  // (the candidates are in text order: taking them by word count, most first, each count in text
  // order, is the order of a stable sort on (word count descending, start))
  let most = 0;
  for (const c of cands) if (c.toks.length > most) most = c.toks.length;
  const order: number[] = [];
  for (let n = most; n >= 0; n--) for (let i = 0; i < cands.length; i++) if (cands[i].toks.length === n) order.push(i);
  const assigned: number[] = new Array(cands.length).fill(-1);
  const ensure = (key: string, c: Candidate): number => {
    let idx = byKey.get(key);
    if (idx === undefined) {
      idx = entities.length;
      entities.push({ key: localKey(idx), name: c.text, type: 'other', aliases: [], roles: [], acronyms: [], formerNames: [] });
      votes.push({});
      counts.push(new Map());
      byKey.set(key, idx);
    }
    return idx;
  };
  // Surname index of person-like multi-token names; first-word index of organisation names.
  const surname = new Map<string, number>();
  const orgFirst = new Map<string, number>();
  // One-word names that the article somewhere reads as a place or a person (a dateline "KELLVIK:",
  // "in Kellvik"): elsewhere in it, that word is not the short form of an organisation named after
  // it (the "Kellvik Tribune"), even where nothing around the word says so (a headline).
  const placeOrPerson = new Set<string>();
  for (const c of cands) if (c.toks.length === 1 && ((c.votes.place ?? 0) > 0 || (c.votes.person ?? 0) > 0)) placeOrPerson.add(lower(c.text));
  // A one-word mention whose context says place strongly and not person ("in Kellvik", a dateline
  // "KELLVIK:") is not the surname of a person named like the town ("Erik Kellvik"); a later
  // mention that context reads as the person ("Kellvik said") still is, though the town took the name.
  // (One word has no person vote from its shape: every person vote it has is from its context.)
  const personInContext = (c: Candidate): boolean => (c.votes.person ?? 0) > 0 || speaksAfter(text, c.end);
  // (the names some mention says outright are a place: the other bare mentions of them that do not speak follow)
  const townKeys = new Set<string>();
  for (const c of cands) if (c.toks.length === 1 && c.placeCue && !personInContext(c)) townKeys.add(resolveKey(c.key));
  for (const i of order) {
    const c = cands[i];
    const key = resolveKey(c.key);
    const toks = c.toks;
    let idx = byKey.get(key);
    if (idx !== undefined && toks.length === 1 && townKeys.has(key) && personInContext(c)) {
      const s = surname.get(lower(c.text));
      if (s !== undefined && s >= 0) idx = s;
    }
    if (idx === undefined && toks.length === 1) {
      const lt = lower(c.text);
      const s = surname.get(lt);
      if (s !== undefined && s >= 0 && !(townKeys.has(key) && !personInContext(c))) idx = s;
      const o = orgFirst.get(lt);
      if (idx === undefined && o !== undefined && o >= 0 && !placeOrPerson.has(lt)) idx = o;
    }
    if (idx === undefined) idx = ensure(key, c);
    assigned[i] = idx;
    if (toks.length >= 2 && (c.votes.person ?? 0) > 0 && !(c.votes.organization ?? 0) && !(c.votes.place ?? 0)) {
      const last = surnameOf(toks);
      const prev = surname.get(last);
      surname.set(last, prev !== undefined && prev !== idx ? -1 : idx); // -1: ambiguous surname
    }
    if (toks.length >= 2 && (c.votes.organization ?? 0) >= 2 && !(c.votes.person ?? 0) && !/^\p{Lu}+$/u.test(toks[0]) &&
        !countryName(toks[0]) && !demonymCountry(toks[0]) && !FUNCTION_WORDS.has(lower(toks[0])) && toks[1] !== 'of') {
      const first = lower(toks[0]);
      const prev = orgFirst.get(first);
      orgFirst.set(first, prev !== undefined && prev !== idx ? -1 : idx);
    }
  }
  // Merge entities whose keys were linked through aliases found after their creation.
  cands.forEach((c, i) => {
    const e = assigned[i];
    // Context votes count per mention; votes from the name's shape count once per distinct form,
    // so a name repeated without context does not outvote the places where context says what it is.
    const v = votes[e];
    // (asked again, not read from the memo: a long article can fill the memo, which then starts over)
    const shape = shapeVotes(c.text, c.toks);
    const firstOfForm = !counts[e].has(c.text);
    for (const k in c.votes) {
      const t = k as EntityType;
      const w = c.votes[t]!;
      const sw = shape?.[t] ?? 0;
      v[t] = (v[t] ?? 0) + w - (firstOfForm ? 0 : sw);
    }
    const cm = counts[e];
    cm.set(c.text, (cm.get(c.text) ?? 0) + 1);
    for (const r of c.roles) if (!entities[e].roles.some((x) => lower(x) === lower(r))) entities[e].roles.push(r);
    mentions.push({ start: c.start, end: c.end, text: c.text, entity: entities[e].key, sentence: c.sentence });
  });
  entities.forEach((ent, i) => {
    ent.aliases = [...counts[i].keys()];
    // Canonical: the fullest form (most words, then most letters, then most frequent), not an all-caps variant when a cased one exists.
    // (each form's word count and caps are read once, not at every comparison)
    if (counts[i].size > 1) {
      const forms: { f: string; n: number; words: number; caps: number }[] = [];
      for (const [f, n] of counts[i]) forms.push({ f, n, words: f.split(/\s+/).length, caps: f.length > 4 && f === f.toUpperCase() ? 1 : 0 });
      forms.sort((a, b) => b.words - a.words || a.caps - b.caps || b.n - a.n || b.f.length - a.f.length);
      ent.name = forms[0].f;
    } else if (counts[i].size === 1) ent.name = ent.aliases[0];
    const v = votes[i];
    let best: EntityType = 'other';
    let bestW = 0.4;
    for (const t of ['person', 'organization', 'place', 'product'] as EntityType[]) {
      if ((v[t] ?? 0) > bestW) { best = t; bestW = v[t]!; }
    }
    ent.type = best;
    for (const [a, long] of acronymOf) if (byKey.get(long) === i) ent.acronyms.push(acronymSpelling.get(a) ?? a.toUpperCase());
    for (const [f, cur] of renamed) if (byKey.get(cur) === i) {
      const fe = byKey.get(f);
      ent.formerNames.push(fe !== undefined ? entities[fe].name : f);
    }
  });
  // Drop single lower-evidence 'other' entities that are title-case common words only seen once at a line start.
  mentions.sort((a, b) => a.start - b.start);
  return { entities, mentions };
}
