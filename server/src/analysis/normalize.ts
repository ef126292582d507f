// Normalisation used to compare text across sources: quotation wording (case, punctuation,
// British/American spelling) and tokens for shingling.

/** Spelling variants folded to one form: fulfils/fulfills, organise/organize, colour/color, travelled/traveled. */
function foldSpelling(w: string): string {
  if (w.length < 4) return w;
  return w
    .replace(/ll(s|ed|ing|ment|ments)$/, 'l$1')
    .replace(/^(.{3,})ise(s|d|r|rs)?$/, '$1ize$2')
    .replace(/^(.{3,})ising$/, '$1izing')
    .replace(/^(.{3,})isation(s)?$/, '$1ization$2')
    .replace(/our(s|ed|ing|ite|ites|able|ful)?$/, 'or$1')
    .replace(/([^aeiou])re$/, '$1er')
    .replace(/ogue$/, 'og')
    .replace(/ence$/, 'ense');
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Words of a quotation, lower-cased, punctuation removed, spelling folded (for comparing). */
export function quoteTokens(text: string): string[] {
  return comparableTokens(quoteWords(text));
}

/** quoteTokens of a quotation whose words (quoteWords) are at hand. */
export function comparableTokens(words: string[]): string[] {
  return words.map(comparable);
}

/**
 * A word's comparable form, memoised: words recur across every quote of a corpus, and the eight
 * spelling rules cost more than a lookup. Bounded (a workspace of odd words cannot grow it forever;
 * past the limit it starts over).
 */
const comparableMemo = new Map<string, string>();
const MAX_COMPARABLE_MEMO = 50_000;
function comparable(w: string): string {
  // (Longer words are not memoised: V8 keeps a slice that long as a view of the whole quote.)
  if (w.length >= 13) return foldSpelling(w.toLowerCase().replace(/’/g, "'"));
  let c = comparableMemo.get(w);
  if (c === undefined) {
    c = foldSpelling(w.toLowerCase().replace(/’/g, "'"));
    if (comparableMemo.size >= MAX_COMPARABLE_MEMO) comparableMemo.clear();
    comparableMemo.set(w, c);
  }
  return c;
}

/** Words of a quotation as written (for showing differences). */
export function quoteWords(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

/** Overlapping word n-grams, as strings. */
export function shingles(tokens: string[], n = 3): string[] {
  if (tokens.length < n) return tokens.length ? [tokens.join(' ')] : [];
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}
