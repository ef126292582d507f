// Figures: numbers in digits and words with their hedges, units, scales, ranges, and what they
// count (measure), whose they are (subject), where they apply (scope) and whether they are an
// earlier or an updated count (temporal); plus dates, times, years and ordinals.
//
// One global regex scan finds number candidates (digit runs, number words, calendar words); each
// candidate is then read with sticky regexes and small look-arounds on a bounded window (about
// ±100 characters, never past the sentence), so the cost is linear in the text length.
//
// Conventions where the spec leaves a choice (see also the tests):
// - Vague plurals ("dozens", "hundreds", "thousands", "tens of thousands", "scores of") are count
//   figures with value null and interval [2 × unit, null] ("dozens" → [24, null]).
// - A range ("two to three hours", "between 10 and 20", "10-20") is one figure: value = low end,
//   low/high = the ends (the hedge, if any, widens them). "between" is part of the span.
// - "X in Y" / "X out of Y" ("four in five") is a percent figure (value 80).
// - Dates, times: value/low/high null. Years: value = low = high = the year. Ordinals likewise.
//   Hedges, measure, subject, scope and temporal are not read for dates, times, years, ordinals.
// - "first" is never an ordinal figure (too often "at first", "first reported"). Word ordinals
//   "second" … "twelfth" and digit ordinals ("3rd") are.
// - "magnitude 6.1" / "M6.1" / "6.1-magnitude": the word or letter is part of the span.
// - Ages ("a 70-year-old", "Name, 82,", "aged 82") are quantity figures, unit "year", measure "age".
// - Durations keep the written unit ("72 hours" → 72, unit "hour"); toBaseUnit converts to hours.
// - Money in a currency's main unit (value 2500000, unit "EUR" for "€2.5 million").
// - Subject, scope and temporal are read only for figures with a measure (only those make claims).

import type { ArticleStructure, Figure, FigureKind, LocalEntity, Mention, Temporal } from './types';
import { isExcluded, parseStructure, sentenceAt } from './structure';
import { isJsSpace } from './text';
import { countryName as gazetteerCountry, demonymCountry as gazetteerDemonym, FUNCTION_WORDS } from './gazetteer';
import {
  composeNumberWords,
  MAX_INT_DIGITS,
  dict,
  CURRENCY_CODES,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  ORDINAL_WORDS,
  parseDigits,
  QUALIFIED_CURRENCY,
  SCALE_ABBREVIATIONS,
  SCALE_WORDS,
  tidy,
  UNIT_WORDS,
  VAGUE_PLURALS,
  type UnitDim,
} from './numbers';

export { toBaseUnit } from './numbers';

// The gazetteer tables are plain JSON objects: "constructor" would find a function there.
function countryName(name: string): string | null {
  const c = gazetteerCountry(name);
  return typeof c === 'string' ? c : null;
}
function demonymCountry(word: string): string | null {
  const c = gazetteerDemonym(word);
  return typeof c === 'string' ? c : null;
}

// ---------------------------------------------------------------------------------------------
// Lexicons

/** A Map from a table's entries: a Map's get() is quicker than a prototype-less object's lookup with a key read from the text. */
function lookup<T>(o: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(o));
}

const NUMBER_WORDS =
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|' +
  'seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion';
const MONTH_NAMES = lookup<number>({
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12, jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
  nov: 11, dec: 12,
});
const WEEKDAY_NAMES = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** The one scan: digit runs, number words, calendar words. */
const CAND = new RegExp(
  '\\d+|\\b(?:' + NUMBER_WORDS + '|dozens|scores|hundreds|thousands|millions|billions|tens|half|an?(?=[^\\S\\r\\n]+(?:dozen|hundred|thousand|million|billion)\\b)|' +
    'second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|' +
    'monday|tuesday|wednesday|thursday|friday|saturday|sunday|' +
    'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|' +
    'yesterday|last|next)\\b',
  'gi',
);

/** Measure vocabulary for the noun after a number. */
const NOUN_MEASURE = new Map<string, string>();
function nm(words: string, measure: string): void {
  for (const w of words.trim().split(/\s+/)) NOUN_MEASURE.set(w, measure);
}
nm('people persons person residents resident inhabitants individuals citizens', 'people');
nm('dead deaths death fatalities fatality bodies body lives killed', 'deaths');
nm('injured wounded injuries injury hurt', 'injured');
nm('missing unaccounted', 'missing');
nm('evacuated evacuees evacuee', 'evacuated');
nm('displaced homeless', 'displaced');
nm('arrested arrests detained detainees detentions', 'arrested');
nm('users user', 'users');
nm('aftershocks aftershock', 'aftershocks');
nm('houses house homes home dwellings dwelling', 'homes');
nm('buildings building', 'buildings');

/** Measures that say what happened to people; a verb after the noun can set them. */
const CASUALTY_VERBS = lookup<string>({
  killed: 'deaths', died: 'deaths', dead: 'deaths', perished: 'deaths', drowned: 'deaths', die: 'deaths', dies: 'deaths',
  injured: 'injured', wounded: 'injured', hurt: 'injured', hospitalised: 'injured', hospitalized: 'injured',
  missing: 'missing', unaccounted: 'missing', evacuated: 'evacuated', displaced: 'displaced', homeless: 'displaced',
  arrested: 'arrested', detained: 'arrested',
});
/** Measures that fix what the noun is; no verb can change them. */
const FIXED_MEASURES = new Set(['users', 'aftershocks', 'homes', 'buildings', 'deaths', 'injured', 'missing', 'evacuated', 'displaced', 'arrested']);

const IRREGULAR_PLURALS = new Set(
  'people men women children police staff personnel cattle sheep fish deer crew teeth mice geese data media livestock aircraft spacecraft offspring species'.split(' '),
);
/** Function words that may stand between a number and its noun ("3,000 new teachers"). */
const HEAD_MODIFIERS = new Set('new old more other additional further extra recent former senior young older younger local foreign'.split(' '));
const VERB_AFTER_STOP = new Set('and but while whereas or nor'.split(' '));

/** Capitalised words before a bare integer that make it a name or code, even in title case. */
const DESIGNATORS = new Set(
  ('section article chapter clause paragraph rule title boeing airbus embraer bombardier flight route highway interstate ' +
    'road room terminal gate platform line unit block apollo windows iphone galaxy pixel model version phase stage level ' +
    'category cat type class grade division precinct ward zone sector lot plot floor apartment suite channel season episode ' +
    'volume vol issue part act bill resolution amendment proposition prop measure exhibit figure table item number no nos ' +
    'patch covid sars mh su mig tu f b c formula district lane street avenue bus tram train ftse nasdaq dax cac nikkei ' +
    'hurricane typhoon storm').split(' '),
);

/** Designators that label a number even in lower case. */
const LOWER_DESIGNATORS = new Set(
  'type phase stage category level grade class step round article section chapter season episode version gate terminal platform flight room ward'.split(' '),
);

/** Words (in lower case) before a 4-digit number that make it a year. */
const YEAR_PREPS = new Set(
  'in since until till by of from during before after early late mid between through circa spring summer autumn fall winter year'.split(' '),
);
const SUBJECT_MEASURES = new Set(
  'users customers subscribers employees staff workers downloads revenue profit sales followers members passengers accounts installs listeners viewers readers clients'.split(' '),
);
const AREA_NOUNS = new Set(
  ('country nation region district province state county city town village capital area municipality prefecture ' +
    'territory zone island islands valley parish neighbourhood neighborhood suburb suburbs commune oblast governorate borough ' +
    'north south east west north-east north-west south-east south-west northeast northwest southeast southwest interior ' +
    'coast countryside mainland archipelago metropolitan kingdom republic region regions districts provinces states towns villages cities areas').split(' '),
);

// ---------------------------------------------------------------------------------------------
// Sticky readers (lastIndex is set before each use)

const WS = '[^\\S\\r\\n]{0,3}(?:\\r?\\n[^\\S\\r\\n]{0,3})?';
const DECIMAL_COMMA_Y = /,(\d{1,2})(?=[^\S\r\n]+(?:million|billion|thousand|mn|bn|m)\b)/y;
const SCALE_WORD_Y = new RegExp(WS + '(thousand|million|billion|trillion)(?![\\p{L}\\d])', 'iuy');
const SCALE_ABBR_Y = /[^\S\r\n]?(bn|mn|mln|tn|trn|k|K|m|M|b|B)(?![\p{L}\d])/uy;
const NUMBER_WORD_Y = new RegExp('(' + NUMBER_WORDS + '|dozen)(?![\\p{L}\\d])', 'iuy');
const WORD_SEP_Y = /(?:[^\S\r\n]+|[^\S\r\n]*-[^\S\r\n]*|[^\S\r\n]*\r?\n[^\S\r\n]*)(?:(and)[^\S\r\n]+)?/y;
const TIME_Y = /(\d{1,2})[:.]([0-5]\d)(?::[0-5]\d)?(?!\d)(?:[^\S\r\n]?(?:[aApP]\.[mM]\.|[aApP][mM]\b|[aApP]\.[mM]\b))?/y;
const CLOCK_Y = /(\d{1,2})(?:[^\S\r\n]|\r?\n)?(?:[aApP]\.[mM]\.|[aApP][mM](?![\p{L}\d])|[aApP]\.[mM](?![\p{L}\d]))/uy;
const ISO_Y = /\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?(?!\d)/y;
const DMY_Y = /\d{1,2}([./])\d{1,2}\1(?:\d{4}|\d{2})(?![\d.])/y;
const PHONE_Y = /\+?\(?\d{1,4}\)?(?:[ .\-]\(?\d{2,4}\)?){2,5}(?!\d)/y;
const CODE_TAIL_Y = /[\d.,:/\-]{0,64}[\p{L}\d]{0,32}/uy;
const DAY_MONTH_Y = new RegExp(
  '(?:st|nd|rd|th)?' + WS + '(?:of' + WS + ')?(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?(?![\\p{L}])(?:,?' + WS + '(\\d{4})(?!\\d))?',
  'uy',
);
const MONTH_TAIL_Y = new RegExp('\\.?(?:' + WS + '(\\d{1,2})(?:st|nd|rd|th)?(?![\\d\\p{L}])(?:,?' + WS + '(\\d{4})(?!\\d))?|' + WS + '(\\d{4})(?!\\d))?', 'uy');
const NEXT_WORD_Y = /[^\S\r\n]{0,3}(?:\r?\n[^\S\r\n]{0,3})?([\p{L}][\p{L}\p{M}'’]*)/uy;
const RANGE_SEP_Y = /(?:[^\S\r\n]*([-–—])[^\S\r\n]*|[^\S\r\n]+(to|or|and)[^\S\r\n]+)(?=[\d$€£¥₹₽a-zA-Z])/y;
const RATIO_SEP_Y = /[^\S\r\n]+(in|out of)[^\S\r\n]+(?=[\da-z])/y;
const FRACTIONS: Record<string, number> = dict({
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4, fifth: 5, fifths: 5,
  sixth: 6, sixths: 6, seventh: 7, sevenths: 7, eighth: 8, eighths: 8, ninth: 9, ninths: 9, tenth: 10, tenths: 10,
});
const ONE_IN_Y = /^[^\S\r\n]+(?:in|out of|or|to)[^\S\r\n]+(?:\d|two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred|hundred|a thousand)/;
const HYPHEN_WORD_Y = /-([\p{L}]+)(?:-([\p{L}]+))?(?:-([\p{L}]+))?/uy;
const POST_HEDGE_Y = /(?:[^\S\r\n]*(\+)|-plus\b|[^\S\r\n]+(or more|or over|or above|or greater|or higher|plus|or so|or fewer|or less|or under|or below|and counting)\b)/y;
const PER_CENT_Y = /[^\S\r\n]?(?:(%)|(per[^\S\r\n]?cent|percent|pct)(?![\p{L}])|(percentage[^\S\r\n]+points?)(?![\p{L}]))/iuy;
const AGE_Y = /(?:-|[^\S\r\n]+)years?(?:-|[^\S\r\n]+)old(?![\p{L}])/iuy;
const DEGREES_Y = /[^\S\r\n]?(?:°[^\S\r\n]?([CF])(?![\p{L}])|([CF])(?![\p{L}\d])|(degrees?)(?:[^\S\r\n]+([cC]elsius|[fF]ahrenheit|[cC]entigrade|C|F)(?![\p{L}]))?)/uy;
const RICHTER_Y = /[^\S\r\n]+on[^\S\r\n]+the[^\S\r\n]+richter(?:[^\S\r\n]+scale)?(?![\p{L}])/iuy;
const SQUARE_Y = /[^\S\r\n]+(?:square|sq\.?)[^\S\r\n]*(kilomet(?:re|er)s?|km|miles?|mi|met(?:re|er)s?|m)(?![\p{L}])/iuy;
const KMH_Y = /[^\S\r\n]?(km\/h|km\/hr|kmph|m\/s)(?![\p{L}])/iuy;

// Small helpers' regexes (hoisted: none is built per call).
const LEAD_Y = /(an?|half[^\S\r\n]+an?)[^\S\r\n]+(?=(?:dozen|hundred|thousand|million|billion)(?![\p{L}]))/iuy;
const HYPHEN_PREFIX_RE = /([\p{L}]+)-$/u;
const YEAR_PREFIX_RE = /^(?:mid|pre|post|early|late|end|start)$/i;
const AM_PM_RE = /[ap]\.?m/i;
const LETTERS_Y = /[\p{L}]{1,64}/uy;
const WWW_RE = /^www\./i;
const RELATIVE_DATE_Y = /[^\S\r\n]+(year|week|month|night|weekend|summer|winter|spring|autumn)(?![\p{L}])/iuy;
const OF_SCALES_Y = /[^\S\r\n]+of[^\S\r\n]+(thousands|millions|billions)(?![\p{L}])/iuy;
const OF_RE = /^[^\S\r\n]+of(?![\p{L}])/u;
const MONTH_CONTEXT_RE = /(?<![\p{L}])(?:in|since|until|till|by|of|from|through|during|early|late|mid-?|last|next|this|between|and|or|before|after|end of|since early)[^\S\r\n]+$|mid-$/u;
const LAST_WORD_RE = /([\p{L}][\p{L}'’.-]*)[^\S\r\n]+$/u;
const ONE_PRONOUN_BEFORE = /(?<![\p{L}])(?:the|this|that|every|no|any|each|which|only|another|a|an|someone|anyone|such|last|little|big|new|right|wrong|same|other)[^\S\r\n]+$/u;
const ONE_PRONOUN_AFTER = /^(?:another|else|day|time|thing|hand|side|point|way|'s|such|who|whose|which|is|was|does|did|has|had|can|could|would|will|should|must|might|may)$/;
const TITLE_WORD_RE = /\p{L}[\p{L}'’-]{0,40}/gu;
const MINUS_BEFORE = /(?<![\p{L}])minus[^\S\r\n]+$/u;
const TWO_WORDS_Y = /([^\S\r\n]+)([\p{L}]{1,30})(?:([^\S\r\n]+)([\p{L}]{1,30}))?/uy;
const PREV_WORD_RE = /([\p{L}'’]+)[^\S\r\n]*$/u;
/** "34 of the 79", "three out of 10", "most of its 200": a part before a total. */
const OF_THE = '[^\\S\\r\\n]+(?:of|out[^\\S\\r\\n]+of)[^\\S\\r\\n]+(?:(?:the|its|their|his|her|our)[^\\S\\r\\n]+)?$';
const PART_OF_BEFORE = new RegExp('(?:\\d[\\d,.]*|(?<![\\p{L}])(?:' + NUMBER_WORDS + '|all|none|most|some|half|many|several))' + OF_THE, 'iu');
/** What lies between a part and its total: " of the ", " out of ". */
const PART_TOTAL_GAP = new RegExp('^' + OF_THE, 'i');
/** "won 38%", "took 14.9%", "came second with 27.5%": a share of the vote. */
const VOTE_VERB_BEFORE = /(?<![\p{L}])(?:won|wins|win|took|takes|polled|polls|garnered|secured|(?:came|finished|placed|was|ended)[^\S\r\n]+(?:first|second|third|fourth|fifth|last)[^\S\r\n]+with)[^\S\r\n]+(?:(?:only|just|a mere)[^\S\r\n]+)?$/u;
/** "Turnout was 61%", "the unemployment rate rose to 5.2%": the noun before the verb is what the percentage measures. */
const PERCENT_OF_NOUN_BEFORE = /(?<![\p{L}'’-])((?:[\p{Ll}-]{3,24}[^\S\r\n]+)?[\p{L}-]{3,24})[^\S\r\n]+(?:was|is|stood at|stands at|reached|rose to|fell to|climbed to|dropped to|jumped to|hit)[^\S\r\n]+$/u;
/** Nouns too general to name what a percentage measures on their own. */
const VAGUE_PERCENT_NOUNS = new Set('figure number rate share percentage proportion total level amount result increase decrease rise fall growth change risk chance it this that which'.split(' '));
// The last word each of VOTE_VERB_BEFORE, PERCENT_OF_NOUN_BEFORE and PART_OF_BEFORE can end with
// (before its final spaces): a quick look before the regex (endsWithWord).
const VOTE_VERB_LAST = 'won wins win took takes polled polls garnered secured with only just mere'.split(' ');
const PERCENT_VERB_LAST = 'was is at reached to hit'.split(' ');
const OF_THE_LAST = 'of the its their his her our'.split(' ');
const DOWNLOADED_BEFORE = /(?<![\p{L}])(?:downloaded|installed)(?![\p{L}])/u;
const IN_THE_RE = /^(?:in|across|throughout)[^\S\r\n]+the[^\S\r\n]/iu;
const PREP_G = /(?<![\p{L}])(?:in|across|throughout)[^\S\r\n]/gu;

// Look-behind regexes, run on a short lower-cased window that ends at the figure.
const MAGNITUDE_BEFORE = /(?<![\p{L}])(?:preliminary[^\S\r\n]+)?magnitude(?:[^\S\r\n]+of)?[^\S\r\n-]*-?[^\S\r\n]*$/u;
const BETWEEN_BEFORE = /(?<![\p{L}])between[^\S\r\n]+$/u;
const FROM_CHANGE_BEFORE =
  /(?<![\p{L}])(?:rose|risen|rises|rising|climbed|climbs|jumped|jumps|increased|increases|revised|raised|grew|grown|soared|swelled|mounted|fell|fallen|falls|dropped|drops|declined|decreased|lowered|cut|reduced|went up|gone up|went down)(?:[^\S\r\n]+[\p{L}'-]+){0,3}[^\S\r\n]+from[^\S\r\n]+$/u;
const UPDATED_BEFORE =
  /(?:(?<![\p{L}])(?:rose|risen|rises|rising|climbed|climbs|climbing|jumped|jumps|increased|increases|revised|raised|grew|grown|swelled|soared|mounted|went up|gone up|reached|reaches|hit|hits)(?:[^\S\r\n]+(?:up|upwards?|sharply|further|again|overnight|later|on[^\S\r\n]+\p{L}+))?(?:[^\S\r\n]+from[^\S\r\n]+[^\s]{1,20}(?:[^\S\r\n]+\p{L}+)?)?[^\S\r\n]+to[^\S\r\n]+$|(?<![\p{L}])now[^\S\r\n]+(?:stands?[^\S\r\n]+at|stood[^\S\r\n]+at|at|put[^\S\r\n]+at|puts?[^\S\r\n]+[\p{L}\s]{0,20}at)[^\S\r\n]+$|(?<![\p{L}])(?:stands|has reached|have reached)[^\S\r\n]+at[^\S\r\n]+$)/u;
const EARLIER_BEFORE = /(?<![\p{L}])(?:earlier|initially|initial|previously|previous|originally|original|first reported|at first|had put)(?![\p{L}])[^\d]*$/u;
const TOLL_BEFORE = /(?<![\p{L}])(death toll|toll|death count|injured count|injury count|casualty count|body count|number of (?:dead|deaths|fatalities|victims|injured|wounded|missing|casualties)|deaths|fatalities|casualties)(?![\p{L}])(?:[^.;!?]|\.\d){0,100}$/u;
const INHERIT_BEFORE =
  /(?<![\p{L}])from[^\S\r\n]+[\d.,]+[^\S\r\n]+to[^\S\r\n]+$|(?<![\p{L}])(?:(?:up|down|rising|falling|increasing|decreasing)[^\S\r\n]+from|compared[^\S\r\n]+(?:with|to)|(?:count|figure|total|tally|estimate|number)[^\S\r\n]+of|versus|vs\.?|against)(?![\p{L}])[^\d.;!?]{0,40}$/u;
const DEPTH_BEFORE = /(?<![\p{L}])depths?(?:[^\S\r\n]+of)?[^\d.;]{0,12}$/u;
const HEIGHT_BEFORE = /(?<![\p{L}])(?:height|altitude|elevation)(?:[^\S\r\n]+of)?[^\d.;]{0,12}$/u;
const AGE_BEFORE = /(?<![\p{L}])(?:aged|age)[^\S\r\n]+$/u;
const CURRENCY_BEFORE = /(US\$|AU\$|A\$|C\$|CA\$|HK\$|NZ\$|S\$|R\$|MX\$|\$|€|£|¥|₹|₽|₩|₺|₴|₦|₪|₱|฿|₫|(?<![\p{L}])Rs\.?|(?<![\p{L}])[A-Z]{3})[^\S\r\n]?$/u;

const COST_WORDS = /(?<![\p{L}])(?:damages?|loss(?:es)?|aid|fines?|fined|penalt(?:y|ies)|costs?|costing|compensation|reconstruction|relief|repairs?|rebuilding|recovery|bill|bailout|insured|uninsured|insurance|emergency funds?|payouts?)(?![\p{L}])/u;
const REVENUE_WORDS = /(?<![\p{L}])(?:revenues?|sales|turnover)(?![\p{L}])/u;
const PROFIT_WORDS = /(?<![\p{L}])(?:profits?|earnings|net income)(?![\p{L}])/u;
const DEPTH_AFTER = /^[^\S\r\n]*(?:deep|below|beneath|underground|under the (?:surface|ground|sea|seabed))(?![\p{L}])/u;
const HEIGHT_AFTER = /^[^\S\r\n]*(?:high|tall|in height|above sea level)(?![\p{L}])/u;
const LENGTH_AFTER = /^[^\S\r\n]*(?:long|in length)(?![\p{L}])/u;
const WIDTH_AFTER = /^[^\S\r\n]*(?:wide|across|in width)(?![\p{L}])/u;
const GLOBAL_SCOPE = /(?<![\p{L}])(globally|worldwide|around the world|across the world|in the world|world-wide|across the globe|around the globe)(?![\p{L}])/u;
const NATIONAL_SCOPE = /(?<![\p{L}])(nationwide|nationally|across the nation)(?![\p{L}])/u;
const CLAUSE_WORDS =
  /(?<![\p{L}])(?:after|when|as|because|since|while|before|following|during|which|who|where|whose|until|than|if|although|though)(?![\p{L}])/u;
const TOLL_QUICK = /toll|deaths|fatalities|number of|count|casualt/;
const EARLIER_QUICK = /earl|initial|previous|original|first|had put/;
const FRONTED_NATIONAL = /^(?:(nationwide|nationally|across the country|across the nation)|(globally|worldwide|around the world|across the world|across the globe))[^\S\r\n]*,/iu;
const FRONTED_SCOPE = /^(?:in|across|throughout)[^\S\r\n]+([^,;.\d]{1,60}?)(?:[^\S\r\n]+alone)?,/iu;
const PLACE_PHRASE = /^(?:in|across|throughout)[^\S\r\n]+(?:the[^\S\r\n]+)?((?:[\p{L}'’-]+[^\S\r\n]+){0,2}[\p{L}'’-]+)/iu;

const LETTER = /\p{L}/u;
/** First words of QUALIFIED_CURRENCY keys ("us", "australian", …). */
const QUALIFIER_WORDS = new Set(Object.keys(QUALIFIED_CURRENCY).map((k) => k.split(' ')[0]));
/** Hedges written before the number (lower case; last words in HEDGE_LAST_WORDS). */
const HEDGES_BEFORE = new Set([
  'at least', 'no fewer than', 'no less than', 'not less than', 'a minimum of', 'more than', 'well over', 'well above', 'just over',
  'over', 'above', 'upwards of', 'in excess of', 'exceeding', 'exceeded', 'exceeds', 'surpassed', 'surpasses', 'surpassing',
  'passes', 'topped', 'tops', 'nearly', 'almost', 'close to', 'just under', 'just shy of', 'just below', 'near',
  'approaching', 'about', 'around', 'approximately', 'approx', 'approx.', 'roughly', 'some', 'an estimated', 'estimated at',
  'estimated', 'circa', 'ca.', 'c.', 'up to', 'fewer than', 'less than', 'under', 'below', 'as many as', 'as much as',
  'no more than', 'not more than', 'at most', 'a maximum of', 'exactly', 'precisely',
]);
const HEDGE_LAST_WORDS = new Set([...HEDGES_BEFORE].map((h) => h.slice(h.lastIndexOf(' ') + 1)));
const HEDGE_CLASS: Record<string, 'lower' | 'nearly' | 'approx' | 'upper' | 'exact'> = dict();
for (const h of ['at least', 'no fewer than', 'no less than', 'not less than', 'a minimum of', 'more than', 'well over', 'well above', 'just over', 'over', 'above', 'upwards of', 'in excess of', 'exceeding', 'exceeded', 'exceeds', 'surpassed', 'surpasses', 'surpassing', 'passes', 'topped', 'tops', 'or more', 'or over', 'or above', 'or greater', 'or higher', 'plus', '+', '-plus', 'and counting'])
  HEDGE_CLASS[h] = 'lower';
for (const h of ['nearly', 'almost', 'close to', 'just under', 'just shy of', 'just below', 'near', 'approaching']) HEDGE_CLASS[h] = 'nearly';
for (const h of ['about', 'around', 'approximately', 'approx', 'approx.', 'roughly', 'some', 'an estimated', 'estimated', 'estimated at', 'circa', 'ca.', 'c.', '~', 'or so'])
  HEDGE_CLASS[h] = 'approx';
for (const h of ['up to', 'fewer than', 'less than', 'under', 'below', 'as many as', 'as much as', 'no more than', 'not more than', 'at most', 'a maximum of', 'or fewer', 'or less', 'or under', 'or below'])
  HEDGE_CLASS[h] = 'upper';
for (const h of ['exactly', 'precisely']) HEDGE_CLASS[h] = 'exact';

// ---------------------------------------------------------------------------------------------
// Character helpers

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLetter(c: number): boolean {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c > 127 && !Number.isNaN(c) && LETTER.test(String.fromCharCode(c));
}
function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c > 127 && !Number.isNaN(c) && String.fromCharCode(c) !== String.fromCharCode(c).toLowerCase());
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x2009 || c === 0x202f || c === 0x2002 || c === 0x2003;
}
/** JavaScript's \s without line breaks: the regexes' [^\S\r\n]. */
function isHSpace(c: number): boolean {
  return c !== 10 && c !== 13 && isJsSpace(c);
}
/**
 * Whether the lower-cased window `w` ends with one of `words` and then spaces ([^\S\r\n]+), as a
 * regex anchored there needs; also true when a non-ASCII letter stands there (a case variant a
 * regex's /iu would match, such as "ſ" for "s").
 */
function endsWithWord(w: string, words: readonly string[]): boolean {
  let i = w.length;
  if (i === 0 || !isHSpace(w.charCodeAt(i - 1))) return false;
  while (i > 0 && isHSpace(w.charCodeAt(i - 1))) i--;
  for (let k = Math.max(0, i - 8); k < i; k++) if (w.charCodeAt(k) >= 128) return true;
  for (const x of words) if (w.endsWith(x, i)) return true;
  return false;
}
/** Lower case with the same length (offsets stay valid), typographic apostrophes as "'". */
function lower(s: string): string {
  let t = s.toLowerCase();
  if (t.length !== s.length) {
    t = '';
    for (let i = 0; i < s.length; i++) {
      const l = s[i].toLowerCase();
      t += l.length === 1 ? l : s[i];
    }
  }
  return t.indexOf('’') >= 0 || t.indexOf('‘') >= 0 ? t.replace(/[’‘]/g, "'") : t;
}
function stripPossessive(w: string): string {
  return w.endsWith("'s") || w.endsWith('’s') ? w.slice(0, -2) : w;
}
const VERB_HEDGES = new Set(['passes', 'passed', 'tops', 'topped', 'surpasses', 'surpassed', 'exceeds', 'exceeded']);
/** Nouns a money figure or count often modifies ("a $1.2 trillion spending bill", "a 10-year deal"). */
const ATTRIBUTIVE_HEADS = new Set(
  'bill package deal budget plan fund contract programme program loan bailout investment project settlement stimulus agreement merger acquisition takeover bid offer order fine'.split(' '),
);
/** Whether the figure ending at `end` (with its unit) modifies a noun right after it, a modifier between allowed. */
function attributive(ctx: Ctx, end: number, b: Bounds): boolean {
  const m = /^[^\S\r\n]+(?:[a-z]+[^\S\r\n]+)?([a-z]+)(?![\p{L}])/u.exec(ctx.text.slice(end, Math.min(b.hi, end + 40)).replace(/^[^\S\r\n]*(?:million|billion|trillion|thousand|bn|mn|m)\b/i, ''));
  return !!m && ATTRIBUTIVE_HEADS.has(m[1]);
}

/** The hedge that ends window `w` (up to three words, or "~"), and its length in `w`. */
function hedgeBefore(w: string): { hedge: string; len: number } | null {
  let i = w.length;
  while (i > 0 && isSpace(w.charCodeAt(i - 1))) i--;
  if (i > 0 && w.charCodeAt(i - 1) === 126 /* ~ */) return { hedge: '~', len: w.length - (i - 1) };
  // quick exit: the last word must end some hedge
  {
    let j = i;
    while (j > 0 && i - j < 16 && w.charCodeAt(j - 1) !== 32 && !isSpace(w.charCodeAt(j - 1))) j--;
    if (!HEDGE_LAST_WORDS.has(w.slice(j, i))) return null;
  }
  let phrase = '';
  let best: { hedge: string; len: number } | null = null;
  for (let k = 0; k < 3; k++) {
    let j = i;
    while (j > 0 && i - j < 16) {
      const c = w.charCodeAt(j - 1) | 32;
      if ((c >= 97 && c <= 122) || c === 46 /* . */) j--;
      else break;
    }
    if (j === i || (j > 0 && isLetter(w.charCodeAt(j - 1)))) break;
    const word = w.slice(j, i).toLowerCase();
    phrase = phrase ? word + ' ' + phrase : word;
    if (HEDGES_BEFORE.has(phrase)) best = { hedge: phrase, len: w.length - j };
    let s2 = j;
    while (s2 > 0 && j - s2 < 4 && isSpace(w.charCodeAt(s2 - 1))) s2--;
    if (s2 === j) break;
    i = s2;
  }
  return best;
}

function isPluralNoun(w: string): boolean {
  if (IRREGULAR_PLURALS.has(w)) return true;
  const n = w.length;
  if (n >= 4 && w.endsWith('men') && !FUNCTION_WORDS.has(w)) return true; // fishermen, policemen
  if (n < 3 || w.charCodeAt(n - 1) !== 115 /* s */) return false;
  const p = w.charCodeAt(n - 2);
  if (p === 115 /* ss */ || p === 117 /* us */ || p === 105 /* is */ || p === 39 /* ' */) return false;
  return !FUNCTION_WORDS.has(w);
}

// ---------------------------------------------------------------------------------------------
// Context

interface Ctx {
  text: string;
  structure: ArticleStructure;
  mentions: Mention[];
  entities: Map<string, LocalEntity>;
  out: Figure[];
  /** End of the last figure pushed: hedges never reach back past it. */
  floor: number;
  titleCache: Map<number, boolean>;
  tokens: TokenReader;
  /** `text` in lower case (same length). */
  lc: string;
  bounds: Bounds;
}

/** A number as read, before units and hedges. */
interface Num {
  start: number;
  end: number;
  value: number | null;
  /** Vague plurals: interval without a value. */
  vagueLow: number | null;
  int: boolean;
  digits: boolean;
  /** Bare digits: no separators, decimals, scale or currency. */
  plain: boolean;
  scale: number;
  currency: string | null;
  /** The number words as written (lower-case), for the "one" checks. */
  word: string | null;
}

interface Bounds {
  sentence: number;
  lo: number;
  hi: number;
}

/** The look-around limits of a figure: its sentence, cut to about 100 characters before and 160 after. */
function bounds(ctx: Ctx, pos: number): Bounds {
  const b = ctx.bounds; // one per call of extractFigures: finish() is not re-entrant
  const i = sentenceAt(ctx.structure, pos);
  if (i < 0) {
    b.sentence = -1;
    b.lo = Math.max(0, pos - 80);
    b.hi = Math.min(ctx.text.length, pos + 120);
  } else {
    const s = ctx.structure.sentences[i];
    b.sentence = i;
    b.lo = Math.max(s.start, pos - 100);
    b.hi = Math.min(s.end, pos + 160);
  }
  return b;
}

/** The lower-cased text in [max(lo, pos - len), pos). */
function windowBefore(ctx: Ctx, pos: number, lo: number, len: number): string {
  const from = Math.max(lo, pos - len, 0);
  return from >= pos ? '' : ctx.lc.slice(from, pos);
}

/** The whole text in lower case, same length (offsets stay valid). */
function lowerText(text: string): string {
  const t = text.toLowerCase();
  if (t.length === text.length) return t;
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 4096) out.push(lower(text.slice(i, i + 4096)));
  return out.join('');
}

/** Index of the first mention starting at or after pos. */
function firstMentionFrom(mentions: Mention[], pos: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function mentionCovering(ctx: Ctx, start: number, end: number): Mention | null {
  const ms = ctx.mentions;
  // mentions are sorted by start; scan back a few from the first one starting at/after `end`
  let i = firstMentionFrom(ms, end) - 1;
  for (let k = 0; i >= 0 && k < 8; i--, k++) {
    const m = ms[i];
    if (m.end > start && m.start < end) return m;
  }
  return null;
}
function entityType(ctx: Ctx, key: string): string | null {
  return ctx.entities.get(key)?.type ?? null;
}

// ---------------------------------------------------------------------------------------------
// Reading numbers

/** Reads digits (with separators, decimals and a scale) or number words at `pos`. */
function readNum(ctx: Ctx, pos: number, currency: string | null, allowWords: boolean): Num | null {
  const text = ctx.text;
  const c = text.charCodeAt(pos);
  if (isDigit(c)) {
    // Read by char codes as /(\d{1,15})((?:,\d{3}(?!\d)){0,5})(\.\d{1,12}(?!\d))?/y would: an integer
    // part, groups of three after commas, decimals.
    let e = pos + 1;
    while (e - pos < MAX_INT_DIGITS && isDigit(text.charCodeAt(e))) e++;
    const intEnd = e;
    for (let g = 0; g < 5 && text.charCodeAt(e) === 44 && isDigit(text.charCodeAt(e + 1)) && isDigit(text.charCodeAt(e + 2)) &&
      isDigit(text.charCodeAt(e + 3)) && !isDigit(text.charCodeAt(e + 4)); g++) e += 4;
    const groups = e > intEnd;
    let dec = false;
    if (text.charCodeAt(e) === 46) {
      let f = e + 1;
      while (f - e <= 12 && isDigit(text.charCodeAt(f))) f++;
      if (f > e + 1 && !isDigit(text.charCodeAt(f))) {
        e = f;
        dec = true;
      }
    }
    let end = e;
    if (isDigit(text.charCodeAt(end))) return null; // over-long digit run
    /** The number as read with a decimal comma ("1,5 million" → "1.5"), else null. */
    let raw: string | null = null;
    if (!dec && !groups && text.charCodeAt(end) === 44) {
      DECIMAL_COMMA_Y.lastIndex = end;
      const d = DECIMAL_COMMA_Y.exec(text);
      if (d) {
        raw = text.slice(pos, intEnd) + '.' + d[1];
        end += d[0].length;
      }
    }
    let value: number | null;
    if (raw === null && !groups) {
      // (the digit counts are bounded: an integer of at most 15 digits adds up exactly)
      if (dec) value = +text.slice(pos, end);
      else {
        value = 0;
        for (let k = pos; k < end; k++) value = value * 10 + (text.charCodeAt(k) - 48);
      }
    } else value = parseDigits(raw ?? text.slice(pos, end));
    if (value === null || !Number.isFinite(value)) return null;
    const int = !dec && raw === null;
    /** Bare digits: no groups, decimals or decimal comma. */
    const bare = int && !groups;
    let scale = 1;
    // a scale word or abbreviation starts with t/m/b/k after at most a few spaces or a line break
    let ca = text.charCodeAt(end);
    for (let k = 1; k < 5 && isSpace(ca); k++) ca = text.charCodeAt(end + k);
    ca |= 32;
    if (ca !== 116 && ca !== 109 && ca !== 98 && ca !== 107) {
      return {
        start: pos, end, value, vagueLow: null, int: int && Number.isInteger(value), digits: true,
        plain: bare, scale, currency, word: null,
      };
    }
    SCALE_WORD_Y.lastIndex = end;
    let s = SCALE_WORD_Y.exec(text);
    if (s) {
      scale = SCALE_WORDS[s[1].toLowerCase()];
      end += s[0].length;
    } else {
      SCALE_ABBR_Y.lastIndex = end;
      s = SCALE_ABBR_Y.exec(text);
      if (s) {
        const a = s[1];
        const al = a.toLowerCase();
        let ok = false;
        if (al === 'k') ok = true;
        else if (a === 'bn' || a === 'mn' || a === 'mln' || a === 'tn' || a === 'trn') ok = true;
        else if (al === 'm' || al === 'b') {
          // "m"/"b" mean million/billion after a currency; "m" alone is metres unless a plural
          // noun follows ("100m users").
          if (currency) ok = true;
          else if (a === 'm') {
            NEXT_WORD_Y.lastIndex = end + s[0].length;
            const w = NEXT_WORD_Y.exec(text);
            ok = !!w && isPluralNoun(lower(w[1])) && !UNIT_WORDS[lower(w[1])];
          }
        }
        if (ok) {
          scale = SCALE_ABBREVIATIONS[al];
          end += s[0].length;
        }
      }
    }
    if (scale !== 1) value = tidy(value * scale);
    return {
      start: pos, end, value, vagueLow: null, int: int && Number.isInteger(value), digits: true,
      plain: scale === 1 && bare, scale, currency, word: null,
    };
  }
  if (!allowWords || !isLetter(c)) return null;
  return readWords(ctx, pos, currency);
}

const tmpWords: string[] = [];
const tmpEnds: number[] = [];

function readWords(ctx: Ctx, pos: number, currency: string | null): Num | null {
  const text = ctx.text;
  // "a dozen", "a hundred", "half a million"
  let lead: 'a' | 'half' | null = null;
  let p = pos;
  const c0 = text.charCodeAt(pos) | 32;
  if (c0 === 97 /* a */ || c0 === 104 /* h */) {
    LEAD_Y.lastIndex = pos;
    const r = LEAD_Y.exec(text);
    if (r) {
      lead = r[1].length > 2 ? 'half' : 'a';
      p = pos + r[0].length;
    }
  }
  tmpWords.length = 0;
  tmpEnds.length = 0;
  let q = p;
  for (let k = 0; k < 10; k++) {
    NUMBER_WORD_Y.lastIndex = q;
    const w = NUMBER_WORD_Y.exec(text);
    if (!w) break;
    tmpWords.push(w[1].toLowerCase());
    tmpEnds.push(q + w[0].length);
    WORD_SEP_Y.lastIndex = q + w[0].length;
    const sep = WORD_SEP_Y.exec(text);
    if (!sep || sep[0].length === 0) break;
    if (sep[1]) {
      tmpWords.push('and');
      tmpEnds.push(q + w[0].length);
    }
    q = q + w[0].length + sep[0].length;
  }
  if (tmpWords.length === 0) return null;
  let value: number;
  let end: number;
  if (tmpWords[0] === 'dozen') {
    if (!lead) return null;
    value = 12;
    end = tmpEnds[0];
  } else {
    if (lead) tmpWords.unshift('one') && tmpEnds.unshift(p);
    const comp = composeNumberWords(tmpWords);
    if (!comp) return null;
    // a trailing "and" is not part of the number
    let used = comp.used;
    while (used > 0 && tmpWords[used - 1] === 'and') used--;
    if (used === 0) return null;
    value = comp.value;
    end = tmpEnds[used - 1];
    if (lead === 'half') value = value / 2;
    // "two dozen"
    if (tmpWords[used] === 'dozen') {
      value *= 12;
      end = tmpEnds[used];
    }
  }
  // digits-style scale after words is already in the words; "five million" etc.
  return {
    start: pos, end, value, vagueLow: null, int: Number.isInteger(value), digits: false, plain: false, scale: 1, currency,
    word: lower(text.slice(pos, end)),
  };
}

// ---------------------------------------------------------------------------------------------
// Main entry

export function extractFigures(text: string, structure: ArticleStructure, mentions: Mention[], entities: LocalEntity[]): Figure[] {
  if (typeof text !== 'string') text = '';
  if (!structure || !Array.isArray(structure.sentences) || !Array.isArray(structure.excluded)) structure = parseStructure(text);
  const ctx: Ctx = {
    text,
    structure,
    mentions: Array.isArray(mentions) ? mentions : [],
    entities: new Map((Array.isArray(entities) ? entities : []).map((e) => [e.key, e])),
    out: [],
    floor: 0,
    titleCache: new Map(),
    tokens: new TokenReader(),
    lc: '',
    bounds: { sentence: -1, lo: 0, hi: 0 },
  };
  ctx.lc = lowerText(ctx.text);
  const ex = structure.excluded;
  let exIdx = 0;
  const re = CAND; // not re-entrant, and nothing here calls back into extractFigures
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ctx.text))) {
    const s = m.index;
    const tokEnd = s + m[0].length;
    while (exIdx < ex.length && ex[exIdx].end <= s) exIdx++;
    if (exIdx < ex.length && ex[exIdx].start <= s) {
      re.lastIndex = Math.max(tokEnd, ex[exIdx].end);
      continue;
    }
    let next = tokEnd;
    try {
      next = isDigit(ctx.text.charCodeAt(s)) ? onDigits(ctx, s, tokEnd) : onWord(ctx, s, tokEnd, m[0]);
    } catch {
      next = tokEnd; // never throw; a candidate that trips a bug is just dropped
    }
    re.lastIndex = Math.max(next, tokEnd);
  }
  const out = ctx.out.filter((f) => !isExcluded(structure, f.start, f.end));
  out.sort((a, b) => a.start - b.start);
  partsOfTotals(ctx.text, out);
  return out;
}

/**
 * A count before "of the <total> <noun>" counts the same noun ("34 of the 79 seats": 34 seats),
 * with the total's subject, scope and time; the total itself is measured as "total <noun>".
 */
function partsOfTotals(text: string, figures: Figure[]): void {
  for (let k = 1; k < figures.length; k++) {
    const total = figures[k];
    const part = figures[k - 1];
    if (!total.measure?.startsWith('total ') || part.measure !== null || part.kind !== 'count' || part.sentence !== total.sentence) continue;
    if (!PART_TOTAL_GAP.test(text.slice(part.end, total.start))) continue;
    part.measure = total.measure.slice('total '.length);
    part.subject = total.subject;
    part.scope = total.scope;
    part.temporal = total.temporal;
  }
}

// ---------------------------------------------------------------------------------------------
// Candidates starting with a digit

function onDigits(ctx: Ctx, s: number, runEnd: number): number {
  const text = ctx.text;
  if (runEnd - s > 15) return runEnd; // an ID or garbage, not a figure
  const prev = s > 0 ? text.charCodeAt(s - 1) : 32;
  // "M6.1": magnitude written with a leading M
  if (prev === 77 /* M */ && !isLetter(text.charCodeAt(s - 2))) {
    const n = readNum(ctx, s, null, false);
    if (n && n.value !== null && n.value < 10 && !isLetter(text.charCodeAt(n.end)) && n.scale === 1) {
      // (Object.assign, not a spread: see refineRunCached in entities.ts)
      return finish(ctx, Object.assign({}, n, { start: s - 1 }), { unit: 'magnitude', dim: 'magnitude', kind: 'quantity' });
    }
    return skipCode(ctx, s);
  }
  if (isLetter(prev)) return skipCode(ctx, s); // G7, A320, MH17
  if (prev === 45 /* - */ && isLetter(text.charCodeAt(s - 2))) {
    const w = HYPHEN_PREFIX_RE.exec(text.slice(Math.max(0, s - 12), s));
    if (!w || !YEAR_PREFIX_RE.test(w[1])) return skipCode(ctx, s); // COVID-19, F-16
  }
  if (prev === 35 /* # */ || prev === 47 /* / */ || prev === 92 || prev === 95 /* _ */ || prev === 64 /* @ */ || prev === 61 /* = */ || prev === 38 /* & */)
    return skipCode(ctx, s);
  if ((prev === 46 || prev === 44 || prev === 58) && isDigit(text.charCodeAt(s - 2))) return skipCode(ctx, s); // tail of a rejected number
  if (!isSpace(prev) && prev !== 40 && prev !== 91 && prev !== 34 && prev !== 39 && prev !== 0x201c && prev !== 0x2018 && s > 0 && inUrl(ctx, s))
    return skipCode(ctx, s);

  // ISO dates, d/m/y dates, times, phone numbers
  const after = text.charCodeAt(runEnd);
  const runLen = runEnd - s;
  if (runLen === 4 && after === 45) {
    ISO_Y.lastIndex = s;
    const d = ISO_Y.exec(text);
    if (d) return pushSimple(ctx, s, s + d[0].length, 'date', null);
  }
  if (runLen <= 2 && (after === 46 || after === 47)) {
    DMY_Y.lastIndex = s;
    const d = DMY_Y.exec(text);
    if (d && +d[0].split(/[./]/)[1] <= 12) return pushSimple(ctx, s, s + d[0].length, 'date', null);
  }
  if (after === 58 /* : */ || (after === 46 && runEnd - s <= 2)) {
    TIME_Y.lastIndex = s;
    const t = TIME_Y.exec(text);
    if (t && +t[1] <= 24 && (after === 58 || AM_PM_RE.test(t[0].slice(t[1].length + 3)))) return pushSimple(ctx, s, s + t[0].length, 'time', null);
    if (after === 58) return skipCode(ctx, s); // scores, ratios
  }
  if (runLen <= 2) {
    let q = runEnd;
    if (isSpace(text.charCodeAt(q))) q++;
    const a = text.charCodeAt(q) | 32;
    if (a === 97 || a === 112) {
      CLOCK_Y.lastIndex = s;
      const clock = CLOCK_Y.exec(text);
      if (clock && +clock[1] >= 1 && +clock[1] <= 12) return pushSimple(ctx, s, s + clock[0].length, 'time', null);
    }
  }
  if (prev === 43 || prev === 40 || (runLen <= 4 && (after === 32 || after === 45 || after === 46) && isDigit(text.charCodeAt(runEnd + 1)))) {
    const ps = prev === 43 /* + */ || prev === 40 /* ( */ ? s - 1 : s;
    PHONE_Y.lastIndex = ps;
    const ph = PHONE_Y.exec(text);
    if (ph) {
      let digits = 0;
      for (let i = 0; i < ph[0].length; i++) if (isDigit(ph[0].charCodeAt(i))) digits++;
      const groups = ph[0].split(/[ .\-]/).length;
      if (digits >= 7 && (groups >= 3 || ps !== s)) return ps + ph[0].length;
    }
  }
  if (after === 47 /* / */ && isDigit(text.charCodeAt(runEnd + 1))) return skipCode(ctx, s); // 24/7, 1/2

  // list numbering: "1." or "2)" at the start of a line
  if ((after === 46 || after === 41) && runEnd - s <= 3 && isSpace(text.charCodeAt(runEnd + 1)) && atLineStart(text, s))
    return runEnd + 1;

  // currency before
  let currency: string | null = null;
  let start = s;
  let pc = prev;
  if ((pc === 32 || pc === 160) && s > 1) pc = text.charCodeAt(s - 2);
  if (pc === 36 || pc === 46 || (pc >= 65 && pc <= 90) || (pc > 127 && pc !== 0x201c && pc !== 0x2018 && pc !== 0x2014 && pc !== 0x2013)) {
    const w = ctx.text.slice(Math.max(0, s - 4), s);
    const cm = CURRENCY_BEFORE.exec(w);
    if (cm) {
      const sym = cm[1];
      const code = CURRENCY_SYMBOLS[sym] ?? CURRENCY_SYMBOLS[sym.replace(/\.$/, '')] ?? (CURRENCY_CODES.has(sym) ? sym : null);
      if (code) {
        currency = code;
        start = s - cm[0].length;
      }
    }
  }
  const n = readNum(ctx, s, currency, false);
  if (!n) return skipCode(ctx, s);
  n.start = start;
  if (currency) n.plain = false;
  const e = n.end;
  const c = text.charCodeAt(e);
  // a version number or dotted code: "1.2.3"
  if ((c === 46 || c === 44) && isDigit(text.charCodeAt(e + 1)) && !(c === 44 && n.int)) return skipCode(ctx, s);
  // letters straight after the digits
  if (isLetter(c) && n.scale === 1) {
    LETTERS_Y.lastIndex = e;
    const word = LETTERS_Y.exec(text)![0];
    const wl = word.toLowerCase();
    if (n.int && (wl === 'st' || wl === 'nd' || wl === 'rd' || wl === 'th') && !currency) {
      DAY_MONTH_Y.lastIndex = e;
      const dm = DAY_MONTH_Y.exec(text);
      if (dm) return pushSimple(ctx, s, e + dm[0].length, 'date', null);
      return pushSimple(ctx, s, e + word.length, 'ordinal', n.value);
    }
    if (wl === 's' && n.int && runEnd - s === 4 && n.value! >= 1000 && n.value! < 2200 && !currency)
      return pushSimple(ctx, s, e + 1, 'year', n.value);
    if (!UNIT_WORDS[wl] && word !== 'C' && word !== 'F' && wl !== 'sq' && wl !== 'kmh' && wl !== 'kph' && !CURRENCY_CODES.has(word)) return skipCode(ctx, s);
  }
  // "3 March 2026", "3rd of March"
  if (n.int && n.digits && n.plain && n.value! >= 1 && n.value! <= 31 && !currency && monthAhead(text, e)) {
    DAY_MONTH_Y.lastIndex = e;
    const dm = DAY_MONTH_Y.exec(text);
    if (dm) return pushSimple(ctx, s, e + dm[0].length, 'date', null);
  }
  return finish(ctx, n, null);
}

/** A capital letter (a month name?) after at most three spaces. */
function monthAhead(text: string, e: number): boolean {
  for (let i = e, k = 0; k < 4; i++, k++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
    if (c === 111 /* o(f) */) return true;
    if (!isSpace(c)) return false;
  }
  return false;
}

function atLineStart(text: string, s: number): boolean {
  for (let i = s - 1, k = 0; i >= 0 && k < 8; i--, k++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c === 32 || c === 9 || c === 40 /* ( */) continue;
    return false;
  }
  return s < 8 && text.slice(0, s).trim().replace(/\($/, '') === '';
}

function inUrl(ctx: Ctx, s: number): boolean {
  const text = ctx.text;
  let i = s - 1;
  const lo = Math.max(0, s - 100);
  while (i >= lo && !isSpace(text.charCodeAt(i))) i--;
  const tok = text.slice(i + 1, s);
  return tok.includes('://') || WWW_RE.test(tok) || tok.includes('@') || (tok.includes('/') && /\p{L}/u.test(tok));
}

/** Skips the rest of a code-like token (digits, letters and joiners). */
function skipCode(ctx: Ctx, s: number): number {
  CODE_TAIL_Y.lastIndex = s;
  const m = CODE_TAIL_Y.exec(ctx.text);
  const len = m ? m[0].length : 0;
  return s + Math.max(1, Math.min(len, 64));
}

function pushSimple(ctx: Ctx, start: number, end: number, kind: FigureKind, value: number | null): number {
  if (mentionCovering(ctx, start, end)) return end;
  const b = kind === 'year' || kind === 'ordinal' ? value : null;
  pushFigure(ctx, {
    start, end, text: spanText(ctx, start, end), kind, value, low: b, high: b, hedge: null, unit: null, measure: null,
    subject: null, scope: null, temporal: null, sentence: sentenceAt(ctx.structure, start),
  });
  return end;
}

/** The figure's text, with any line break or run of spaces inside it read as one space. */
function spanText(ctx: Ctx, start: number, end: number): string {
  const t = ctx.text.slice(start, end);
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 32 && isSpace(c)) return t.replace(/\s+/g, ' ');
    if (c === 32 && t.charCodeAt(i + 1) === 32) return t.replace(/\s+/g, ' ');
  }
  return t;
}

function pushFigure(ctx: Ctx, f: Figure): void {
  if (f.start < ctx.floor) return;
  ctx.out.push(f);
  ctx.floor = f.end;
}

// ---------------------------------------------------------------------------------------------
// Candidates starting with a word

function onWord(ctx: Ctx, s: number, e: number, tok: string): number {
  const text = ctx.text;
  const w = tok.toLowerCase();
  const cap = isUpper(text.charCodeAt(s));

  if (WEEKDAY_NAMES.has(w)) {
    if (!cap) return e;
    return pushSimple(ctx, s, e, 'date', null);
  }
  const month = MONTH_NAMES.get(w);
  if (month !== undefined) return onMonth(ctx, s, e, tok, w);
  if (w === 'yesterday') return pushSimple(ctx, s, e, 'date', null);
  if (w === 'last' || w === 'next') {
    RELATIVE_DATE_Y.lastIndex = e;
    const m = RELATIVE_DATE_Y.exec(text);
    return m ? pushSimple(ctx, s, e + m[0].length, 'date', null) : e;
  }
  const ord = ORDINAL_WORDS[w];
  if (ord !== undefined) {
    if (cap && midSentenceName(ctx, s)) return e;
    NEXT_WORD_Y.lastIndex = e;
    const nx = NEXT_WORD_Y.exec(text);
    if (!nx || FUNCTION_WORDS.has(lower(nx[1]))) return e;
    return pushSimple(ctx, s, e, 'ordinal', ord);
  }
  // vague plurals
  if (w === 'dozens' || w === 'scores' || w === 'hundreds' || w === 'thousands' || w === 'millions' || w === 'billions' || w === 'tens') {
    let low = VAGUE_PLURALS[w] ?? 0;
    let end = e;
    OF_SCALES_Y.lastIndex = e;
    const m = OF_SCALES_Y.exec(text);
    if (m && (w === 'tens' || w === 'hundreds')) {
      const unit = { thousands: 1e3, millions: 1e6, billions: 1e9 }[m[1].toLowerCase() as 'thousands'];
      low = (w === 'tens' ? 20 : 200) * unit;
      end = e + m[0].length;
    } else if (w === 'tens' || w === 'scores') {
      if (w === 'tens' || !OF_RE.test(text.slice(e, e + 8))) return e;
    }
    if (cap && midSentenceName(ctx, s)) return end;
    return finish(ctx, { start: s, end, value: null, vagueLow: low, int: true, digits: false, plain: false, scale: 1, currency: null, word: w }, null);
  }
  // number words
  const n = readWords(ctx, s, null);
  if (!n) return e;
  if (cap && midSentenceName(ctx, s)) return n.end;
  if (n.word === 'one' && !oneIsNumber(ctx, s, n.end)) return n.end;
  return finish(ctx, n, null);
}

function onMonth(ctx: Ctx, s: number, e: number, tok: string, w: string): number {
  const text = ctx.text;
  if (!isUpper(text.charCodeAt(s))) return e;
  MONTH_TAIL_Y.lastIndex = e;
  const m = MONTH_TAIL_Y.exec(text);
  const hasNum = !!m && (m[1] !== undefined || m[3] !== undefined);
  let end = e;
  if (hasNum && m) {
    const day = m[1] !== undefined ? +m[1] : 0;
    if (m[1] !== undefined && (day < 1 || day > 31)) end = e;
    else end = e + m[0].length;
  }
  const full = w.length > 4 || w === 'june' || w === 'july' || w === 'may';
  if (end === e) {
    // a bare month name
    if (!full) return e;
    if (w === 'may' || w === 'march' || w === 'august' || w === 'june' || w === 'april') {
      const before = windowBefore(ctx, s, Math.max(0, s - 24), 24);
      if (!MONTH_CONTEXT_RE.test(before)) return e;
    }
    if (tok.length === 3 && text.charCodeAt(e) !== 46) return e;
  }
  if (mentionCovering(ctx, s, end)) return end;
  return pushSimple(ctx, s, end, 'date', null);
}

/** A capitalised word mid-sentence right after a capitalised word: part of a name ("Formula One"). */
function midSentenceName(ctx: Ctx, s: number): boolean {
  const before = ctx.text.slice(Math.max(0, s - 30), s);
  const m = LAST_WORD_RE.exec(before);
  if (!m) return false;
  if (!isUpper(m[1].charCodeAt(0))) return false;
  const wl = lower(m[1]);
  if (FUNCTION_WORDS.has(wl) || HEDGE_CLASS[wl] || MONTH_NAMES.get(wl) !== undefined || WEEKDAY_NAMES.has(wl)) return false;
  if (titleLike(ctx, s)) return DESIGNATORS.has(wl);
  return true;
}

/** "one" as a number, not as a pronoun ("one of the", "the one that", "no one"). */
function oneIsNumber(ctx: Ctx, s: number, e: number): boolean {
  const text = ctx.text;
  const before = windowBefore(ctx, s, Math.max(0, s - 16), 16);
  if (text.charCodeAt(e) === 45 && isLetter(text.charCodeAt(e + 1))) return true; // "one-day", "one-third"
  if (ONE_PRONOUN_BEFORE.test(before)) return false;
  if (ONE_IN_Y.test(ctx.lc.slice(e, e + 24))) return true; // "one in five"
  NEXT_WORD_Y.lastIndex = e;
  const m = NEXT_WORD_Y.exec(text);
  if (!m || m.index !== e) return false;
  const gap = text.slice(e, e + m[0].length - m[1].length);
  if (/[^\s]/.test(gap)) return false;
  const nx = lower(m[1]);
  if (FUNCTION_WORDS.has(nx)) return false;
  if (ONE_PRONOUN_AFTER.test(nx)) return false;
  return true;
}

/** Title-case sentence (headline style): then only DESIGNATORS make a number part of a name. */
function titleLike(ctx: Ctx, pos: number): boolean {
  const si = sentenceAt(ctx.structure, pos);
  const cached = ctx.titleCache.get(si);
  if (cached !== undefined) return cached;
  let start = Math.max(0, pos - 150);
  let end = Math.min(ctx.text.length, pos + 150);
  if (si >= 0) {
    const sen = ctx.structure.sentences[si];
    start = sen.start;
    end = Math.min(sen.end, sen.start + 300);
  }
  const h = ctx.structure.headline;
  let result: boolean;
  if (h && pos >= h.start && pos < h.end) result = true;
  else {
    const words = ctx.text.slice(start, end).match(TITLE_WORD_RE) ?? [];
    let caps = 0;
    let n = 0;
    for (const w of words) {
      if (w.length < 4 && FUNCTION_WORDS.has(w.toLowerCase())) continue;
      n++;
      if (isUpper(w.charCodeAt(0))) caps++;
    }
    result = n >= 3 && caps / n >= 0.6;
  }
  if (si >= 0) ctx.titleCache.set(si, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// From a number to a figure

interface UnitInfo {
  unit: string;
  dim: UnitDim | 'currency' | 'age';
  kind: FigureKind;
}

function finish(ctx: Ctx, n0: Num, forced: UnitInfo | null): number {
  const text = ctx.text;
  const b = bounds(ctx, n0.start);
  let n = n0;
  let start = n.start;
  let end = n.end;
  let value = n.value;
  let low: number | null = n.vagueLow ?? value;
  let high: number | null = n.vagueLow !== null ? null : value;
  let unit: UnitInfo | null = forced;
  let currency = n.currency;
  let isRange = false;
  let percentRatio = false;
  let extraHedge: string | null = null;
  let temporalFromChange: Temporal = null;

  // --- magnitude written before: "magnitude 6.1", "a magnitude-6.1 quake"
  if (!unit && value !== null && value < 10 && !currency) {
    const w = windowBefore(ctx, start, b.lo, 32);
    const mm = w.includes('magnitude') ? MAGNITUDE_BEFORE.exec(w) : null;
    if (mm) {
      start = start - (w.length - mm.index);
      if (/^preliminary/.test(mm[0])) start += mm[0].indexOf('magnitude');
      unit = { unit: 'magnitude', dim: 'magnitude', kind: 'quantity' };
    }
  }

  // --- ratio "four in five"
  if (!unit && !currency && value !== null && n.int && n.scale === 1 && value >= 1 && value <= 100) {
    RATIO_SEP_Y.lastIndex = end;
    const rs = RATIO_SEP_Y.exec(text);
    if (rs) {
      const p = readNum(ctx, end + rs[0].length, null, true);
      if (p && p.value !== null && p.int && p.value > value && p.value <= 1000 && p.scale === 1 && !unitAfter(ctx, p.end, null, p)) {
        value = tidy((value / p.value) * 100);
        low = high = value;
        end = p.end;
        percentRatio = true;
        unit = { unit: '%', dim: 'percent', kind: 'percent' };
      }
    }
  }

  // --- "one" pronoun check also applies before ranges; done by caller.
  // --- range
  if (!percentRatio && value !== null) {
    RANGE_SEP_Y.lastIndex = end;
    const rs = RANGE_SEP_Y.exec(text);
    if (rs) {
      const conj = rs[2]?.toLowerCase();
      const between = conj === 'and' ? BETWEEN_BEFORE.exec(windowBefore(ctx, start, b.lo, 12)) : null;
      const change = conj === 'to' ? FROM_CHANGE_BEFORE.test(windowBefore(ctx, start, b.lo, 60)) : false;
      if ((conj !== 'and' || between) && !change) {
        let ps = end + rs[0].length;
        let pcur: string | null = null;
        const sym = text.charAt(ps);
        if (currency && CURRENCY_SYMBOLS[sym]) {
          pcur = currency;
          ps++;
        }
        const p = readNum(ctx, ps, pcur ?? currency, !n.digits || conj !== undefined);
        const hyphen = !!rs[1];
        if (p && p.value !== null && (p.digits === n.digits || !hyphen) && !isLetter(text.charCodeAt(p.end))) {
          let lv = value;
          if (p.scale > 1 && n.scale === 1 && lv * p.scale <= p.value) lv = tidy(lv * p.scale);
          const isYears = n.plain && p.plain && lv >= 1000 && lv < 2200 && (p.value >= 1000 ? p.value < 2200 : hyphen && p.end - p.start === 2);
          // "2019-20", "between 2010 and 2020", "2019 to 2021": a span of years, unless a count noun follows
          if (isYears && (hyphen || !nextIsCountNoun(ctx, p.end, false))) return pushSimple(ctx, between ? start - between[0].length : start, p.end, 'year', lv);
          if (p.value > lv && !(hyphen && n.plain && p.plain && lv >= 1000 && lv < 2200)) {
            value = lv;
            low = lv;
            high = p.value;
            end = p.end;
            isRange = true;
            if (between) start = start - (between[0].length);
          } else if (hyphen && n.plain && p.plain && p.value <= lv) {
            return p.end; // a score such as "3-1"
          }
        }
      }
      if (change) temporalFromChange = 'earlier';
    }
  }

  // --- unit after
  if (!unit) {
    const u = unitAfter(ctx, end, currency, n);
    if (u) {
      unit = u.info;
      end = u.end;
      if (u.info.dim === 'currency') currency = u.info.unit;
    }
  } else if (unit.unit === 'magnitude' && !percentRatio) {
    const u = unitAfter(ctx, end, currency, n);
    if (u && u.info.unit === 'magnitude') end = u.end;
  }
  if (currency && (!unit || unit.dim !== 'currency')) unit = { unit: currency, dim: 'currency', kind: 'money' };

  // negative temperatures: "-5°C", "minus 5 degrees"
  if (unit && unit.dim === 'temperature' && value !== null && start === n.start) {
    const sign = text.charCodeAt(start - 1);
    let neg = 0;
    if ((sign === 45 || sign === 0x2212) && !isLetter(text.charCodeAt(start - 2)) && !isDigit(text.charCodeAt(start - 2))) neg = 1;
    else if (MINUS_BEFORE.test(windowBefore(ctx, start, b.lo, 8))) neg = windowBefore(ctx, start, b.lo, 8).length - windowBefore(ctx, start, b.lo, 8).lastIndexOf('minus');
    if (neg) {
      start -= neg;
      value = -value;
      low = low === null ? null : -low;
      high = high === null ? null : -high;
      if (low !== null && high !== null && low > high) [low, high] = [high, low];
    }
  }

  // a compound modifier: "a 120-bed wing", "a 12-member team"
  let compound: string | null = null;
  if (!unit && !isRange && value !== null && text.charCodeAt(end) === 45 && isLetter(text.charCodeAt(end + 1))) {
    HYPHEN_WORD_Y.lastIndex = end;
    const hw = HYPHEN_WORD_Y.exec(text);
    // ("40-plus" is a hedge, read below, not a compound)
    if (hw && !hw[2] && hw[1].toLowerCase() !== 'plus') {
      if (value === 1 && !n.digits && FRACTIONS[hw[1].toLowerCase()] === undefined) return end + 1 + hw[1].length; // "one-off", "one-stop"
      compound = hw[1].toLowerCase();
      end += 1 + hw[1].length;
      const d = FRACTIONS[compound];
      if (d !== undefined && value < d) {
        // "two-thirds", "three-quarters": a share
        value = tidy((value / d) * 100);
        low = high = value;
        compound = null;
        percentRatio = true;
        unit = { unit: '%', dim: 'percent', kind: 'percent' };
      }
    }
  }

  // --- kinds that are not counts
  if (!unit && n.plain && value !== null && n.int && value >= 1000 && value < 2200 && !isRange && n.end - n.start === 4) {
    if (isYear(ctx, n, b)) return pushSimple(ctx, start, end, 'year', value);
  }
  if (!unit && n.plain && !isRange) {
    if (nameNumber(ctx, n, b)) return end;
  }
  if (mentionCovering(ctx, n.start, n.end)) return end;

  // age: "Name, 82," / "aged 82"
  if (!unit && n.int && value !== null && value > 0 && value < 125 && !isRange) {
    if (isAge(ctx, n, b)) unit = { unit: 'year', dim: 'age', kind: 'quantity' };
  }

  // --- hedges
  let hedge: string | null = null;
  if (value !== null) {
    const floor = Math.max(b.lo, ctx.floor);
    const hm = hedgeBefore(windowBefore(ctx, start, floor, 32));
    // A verb ("passes", "tops") hedges the number only when the number is its object: "Senate
    // passes $1.2 trillion spending bill" passes a bill.
    if (hm && !(VERB_HEDGES.has(hm.hedge) && attributive(ctx, end, b))) {
      hedge = hm.hedge;
      start -= hm.len;
    }
  }
  {
    POST_HEDGE_Y.lastIndex = end;
    const ph = POST_HEDGE_Y.exec(text);
    if (ph && !(ph[2] === 'plus' && isDigit(text.charCodeAt(end + ph[0].length + 1)))) {
      extraHedge = ph[1] ?? ph[2] ?? '-plus';
      end += ph[0].length;
    }
  }
  const h = extraHedge && !hedge ? extraHedge.toLowerCase() : hedge;
  if (h && value !== null && !percentRatio) {
    const cls = HEDGE_CLASS[h] ?? HEDGE_CLASS[h.replace(/\.$/, '')] ?? 'approx';
    const lo0 = low ?? value;
    const hi0 = high ?? value;
    if (cls === 'lower') {
      low = lo0;
      high = null;
    } else if (cls === 'nearly') {
      low = tidy(Math.min(0.9 * lo0, lo0));
      high = hi0;
    } else if (cls === 'approx') {
      low = tidy(Math.min(0.9 * lo0, 1.1 * lo0));
      high = tidy(Math.max(1.1 * hi0, 0.9 * hi0));
    } else if (cls === 'upper') {
      low = Math.min(0, hi0);
      high = hi0;
    }
  }
  const hedgeText = hedge ?? (extraHedge ? extraHedge.toLowerCase() : null);

  // --- kind, unit, measure
  let kind: FigureKind = 'count';
  let unitName: string | null = null;
  let measure: string | null = null;
  if (unit) {
    unitName = unit.unit;
    kind = unit.kind;
    measure = unitMeasure(ctx, unit, start, end, b);
  }
  let demonymScope: string | null = null;
  if (compound !== null) measure = compound;
  else if (kind === 'count' || kind === 'percent') {
    const cm = kind === 'count' || percentRatio ? countMeasure(ctx, start, end, value, b) : percentMeasure(ctx, start, end, b);
    if (kind === 'count' || cm.measure) measure = cm.measure;
    demonymScope = cm.scope;
  }
  if (kind === 'money') measure = moneyMeasure(ctx, start, end, b);

  // --- subject, scope, temporal
  let subject: string | null = null;
  let scope: string | null = null;
  let temporal: Temporal = null;
  // Subject, scope and temporal only matter for figures that say what they count (claims need a
  // measure), so figures without one skip the look-arounds.
  if (measure !== null && (kind === 'count' || kind === 'money' || kind === 'percent' || kind === 'quantity')) {
    if (SUBJECT_MEASURES.has(measure)) subject = findSubject(ctx, start, end, b, measure);
    else if (measure === 'vote share') {
      // whose share: the party or candidate named last before it in the sentence; without one the
      // figure cannot be compared with any other (two parties' shares are not one claim)
      subject = voteSubject(ctx, start, b);
      if (subject === null) measure = null;
    }
    scope = demonymScope ?? findScope(ctx, start, end, b);
  }
  if (kind === 'count' || kind === 'money' || kind === 'percent' || kind === 'quantity') {
    temporal = temporalFromChange ?? (measure !== null ? findTemporal(ctx, start, b) : null);
  }

  pushFigure(ctx, {
    start, end, text: spanText(ctx, start, end), kind, value, low, high, hedge: hedgeText,
    unit: unitName, measure, subject, scope, temporal, sentence: b.sentence,
  });
  return end;
}

/** Reads a unit, percent sign, currency word, "-year-old" and the like at `pos`. */
function unitAfter(ctx: Ctx, pos: number, currency: string | null, n: Num): { info: UnitInfo; end: number } | null {
  const text = ctx.text;
  // skip up to three spaces and one line break
  let q = pos;
  for (let k = 0; k < 3 && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 160 || text.charCodeAt(q) === 0x202f); k++) q++;
  if (text.charCodeAt(q) === 13) q++;
  if (text.charCodeAt(q) === 10) {
    q++;
    for (let k = 0; k < 3 && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9); k++) q++;
  }
  const c = text.charCodeAt(q);
  const attached = q === pos;
  if (c === 37 /* % */) return q - pos <= 1 ? { info: { unit: '%', dim: 'percent', kind: 'percent' }, end: q + 1 } : null;
  if (c === 176 /* ° */) return currency ? null : degrees(ctx, pos);
  if (c === 45 /* - */) {
    if (!attached) return null;
    AGE_Y.lastIndex = pos;
    const ag = AGE_Y.exec(text);
    if (ag) return { info: { unit: 'year', dim: 'age', kind: 'quantity' }, end: pos + ag[0].length };
    // hyphenated compounds: "6.1-magnitude", "12-hour", "19-km"
    HYPHEN_WORD_Y.lastIndex = pos;
    const hw = HYPHEN_WORD_Y.exec(text);
    if (hw && !currency) {
      const u = UNIT_WORDS[hw[1].toLowerCase()];
      if (u) return { info: unitInfo(u.unit, u.dim), end: pos + 1 + hw[1].length };
    }
    return null;
  }
  if (!isLetter(c)) return null;
  let e = q;
  while (e < text.length && e - q < 24 && isLetter(text.charCodeAt(e))) e++;
  if (isLetter(text.charCodeAt(e))) return null;
  const raw = text.slice(q, e);
  const wl = raw.toLowerCase();
  switch (wl) {
    case 'per':
    case 'percent':
    case 'pct':
    case 'percentage': {
      PER_CENT_Y.lastIndex = pos;
      const pc = PER_CENT_Y.exec(text);
      return pc ? { info: { unit: pc[3] ? 'pp' : '%', dim: 'percent', kind: 'percent' }, end: pos + pc[0].length } : null;
    }
    case 'year':
    case 'years': {
      AGE_Y.lastIndex = pos;
      const ag = AGE_Y.exec(text);
      if (ag) return { info: { unit: 'year', dim: 'age', kind: 'quantity' }, end: pos + ag[0].length };
      break;
    }
    case 'degree':
    case 'degrees':
      return currency ? null : degrees(ctx, pos);
    case 'c':
    case 'f':
      return !currency && attached && (raw === 'C' || raw === 'F') ? degrees(ctx, pos) : null;
    case 'square':
    case 'sq': {
      if (currency) return null;
      SQUARE_Y.lastIndex = pos;
      const sq = SQUARE_Y.exec(text);
      if (!sq) return null;
      const u = sq[1].toLowerCase();
      return { info: { unit: u.startsWith('mi') ? 'mi2' : u.startsWith('k') ? 'km2' : 'm2', dim: 'area', kind: 'quantity' }, end: pos + sq[0].length };
    }
    case 'on': {
      if (currency) return null;
      RICHTER_Y.lastIndex = pos;
      const rc = RICHTER_Y.exec(text);
      return rc ? { info: { unit: 'magnitude', dim: 'magnitude', kind: 'quantity' }, end: pos + rc[0].length } : null;
    }
  }
  if (!currency && text.charCodeAt(e) === 47 /* / */) {
    KMH_Y.lastIndex = pos;
    const kmh = KMH_Y.exec(text);
    if (kmh) return { info: { unit: kmh[1].toLowerCase() === 'm/s' ? 'm/s' : 'km/h', dim: 'speed', kind: 'quantity' }, end: pos + kmh[0].length };
    return null;
  }
  if (!currency && (wl === 'km' || wl === 'm') && (text.charCodeAt(e) === 178 /* ² */ || text.charCodeAt(e) === 50) && !isDigit(text.charCodeAt(e + 1)))
    return { info: { unit: wl === 'km' ? 'km2' : 'm2', dim: 'area', kind: 'quantity' }, end: e + 1 };
  // currency words and codes after: "2 million euros", "40 USD", "US dollars"
  if (!currency) {
    if (CURRENCY_CODES.has(raw)) return { info: { unit: raw, dim: 'currency', kind: 'money' }, end: e };
    if (QUALIFIER_WORDS.has(wl)) {
      TWO_WORDS_Y.lastIndex = e;
      const t = TWO_WORDS_Y.exec(text);
      if (t) {
        const end2 = e + t[1].length + t[2].length;
        const q2 = wl + ' ' + lower(t[2]);
        if (QUALIFIED_CURRENCY[q2]) return { info: { unit: QUALIFIED_CURRENCY[q2], dim: 'currency', kind: 'money' }, end: end2 };
        if (t[4]) {
          const q3 = q2 + ' ' + lower(t[4]);
          if (QUALIFIED_CURRENCY[q3]) return { info: { unit: QUALIFIED_CURRENCY[q3], dim: 'currency', kind: 'money' }, end: end2 + t[3].length + t[4].length };
        }
      }
    }
    const cw = CURRENCY_WORDS[wl];
    // "won", "real", "rand", "dong" are ordinary words too often; "pounds" is read as money
    if (cw && wl !== 'won' && wl !== 'real' && wl !== 'rand' && wl !== 'dong') return { info: { unit: cw, dim: 'currency', kind: 'money' }, end: e };
  }
  const u = UNIT_WORDS[wl];
  if (u && !currency) {
    // a singular time word after a number other than one is not a unit ("the 2026 year")
    if (u.dim === 'time' && !wl.endsWith('s') && wl.length > 3 && n.value !== 1) return null;
    if (wl === 'm' && isLetter(text.charCodeAt(e + 1)) && text.charCodeAt(e) === 46) return null;
    return { info: unitInfo(u.unit, u.dim), end: e };
  }
  return null;
}

function degrees(ctx: Ctx, pos: number): { info: UnitInfo; end: number } | null {
  DEGREES_Y.lastIndex = pos;
  const dg = DEGREES_Y.exec(ctx.text);
  if (!dg) return null;
  if (dg[3] && !dg[4]) {
    // bare "degrees": a temperature when the sentence talks about one, else an angle
    const w = windowBefore(ctx, pos, Math.max(0, pos - 80), 80);
    if (/temperat|minus|cold|heat|warm|freez|thermometer|mercury/.test(w)) return { info: { unit: '°C', dim: 'temperature', kind: 'quantity' }, end: pos + dg[0].length };
    return { info: { unit: 'degree', dim: 'angle', kind: 'quantity' }, end: pos + dg[0].length };
  }
  const which = (dg[1] ?? dg[2] ?? dg[4] ?? '').toLowerCase();
  if (!which) return null;
  if (dg[2] && isSpace(ctx.text.charCodeAt(pos))) return null;
  return { info: { unit: which.startsWith('f') ? '°F' : '°C', dim: 'temperature', kind: 'quantity' }, end: pos + dg[0].length };
}

function unitInfo(unit: string, dim: UnitDim): UnitInfo {
  if (dim === 'time') return { unit, dim, kind: 'duration' };
  if (dim === 'percent') return { unit, dim, kind: 'percent' };
  return { unit, dim, kind: 'quantity' };
}

function unitMeasure(ctx: Ctx, u: UnitInfo, start: number, end: number, b: Bounds): string | null {
  switch (u.dim) {
    case 'magnitude':
      return 'magnitude';
    case 'time':
      return 'duration';
    case 'age':
      return 'age';
    case 'temperature':
      return 'temperature';
    case 'mass':
      return 'weight';
    case 'area':
      return 'area';
    case 'volume':
      return 'volume';
    case 'speed':
      return 'speed';
    case 'power':
      return 'power';
    case 'energy':
      return 'energy';
    case 'length': {
      const after = ctx.text.slice(end, Math.min(b.hi + 40, end + 40));
      if (DEPTH_AFTER.test(after)) return 'depth';
      const before = windowBefore(ctx, start, b.lo, 40);
      if (DEPTH_BEFORE.test(before)) return 'depth';
      if (HEIGHT_AFTER.test(after) || HEIGHT_BEFORE.test(before)) return 'height';
      if (LENGTH_AFTER.test(after)) return 'length';
      if (WIDTH_AFTER.test(after)) return 'width';
      return 'distance';
    }
    default:
      return null;
  }
}

function isYear(ctx: Ctx, n: Num, b: Bounds): boolean {
  const before = windowBefore(ctx, n.start, b.lo, 24);
  const pw = PREV_WORD_RE.exec(before);
  const w = pw ? lower(pw[1]) : '';
  if (w === 'the') return !nextIsCountNoun(ctx, n.end, true); // "the 1998 quake", but "the 2000 people"
  if (w && (YEAR_PREPS.has(w) || MONTH_NAMES.get(w) !== undefined || w.endsWith("'s"))) return true;
  return !nextIsCountNoun(ctx, n.end, false);
}

function nextIsCountNoun(ctx: Ctx, pos: number, strict: boolean): boolean {
  NEXT_WORD_Y.lastIndex = pos;
  const m = NEXT_WORD_Y.exec(ctx.text);
  if (!m || m.index !== pos || /[^\s]/.test(ctx.text.slice(pos, pos + m[0].length - m[1].length))) return false;
  const w = stripPossessive(lower(m[1]));
  if (!/^[a-z]/.test(m[1])) return false;
  return NOUN_MEASURE.get(w) !== undefined || (strict ? IRREGULAR_PLURALS.has(w) : isPluralNoun(w));
}

/** Bare integers that are part of a name or code: "Boeing 737", "Section 230", "No. 10". */
function nameNumber(ctx: Ctx, n: Num, b: Bounds): boolean {
  const text = ctx.text;
  const sp = n.start - 1;
  const c = text.charCodeAt(sp);
  if (c === 35 /* # */) return true;
  if (c !== 32 && c !== 160) return false;
  // the word right before (one space between)
  let j = sp;
  while (j > b.lo && sp - j < 24) {
    const d = text.charCodeAt(j - 1);
    if (isLetter(d) || d === 46 || d === 45 || d === 39 || d === 0x2019) j--;
    else break;
  }
  if (j === sp) return false;
  const w = text.slice(j, sp);
  let wl = lower(w);
  if (wl.endsWith('.')) wl = wl.slice(0, -1);
  // "No. 10", "Nos. 3"
  if ((wl === 'no' || wl === 'nos') && (w.endsWith('.') || isUpper(w.charCodeAt(0)))) return true;
  // "type 2 diabetes", "stage 4 cancer", "phase 3 trial": a label, in lower case too
  if (LOWER_DESIGNATORS.has(w)) return true;
  if (!isUpper(w.charCodeAt(0))) return false;
  if (FUNCTION_WORDS.has(wl) || HEDGE_CLASS[wl] || HEDGES_BEFORE.has(wl) || MONTH_NAMES.get(wl) !== undefined || WEEKDAY_NAMES.has(wl) || wl.endsWith("'s")) return false;
  if (DESIGNATORS.has(wl)) return true;
  // a capitalised word that is not a sentence opener, in running prose
  const prevCh = j > 0 ? text.charCodeAt(j - 1) : 10;
  const sentenceStart = b.sentence >= 0 && ctx.structure.sentences[b.sentence].start === j;
  if (sentenceStart || prevCh === 10 || prevCh === 13) return false;
  return !titleLike(ctx, n.start);
}

function isAge(ctx: Ctx, n: Num, b: Bounds): boolean {
  const text = ctx.text;
  let i = n.start;
  if (i > b.lo && isSpace(text.charCodeAt(i - 1))) i--;
  const c = text.charCodeAt(i - 1);
  if (c === 100 /* d */ || c === 101 /* e */) return AGE_BEFORE.test(windowBefore(ctx, n.start, b.lo, 10));
  if (c !== 44 /* , */ || i - 1 <= b.lo) return false;
  const after = text.charCodeAt(n.end);
  if (after !== 44 && after !== 41 && after !== 46 && after !== 59) return false;
  // the word before the comma ends a person mention
  const comma = i - 1;
  const m = mentionCovering(ctx, comma - 1, comma);
  return !!m && entityType(ctx, m.entity) === 'person';
}

/** Reads the words after a figure lazily into reused arrays (no per-token objects). */
class TokenReader {
  private text = '';
  /** `text` in lower case, same length. */
  private lc = '';
  private pos = 0;
  private limit = 0;
  private n = 0;
  private done = false;
  private readonly words: string[] = [];
  private readonly caps: boolean[] = [];
  reset(text: string, lc: string, pos: number, limit: number): void {
    this.text = text;
    this.lc = lc;
    this.pos = pos;
    this.limit = limit;
    this.n = 0;
    this.done = false;
  }
  private fill(k: number): boolean {
    while (this.n <= k) {
      if (this.done || this.pos >= this.limit || this.n >= 16) return false;
      const t = this.text;
      let p = this.pos;
      // spaces and at most one line break
      let nl = 0;
      while (p < this.limit) {
        const c = t.charCodeAt(p);
        if (c === 10) {
          if (++nl > 1) break;
        } else if (!isSpace(c)) break;
        p++;
      }
      if (p >= this.limit || nl > 1) {
        this.done = true;
        return false;
      }
      const c = t.charCodeAt(p);
      if (isLetter(c)) {
        let e = p + 1;
        let ascii = c < 128;
        while (e < this.limit && e - p < 40) {
          const d = t.charCodeAt(e);
          if (isLetter(d) || d === 39 || d === 0x2019 || d === 45 || (d >= 0x300 && d <= 0x36f)) {
            if (d >= 128) ascii = false;
            e++;
          } else break;
        }
        // an ASCII word reads the same in the lower-cased text: no lower-casing of a fresh slice
        this.words[this.n] = stripPossessive(ascii ? this.lc.slice(p, e) : t.slice(p, e).toLowerCase());
        this.caps[this.n] = isUpper(c);
        this.pos = e;
      } else {
        this.words[this.n] = '';
        this.caps[this.n] = false;
        this.pos = p + 1;
      }
      this.n++;
    }
    return true;
  }
  /** The k-th word (lower case, possessive dropped), or '' for punctuation, a digit or the end. */
  word(k: number): string {
    return this.fill(k) ? this.words[k] : '';
  }
  /** Whether the k-th word is capitalised. */
  cap(k: number): boolean {
    return this.fill(k) && this.caps[k];
  }
}

const DETERMINERS = new Set('the its their his her our all these those my your'.split(' '));
const ANAPHORS = new Set('them those these whom which us it'.split(' '));
/** Verbs before a number that say what it counts ("killed 17 people"). */
const VERBS_BEFORE = lookup<string>({
  killed: 'deaths', kills: 'deaths', kill: 'deaths', killing: 'deaths', injured: 'injured', injuring: 'injured', injures: 'injured',
  wounded: 'injured', wounding: 'injured', evacuated: 'evacuated', evacuating: 'evacuated', evacuate: 'evacuated',
  displaced: 'displaced', displacing: 'displaced', arrested: 'arrested', arresting: 'arrested', detained: 'arrested',
  detaining: 'arrested', employs: 'employees', employed: 'employees', employing: 'employees', employ: 'employees',
});

/** The last words of a window of the lower-cased text (out[0] = the last one), lower-cased; stops at punctuation. Returns how many. */
function lastWords(w: string, out: string[], max: number): number {
  let i = w.length;
  let n = 0;
  while (n < max) {
    let k = 0;
    while (i > 0 && k < 4 && isSpace(w.charCodeAt(i - 1))) {
      i--;
      k++;
    }
    let j = i;
    while (j > 0 && i - j < 24) {
      const c = w.charCodeAt(j - 1);
      if (((c | 32) >= 97 && (c | 32) <= 122) || c === 39 || c === 45 || (c > 127 && isLetter(c))) j--;
      else break;
    }
    if (j === i) break;
    // (`w` is lower-cased text: only a word with other than ASCII letters needs lower-casing again)
    let ascii = true;
    for (let k2 = j; k2 < i; k2++) if (w.charCodeAt(k2) >= 128) ascii = false;
    out[n++] = ascii ? w.slice(j, i) : w.slice(j, i).toLowerCase();
    i = j;
    if (i > 0 && !isSpace(w.charCodeAt(i - 1))) break;
  }
  return n;
}
const lw: string[] = [];

function countMeasure(ctx: Ctx, start: number, end: number, value: number | null, b: Bounds): { measure: string | null; scope: string | null } {
  const tr = ctx.tokens;
  tr.reset(ctx.text, ctx.lc, end, b.hi);
  let i = 0;
  let scope: string | null = null;
  let measure: string | null = null;
  let headIdx = -1;
  if (tr.word(0) === 'of') {
    if (ANAPHORS.has(tr.word(1))) return { measure: inheritMeasure(ctx, b), scope: null };
    i = 1;
    while (i < 4 && DETERMINERS.has(tr.word(i))) i++;
  }
  for (let j = i; j < i + 4; j++) {
    const w = tr.word(j);
    if (!w) break;
    const fixed = NOUN_MEASURE.get(w);
    if (fixed && fixed !== 'people' && CASUALTY_VERBS.get(w) !== undefined) {
      // "41 dead", "120 injured people"
      measure = fixed;
      headIdx = j;
      if (NOUN_MEASURE.get(tr.word(j + 1)) === 'people') headIdx = j + 1;
      break;
    }
    if (FUNCTION_WORDS.has(w) && !fixed && !HEAD_MODIFIERS.has(w)) break;
    const dem = j < i + 3 && tr.cap(j) ? demonymCountry(w) : null;
    if (dem) {
      scope = dem.toLowerCase();
      continue;
    }
    if (fixed) {
      measure = fixed;
      headIdx = j;
      break;
    }
    if (isPluralNoun(w)) {
      measure = w;
      headIdx = j;
      break;
    }
    if (value === 1 && j <= i + 1) {
      // a singular head: "one man died", "one mining company fell"
      const nx = tr.word(j + 1);
      if (j === i + 1 || !nx || FUNCTION_WORDS.has(nx) || nx.endsWith('ed') || nx.endsWith('s')) {
        measure = w;
        headIdx = j;
        break;
      }
    }
  }
  if (headIdx < 0) scope = null;
  // a verb after the noun: "41 people were killed"
  if (!measure || !FIXED_MEASURES.has(measure)) {
    const from = headIdx >= 0 ? headIdx + 1 : i;
    for (let j = from; j < from + 6; j++) {
      const w = tr.word(j);
      if (!w) break;
      if (VERB_AFTER_STOP.has(w) && j > from) break;
      const v = CASUALTY_VERBS.get(w);
      if (v) {
        measure = v;
        break;
      }
      if (w === 'lost' && tr.word(j + 1) === 'their' && tr.word(j + 2) === 'lives') {
        measure = 'deaths';
        break;
      }
      const left = w === 'left' ? CASUALTY_VERBS.get(tr.word(j + 1)) : undefined;
      if (left) {
        measure = left;
        break;
      }
      if (headIdx < 0) break;
    }
  }
  // a verb or a toll before: "killed at least 41 people", "the death toll rose to 48"
  if (!measure || !FIXED_MEASURES.has(measure)) {
    const w = windowBefore(ctx, start, b.lo, 40);
    const n = lastWords(w, lw, 3);
    let mv: string | undefined;
    if (n > 0) mv = VERBS_BEFORE.get(lw[0]);
    if (!mv && n > 1 && (lw[0] === 'a' || lw[0] === 'an' || lw[0] === 'the' || lw[0] === 'some' || lw[0] === 'another' || lw[0] === 'and')) mv = VERBS_BEFORE.get(lw[1]);
    if (!mv && n > 2 && lw[0] === 'of' && lw[1] === 'lives' && lw[2] === 'the') mv = 'deaths'; // "claimed the lives of"
    if (mv === 'employees' && measure && measure !== 'people') mv = undefined; // "employs 3,000 workers" stays workers
    if (mv) measure = mv;
    else if (!measure || measure === 'people') {
      const w2 = windowBefore(ctx, start, b.lo, 100);
      if (TOLL_QUICK.test(w2)) {
        const tm = TOLL_BEFORE.exec(w2);
        const tollAt = tm ? start - (w2.length - tm.index) : 0;
        const last = ctx.out[ctx.out.length - 1];
        if (tm && headIdx < 0 && !(last && last.start >= tollAt && last.kind === 'count')) {
          const what = tm[1].toLowerCase();
          measure = /injur|wound/.test(what) ? 'injured' : /missing/.test(what) ? 'missing' : /casualt/.test(what) ? 'casualties' : 'deaths';
        }
      }
    }
  }
  // "up from an earlier count of 30", "rose from 41 to 48": the measure of the figure it is compared with
  if (!measure && headIdx < 0 && INHERIT_BEFORE.test(windowBefore(ctx, start, b.lo, 50))) measure = inheritMeasure(ctx, b);
  // "downloaded 90,000 times"
  if (measure === 'times' && DOWNLOADED_BEFORE.test(windowBefore(ctx, start, b.lo, 40))) measure = 'downloads';
  // "34 of the 79 seats": 79 is the whole, a different claim from a count of seats won
  if (measure && headIdx >= 0) {
    const w = windowBefore(ctx, start, b.lo, 40);
    if (w.includes('of') && endsWithWord(w, OF_THE_LAST) && PART_OF_BEFORE.test(w)) measure = `total ${measure}`;
  }
  return { measure, scope };
}

/** The measure of the last count in the same sentence ("97 of them", "up from 30"). */
function inheritMeasure(ctx: Ctx, b: Bounds): string | null {
  for (let k = ctx.out.length - 1; k >= 0 && k >= ctx.out.length - 8; k--) {
    const f = ctx.out[k];
    if (f.sentence !== b.sentence) break;
    if (f.kind === 'count' && f.measure) return f.measure;
  }
  return null;
}

function percentMeasure(ctx: Ctx, start: number, end: number, b: Bounds): { measure: string | null; scope: string | null } {
  const tr = ctx.tokens;
  tr.reset(ctx.text, ctx.lc, end, b.hi);
  if (tr.word(0) !== 'of') {
    const before = windowBefore(ctx, start, b.lo, 60);
    if (endsWithWord(before, VOTE_VERB_LAST) && VOTE_VERB_BEFORE.test(before)) return { measure: 'vote share', scope: null };
    const m = endsWithWord(before, PERCENT_VERB_LAST) ? PERCENT_OF_NOUN_BEFORE.exec(before) : null;
    if (m) {
      const words = m[1].toLowerCase().split(/\s+/).filter((w) => !DETERMINERS.has(w) && w !== 'a' && w !== 'an');
      const head = words[words.length - 1];
      if (head && !FUNCTION_WORDS.has(head) && words.every((w) => !FUNCTION_WORDS.has(w) && !/ly$/.test(w)) && !(words.length === 1 && VAGUE_PERCENT_NOUNS.has(head))) {
        // (a name before the verb is a subject, not what is measured: "Patria was 16%")
        const at = start - before.length + m.index;
        if (!mentionCovering(ctx, at, at + m[1].length)) return { measure: words.join(' '), scope: null };
      }
    }
    return { measure: null, scope: null };
  }
  if (tr.word(1) === 'the' && (tr.word(2) === 'vote' || tr.word(2) === 'votes' || tr.word(2) === 'ballots') || tr.word(1) === 'votes') return { measure: 'vote share', scope: null };
  let i = 1;
  while (i < 4 && DETERMINERS.has(tr.word(i))) i++;
  let scope: string | null = null;
  for (let j = i; j < i + 3; j++) {
    const w = tr.word(j);
    if (!w || FUNCTION_WORDS.has(w)) break;
    const dem = tr.cap(j) ? demonymCountry(w) : null;
    if (dem) {
      scope = dem.toLowerCase();
      continue;
    }
    const noun = NOUN_MEASURE.get(w);
    if (noun) return { measure: noun, scope };
    if (isPluralNoun(w)) return { measure: w, scope };
  }
  return { measure: null, scope: null };
}

function moneyMeasure(ctx: Ctx, start: number, end: number, b: Bounds): string | null {
  const around = ctx.lc.slice(Math.max(b.lo, start - 60), Math.min(b.hi, end + 60));
  if (COST_WORDS.test(around)) return 'cost';
  if (REVENUE_WORDS.test(around)) return 'revenue';
  if (PROFIT_WORDS.test(around)) return 'profit';
  return null;
}

/** Measures counted for a product rather than for whoever owns or regulates it ("100 million users" of an app). */
const PRODUCT_MEASURES = new Set('users downloads installs subscribers accounts listeners viewers readers followers'.split(' '));

function findSubject(ctx: Ctx, start: number, end: number, b: Bounds, measure: string): string | null {
  const ms = ctx.mentions;
  const si = b.sentence;
  const isOwner = (m: Mention) => {
    const t = entityType(ctx, m.entity);
    return t === 'organization' || t === 'product';
  };
  if (si >= 0 && PRODUCT_MEASURES.has(measure)) {
    // a product named in the sentence, nearest before, else after ("WhatsApp said the Kremlin was
    // trying to isolate 100 million users": WhatsApp's users, not the Kremlin's)
    const sen = ctx.structure.sentences[si];
    let i = firstMentionFrom(ms, start) - 1;
    for (let k = 0; i >= 0 && k < 40 && ms[i].end > sen.start; i--, k++) if (ms[i].end <= start && entityType(ctx, ms[i].entity) === 'product') return ms[i].entity;
    for (let j = firstMentionFrom(ms, end), k = 0; j < ms.length && k < 40 && ms[j].start < sen.end; j++, k++) if (entityType(ctx, ms[j].entity) === 'product') return ms[j].entity;
  }
  if (si >= 0) {
    const sen = ctx.structure.sentences[si];
    // preceding in the sentence: nearest first
    let best: Mention | null = null;
    let i = firstMentionFrom(ms, start) - 1;
    for (let k = 0; i >= 0 && k < 40; i--, k++) {
      const m = ms[i];
      if (m.end <= sen.start) break;
      if (m.end <= start && isOwner(m)) {
        best = m;
        break;
      }
    }
    if (best) return best.entity;
    // following in the sentence
    let j = firstMentionFrom(ms, end);
    for (let k = 0; j < ms.length && k < 40; j++, k++) {
      const m = ms[j];
      if (m.start >= sen.end) break;
      if (isOwner(m)) return m.entity;
    }
    // previous sentence: the last one there
    if (si > 0) {
      const ps = ctx.structure.sentences[si - 1];
      let i2 = firstMentionFrom(ms, ps.end) - 1;
      for (let k = 0; i2 >= 0 && k < 40; i2--, k++) {
        const m = ms[i2];
        if (m.end <= ps.start) break;
        if (isOwner(m)) return m.entity;
      }
    }
  }
  return null;
}

function voteSubject(ctx: Ctx, start: number, b: Bounds): string | null {
  if (b.sentence < 0) return null;
  const sen = ctx.structure.sentences[b.sentence];
  // (not past another share in the sentence: "A won 38%, B 27%" gives B's to B or to no one)
  let floor = sen.start;
  for (let k = ctx.out.length - 1; k >= 0 && ctx.out[k].sentence === b.sentence; k--) {
    if (ctx.out[k].kind === 'percent') {
      floor = ctx.out[k].end;
      break;
    }
  }
  for (let i = firstMentionFrom(ctx.mentions, start) - 1, k = 0; i >= 0 && k < 20; i--, k++) {
    const m = ctx.mentions[i];
    if (m.end <= floor) break;
    if (m.end > start) continue;
    const t = entityType(ctx, m.entity);
    if (t !== 'place') return m.entity;
  }
  return null;
}

function placeMentionAt(ctx: Ctx, pos: number): Mention | null {
  const ms = ctx.mentions;
  const i = firstMentionFrom(ms, pos);
  const m = ms[i];
  // a place, or a body that is a territory in scope phrases ("across the European Union")
  const t = m && m.start === pos ? entityType(ctx, m.entity) : null;
  if (t === 'place' || (t === 'organization' && /\b(?:union|federation|republic|states|kingdom|emirates|commonwealth|bloc|community)\b/i.test(m!.text))) return m;
  return null;
}

/** Resolves "in X" / "across the district" at `pos` (the preposition). */
function resolvePlacePhrase(ctx: Ctx, pos: number, limit: number, b: Bounds): string | null {
  const seg = ctx.text.slice(pos, Math.min(limit, pos + 70));
  const m = PLACE_PHRASE.exec(seg);
  if (!m) return null;
  const inner = pos + m[0].length - m[1].length;
  // a place mention right after the preposition (or after "the")
  const pm = placeMentionAt(ctx, inner);
  if (pm) return (ctx.entities.get(pm.entity)?.name ?? pm.text).toLowerCase();
  const words = m[1].split(/[^\S\r\n]+/);
  // "in central Portugal", "in north-west Spain": lower-case modifiers, then a place
  {
    let p = inner;
    for (let k = 0; k < words.length - 1; k++) {
      if (isUpper(words[k].charCodeAt(0))) break;
      p = ctx.text.indexOf(words[k + 1], p + words[k].length);
      if (p < 0) break;
      const pm2 = placeMentionAt(ctx, p);
      if (pm2) return (ctx.entities.get(pm2.entity)?.name ?? pm2.text).toLowerCase();
    }
  }
  // a country named without a mention
  for (let k = words.length; k >= 1; k--) {
    const name = words.slice(0, k).join(' ');
    if (isUpper(name.charCodeAt(0))) {
      const c = countryName(name);
      if (c) return c.toLowerCase();
    }
  }
  // "in the northern district": a generic area noun, possibly with one or two modifiers
  const hasThe = IN_THE_RE.test(m[0]);
  if (!hasThe) return null;
  for (let k = 0; k < words.length; k++) {
    const wl = lower(words[k]);
    if (isUpper(words[k].charCodeAt(0))) return null;
    if (AREA_NOUNS.has(wl)) {
      if (wl === 'country' || wl === 'nation') {
        const c = nearestCountry(ctx, pos, b);
        if (c) return c;
      }
      if (wl === 'world') return 'global';
      return lower(ctx.text.slice(pos, pos + m[0].length - m[1].length) + words.slice(0, k + 1).join(' ')).replace(/\s+/g, ' ');
    }
  }
  return null;
}

function nearestCountry(ctx: Ctx, pos: number, b: Bounds): string | null {
  const ms = ctx.mentions;
  const si = b.sentence;
  const from = si > 0 ? ctx.structure.sentences[si - 1].start : si === 0 ? ctx.structure.sentences[0].start : pos - 300;
  let i = firstMentionFrom(ms, pos) - 1;
  for (let k = 0; i >= 0 && k < 60; i--, k++) {
    const m = ms[i];
    if (m.end <= from) break;
    if (entityType(ctx, m.entity) !== 'place') continue;
    const name = ctx.entities.get(m.entity)?.name ?? m.text;
    const c = countryName(name) ?? countryName(m.text);
    if (c) return c.toLowerCase();
  }
  return null;
}

function findScope(ctx: Ctx, start: number, end: number, b: Bounds): string | null {
  const text = ctx.text;
  const limit = Math.min(b.hi, end + 90);
  // after the figure, in the same clause: up to punctuation, a number or a subordinating word
  let ce = end;
  while (ce < limit) {
    const c = text.charCodeAt(ce);
    if (c === 59 || c === 58 || c === 46 || c === 33 || c === 63 || isDigit(c)) break;
    if (c === 44 /* , */ && isSpace(text.charCodeAt(ce + 1))) break;
    if ((c === 45 || c === 0x2013 || c === 0x2014) && isSpace(text.charCodeAt(ce - 1)) && isSpace(text.charCodeAt(ce + 1))) break;
    ce++;
  }
  let clause = ctx.lc.slice(end, ce);
  const hasWorld = clause.includes('world') || clause.includes('glob');
  const hasNation = clause.includes('nation');
  const hasIn = clause.startsWith('in') || clause.includes(' in') || clause.includes('\nin') || clause.includes('across') || clause.includes('throughout');
  if (hasWorld || hasNation || hasIn) {
    const sub = CLAUSE_WORDS.exec(clause);
    if (sub) clause = clause.slice(0, sub.index);
  }
  if (hasWorld && GLOBAL_SCOPE.test(clause)) return 'global';
  if (hasNation && NATIONAL_SCOPE.test(clause)) return 'national';
  if (hasIn) {
    const re = PREP_G;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let k = 0;
    while ((m = re.exec(clause)) && k++ < 4) {
      const r = resolvePlacePhrase(ctx, end + m.index, end + clause.length, b);
      if (r) return r;
    }
  }
  // fronted "In Vila Nova alone, …", "Nationwide, …"
  if (b.sentence >= 0) {
    const sen = ctx.structure.sentences[b.sentence];
    if (start - sen.start < 120 && start > sen.start && frontedWord(text, sen.start)) {
      const head = text.slice(sen.start, start);
      const fn = FRONTED_NATIONAL.exec(head);
      if (fn) return fn[1] ? (/country|nation$/i.test(fn[1]) ? nearestCountry(ctx, sen.start, b) ?? 'national' : 'national') : 'global';
      const f = FRONTED_SCOPE.exec(head);
      if (f) {
        const r = resolvePlacePhrase(ctx, sen.start, sen.start + f[0].length - 1, b);
        if (r) return r;
      }
    }
  }
  return null;
}

/**
 * Whether the sentence at `p` may open with a word FRONTED_NATIONAL or FRONTED_SCOPE reads: "in" and
 * a space, or the first three letters of "across", "around", "throughout", "nationwide", "globally",
 * "worldwide". (None of these letters has a non-ASCII case variant the regexes' /iu would match.)
 */
function frontedWord(text: string, p: number): boolean {
  const a = text.charCodeAt(p) | 32;
  const b = text.charCodeAt(p + 1) | 32;
  const c = text.charCodeAt(p + 2);
  const cl = c | 32;
  if (a === 105 /* i */) return b === 110 /* n */ && isHSpace(c);
  if (a === 97 /* a */) return (b === 99 /* c */ && cl === 114) /* acr */ || (b === 114 /* r */ && cl === 111) /* aro */;
  if (a === 116 /* t */) return b === 104 && cl === 114; // thr
  if (a === 110 /* n */) return b === 97 && cl === 116; // nat
  if (a === 103 /* g */) return b === 108 && cl === 111; // glo
  if (a === 119 /* w */) return b === 111 && cl === 114; // wor
  return false;
}

function findTemporal(ctx: Ctx, start: number, b: Bounds): Temporal {
  const w = windowBefore(ctx, start, b.lo, 60);
  let t = w.length;
  while (t > 0 && isSpace(w.charCodeAt(t - 1))) t--;
  // "rose to", "now stands at"
  const c1 = w.charCodeAt(t - 2) | 32;
  const c2 = w.charCodeAt(t - 1) | 32;
  if (t >= 2 && ((c1 === 116 && c2 === 111) || (c1 === 97 && c2 === 116)) && UPDATED_BEFORE.test(w))
    return 'updated';
  if (EARLIER_QUICK.test(w) && EARLIER_BEFORE.test(w)) return 'earlier';
  return null;
}
