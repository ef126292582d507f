// A deterministic generator of benchmark corpora: many stories, each reported by several invented
// outlets, every article about 4 KB of plain text with the traps of real copy — page furniture
// (view counters, share bars, tags, related-headline blocks with their own names and numbers),
// curly and straight quotation marks, hedged figures ("at least 41", "about 40", "nearly 41"),
// aliases (surname only, acronyms, "the agency"), CRLF, BOM and hard-wrapped outlets — and with
// cross-source agreements (the same figure under other hedges, the same quote) and conflicts (a
// different toll, an updated count, a reworded quote). Every name is made up from syllables; the
// same seed always gives the same bytes.

export interface GeneratedArticle {
  /** Relative path ("story-0012/northwire.txt"). */
  name: string;
  text: string;
}

export interface Corpus {
  articles: GeneratedArticle[];
  /** The relative path of the long (~20 KB) article, present when `longArticle` was asked for. */
  longArticle: string | null;
  bytes: number;
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

const ONSETS = ['b', 'br', 'c', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'kr', 'l', 'm', 'n', 'p', 'r', 's', 'st', 't', 'tr', 'v', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou', 'ia'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'nd', 'rt', 'sk', 'm', 'v'];
const TOWN_ENDS = ['holt', 'mere', 'vik', 'ava', 'ford', 'stad', 'ton', 'ia', 'ova', 'burg', 'ande', 'is'];
const FIRST_NAMES = [
  'Marta', 'Paulo', 'Sofia', 'Helena', 'Carla', 'Duarte', 'Rosa', 'Manuel', 'Anna', 'Peter', 'Laura', 'Daniel',
  'Elena', 'Victor', 'Irene', 'Jonas', 'Clara', 'Tomas', 'Nina', 'Oscar', 'Greta', 'Felix', 'Ines', 'Hugo',
];
const OUTLETS = [
  'northwire', 'harbor-ledger', 'daily-meridian', 'coastal-post', 'valley-courier', 'evening-standardbearer',
  'the-lantern', 'morning-dispatch', 'river-gazette', 'plains-observer', 'capital-tribune', 'island-herald',
];

function syllables(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(ONSETS) + r.pick(VOWELS) + (i === n - 1 ? r.pick(CODAS) : '');
  return s;
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
function surname(r: Rand): string {
  return cap(syllables(r, r.int(2, 3)));
}
function town(r: Rand): string {
  return cap(syllables(r, r.int(1, 2)) + r.pick(TOWN_ENDS));
}

interface Person {
  first: string;
  last: string;
  role: string;
  pronoun: 'he' | 'she';
}
interface Org {
  name: string;
  acronym: string;
  kind: string;
}

type EventKind = 'quake' | 'flood' | 'fire' | 'outage' | 'storm';

interface Story {
  kind: EventKind;
  town: string;
  region: string;
  country: string;
  agency: Org;
  company: Org;
  official: Person;
  head: Person;
  spokes: Person;
  expert: Person;
  ceo: Person;
  resident: Person;
  deaths: number;
  injured: number;
  missing: number;
  evacuated: number;
  magnitude: string;
  depth: number;
  users: number;
  cost: number;
  quotes: string[][];
  /** Facts every outlet reports the same way (or nearly). */
  villages: number;
  bridges: string;
  firefighters: number;
  soldiers: number;
  aftershocks: number;
  restored: number;
  shareFall: string;
  lossesBn: number;
  shelter: number;
  downloads: number;
  rescuers: number;
  blankets: number;
  food: number;
  worstYears: number;
  earlierYear: number;
  earlierDeaths: number;
  devices: number;
  substations: number;
  smaller: number;
  residentAge: number;
  institute: string;
  riskFirm: string;
  redCross: string;
  river: string;
  /** Details every outlet of the story gives alike (a per-outlet random would be a conflict nobody wrote). */
  dogs: string;
  alertSeconds: string;
  lowTemp: number;
  sinceMonth: string;
}

const COUNTRIES = [
  'Ostravia', 'Velmark', 'Dorvania', 'Kestria', 'Lunavia', 'Marrowland', 'Sarnovia', 'Tessaly', 'Brevania', 'Caldoria',
  'Elvaria', 'Fennmark', 'Galdovia', 'Haldria', 'Iskaria', 'Jorvania', 'Korsland', 'Lirania', 'Morvania', 'Nordessa',
];
const AGENCIES = [
  'National Emergency Response Agency', 'National Flood Authority', 'Civil Protection Service', 'National Seismic Service',
  'Regional Rescue Directorate', 'Federal Disaster Office', 'State Relief Commission', 'National Weather Bureau',
  'Coastal Safety Authority', 'Mountain Rescue Corps',
];
// A few people every story of a country may quote: national figures recur across thousands of articles.
const NATIONAL = (r: Rand): Person[] => [
  { first: 'Duarte', last: 'Sampaio', role: 'Interior Minister', pronoun: 'he' },
  { first: 'Helena', last: 'Varga', role: 'Prime Minister', pronoun: 'she' },
];

// Quotations are built per story from a few hundred words, so two stories rarely share more than
// a stock phrase; a few stock lines recur everywhere (said by different people in each story).
const QUOTE_WORDS = {
  open: ['We will', 'Our teams will', 'Nobody will', 'The government will', 'We are going to', 'Every family will', 'I promise we will', 'They will'],
  verb: ['rebuild', 'search', 'inspect', 'restore', 'reach', 'support', 'protect', 'reopen', 'clear', 'rehouse', 'compensate', 'check'],
  obj: ['every home', 'every village', 'the whole district', 'each street', 'the damaged bridges', 'the schools', 'the old mill', 'the market square', 'the farms', 'the harbour', 'the clinic', 'the roads'],
  tail: [
    'stone by stone', 'until the last person is found', 'before the winter comes', 'whatever it costs',
    'as fast as it is safe to do so', 'and we will not stop until it is done', 'with the help of our neighbours',
    'within weeks rather than months', 'for as long as it takes', 'even if it takes years',
  ],
  second: [
    'The {n} families who lost everything in {t} deserve nothing less.',
    'I saw {n} houses fall on my street in {t} alone.',
    'In {t} we have counted {n} buildings that cannot be saved.',
    'The organisation of the rescue in {t} has been remarkable, and {n} volunteers came on the first night.',
    'The colour of the sky over {t} that evening is something {n} of us will never forget.',
    'We asked for {n} engineers and we were sent half of that to {t}.',
    'My mother is {n} years old and she has never seen anything like this in {t}.',
    'The river rose {n} centimetres in an hour and {t} had no warning.',
  ],
  stock: [
    'Residents should not return to damaged buildings until engineers have inspected them.',
    'This is the worst night our region has known in a generation.',
  ],
};

/** Words a speaker may use that few others do: quotations of different stories rarely share many word triples. */
function localWords(r: Rand, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(syllables(r, r.int(1, 2)));
  return out.join(' ');
}

function makeQuote(r: Rand, townName: string): string[] {
  const s = `${r.pick(QUOTE_WORDS.open)} ${r.pick(QUOTE_WORDS.verb)} ${r.pick(QUOTE_WORDS.obj)} ${r.chance(0.5) ? `near the ${localWords(r, 1)} road ` : ''}in ${townName} ${r.pick(QUOTE_WORDS.tail)}${r.chance(0.6) ? `, whatever ${localWords(r, 2)} says` : ''}.`;
  const second = r.chance(0.15) ? r.pick(QUOTE_WORDS.stock) : r.pick(QUOTE_WORDS.second).replace('{n}', String(r.int(3, 400))).replace('{t}', townName);
  return (r.chance(0.75) ? `${s} ${second}` : s).split(' ');
}

function person(r: Rand, role: string): Person {
  return { first: r.pick(FIRST_NAMES), last: surname(r), role, pronoun: r.chance(0.5) ? 'he' : 'she' };
}

function makeStory(r: Rand, national: Person[]): Story {
  const kind = r.pick<EventKind>(['quake', 'flood', 'fire', 'outage', 'storm']);
  const t = town(r);
  const region = `${cap(syllables(r, 2))} Valley`;
  const agencyBase = r.pick(AGENCIES);
  const agency: Org = { name: agencyBase, acronym: agencyBase.split(' ').map((w) => w[0]).join(''), kind: 'agency' };
  const companyName = `${cap(syllables(r, 2))} ${r.pick(['Energia', 'Telecom', 'Networks', 'Utilities', 'Grid'])}`;
  const company: Org = { name: companyName, acronym: '', kind: 'company' };
  return {
    kind,
    town: t,
    region,
    country: r.pick(COUNTRIES),
    agency,
    company,
    official: r.chance(0.15) ? national[0] : person(r, r.pick(['regional governor', 'mayor of ' + t, 'district prefect'])),
    head: person(r, `head of the ${agency.acronym}`),
    spokes: person(r, r.pick(['spokeswoman', 'spokesman']) + ` for the ${agency.name}`),
    expert: person(r, r.pick(['seismologist', 'hydrologist', 'engineer'])),
    ceo: person(r, `chief executive of ${companyName}`),
    resident: person(r, 'resident'),
    deaths: r.int(3, 120),
    injured: r.int(20, 400),
    missing: r.int(2, 40),
    evacuated: r.int(300, 9000),
    magnitude: `${r.int(4, 7)}.${r.int(0, 9)}`,
    depth: r.int(5, 40),
    users: r.int(1, 90) * 100_000,
    cost: r.int(2, 90) / 2,
    quotes: [makeQuote(r, t), makeQuote(r, t), makeQuote(r, t), makeQuote(r, t)],
    villages: r.int(2, 9),
    bridges: r.pick(['two', 'three', 'four']),
    firefighters: r.int(100, 900),
    soldiers: r.int(50, 300),
    aftershocks: r.int(10, 40),
    restored: r.int(40, 95),
    shareFall: `${r.int(1, 9)}.${r.int(1, 9)}`,
    lossesBn: r.int(2, 9),
    shelter: r.int(2, 9) * 100,
    downloads: r.int(10, 99) * 1000,
    rescuers: r.int(20, 80),
    blankets: r.int(2, 40) * 100,
    food: r.int(2, 20),
    worstYears: r.int(18, 60),
    earlierYear: r.int(1950, 2015),
    earlierDeaths: r.int(2, 40),
    devices: r.int(2, 30) / 10,
    substations: r.int(2, 9),
    smaller: r.int(2, 6),
    residentAge: r.int(30, 85),
    institute: `${cap(syllables(r, 2))} Institute`,
    riskFirm: `${cap(syllables(r, 2))} Risk Analytics`,
    redCross: `${cap(syllables(r, 2))} Red Cross`,
    river: cap(syllables(r, 2)),
    dogs: r.pick(['six', 'eight', 'ten']),
    alertSeconds: r.pick(['eight', 'ten', 'twelve']),
    lowTemp: r.int(-8, 4),
    sinceMonth: r.pick(['January', 'March', 'May', 'September']),
  };
}

const EVENT_NOUN: Record<EventKind, string> = {
  quake: 'earthquake', flood: 'floods', fire: 'factory fire', outage: 'power outage', storm: 'storm',
};

/** An outlet's hedged rendering of a count; sometimes a different (conflicting or updated) number. */
function hedged(r: Rand, v: number): { text: string; note: string } {
  const roll = r.next();
  if (roll < 0.3) return { text: `${v}`, note: '' };
  if (roll < 0.5) return { text: `at least ${v}`, note: '' };
  if (roll < 0.6) return { text: `more than ${Math.max(1, Math.floor(v / 10) * 10)}`, note: '' };
  if (roll < 0.7) return { text: `about ${Math.round(v / 10) * 10 || v}`, note: '' };
  if (roll < 0.78) return { text: `nearly ${v}`, note: '' };
  if (roll < 0.9) return { text: `${v + r.int(3, 12)}`, note: 'updated' };
  return { text: `${Math.max(1, v - r.int(3, 9))}`, note: 'conflict' };
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** A quote as this outlet prints it: the same words, a word dropped or changed, or only a part. */
function variant(r: Rand, words: string[]): string {
  const w = [...words];
  const roll = r.next();
  if (roll < 0.55) return w.join(' ');
  if (roll < 0.7 && w.length > 6) {
    w.splice(r.int(2, w.length - 3), 1);
    return w.join(' ');
  }
  if (roll < 0.8) return w.join(' ').replace('organisation', 'organization').replace('colour', 'color').replace('neighbours', 'neighbors');
  if (roll < 0.9 && w.length > 8) {
    const i = r.int(2, w.length - 3);
    w[i] = r.pick(['all', 'soon', 'now', 'truly', 'certainly']);
    return w.join(' ');
  }
  return w.slice(0, Math.max(4, Math.floor(w.length / 2))).join(' ').replace(/[.,]$/, '');
}

interface Style {
  curly: boolean;
  crlf: boolean;
  bom: boolean;
  wrap: boolean;
  american: boolean;
}

function quoteMarks(s: Style): [string, string] {
  return s.curly ? ['\u201c', '\u201d'] : ['"', '"'];
}

function furnitureTop(r: Rand): string[] {
  const out: string[] = [];
  if (r.chance(0.4)) out.push(`Total Views : ${r.int(3, 9000)}`);
  if (r.chance(0.3)) out.push(`Update: 2026-0${r.int(1, 9)}-${String(r.int(10, 28))} ${String(r.int(10, 23))}:${String(r.int(10, 59))} CET`);
  if (r.chance(0.4)) out.push(r.pick(['Zoom In Zoom Out Read Later Print', 'Share  Tweet  Print  Email', 'Share on Facebook | Share on X | Copy link']));
  return out;
}

function furnitureBottom(r: Rand, story: Story): string[] {
  const out: string[] = [];
  if (r.chance(0.5)) {
    out.push('Related News');
    for (let i = 0; i < 4; i++) {
      out.push(r.pick([
        `${town(r)} Council Approves ${r.int(2, 9)}% Rise In Water Charges`,
        `${r.pick(FIRST_NAMES)} ${surname(r)} Named Coach Of ${town(r)} FC`,
        `Heatwave: Temperatures To Reach ${r.int(35, 44)}C In ${town(r)}`,
        `${fmt(r.int(1000, 9000))} Jobs At Risk As ${cap(syllables(r, 2))} Closes Plant`,
        `Most Viewed: ${r.int(2, 9)} Things To Do In ${town(r)} This Weekend`,
      ]));
    }
  }
  if (r.chance(0.5)) out.push(`Tags: ${story.town}, ${story.region}, ${EVENT_NOUN[story.kind]}, ${story.agency.acronym}`);
  if (r.chance(0.3)) out.push(`Comments (${r.int(0, 40)})`, 'Leave a reply');
  return out;
}

/** Body paragraphs of one outlet's report (about 3.5 KB; `long` asks for about 20 KB). */
function body(r: Rand, st: Story, s: Style, long: boolean, national: Person[]): string[] {
  const [o, c] = quoteMarks(s);
  const deaths = hedged(r, st.deaths);
  const injured = hedged(r, st.injured);
  const noun = EVENT_NOUN[st.kind];
  const paras: string[] = [];
  const dateline = r.chance(0.5) ? `${st.town.toUpperCase()}, ${st.country}: ` : '';
  const scopeWords = r.chance(0.4) ? ` in ${st.town}` : '';
  paras.push(
    `${dateline}${cap(deaths.text)} people were killed${scopeWords} and ${injured.text} injured when ${st.kind === 'quake' ? `a magnitude ${st.magnitude} earthquake` : `the ${noun}`} struck the ${st.region} on Tuesday, ` +
      `bringing down houses in ${st.town} and driving thousands of residents into the streets, the ${st.agency.name} (${st.agency.acronym}) said.`,
  );
  if (deaths.note === 'updated') {
    paras.push(`The death toll rose to ${st.deaths + 9} on Wednesday evening, the ${st.agency.acronym} said. Earlier reports said ${st.deaths} people had died.`);
  }
  const off = st.official;
  paras.push(
    `${cap(off.role)} ${off.first} ${off.last} declared a ${o}state of emergency${c} across the district shortly after midnight. ` +
      `${off.last} said, ${o}${variant(r, st.quotes[0])}${c}`,
  );
  paras.push(`${o}${variant(r, st.quotes[1]).replace(/[.]$/, ',')}${c} ${off.pronoun} added.`);
  if (st.kind === 'quake') {
    const depth = r.chance(0.5) ? `about ${st.depth} km` : s.american ? `roughly ${Math.round(st.depth * 0.621)} miles` : `${st.depth} kilometres`;
    paras.push(`The quake hit at 9:59 p.m. local time ${depth} deep, according to the ${st.agency.name}. More than ${st.aftershocks} aftershocks had been recorded by Wednesday morning, the ${st.agency.acronym} said.`);
  }
  paras.push(
    `${st.head.first} ${st.head.last}, ${st.head.role}, said ${hedged(r, st.evacuated).text.replace(/\d+/, (d) => fmt(Number(d)))} people had been evacuated from ${st.town} and neighbouring villages. ` +
      `${o}${variant(r, st.quotes[2]).replace(/[.]$/, ',')}${c} ${st.head.last} said.`,
  );
  paras.push(
    `At least ${st.missing} people were still missing on Wednesday night, ${st.spokes.first} ${st.spokes.last}, ${st.spokes.role}, told reporters. ` +
      `${o}Search teams have reached every village in the affected area, and we are now going house by house,${c} the agency said in a statement.`,
  );
  paras.push(
    `${st.company.name}, which operates the regional grid, said ${fmt(st.users)} customers had lost power, although crews had restored ${st.restored}% of them by Wednesday afternoon. ` +
      `${st.ceo.first} ${st.ceo.last}, ${st.ceo.role}, said: ${o}We will not switch a single line back on until it is safe.${c} Shares in the company fell ${st.shareFall}% in trading.`,
  );
  paras.push(
    `The government promised ${s.american ? `$${st.cost} million` : `€${st.cost} million`} in emergency aid, and a larger package would be discussed next week. ` +
      `Insurers have yet to publish an estimate of the losses, which ${st.riskFirm} put at up to ${st.lossesBn}bn.`,
  );
  paras.push(
    `In the sports hall of ${st.town}, where some ${st.shelter} people spent the night on camp beds, ${st.resident.first} ${st.resident.last}, ${st.residentAge}, said: ` +
      `${o}${variant(r, st.quotes[3])}${c}`,
  );
  paras.push(`${st.expert.first} ${st.expert.last}, a ${st.expert.role} at the ${st.institute}, said the ${noun} was ${o}the worst in ${st.worstYears} years${c} and warned that ${o}the next one could be worse.${c}`);
  if (r.chance(0.3)) paras.push(`${o}We hope for the best,${c} said one volunteer, who did not give a name.`);
  paras.push(
    `Schools across the district will stay closed until Monday. Roads into ${st.villages} villages were cut by landslides, and engineers were checking ${st.bridges} bridges ` +
      `over the ${st.river} river before allowing lorries to cross. The ${st.agency.acronym} said ${r.chance(0.1) ? st.firefighters + 60 : st.firefighters} firefighters and ${st.soldiers} soldiers were taking part in the search, helped by sniffer dogs.`,
  );
  paras.push(
    `${st.spokes.last} urged survivors to register on the agency's check-in app, which lets families report that they are safe without tying up the emergency lines. ` +
      `The app was downloaded more than ${fmt(st.downloads)} times overnight, the agency said. ${o}Please keep the lines free for those who need them,${c} ${st.spokes.last} said.`,
  );
  paras.push(
    `Neighbouring countries offered help. A team of ${st.rescuers} rescuers with ${st.dogs} dogs arrived from ${COUNTRIES[(COUNTRIES.indexOf(st.country) + 1) % COUNTRIES.length]} on Wednesday, ` +
      `and the ${st.redCross} said it had sent ${fmt(st.blankets)} blankets and ${st.food} tonnes of food to ${st.town}.`,
  );
  paras.push(
    `The first alerts reached phones ${st.alertSeconds} seconds before the strongest shaking, according to the ${st.agency.acronym}, which said its warning system had sent messages to about ${st.devices} million devices. ` +
      `Critics said the alerts had come too late for ${st.town}, and ${st.company.name} said ${st.substations} of its substations near the town had been damaged although all of them had been inspected last year.`,
  );
  paras.push(
    `Forecasters expect temperatures to fall to ${st.lowTemp}C overnight, and the ${st.agency.acronym} warned that heavy rain on Thursday could set off more landslides. ` +
      `${st.expert.last} said it was ${o}too early to say${c} whether the ${noun} was linked to the ${st.smaller} smaller events recorded in the ${st.region} since ${st.sinceMonth}.`,
  );
  paras.push(
    `${national[1].role} ${national[1].first} ${national[1].last} is expected to visit ${st.town} on Thursday. Her office said in a statement that the government would ${o}do everything necessary${c} ` +
      `and that a national day of mourning would be declared once the search had ended.`,
  );
  paras.push(`Older residents compared the night with the winter of ${st.earlierYear}, when a weaker ${noun} killed ${st.earlierDeaths} people in the district.`);
  if (long) {
    // A feature-length report: more witnesses, background and figures, about 20 KB in all.
    for (let k = 0; k < 52; k++) {
      const p = person(r, 'resident');
      paras.push(
        `${p.first} ${p.last}, ${r.int(20, 90)}, who lives ${r.int(2, 30)} km from ${st.town}, said ${p.pronoun} had spent ${r.int(2, 12)} hours waiting for news of ${p.pronoun === 'he' ? 'his' : 'her'} family. ` +
          `${o}${variant(r, makeQuote(r, st.town))}${c} ${p.last} said. About ${r.int(10, 90)} homes in ${p.pronoun === 'he' ? 'his' : 'her'} street were damaged, and ${r.int(2, 12)} of them will have to be demolished.`,
      );
    }
  }
  return paras;
}

function wrap(p: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const w of p.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out.join('\n');
}

function render(r: Rand, st: Story, s: Style, long: boolean, national: Person[]): string {
  const headline = cap(`${st.town}: ${EVENT_NOUN[st.kind]} kills ${st.deaths} as rescuers search the ${st.region}`);
  const top = furnitureTop(r);
  const paras = body(r, st, s, long, national);
  const bottom = furnitureBottom(r, st);
  let text: string;
  if (s.wrap) {
    text = [headline, ...top, '', ...paras.map((p) => wrap(p, 72)).join('\n\n').split('\n'), '', ...bottom].join('\n');
  } else {
    text = [headline, ...top, ...paras, ...bottom].join('\n');
  }
  if (s.american) text = text.replace(/neighbouring/g, 'neighboring');
  if (s.crlf) text = text.replace(/\n/g, '\r\n');
  return (s.bom ? '\ufeff' : '') + text + (s.crlf ? '\r\n' : '\n');
}

/**
 * `count` articles in stories of 4–8 outlets each (`story-NNNN/outlet.txt`). With `longArticle`,
 * the first story's first article is a ~20 KB feature (for edit latency measurements).
 */
export function generateCorpus(count: number, seed = 1, longArticle = false): Corpus {
  const r = new Rand(rng(seed));
  const national = NATIONAL(r);
  const articles: GeneratedArticle[] = [];
  let bytes = 0;
  let storyNo = 0;
  let long: string | null = null;
  while (articles.length < count) {
    const st = makeStory(r, national);
    const outlets = r.shuffle([...OUTLETS]).slice(0, Math.min(r.int(4, 8), count - articles.length));
    for (const outlet of outlets) {
      const style: Style = {
        curly: r.chance(0.8),
        crlf: r.chance(0.1),
        bom: r.chance(0.05),
        wrap: r.chance(0.2),
        american: r.chance(0.3),
      };
      const isLong = longArticle && long === null;
      if (isLong) style.wrap = false;
      const name = `story-${String(storyNo).padStart(5, '0')}/${outlet}.txt`;
      // Decoded from its bytes, as the server and the CLI get an article from a file (or a client's
      // message): one flat string. Built up by concatenation, it is a tree of pieces in V8, and the
      // engine's char-code reads ran 25–35% slower on those than on the files it really reads.
      const bytesOf = Buffer.from(render(r, st, style, isLong, national), 'utf8');
      const text = bytesOf.toString('utf8');
      if (isLong) long = name;
      articles.push({ name, text });
      bytes += bytesOf.length;
    }
    storyNo++;
  }
  return { articles, longArticle: long, bytes };
}
