// Figures extractor: a table of short invented sentences → expected figure fields, what must not
// be read as a figure, and robustness on hostile input. Mentions are built by hand here (the
// entity extractor is tested on its own), so subject and scope rules are tested in isolation.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { extractFigures, toBaseUnit } from '../server/src/analysis/figures';
import { composeNumberWords, parseDigits } from '../server/src/analysis/numbers';
import { parseStructure, sentenceAt } from '../server/src/analysis/structure';
import type { EntityType, Figure, LocalEntity, Mention } from '../server/src/analysis/types';

type Ent = [name: string, type: EntityType];

/** Runs the extractor with hand-made entities: every occurrence of each name is a mention. */
function run(text: string, ents: Ent[] = []): { figures: Figure[]; nameOf: (key: string | null) => string | null } {
  const structure = parseStructure(text);
  const entities: LocalEntity[] = [];
  const mentions: Mention[] = [];
  ents.forEach(([name, type], i) => {
    const key = `e${i}`;
    entities.push({ key, name, type, aliases: [name], roles: [], acronyms: [], formerNames: [] });
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      mentions.push({ start: at, end: at + name.length, text: name, entity: key, sentence: sentenceAt(structure, at) });
    }
  });
  mentions.sort((a, b) => a.start - b.start);
  const figures = extractFigures(text, structure, mentions, entities);
  return { figures, nameOf: (key) => (key ? entities.find((e) => e.key === key)?.name ?? null : null) };
}

type Expect = Partial<Omit<Figure, 'subject'>> & { subject?: string | null };
type Row = [text: string, figure: string, expect: Expect, ents?: Ent[]];

function check([text, figText, exp, ents]: Row): void {
  const { figures, nameOf } = run(text, ents);
  const f = figures.find((x) => x.text === figText);
  assert.ok(f, `figure "${figText}" in “${text}” (found: ${figures.map((x) => JSON.stringify(x.text)).join(', ') || 'none'})`);
  for (const [k, v] of Object.entries(exp)) {
    const got: unknown = k === 'subject' ? nameOf(f.subject) : (f as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number' && typeof got === 'number') assert.ok(Math.abs(got - v) <= 1e-9 * Math.max(1, Math.abs(v)), `${k} of "${figText}": ${got} ≠ ${v}`);
    else assert.deepEqual(got, v, `${k} of "${figText}" in “${text}”`);
  }
  assert.equal(text.slice(f.start, f.end).replace(/\s+/g, ' '), f.text, 'span matches text');
}

function table(title: string, rows: Row[]): void {
  describe(title, () => {
    for (const row of rows) it(`${row[1]} ← ${row[0].length > 70 ? row[0].slice(0, 67) + '…' : row[0]}`, () => check(row));
  });
}

// ---------------------------------------------------------------------------------------------

table('hedges', [
  // (a hedge after the number: each form is read where it stands)
  ['Police said 40+ people were hurt.', '40+', { value: 40, low: 40, high: null, hedge: '+' }],
  ['Police said 40-plus people were hurt.', '40-plus', { value: 40, low: 40, high: null, hedge: '-plus', measure: 'injured' }],
  ['Police said 40 plus people were hurt.', '40 plus', { value: 40, low: 40, high: null, hedge: 'plus' }],
  ['The toll stands at 41 and counting.', '41 and counting', { value: 41, low: 41, high: null, hedge: 'and counting' }],
  ['Officials said at least 69 people were killed in the blast.', 'at least 69', { value: 69, low: 69, high: null, hedge: 'at least', measure: 'deaths', kind: 'count' }],
  ['No fewer than 12 ships were damaged in the harbour.', 'No fewer than 12', { low: 12, high: null, hedge: 'no fewer than', measure: 'ships' }],
  ['Inspectors found 40 or more cracked pipes.', '40 or more', { value: 40, low: 40, high: null, hedge: 'or more', measure: 'pipes' }],
  ['More than 300 flights were cancelled on Monday.', 'More than 300', { low: 300, high: null, hedge: 'more than', measure: 'flights' }],
  ['Over 2,000 residents fled the valley.', 'Over 2,000', { value: 2000, low: 2000, high: null, hedge: 'over', measure: 'people' }],
  ['Inflation stayed above 15 percent for a year.', 'above 15 percent', { value: 15, low: 15, high: null, unit: '%', kind: 'percent', hedge: 'above' }],
  ['The charity now has upwards of 500 donors.', 'upwards of 500', { low: 500, high: null, hedge: 'upwards of', measure: 'donors' }],
  ['Storm damage ran in excess of $4 million.', 'in excess of $4 million', { value: 4e6, low: 4e6, high: null, unit: 'USD', kind: 'money', measure: 'cost' }],
  ['Turnout exceeding 70% was recorded in the north.', 'exceeding 70%', { value: 70, low: 70, high: null, unit: '%', hedge: 'exceeding' }],
  ['Nearly 90 people were injured by falling glass.', 'Nearly 90', { value: 90, low: 81, high: 90, hedge: 'nearly', measure: 'injured' }],
  ['Almost 1,000 homes lost power overnight.', 'Almost 1,000', { low: 900, high: 1000, hedge: 'almost', measure: 'homes' }],
  ['Police made close to 50 arrests at the march.', 'close to 50', { low: 45, high: 50, hedge: 'close to', measure: 'arrested' }],
  ['Just under 20 km of the coast road was closed.', 'Just under 20 km', { value: 20, low: 18, high: 20, unit: 'km', hedge: 'just under', kind: 'quantity' }],
  ['The mayor won with just shy of 400 votes.', 'just shy of 400', { low: 360, high: 400, hedge: 'just shy of', measure: 'votes' }],
  ['The epicentre lay about 19 km from the coast.', 'about 19 km', { value: 19, low: 17.1, high: 20.9, unit: 'km', hedge: 'about', measure: 'distance' }],
  ['The plant employs around 3,000 workers.', 'around 3,000', { low: 2700, high: 3300, hedge: 'around', measure: 'workers' }],
  ['The meeting lasted approximately 45 minutes.', 'approximately 45 minutes', { value: 45, unit: 'minute', kind: 'duration', measure: 'duration', hedge: 'approximately' }],
  ['The shock struck roughly 12 miles deep.', 'roughly 12 miles', { value: 12, unit: 'mi', measure: 'depth', hedge: 'roughly', low: 10.8, high: 13.2 }],
  ['By dusk some 600 volunteers had arrived.', 'some 600', { low: 540, high: 660, hedge: 'some', measure: 'volunteers' }],
  ['The service has an estimated 100 million users.', 'an estimated 100 million', { value: 1e8, low: 9e7, high: 1.1e8, hedge: 'an estimated', measure: 'users' }],
  ['The fair drew estimated 8,000 visitors.', 'estimated 8,000', { hedge: 'estimated', low: 7200, high: 8800, measure: 'visitors' }],
  ['The ship carried approx. 250 tonnes of grain.', 'approx. 250 tonnes', { value: 250, unit: 't', hedge: 'approx.', measure: 'weight', kind: 'quantity' }],
  ['The garrison held circa 1,200 soldiers.', 'circa 1,200', { hedge: 'circa', low: 1080, high: 1320, measure: 'soldiers' }],
  ['Engineers installed ~40 sensors on the bridge.', '~40', { hedge: '~', low: 36, high: 44, measure: 'sensors' }],
  ['Up to 30 people remain missing after the flood.', 'Up to 30', { low: 0, high: 30, hedge: 'up to', measure: 'missing' }],
  ['Fewer than 10 schools reopened on time.', 'Fewer than 10', { low: 0, high: 10, hedge: 'fewer than', measure: 'schools' }],
  ['Growth slowed to less than 5% this year.', 'less than 5%', { low: 0, high: 5, hedge: 'less than', kind: 'percent', unit: '%' }],
  ['The course accepted under 200 applicants.', 'under 200', { low: 0, high: 200, hedge: 'under', measure: 'applicants' }],
  ['Infections stayed below 100 cases a day.', 'below 100', { low: 0, high: 100, hedge: 'below', measure: 'cases' }],
  ['As many as 70 boats were sunk by the storm.', 'As many as 70', { low: 0, high: 70, hedge: 'as many as', measure: 'boats' }],
  ['The hall fits no more than 25 guests.', 'no more than 25', { low: 0, high: 25, hedge: 'no more than', measure: 'guests' }],
  ['The council approved 14 bridges last spring.', '14', { value: 14, low: 14, high: 14, hedge: null, measure: 'bridges', kind: 'count' }],
]);

table('numbers: words, scales, separators, money, percent', [
  ['Four out of five residents stayed.', 'Four out of five', { value: 80, unit: '%', kind: 'percent' }],
  ['Inflation rose to 5.25% in May.', '5.25%', { value: 5.25, unit: '%' }],
  ['Rescuers pulled five survivors from the rubble.', 'five', { value: 5, kind: 'count', measure: 'survivors' }],
  ['The ferry carried twelve passengers.', 'twelve', { value: 12, measure: 'passengers' }],
  ['Residents counted a dozen aftershocks overnight.', 'a dozen', { value: 12, low: 12, high: 12, measure: 'aftershocks' }],
  ['The league has twenty-five clubs.', 'twenty-five', { value: 25, measure: 'clubs' }],
  ['About two hundred and fifty lorries queued at the border.', 'About two hundred and fifty', { value: 250, hedge: 'about', measure: 'lorries' }],
  ['The census found three million households.', 'three million', { value: 3e6, measure: 'households' }],
  ['Half a million tourists visited the island.', 'Half a million', { value: 5e5, measure: 'tourists' }],
  ['The network reaches 1.2 million homes.', '1.2 million', { value: 1.2e6, measure: 'homes' }],
  ['The museum holds 1,250,000 objects.', '1,250,000', { value: 1250000, measure: 'objects' }],
  ['The app has 40k subscribers.', '40k', { value: 40000, measure: 'subscribers' }],
  ['Losses reached $3bn by Friday.', '$3bn', { value: 3e9, unit: 'USD', kind: 'money', measure: 'cost' }],
  ['The club paid £10m for the striker.', '£10m', { value: 1e7, unit: 'GBP', kind: 'money' }],
  ['The region received €2.5 million in emergency aid.', '€2.5 million', { value: 2.5e6, unit: 'EUR', measure: 'cost' }],
  ['Tickets cost US$40 each.', 'US$40', { value: 40, unit: 'USD', kind: 'money' }],
  ['The city was fined 2 million euros.', '2 million euros', { value: 2e6, unit: 'EUR', measure: 'cost' }],
  ['He sold the house for 500,000 dollars.', '500,000 dollars', { value: 5e5, unit: 'USD', kind: 'money' }],
  ['The bank reported revenue of 10 billion roubles.', '10 billion roubles', { value: 1e10, unit: 'RUB', measure: 'revenue' }],
  ['The contract is worth USD 40 million.', 'USD 40 million', { value: 4e7, unit: 'USD', kind: 'money' }],
  ['The court imposed a fine of 300 Australian dollars.', '300 Australian dollars', { value: 300, unit: 'AUD', measure: 'cost' }],
  ['Unemployment fell to 12% in May.', '12%', { value: 12, unit: '%', kind: 'percent' }],
  ['Sales rose 12 percent.', '12 percent', { value: 12, unit: '%', kind: 'percent', measure: null }],
  ['Support reached 12 per cent.', '12 per cent', { value: 12, unit: '%' }],
  ['The rate rose by 2 percentage points.', '2 percentage points', { value: 2, unit: 'pp', kind: 'percent' }],
  ['About 60% of homes were damaged.', 'About 60%', { value: 60, low: 54, high: 66, measure: 'homes' }],
  ['Four in five voters backed the plan.', 'Four in five', { value: 80, unit: '%', kind: 'percent', measure: 'voters' }],
  ['Nearly one in five adults smoke.', 'Nearly one in five', { value: 20, kind: 'percent', hedge: 'nearly', measure: 'adults' }],
  ['Flights were cut by two-thirds.', 'two-thirds', { value: 200 / 3, kind: 'percent', unit: '%' }],
  ['Crews saw dozens of fires on the ridge.', 'dozens', { value: null, low: 24, high: null, measure: 'fires', kind: 'count' }],
  ['Hundreds of people gathered in the square.', 'Hundreds', { value: null, low: 200, high: null, measure: 'people' }],
  ['Tens of thousands of fans lined the streets.', 'Tens of thousands', { value: null, low: 20000, high: null, measure: 'fans' }],
  ['Hundreds of thousands of birds migrate here.', 'Hundreds of thousands', { value: null, low: 200000, measure: 'birds' }],
]);

table('units, magnitude, durations, ranges', [
  ['Officials said 40–50 people were hurt.', '40–50', { low: 40, high: 50 }],
  ['Officials said 40 — 50 people were hurt.', '40 — 50', { low: 40, high: 50 }],
  ['The tunnel runs for 57 kilometres.', '57 kilometres', { value: 57, unit: 'km', kind: 'quantity', measure: 'distance' }],
  ['The border is 40 kilometers north of the town.', '40 kilometers', { value: 40, unit: 'km', measure: 'distance' }],
  ['A 30-metre wall collapsed.', '30-metre', { value: 30, unit: 'm', measure: 'distance' }],
  ['The crane stands 80 metres high.', '80 metres', { value: 80, unit: 'm', measure: 'height' }],
  ['The spill stretched for 12 miles along the shore.', '12 miles', { value: 12, unit: 'mi', measure: 'distance' }],
  ['The quake struck at a depth of 10 km.', '10 km', { value: 10, unit: 'km', measure: 'depth' }],
  ['The focus was 19 km deep.', '19 km', { measure: 'depth' }],
  ['The village lies 25 km north of the city.', '25 km', { measure: 'distance' }],
  ['A magnitude 6.1 quake hit the region.', 'magnitude 6.1', { value: 6.1, low: 6.1, high: 6.1, unit: 'magnitude', measure: 'magnitude', kind: 'quantity' }],
  ['A 6.1-magnitude quake hit the region.', '6.1-magnitude', { value: 6.1, unit: 'magnitude', measure: 'magnitude' }],
  ['It was a 6.1 magnitude quake.', '6.1 magnitude', { value: 6.1, unit: 'magnitude' }],
  ['An M6.1 event was recorded offshore.', 'M6.1', { value: 6.1, unit: 'magnitude', measure: 'magnitude' }],
  ['The tremor measured 4.2 on the Richter scale.', '4.2 on the Richter scale', { value: 4.2, unit: 'magnitude' }],
  ['The package weighed 12 kg.', '12 kg', { value: 12, unit: 'kg', measure: 'weight' }],
  ['Crews removed 300 tonnes of debris.', '300 tonnes', { value: 300, unit: 't', measure: 'weight' }],
  ['Temperatures reached 40°C in the valley.', '40°C', { value: 40, unit: '°C', measure: 'temperature', kind: 'quantity' }],
  ['The mercury hit 40C on Sunday.', '40C', { value: 40, unit: '°C' }],
  ['Nights fell to -5 degrees Celsius.', '-5 degrees Celsius', { value: -5, unit: '°C' }],
  ['The fire burned 2,000 hectares of forest.', '2,000 hectares', { value: 2000, unit: 'ha', measure: 'area' }],
  ['Winds reached 150 km/h on the coast.', '150 km/h', { value: 150, unit: 'km/h', measure: 'speed' }],
  ['Survivors waited 72 hours for help.', '72 hours', { value: 72, unit: 'hour', kind: 'duration', measure: 'duration' }],
  ['The strike lasted three days.', 'three days', { value: 3, unit: 'day', kind: 'duration' }],
  ['Families were given ten minutes to collect papers.', 'ten minutes', { value: 10, unit: 'minute' }],
  ['A one-day strike closed the port.', 'one-day', { value: 1, unit: 'day', kind: 'duration' }],
  ['Queues stretched for two to three hours.', 'two to three hours', { value: 2, low: 2, high: 3, unit: 'hour', kind: 'duration' }],
  ['One or two people were hurt.', 'One or two', { value: 1, low: 1, high: 2, measure: 'injured' }],
  ['The toll is between 10 and 20 deaths.', 'between 10 and 20', { low: 10, high: 20, measure: 'deaths' }],
  ['Each team has 10-20 members.', '10-20', { value: 10, low: 10, high: 20, measure: 'members' }],
  ['Prices rose 10 to 20 percent.', '10 to 20 percent', { low: 10, high: 20, unit: '%' }],
  ['Repairs will cost $2-3 billion.', '$2-3 billion', { value: 2e9, low: 2e9, high: 3e9, unit: 'USD', measure: 'cost' }],
  ['About 10-12 people were hurt.', 'About 10-12', { low: 9, high: 13.2, measure: 'injured' }],
  ['A 70-year-old woman was rescued.', '70-year-old', { value: 70, unit: 'year', measure: 'age', kind: 'quantity' }],
  ['The bakery owner, Rosa Lima, 64, was unhurt.', '64', { measure: 'age', unit: 'year' }, [['Rosa Lima', 'person']]],
  ['The hospital opened a 120-bed wing.', '120-bed', { value: 120, measure: 'bed', kind: 'count' }],
]);

table('dates, times, years, ordinals', [
  ['The 2026 budget was approved.', '2026', { kind: 'year', value: 2026 }],
  ['The vote is on Tuesday.', 'Tuesday', { kind: 'date', value: null, low: null, high: null, measure: null }],
  ['The law takes effect in March.', 'March', { kind: 'date' }],
  ['The quake struck on March 3.', 'March 3', { kind: 'date' }],
  ['The report is dated 3 March 2026.', '3 March 2026', { kind: 'date' }],
  ['The war began in February 2022.', 'February 2022', { kind: 'date' }],
  ['The mine closed on March 3, 2026, after a fire.', 'March 3, 2026', { kind: 'date' }],
  ['Prices fell last year.', 'last year', { kind: 'date' }],
  ['The board met last week.', 'last week', { kind: 'date' }],
  ['The minister resigned yesterday.', 'yesterday', { kind: 'date' }],
  ['The entry is dated 2026-03-03.', '2026-03-03', { kind: 'date' }],
  ['The quake hit at 9:59 p.m. local time.', '9:59 p.m.', { kind: 'time', value: null }],
  ['The train left at 11:45 sharp.', '11:45', { kind: 'time' }],
  ['The office opens at 8 a.m. daily.', '8 a.m.', { kind: 'time' }],
  ['The rules were tightened in 2022.', '2022', { kind: 'year', value: 2022, measure: null }],
  ['Older residents remember 1998, when the dam broke.', '1998', { kind: 'year', value: 1998 }],
  ['Growth was strong in the 1990s.', '1990s', { kind: 'year', value: 1990 }],
  ['Between 2010 and 2020, output doubled.', 'Between 2010 and 2020', { kind: 'year', value: 2010 }],
  ['In the 2019-20 season, 3 clubs folded.', '2019-20', { kind: 'year', value: 2019 }],
  ['The strike entered its third week.', 'third', { kind: 'ordinal', value: 3 }],
  ['She finished 1st in the race.', '1st', { kind: 'ordinal', value: 1 }],
]);

table('measure', [
  ['At least 41 people were killed in the collapse.', 'At least 41', { measure: 'deaths' }],
  ['Three people died when the roof fell.', 'Three', { measure: 'deaths' }],
  ['The death toll rose to 48 on Wednesday.', '48', { measure: 'deaths', temporal: 'updated' }],
  ['The blast killed at least 41 people.', 'at least 41', { measure: 'deaths' }],
  ['The attack killed 17 and wounded dozens.', '17', { measure: 'deaths' }],
  ['The fire left 41 dead and 120 injured.', '41', { measure: 'deaths' }],
  ['The fire left 41 dead and 120 injured.', '120', { measure: 'injured' }],
  ['The hospital treated 210 injured people.', '210', { measure: 'injured' }],
  ['The storm claimed 12 lives.', '12', { measure: 'deaths' }],
  ['Officials counted 32 fatalities.', '32', { measure: 'deaths' }],
  ['Nine miners are still missing.', 'Nine', { measure: 'missing' }],
  ['Officials said 1,250 people had been evacuated.', '1,250', { measure: 'evacuated' }],
  ['About 4,000 people were displaced by the floods.', 'About 4,000', { measure: 'displaced' }],
  ['Police arrested 3 men for looting.', '3', { measure: 'arrested' }],
  ['Police detained 15 protesters overnight.', '15', { measure: 'arrested' }],
  ['Seismologists recorded more than 30 aftershocks.', 'more than 30', { measure: 'aftershocks' }],
  ['The storm destroyed 212 houses.', '212', { measure: 'homes' }],
  ['Engineers inspected 212 houses and declared 97 of them unsafe.', '97', { measure: 'homes' }],
  ['The quake damaged 40 buildings in the old town.', '40', { measure: 'buildings' }],
  ['The party won 120 seats.', '120', { measure: 'seats' }],
  ['The firm cut 3,000 jobs.', '3,000', { measure: 'jobs' }],
  ['The firm employs 4,500 people.', '4,500', { measure: 'employees' }],
  ['Inspectors found 6 high-voltage substations damaged.', '6', { measure: 'substations' }],
  ['The app was downloaded more than 90,000 times.', 'more than 90,000', { measure: 'downloads' }],
  ['The injured count now stands at 52, up from an earlier count of 30.', '30', { measure: 'injured', temporal: 'earlier' }],
]);

table('subject', [
  ['Users flocked to WhatsApp, with 100 million users in the country.', '100 million', { measure: 'users', subject: 'WhatsApp' }, [['WhatsApp', 'product']]],
  ['Telegram was blocked again. The platform has 100 million users in Russia.', '100 million', { measure: 'users', subject: 'Telegram', scope: 'russia' }, [['Telegram', 'product'], ['Russia', 'place']]],
  ['Nordbank said its customers rose to 2 million.', '2 million', { subject: null }, [['Nordbank', 'organization']]],
  ['Nordbank has 2 million customers.', '2 million', { measure: 'customers', subject: 'Nordbank' }, [['Nordbank', 'organization']]],
  ['Nordbank cut 300 employees, Lisbon officials said.', '300', { measure: 'employees', subject: 'Nordbank' }, [['Nordbank', 'organization'], ['Lisbon', 'place']]],
  ['After the quake in Chile, 41 people were killed, Nordbank said.', '41', { measure: 'deaths', subject: null }, [['Nordbank', 'organization'], ['Chile', 'place']]],
]);

table('scope', [
  ['Worldwide, 2 billion people use the app.', '2 billion', { scope: 'global' }],
  ['Throughout the country, 300 homes lost power.', '300', { scope: 'throughout the country' }],
  ['The service has 100 million users in Russia.', '100 million', { scope: 'russia' }, [['Russia', 'place']]],
  ['The service has 100 million Russian users.', '100 million', { scope: 'russia', measure: 'users' }],
  ['Floods hit Peru. Some 3,000 homes were flooded in the country.', 'Some 3,000', { scope: 'peru' }, [['Peru', 'place']]],
  ['Some 3,000 homes were flooded in the country.', 'Some 3,000', { scope: 'in the country' }],
  ['The platform has 2 billion users globally.', '2 billion', { scope: 'global' }],
  ['The platform has 2 billion users worldwide.', '2 billion', { scope: 'global' }],
  ['The platform has 2 billion users around the world.', '2 billion', { scope: 'global' }],
  ['Power cuts hit 120,000 homes nationwide.', '120,000', { scope: 'national' }],
  ['Nationwide, 120,000 homes lost power.', '120,000', { scope: 'national' }],
  ['At least 40 people died in the northern district.', 'At least 40', { scope: 'in the northern district', measure: 'deaths' }],
  ['In Vila Nova alone, 9 people died.', '9', { scope: 'vila nova', measure: 'deaths' }, [['Vila Nova', 'place']]],
  ['Across the district, at least 41 people were killed.', 'at least 41', { scope: 'across the district' }],
  ['Floods killed 12 people in central Portugal.', '12', { scope: 'portugal' }, [['Portugal', 'place']]],
  ['More than 40 deaths were confirmed after the quake in Castelo Branco.', 'More than 40', { scope: null }, [['Castelo Branco', 'place']]],
  ['The club has 40 members.', '40', { scope: null }],
]);

table('temporal', [
  ['Earlier reports said 41 people had died.', '41', { temporal: 'earlier', measure: 'deaths' }],
  ['Officials initially put the toll at 30.', '30', { temporal: 'earlier', measure: 'deaths' }],
  ['The toll previously stood at 25.', '25', { temporal: 'earlier' }],
  ['The death toll rose to 48.', '48', { temporal: 'updated' }],
  ['The number of dead climbed to 52.', '52', { temporal: 'updated', measure: 'deaths' }],
  ['The death toll jumped to 60 overnight.', '60', { temporal: 'updated' }],
  ['Casualties increased to 75 by noon.', '75', { temporal: 'updated', measure: 'casualties' }],
  ['The toll now stands at 80.', '80', { temporal: 'updated' }],
  ['The toll was revised to 77.', '77', { temporal: 'updated' }],
  ['The death toll has risen to 90.', '90', { temporal: 'updated' }],
  ['The toll rose from 41 to 48.', '41', { temporal: 'earlier', measure: 'deaths' }],
  ['The toll rose from 41 to 48.', '48', { temporal: 'updated', measure: 'deaths' }],
  ['The storm killed 5 people.', '5', { temporal: null }],
]);

// ---------------------------------------------------------------------------------------------

describe('not figures', () => {
  const none: [string, string[]][] = [
    ['Cases of COVID-19 rose sharply.', ['19', 'COVID-19']],
    ['The Boeing 737 landed safely.', ['737']],
    ['Leaders met at the G7 summit.', ['7', 'G7']],
    ['Critics want Section 230 repealed.', ['230']],
    ['Two F-16 jets flew over.', ['16', 'F-16']],
    ['The prime minister left No. 10 early.', ['10', 'No. 10']],
    ['It was one of the worst storms on record.', ['one']],
    ['She is the one that called.', ['one']],
    ['No one was hurt.', ['one']],
    ['It is a one-stop shop for permits.', ['one', 'one-stop']],
    ['The rules were tightened in 2022.', []],
    ['Call +351 21 123 4567 for help.', ['351', '21', '123', '4567']],
    ['Read more at https://example.com/2024/05/story-12 today.', ['2024', '05', '12']],
    ['Officials may publish findings.', ['may']],
    ['The report runs to 3.2.1 in the index.', ['3.2', '3.2.1', '1']],
  ];
  for (const [text, bad] of none) {
    it(`nothing of ${JSON.stringify(bad)} in “${text}”`, () => {
      const { figures } = run(text);
      for (const b of bad) assert.ok(!figures.some((f) => f.text === b), `"${b}" must not be a figure (found: ${figures.map((f) => f.text).join(', ')})`);
      if (text.includes('2022')) assert.ok(!figures.some((f) => f.kind === 'count'), 'a year is not a count');
    });
  }

  it('list numbering is not a count', () => {
    const { figures } = run('Steps to take:\n1. Stay calm\n2. Leave the building\n3. Call for help\n');
    assert.deepEqual(figures.filter((f) => f.kind === 'count').map((f) => f.text), []);
  });

  it('page furniture is never mined', () => {
    const text = 'Flood Hits Northern Towns\nTotal Views : 9\nAt least 12 people died in the flood on Monday.\nTags: flood, weather\n';
    const { figures } = run(text);
    assert.ok(!figures.some((f) => f.text === '9'), 'view counter');
    assert.ok(figures.some((f) => f.text === 'At least 12'));
    const ex = parseStructure(text).excluded;
    for (const f of figures) assert.ok(!ex.some((e) => f.start < e.end && e.start < f.end), `"${f.text}" overlaps furniture`);
  });

  it('a figure inside the headline is kept', () => {
    const { figures } = run('Quake Kills 41 in Hill Villages\n\nThe quake struck on Tuesday night and flattened homes.');
    const f = figures.find((x) => x.text === '41');
    assert.ok(f);
    assert.equal(f.measure, 'deaths');
    assert.equal(f.sentence, 0);
  });

  it('a count near a year is still a count, and the year is a year', () => {
    const { figures } = run('A storm in 2019 killed 5 people in the region.');
    assert.equal(figures.find((f) => f.text === '2019')?.kind, 'year');
    assert.equal(figures.find((f) => f.text === '5')?.measure, 'deaths');
  });
});

describe('output shape', () => {
  it('figures are sorted, inside the text and carry their sentence', () => {
    const text = 'The quake struck on Tuesday. At least 41 people died and 120 were hurt. Damage reached €2.5 million by March 3.';
    const s = parseStructure(text);
    const { figures } = run(text);
    assert.ok(figures.length >= 5);
    for (let i = 1; i < figures.length; i++) assert.ok(figures[i - 1].start <= figures[i].start);
    for (const f of figures) {
      assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
      assert.equal(f.sentence, sentenceAt(s, f.start));
      assert.equal(text.slice(f.start, f.end), f.text);
    }
  });

  it('a figure split over a line break reads as one line', () => {
    const { figures } = run('Rescuers found her shortly after 8\np.m. on Wednesday.');
    assert.ok(figures.some((f) => f.text === '8 p.m.' && f.kind === 'time'));
  });
});

describe('toBaseUnit and number helpers', () => {
  it('converts lengths to km, durations to hours, °F to °C', () => {
    assert.deepEqual(toBaseUnit(12, 'mi'), { value: 19.312128, unit: 'km' });
    assert.deepEqual(toBaseUnit(19, 'km'), { value: 19, unit: 'km' });
    assert.deepEqual(toBaseUnit(500, 'm'), { value: 0.5, unit: 'km' });
    assert.deepEqual(toBaseUnit(1000, 'ft'), { value: 0.3048, unit: 'km' });
    assert.deepEqual(toBaseUnit(90, 'minute'), { value: 1.5, unit: 'hour' });
    assert.deepEqual(toBaseUnit(2, 't'), { value: 2000, unit: 'kg' });
    assert.deepEqual(toBaseUnit(212, '°F'), { value: 100, unit: '°C' });
    assert.deepEqual(toBaseUnit(3, 'USD'), { value: 3, unit: 'USD' });
    assert.deepEqual(toBaseUnit(null, 'mi'), { value: null, unit: 'km' });
    assert.deepEqual(toBaseUnit(7, null), { value: 7, unit: null });
  });
  it('reads digits and number words', () => {
    assert.equal(parseDigits('1,250'), 1250);
    assert.equal(parseDigits('3.5'), 3.5);
    assert.equal(parseDigits('1'.repeat(40)), null);
    assert.deepEqual(composeNumberWords(['two', 'hundred', 'and', 'fifty', 'people']), { value: 250, used: 4 });
    assert.deepEqual(composeNumberWords(['twenty', 'five']), { value: 25, used: 2 });
    assert.deepEqual(composeNumberWords(['three', 'million']), { value: 3e6, used: 2 });
    assert.deepEqual(composeNumberWords(['five', 'six']), { value: 5, used: 1 });
    assert.equal(composeNumberWords(['people']), null);
  });
});

describe('hostile input', () => {
  const sane = (text: string, figures: Figure[]) => {
    for (let i = 0; i < figures.length; i++) {
      const f = figures[i];
      assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end, 'inside the text');
      if (i > 0) assert.ok(figures[i - 1].start <= f.start, 'sorted');
      assert.equal(text.slice(f.start, f.end).replace(/\s+/g, ' '), f.text);
      assert.ok(f.value === null || Number.isFinite(f.value));
    }
  };
  it('a 200,000-character run of "1,1,1,…" returns', () => {
    const text = '1,'.repeat(100000);
    const { figures } = run(text);
    sane(text, figures);
  });
  it('a 100,000-digit number returns and is not a figure', () => {
    const text = `The code ${'9'.repeat(100000)} was read out.`;
    const { figures } = run(text);
    sane(text, figures);
    assert.equal(figures.length, 0);
  });
  it('long runs of separators, dots, words and hedges return', () => {
    for (const text of [
      '1.'.repeat(50000), '1-'.repeat(50000), '$'.repeat(20000) + '5', 'at least '.repeat(20000) + '5',
      'one '.repeat(30000), 'March '.repeat(30000), '1 '.repeat(50000), '12:'.repeat(30000), '-'.repeat(50000) + '3',
      'between 1 and '.repeat(10000), 'in the '.repeat(20000) + '4 people',
    ]) {
      const { figures } = run(text);
      sane(text, figures);
    }
  });
  it('words that name Object.prototype members are just words', () => {
    const text = '5 constructor in the constructor, 7 __proto__ of toString, 3 hasOwnProperty valueOf people in constructor.';
    const { figures } = run(text, [['constructor', 'place']]);
    sane(text, figures);
    for (const f of figures) {
      for (const k of ['measure', 'scope', 'unit', 'hedge', 'subject'] as const) assert.ok(f[k] === null || typeof f[k] === 'string', `${k} of ${f.text}`);
    }
    assert.deepEqual(toBaseUnit(5, 'constructor'), { value: 5, unit: 'constructor' });
  });
  it('arbitrary strings never throw and give sane spans', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 ,.-:$€%kmMbn~\nabout at least million people killed in March Tuesday one'.split('')), maxLength: 300 }), (text) => {
        const { figures } = run(text, [['March', 'place']]);
        sane(text, figures);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        sane(text, run(text).figures);
      }),
      { numRuns: 300 },
    );
  });
});
