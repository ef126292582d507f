// General-purpose lexicons: countries, demonyms and large cities (generated from registry data,
// see scripts/build-gazetteer.mjs), first names, and the closed word classes the rules need
// (organisation heads and suffixes, news agencies, role nouns, speech verbs, calendar words).
// Nothing here is specific to any one story.

import data from './data/gazetteer.json';
import { FoldedWords } from './text';

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

// Maps, not plain objects: a word such as "constructor" must not find Object.prototype's members.
// Countries and demonyms are looked up by any capitalisation, without lower-casing a copy of the
// name (most of the engine's candidate names are asked about).
const countries = new FoldedWords<string>(Object.entries(data.countries as Record<string, string>));
const demonyms = new FoldedWords<string>(Object.entries(data.demonyms as Record<string, string>));
const cities = new Set<string>(data.cities as string[]);
const regions = new Set<string>(data.regions as string[]);
const firstNames = new Set<string>(data.firstNames as string[]);
const commonWords = new Set<string>(data.commonWords as string[]);

/** Canonical country name for a name or short form ("Russian Federation" → "Russia"), or null. */
export function countryName(name: string): string | null {
  return countries.at(name, 0, name.length) ?? null;
}
/** Country for a demonym adjective ("Russian" → "Russia"), or null. */
export function demonymCountry(word: string): string | null {
  return demonyms.at(word, 0, word.length) ?? null;
}
export function isCity(name: string): boolean {
  return cities.has(name);
}
/** A state, province or region (ISO 3166-2 first-level subdivision). */
export function isRegion(name: string): boolean {
  return regions.has(name);
}
export function isFirstName(word: string): boolean {
  return firstNames.has(word);
}
/** An ordinary English word (lower case), from SCOWL's common sizes. */
export function isCommonWord(lowerWord: string): boolean {
  return commonWords.has(lowerWord);
}

/** Words that end an organisation name ("… Authority", "… Ltd"). */
export const ORG_HEADS = words(`
  agency authority administration service services ministry department office bureau council commission committee
  board court tribunal parliament senate congress assembly government cabinet police army navy force forces guard
  corps bank fund company corporation corp corp. inc inc. ltd ltd. llc plc gmbh ag sa s.a. s.a nv bv spa s.p.a. co co.
  group holdings holding partners industries technologies systems networks airlines airways motors energy energia
  university college institute school academy hospital clinic center centre foundation association federation union
  league society organisation organization party movement front alliance coalition network observatory laboratory lab
  labs institution trust house exchange media times post news press herald tribune journal gazette telegraph chronicle
  courier ledger express daily weekly monitor observer review broadcasting television radio tv magazine wire
  church mission team club fc afc cf museum library port railways railway lines shipping ferries utility utilities telecom telecommunications
  watchdog regulator inspectorate prosecutor's prosecutors directorate secretariat command securities capital
  investments ventures insurance consulting analytics research associates advisors advisers solutions software
  pharmaceuticals pharma foods brewing mining petroleum steel electric communications entertainment studios pictures
  records publishing logistics shipping construction realty properties hotels resorts stores retail`);

/** Corporate-form suffixes dropped when comparing names ("Meta Platforms Inc." ~ "Meta"). */
export const CORP_SUFFIXES = words(`inc inc. incorporated corp corp. corporation co co. company ltd ltd. limited llc plc
  gmbh ag sa s.a. nv n.v. bv b.v. spa s.p.a. srl s.r.l. oy ab asa as a/s kk pjsc ojsc jsc oao zao pty group holdings
  holding platforms technologies foods industries pharmaceuticals brands enterprises`);

/** Leading words that make a following capitalised name an organisation. */
export const ORG_PREFIXES = words(`ministry department university bank institute council commission agency office
  bureau board court party`);

/** News agencies and wire services: organisations, and sources in "according to X". */
export const NEWS_AGENCIES = words(`Reuters AFP AP Bloomberg TASS Interfax Xinhua Kyodo Yonhap ANSA EFE dpa DPA PTI ANI UPI
  Anadolu BBC CNN NPR ABC CBS NBC RIA Lusa Agerpres PAP CTK APA Belga ANP TT NTB Ritzau STT Efe IANS Bernama Antara
  Kyodo AAP NZPA CP Sputnik RIA-Novosti Novosti Ukrinform Unian BTA Tanjug MTI`);

/** Nouns that name a role a person holds ("spokesperson", "head"). Used to read roles and to type people. */
export const ROLE_NOUNS = words(`spokesperson spokesman spokeswoman spokespeople president vice-president chairman
  chairwoman chair chairperson ceo cfo coo cto founder co-founder owner director director-general head chief leader
  minister secretary governor mayor deputy senator lawmaker legislator mp official officer commander general colonel
  captain lieutenant sergeant inspector commissioner ambassador envoy diplomat prosecutor judge lawyer attorney
  analyst expert researcher scientist professor economist seismologist geologist engineer doctor physician surgeon
  nurse paramedic firefighter rescuer volunteer resident witness survivor victim student teacher journalist reporter
  editor correspondent columnist author activist campaigner advocate critic manager executive entrepreneur investor
  founder businessman businesswoman king queen prince princess pope bishop priest imam rabbi chancellor premier
  prime premier-elect president-elect candidate councillor councilor alderman sheriff constable superintendent
  coordinator administrator adviser advisor consultant representative delegate member partner principal dean rector
  mother father son daughter wife husband brother sister farmer fisherman worker driver pilot soldier owner citizen`);

/** Speech and attribution verbs (all inflections listed so lookup is a set hit). */
export const SPEECH_VERBS = words(`said say says saying told tell tells telling added add adds adding stated state states
  stating declared declare declares declaring warned warn warns warning wrote write writes writing claimed claim claims
  claiming explained explain explains explaining noted note notes noting insisted insist insists insisting argued argue
  argues arguing asked ask asks asking replied reply replies replying responded respond responds responding announced
  announce announces announcing confirmed confirm confirms confirming stressed stress stresses stressing emphasised
  emphasized emphasising emphasizing continued continues vowed vow vows vowing pledged pledge pledges promised promise
  promises admitted admit admits acknowledged acknowledge acknowledges recalled recall recalls described describes
  describing asserted assert asserts asserting alleged allege alleges alleging urged urge urges urging cautioned
  caution cautions predicted predict predicts suggested suggest suggests suggesting posted post posts tweeted tweet
  tweets remarked remark remarks observed observe observes commented comment comments conceded concede concedes
  shouted shout shouts cried cry whispered whisper announced reiterated reiterate reiterates maintained maintain
  maintains reported report reports reporting quipped joked believes believed thinks thought called calls calling
  dismissed dismisses condemned condemns criticised criticized criticises criticizes praised praises hailed hails
  denounced denounces slammed slams`);
/** The speech verbs, looked up at a span of a text (each verb maps to itself). */
export const SPEECH_VERB_TABLE = new FoldedWords([...SPEECH_VERBS].map((v) => [v, v] as const));

export const PRONOUNS_PERSON = words(`he she him her`);
export const PRONOUNS_THING = words(`it they`);

export const WEEKDAYS = words(`Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun`);
export const MONTHS = words(`January February March April May June July August September October November December
  Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec`);

/** Words that are capitalised at a sentence start or in title case but are not names by themselves. */
export const FUNCTION_WORDS = words(`a an the this that these those there here then thus hence so and or but nor yet for
  of in on at to from by with without within into onto over under after before during since until while when where
  why how what which who whom whose whether if though although because as than also even only just still already
  it its it's he she they we you i me my our your their his her them us one some any many much more most few several
  all both each every no not none neither either other another such same own very too quite rather again ever never
  always often sometimes once twice today yesterday tomorrow tonight now later earlier meanwhile however moreover
  furthermore nevertheless nonetheless instead indeed perhaps maybe despite amid among between against across
  around about above below near beyond toward towards upon via per is are was were be been being has have had do
  does did will would shall should can could may might must let let's according following regarding including
  mr mrs ms dr prof sir madam yes ok okay oh please thanks thank dear hello hi update updated breaking live watch
  read see photo video image file exclusive analysis opinion editorial comment news report reports says said
  first second third last next new old recent former latest early late top big major key main senior
  nobody everybody everyone someone somebody anyone anybody nothing everything something anything`);

/** Capitalised words that describe rather than name (demonyms are handled separately). */
export const GENERIC_CAPS = words(`Government State Parliament Ministry Minister President Prime Governor Mayor Police
  Army Court City Province Region District County State Capital Republic Kingdom Federation Union Council Committee
  Authority Agency Service Department Office Bureau Commission Company Corporation Group Internet Web Online App`);

/** Organisation-type common nouns used anaphorically ("the company said", "the regulator claimed"). */
export const ORG_DESCRIPTIONS = words(`company firm corporation group agency authority regulator watchdog ministry
  government department office service platform app operator network utility bank council commission committee
  organisation organization institute university court police army party union provider giant startup start-up
  broadcaster newspaper outlet agency tribunal board bureau administration kremlin`);

export const PERSON_DESCRIPTIONS = ROLE_NOUNS;
