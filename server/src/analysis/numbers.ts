// Number reading helpers for the figures extractor: digit strings with separators, English
// number words, scale words and abbreviations, unit and currency lexicons, and unit conversion.
// Pure functions and constant tables only; nothing here is specific to any story.

/** A lookup table without a prototype: "constructor" or "__proto__" in the text is just a word. */
export function dict<T>(o: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, o);
}

/** Longest digit run (integer part) that is converted to a number; longer runs are codes, not figures. */
export const MAX_INT_DIGITS = 15;

export const SMALL_NUMBERS: Record<string, number> = dict({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
});
export const TENS: Record<string, number> = dict({
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
export const SCALE_WORDS: Record<string, number> = dict({
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
});
/** Scale abbreviations written after digits ("$3bn", "40k", "£10m", "5mn"). "m"/"b" need care: see figures.ts. */
export const SCALE_ABBREVIATIONS: Record<string, number> = dict({
  k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, mio: 1e6, b: 1e9, bn: 1e9, bln: 1e9, tn: 1e12, trn: 1e12,
});
export const ORDINAL_WORDS: Record<string, number> = dict({
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12,
});
/**
 * Vague plurals: a figure with value null and interval [low, null]. "dozens" is at least two dozen,
 * "hundreds" at least two hundred, and so on ("tens of thousands" → 20,000, see figures.ts).
 */
export const VAGUE_PLURALS: Record<string, number> = dict({
  dozens: 24, scores: 40, hundreds: 200, thousands: 2000, millions: 2e6, billions: 2e9, trillions: 2e12,
});

/** Rounds away binary noise (1.1 * 1e8 = 110000000.00000001). */
export function tidy(x: number): number {
  return Number.isInteger(x) || !Number.isFinite(x) ? x : +x.toPrecision(12);
}

/**
 * Reads "1,250", "3.5", "1,250,000.75", "12". Commas must separate groups of three digits; the
 * integer part may have at most MAX_INT_DIGITS digits (else null).
 */
export function parseDigits(s: string): number | null {
  if (s.length > 60) return null;
  const dot = s.indexOf('.');
  const intPart = dot >= 0 ? s.slice(0, dot) : s;
  const clean = s.indexOf(',') >= 0 ? s.replace(/,/g, '') : s;
  if (!/^\d+(?:\.\d+)?$/.test(clean)) return null;
  if (intPart.replace(/,/g, '').length > MAX_INT_DIGITS) return null;
  const v = Number(clean);
  return Number.isFinite(v) ? v : null;
}

/**
 * Composes a sequence of number words ("twenty", "five" / "two", "hundred", "and", "fifty" /
 * "three", "million"). Returns the value and how many words were used (stops at the first word
 * that cannot continue the number), or null when the first word is not a number word.
 */
export function composeNumberWords(words: string[]): { value: number; used: number } | null {
  let total = 0;
  let cur = 0;
  let used = 0;
  let last: 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' | 'and' = 'none';
  let lastScale = Infinity;
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toLowerCase();
    if (w === 'and') {
      if (last !== 'hundred' && last !== 'scale') break;
      last = 'and';
      continue;
    }
    const small = SMALL_NUMBERS[w];
    const tens = TENS[w];
    const scale = SCALE_WORDS[w];
    if (small !== undefined) {
      if (last === 'unit' || last === 'teen') break;
      if (last === 'tens' && small >= 10) break;
      cur += small;
      last = small >= 10 ? 'teen' : 'unit';
    } else if (tens !== undefined) {
      if (last === 'unit' || last === 'teen' || last === 'tens') break;
      cur += tens;
      last = 'tens';
    } else if (scale === 100) {
      if (last === 'hundred' || cur >= 100) break;
      cur = (cur || 1) * 100;
      last = 'hundred';
    } else if (scale !== undefined) {
      if (scale >= lastScale) break;
      total += (cur || 1) * scale;
      cur = 0;
      lastScale = scale;
      last = 'scale';
    } else break;
    used = i + 1;
  }
  if (used === 0) return null;
  return { value: total + cur, used };
}

/** Dimension of a unit; decides the figure kind and the default measure. */
export type UnitDim = 'length' | 'mass' | 'area' | 'volume' | 'speed' | 'temperature' | 'time' | 'magnitude' | 'energy' | 'power' | 'percent' | 'angle';

/** Unit words after a number (lower-case, as written) → canonical unit and dimension. */
export const UNIT_WORDS: Record<string, { unit: string; dim: UnitDim }> = dict();
function units(names: string, unit: string, dim: UnitDim): void {
  for (const n of names.trim().split(/\s+/)) UNIT_WORDS[n] = { unit, dim };
}
units('km kms kilometre kilometres kilometer kilometers', 'km', 'length');
units('m metre metres meter meters', 'm', 'length');
units('cm centimetre centimetres centimeter centimeters', 'cm', 'length');
units('mm millimetre millimetres millimeter millimeters', 'mm', 'length');
units('mi mile miles', 'mi', 'length');
units('ft foot feet', 'ft', 'length');
units('yd yard yards', 'yd', 'length');
units('nm', 'nmi', 'length');
units('kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes', 'kg', 'mass');
units('tonne tonnes ton tons', 't', 'mass');
units('lb lbs', 'lb', 'mass');
units('gram grams gramme grammes', 'g', 'mass');
units('ha hectare hectares', 'ha', 'area');
units('acre acres', 'acre', 'area');
units('km2 km²', 'km2', 'area');
units('litre litres liter liters', 'l', 'volume');
units('gallon gallons', 'gal', 'volume');
units('barrel barrels', 'bbl', 'volume');
units('mph', 'mph', 'speed');
units('kph kmh km/h', 'km/h', 'speed');
units('knot knots', 'kn', 'speed');
units('mw megawatt megawatts', 'MW', 'power');
units('gw gigawatt gigawatts', 'GW', 'power');
units('kw kilowatt kilowatts', 'kW', 'power');
units('kwh', 'kWh', 'energy');
units('mwh', 'MWh', 'energy');
units('gwh', 'GWh', 'energy');
units('second seconds sec secs', 'second', 'time');
units('minute minutes min mins', 'minute', 'time');
units('hour hours hr hrs', 'hour', 'time');
units('day days', 'day', 'time');
units('week weeks', 'week', 'time');
units('month months', 'month', 'time');
units('year years yr yrs', 'year', 'time');
units('decade decades', 'decade', 'time');
units('century centuries', 'century', 'time');
units('magnitude', 'magnitude', 'magnitude');
units('percent pct', '%', 'percent');

/** Currency symbols written before the amount. */
export const CURRENCY_SYMBOLS: Record<string, string> = dict({
  $: 'USD', 'US$': 'USD', 'A$': 'AUD', 'AU$': 'AUD', 'C$': 'CAD', 'CA$': 'CAD', 'HK$': 'HKD', 'NZ$': 'NZD',
  'S$': 'SGD', 'R$': 'BRL', 'MX$': 'MXN', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₽': 'RUB', '₩': 'KRW',
  '₺': 'TRY', '₴': 'UAH', '₦': 'NGN', '₪': 'ILS', '₱': 'PHP', '฿': 'THB', '₫': 'VND', 'Rs': 'INR', 'Rs.': 'INR',
});
/** ISO codes accepted before or after an amount ("USD 40", "40 EUR"). */
export const CURRENCY_CODES = new Set(
  'USD EUR GBP RUB JPY CNY RMB INR CHF AUD CAD HKD NZD SGD BRL MXN KRW TRY UAH NGN ILS PHP THB VND ZAR SEK NOK DKK PLN CZK HUF RON BGN'.split(' '),
);
/** Currency words after an amount ("2 million euros"). Demonym-qualified dollars are read in figures.ts. */
export const CURRENCY_WORDS: Record<string, string> = dict({
  dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', sterling: 'GBP',
  rouble: 'RUB', roubles: 'RUB', ruble: 'RUB', rubles: 'RUB', yen: 'JPY', yuan: 'CNY', renminbi: 'CNY',
  rupee: 'INR', rupees: 'INR', hryvnia: 'UAH', hryvnias: 'UAH', naira: 'NGN', shekel: 'ILS',
  shekels: 'ILS', rand: 'ZAR', won: 'KRW', lira: 'TRY', liras: 'TRY', zloty: 'PLN', zlotys: 'PLN', zlotych: 'PLN',
  franc: 'CHF', francs: 'CHF', real: 'BRL', reais: 'BRL', peso: 'peso', pesos: 'peso', krona: 'SEK', kronor: 'SEK',
  krone: 'krone', kroner: 'krone', baht: 'THB', dong: 'VND',
});
/** "Australian dollars", "Hong Kong dollars", "Swiss francs". */
export const QUALIFIED_CURRENCY: Record<string, string> = dict({
  'us dollars': 'USD', 'american dollars': 'USD', 'australian dollars': 'AUD',
  'canadian dollars': 'CAD', 'hong kong dollars': 'HKD', 'new zealand dollars': 'NZD', 'singapore dollars': 'SGD',
  'swiss francs': 'CHF', 'mexican pesos': 'MXN', 'philippine pesos': 'PHP', 'argentine pesos': 'ARS',
  'danish kroner': 'DKK', 'norwegian kroner': 'NOK', 'swedish kronor': 'SEK', 'brazilian reais': 'BRL',
  'south african rand': 'ZAR', 'turkish lira': 'TRY', 'indian rupees': 'INR', 'pakistani rupees': 'PKR',
  'russian roubles': 'RUB', 'russian rubles': 'RUB', 'chinese yuan': 'CNY', 'japanese yen': 'JPY',
  'british pounds': 'GBP', 'egyptian pounds': 'EGP',
});

const LENGTH_KM: Record<string, number> = dict({ km: 1, m: 1e-3, cm: 1e-5, mm: 1e-6, mi: 1.609344, ft: 0.0003048, yd: 0.0009144, nmi: 1.852 });
const MASS_KG: Record<string, number> = dict({ kg: 1, t: 1000, lb: 0.45359237, g: 0.001 });
const AREA_KM2: Record<string, number> = dict({ km2: 1, ha: 0.01, acre: 0.00404685642, mi2: 2.58998811 });
const VOLUME_L: Record<string, number> = dict({ l: 1, gal: 3.785411784, bbl: 158.987294928 });
const SPEED_KMH: Record<string, number> = dict({ 'km/h': 1, mph: 1.609344, kn: 1.852 });
const TIME_HOURS: Record<string, number> = dict({
  second: 1 / 3600, minute: 1 / 60, hour: 1, day: 24, week: 168, month: 730.485, year: 8765.82, decade: 87658.2, century: 876582,
});
const POWER_MW: Record<string, number> = dict({ kW: 1e-3, MW: 1, GW: 1e3 });
const ENERGY_MWH: Record<string, number> = dict({ kWh: 1e-3, MWh: 1, GWh: 1e3 });

/**
 * Converts a value to the base unit of its dimension so figures from different sources compare:
 * lengths → km (mi, m, ft, …), mass → kg, area → km2, volume → l, speed → km/h, durations → hour,
 * temperature → °C, power → MW, energy → MWh. Other units (currencies, %, magnitude) pass through.
 */
export function toBaseUnit(value: number | null, unit: string | null): { value: number | null; unit: string | null } {
  if (unit === null) return { value, unit };
  const conv = (table: Record<string, number>, base: string) => ({
    value: value === null ? null : tidy(value * table[unit]),
    unit: base,
  });
  if (unit in LENGTH_KM) return conv(LENGTH_KM, 'km');
  if (unit in MASS_KG) return conv(MASS_KG, 'kg');
  if (unit in AREA_KM2) return conv(AREA_KM2, 'km2');
  if (unit in VOLUME_L) return conv(VOLUME_L, 'l');
  if (unit in SPEED_KMH) return conv(SPEED_KMH, 'km/h');
  if (unit in TIME_HOURS) return conv(TIME_HOURS, 'hour');
  if (unit in POWER_MW) return conv(POWER_MW, 'MW');
  if (unit in ENERGY_MWH) return conv(ENERGY_MWH, 'MWh');
  if (unit === '°F') return { value: value === null ? null : tidy(((value - 32) * 5) / 9), unit: '°C' };
  return { value, unit };
}
