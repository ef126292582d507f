// The cross-source index over small invented articles: claims, quote groups, entity clusters,
// findings, and incremental updates.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeArticle } from '../server/src/analysis/analyze';
import { CorpusIndex, interiorDiff, prepareArticle } from '../server/src/analysis/corpus';
import { isPackOf, LineIndex, packText, unpackText } from '../server/src/analysis/text';
import { decodeEntry, encodeEntry } from '../server/src/index/cache';
import { fullCollection } from '../server/src/lsp/memory';

const A = `Flood Hits Riverside Town

At least 41 people were killed when the river burst its banks on Monday, officials said. In Dunmore alone, 9 people died.
Regional governor Elena Marsh said, “We will rebuild every home that the water took from us, street by street.”
The quake was about 19 km deep.`;

const B = `Floods Kill Dozens

The death toll stood at 52 on Tuesday, according to the Civil Protection Agency.
Elena Marsh said, “We will rebuild every house that the water took from us, street by street.”
Marsh added that aid would arrive within days.
The quake struck at a depth of 19 kilometres.`;

const C = `River Disaster

Officials counted 41 dead.
“We will rebuild every home that the water took from us,” Governor Elena Marsh told reporters.`;

function corpus() {
  const c = new CorpusIndex();
  c.update('a.txt', A);
  c.update('b.txt', B);
  c.update('c.txt', C);
  return c;
}

describe('corpus index', () => {
  it('gives each article its own copy of a quotation\'s shingles, the same whether worked out or remembered', () => {
    // (A quotation's shingles are remembered for the next outlet that carries it; the index sorts
    // and packs an article's shingles in place.)
    const quote = '“Every pump on the Velmar embankment ran through the night, and we lost no street,” Ilse Varga said.';
    const a = analyzeArticle(`Floodwater recedes\n\n${quote}\n`);
    const b = analyzeArticle(`Velmar holds\n\nThe dikes held on Sunday. ${quote}\n`);
    const first = prepareArticle(`Floodwater recedes\n\n${quote}\n`, a).quoteShingles;
    assert.equal(first.length, 1);
    assert.ok(first[0].length > 5, 'a quotation of 17 words has a dozen shingles');
    const worked = Array.from(first[0]);
    (first[0] as number[]).fill(0);
    const second = prepareArticle(`Velmar holds\n\nThe dikes held on Sunday. ${quote}\n`, b).quoteShingles;
    assert.deepEqual(Array.from(second[0]), worked, 'the second outlet\'s are the first\'s, untouched by what was done to those');
    assert.ok(Array.isArray(second[0]));
  });

  it('keeps the findings of an article it kept once an edit of another has dropped them: worked out once, not twice', () => {
    // A closed article (not fully analysed: read from the cache) whose findings were kept — asked
    // for again and again as an open article of its story is edited — is worked out once after each
    // edit that drops them, not first once "asked about" and then again to be kept.
    const c = new CorpusIndex({}, { keepAnalyses: 1 });
    c.update('b.txt', B, undefined, prepareArticle(B, analyzeArticle(B)));
    c.update('a.txt', A);
    const proto = CorpusIndex.prototype as unknown as { figureFindings: (d: { path: string }, out: unknown[]) => void };
    const original = proto.figureFindings;
    let worked = 0;
    proto.figureFindings = function (this: unknown, d, out) {
      if (d.path === 'b.txt') worked++;
      return original.call(this, d, out);
    };
    try {
      for (let i = 0; i < 3; i++) c.findings('b.txt');
      assert.equal(worked, 2, 'asked about once, then kept (the policy for a workspace published once)');
      for (const edit of [A.replace('At least 41', 'At least 44'), A.replace('every home', 'every single home')]) {
        assert.ok(c.update('a.txt', edit).has('b.txt'), 'the edit affects the other article');
        worked = 0;
        for (let i = 0; i < 3; i++) c.findings('b.txt');
        assert.equal(worked, 1, `worked out ${worked} times after the edit`);
      }
      const fresh = new CorpusIndex();
      fresh.update('b.txt', B);
      fresh.update('a.txt', A.replace('every home', 'every single home'));
      const kept = c.findings('b.txt');
      assert.ok(kept.length > 0);
      assert.deepEqual(kept, fresh.findings('b.txt'), 'what it kept is what a fresh index works out');
    } finally {
      proto.figureFindings = original;
    }
  });

  it('compares an article\'s figures with the other sources only, never with its own', () => {
    // Two tolls in one article (an official's and a hospital's) under one claim: each conflicts
    // with the other outlet's, and the article is not cited against itself.
    const c = new CorpusIndex();
    c.update('a.txt', 'Floods in Dunmore\n\nOfficials said 41 people died in the floods in Dunmore on Monday.\nA hospital director said 63 people died in the floods in Dunmore.\n');
    c.update('b.txt', 'Dunmore floods\n\nThe regional governor said 52 people died in the floods in Dunmore on Monday.\n');
    const conflicts = c.findings('a.txt').filter((f) => f.code === 'figure-conflict');
    // (the place as the article writes it, not as the claim key holds it)
    assert.deepEqual(conflicts.map((f) => f.message), ['Death toll in Dunmore 41 here; 52 in b.txt', 'Death toll in Dunmore 63 here; 52 in b.txt']);
    assert.deepEqual(conflicts.flatMap((f) => f.related.map((r) => r.path)), ['b.txt', 'b.txt']);
    const group = c.claimGroup('a.txt', c.get('a.txt')!.analysis.figures.findIndex((f) => f.text === '41'));
    assert.equal(group?.scope, 'Dunmore', 'the claim group shown in the sidebar');
    assert.equal(group?.members.length, 3);
  });

  it('names a figure\'s place in messages as the article writes it, a dateline\'s capitals only when nothing else does', () => {
    const c = new CorpusIndex();
    c.update('a.txt', 'Floods\n\nDUNMORE (Wire) — 41 people died in the floods in Dunmore on Monday.\n');
    c.update('b.txt', 'Floods\n\nDUNMORE (Wire) — Officials said 60 people died in the floods in DUNMORE on Monday.\n');
    const message = (p: string) => c.findings(p).find((f) => f.code === 'figure-conflict')?.message;
    assert.match(message('a.txt') ?? '', /^Death toll in Dunmore /);
    assert.match(message('b.txt') ?? '', /^Death toll in DUNMORE /);
  });

  it('keeps no replaced version of an article alive through what its memos keep', () => {
    // Each version names a new person (and, in its headline and dateline, a new place and council)
    // and words a quotation anew; the engine memoises name runs
    // and the index the quotations' words and their comparisons. A memo key that was a view into
    // its version's text kept that whole version alive (V8 substrings share their parent's memory).
    const gc = fullCollection();
    assert.ok(gc, 'a full collection to ask V8 for');
    const c = new CorpusIndex();
    const filler = ' Officials said the river rose again — “slowly”.'.repeat(2000); // ~100 KB, two-byte
    const version = (i: number) =>
      `Flood report from Westerhavenbridge${i}qx Council\n\nWESTERHAVENBRIDGE${i}QX: The regional flood commissioner of Dunmore Province, Elena Marsh${i}qx, said 41 people died.${filler}\n` +
      `“We will unquestionably rebuild every single home by the river, version ${i},” Marsh${i}qx said.`;
    // another outlet with the same quotation, so that the two are matched and compared word by word
    c.update('b.txt', 'Flood\n\n“We will rebuild every single home by the river,” Elena Marsh said on Monday.');
    c.update('a.txt', version(0));
    c.findings('a.txt');
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 1; i <= 100; i++) {
      c.update('a.txt', version(i));
      c.findings('a.txt');
      c.findings('b.txt'); // (the comparison the other way round: the version is then the second text)
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // 100 versions of ~200 KB each would be ~20 MB; the index itself grows by far less than one
    assert.ok(grown < 4e6, `heap grew by ${(grown / 1e6).toFixed(1)} MB over 100 versions`);
    assert.ok(c.text('a.txt')!.includes('Marsh100qx'));
  });

  it('packs a text one byte a character only when every character beyond Latin-1 is a mark it knows', () => {
    const text = '\ufeffFlood — “We’ll rebuild,” she said…\r\nCosts: €5 million ‘at least’.\n';
    const packed = packText(text)!;
    assert.ok(packed !== null);
    assert.equal(packed.length, text.length);
    assert.ok(/^[\x00-\xff]*$/.test(packed));
    assert.equal(unpackText(packed), text);
    for (const [a, b] of [[0, 9], [8, 31], [20, text.length]]) assert.equal(unpackText(packed.slice(a, b)), text.slice(a, b));
    const lines = new LineIndex(text);
    const packedLines = new LineIndex(packed);
    for (let i = 0; i <= text.length; i++) assert.deepEqual(packedLines.positionAt(i), lines.positionAt(i));
    assert.equal(packText('Plain ASCII, and Latin-1: café.'), null, 'nothing to gain');
    assert.equal(packText('“Moscow” is Москва'), null, 'a character beyond the marks');
    assert.equal(packText('“a” \u0085 b'), null, 'a C1 control character of its own');
    // The packed form compared with a text as read, without packing it: only the text it came from matches.
    assert.ok(isPackOf(packed, text));
    const others = [
      text.replace('“', '”'), // another mark, same length
      text.replace('—', String.fromCharCode(packed.charCodeAt(text.indexOf('—')))), // the C1 code itself
      text.replace('—', 'Ж'), // a character beyond the marks
      text.replace('Flood', 'Flooe'),
      text.slice(0, -1),
    ];
    for (const o of others) assert.equal(isPackOf(packed, o), packText(o) === packed, JSON.stringify(o.slice(0, 12)));
    assert.ok(others.every((o) => !isPackOf(packed, o)));
  });

  it('keeps an article indexed from its cache entry one byte a character, and reads it back as it was', () => {
    const gc = fullCollection();
    assert.ok(gc, 'a full collection to ask V8 for');
    const body = (i: number) =>
      `Flood report ${i}\n\nDUNMORE — ${40 + (i % 3)} people died in the floods in Dunmore, officials said on Monday.\n\n` +
      `“We will rebuild every single home by the river,” the regional commissioner, Elena Marsh, said. ` +
      'The water rose again overnight — “slowly”, a resident said, and the road to the valley stayed closed.\n'.repeat(400);
    // (each text a fresh string, as read from a file, and let go once indexed)
    const fresh = (i: number) => Buffer.from(body(i)).toString();
    const entries = Array.from({ length: 40 }, (_, i) => encodeEntry(prepareArticle(body(i), analyzeArticle(body(i))), body(i)));
    const chars = entries.reduce((n, _, i) => n + body(i).length, 0);
    gc();
    const before = process.memoryUsage().heapUsed;
    const c = new CorpusIndex({}, { keepAnalyses: 4 });
    entries.forEach((e, i) => {
      const text = fresh(i);
      c.update(`a${i}.txt`, text, undefined, decodeEntry(e, text));
    });
    entries.length = 0;
    gc();
    const held = process.memoryUsage().heapUsed - before;
    // (two bytes a character, as read: ~2 × chars; packed ~1 ×, the records and the index beside it)
    assert.ok(held < 1.4 * chars, `${(held / chars).toFixed(2)} bytes a character held`);
    // The same texts, findings, quotes and positions as an index of the texts analysed.
    const plain = new CorpusIndex();
    for (let i = 0; i < 40; i++) plain.update(`a${i}.txt`, body(i));
    for (const p of ['a0.txt', 'a1.txt', 'a39.txt']) {
      assert.equal(c.text(p), plain.text(p));
      assert.ok(c.hasText(p, body(Number(p.slice(1, -4)))) && !c.hasText(p, body(Number(p.slice(1, -4))) + ' '));
      assert.equal(c.textLength(p), plain.text(p)!.length);
      assert.deepEqual(c.quotes(p), plain.quotes(p));
      assert.deepEqual(c.findings(p), plain.findings(p));
      assert.deepEqual(c.get(p)!.analysis.quotes, plain.get(p)!.analysis.quotes);
    }
    assert.ok(c.findings('a0.txt').some((f) => f.code === 'figure-conflict'), 'the tolls conflict across articles');
  });

  it('flags a conflicting death toll with links to the other source', () => {
    const c = corpus();
    const f = c.findings('b.txt').find((x) => x.code === 'figure-conflict');
    assert.ok(f, JSON.stringify(c.findings('b.txt')));
    assert.match(f.message, /52 here/);
    assert.match(f.message, /41 in c\.txt/);
    assert.ok(f.related.some((r) => r.path === 'c.txt'));
    // "At least 41" in a.txt is compatible with 52: no conflict is claimed with it
    assert.ok(!f.related.some((r) => r.path === 'a.txt'));
  });

  it('does not compare one village with the total', () => {
    const c = corpus();
    const all = ['a.txt', 'b.txt', 'c.txt'].flatMap((p) => c.findings(p));
    assert.ok(!all.some((f) => f.code === 'figure-conflict' && /\b9\b/.test(c.get(f.path)!.text.slice(f.start, f.end))));
  });

  it('groups agreeing figures as one claim and reports a hedge difference', () => {
    const c = corpus();
    const a = c.get('a.txt')!.analysis;
    const i = a.figures.findIndex((f) => f.text === 'At least 41' || f.text === 'at least 41');
    assert.ok(i >= 0, a.figures.map((f) => f.text).join('|'));
    const g = c.claimGroup('a.txt', i)!;
    assert.ok(g.members.some((m) => m.path === 'c.txt' && m.status === 'hedge'));
    assert.ok(g.members.some((m) => m.path === 'b.txt' && m.figure.value === 52 && m.status === 'agree'));
    assert.equal(c.claimGroup('c.txt', c.get('c.txt')!.analysis.figures.findIndex((f) => f.value === 41))!.id, g.id);
  });

  it('matches depth across units and hedges', () => {
    const c = corpus();
    const hedge = c.findings('a.txt').find((f) => f.code === 'figure-hedge' && /19/.test(f.message));
    assert.ok(hedge, JSON.stringify(c.findings('a.txt').map((f) => f.message)));
  });

  it('finds the same quote in three sources and the changed word', () => {
    const c = corpus();
    const qa = c.get('a.txt')!.analysis.quotes.findIndex((q) => q.text.includes('rebuild'));
    const g = c.quoteGroup('a.txt', qa)!;
    assert.deepEqual(new Set(g.members.map((m) => m.path)), new Set(['a.txt', 'b.txt', 'c.txt']));
    const v = c.findings('a.txt').find((f) => f.code === 'quote-variant');
    assert.ok(v);
    assert.match(v.message, /house/);
    assert.ok(v.related.some((r) => r.path === 'b.txt'));
    // c.txt quotes only the first part, with the same words: not a variant
    assert.ok(!v.related.some((r) => r.path === 'c.txt'));
  });

  it('tells the same word differences from both sides of a quote variant, whichever article asks first', () => {
    // Two versions whose word diff has more than one minimal form: diffing each way round on its
    // own can pick different ones ("lacks X" on one side, "lacks Y" on the other).
    const a = 'Mayor Ines Caldera spoke on Saturday.\n\n"The river rose fast and the town flooded by noon on Friday," Caldera said.\n';
    const b = 'Mayor Ines Caldera spoke on Saturday.\n\n"The town flooded fast and the river rose by noon on Friday," Caldera said.\n';
    const words = (c: CorpusIndex, path: string, other: string) => {
      const v = c.findings(path).find((f) => f.code === 'quote-variant');
      assert.ok(v, `a quote variant in ${path}: ${JSON.stringify(c.findings(path).map((f) => f.message))}`);
      const part = v.message.split(/: |; /).find((s) => s.startsWith(other))!;
      const said = (verb: string) => [...part.matchAll(new RegExp(`${verb} “([^”]*)”`, 'g'))].map((m) => m[1]).sort();
      return { adds: said('adds'), lacks: said('lacks') };
    };
    const told: string[] = [];
    for (const first of ['a.txt', 'b.txt']) {
      const c = new CorpusIndex();
      c.update('a.txt', a);
      c.update('b.txt', b);
      const second = first === 'a.txt' ? 'b.txt' : 'a.txt';
      const one = words(c, first, second);
      const two = words(c, second, first);
      assert.ok(one.adds.length + one.lacks.length > 0, JSON.stringify(one));
      assert.deepEqual({ adds: two.adds, lacks: two.lacks }, { adds: one.lacks, lacks: one.adds }, `asked ${first} first`);
      told.push(JSON.stringify(first === 'a.txt' ? one : two));
    }
    // … and the same ones either way (what a.txt is told does not depend on the order of asking)
    assert.equal(told[0], told[1]);
  });

  it('stops matching a quote whose words stay but whose speaker an edit changes', () => {
    const story = (speaker: string) =>
      `Mayor Ines Caldera and engineer Tomas Ferreira visited the dam on Monday.\n\n"We will rebuild every bridge in the valley before the winter comes," ${speaker} said.\n\nCaldera and Ferreira left at noon.\n`;
    const c = new CorpusIndex();
    for (const p of ['a.txt', 'b.txt', 'c.txt']) c.update(p, story('Caldera'));
    const members = (path: string) => {
      const qi = c.get(path)!.analysis.quotes.findIndex((q) => q.text.includes('rebuild'));
      // (no group: a quote no other article carries)
      return (c.quoteGroup(path, qi)?.members ?? []).map((m) => m.path).sort();
    };
    // c.txt's matches are worked out first (its candidates' speakers with them); a.txt's only after the edit.
    assert.deepEqual(members('c.txt'), ['a.txt', 'b.txt', 'c.txt']);
    const bq = () => c.get('b.txt')!.analysis.quotes.find((q) => q.text.includes('rebuild'))!;
    const before = bq().speaker;
    c.update('b.txt', story('Ferreira'));
    assert.notEqual(bq().speaker, before, 'the edit gives the quote another speaker');
    assert.deepEqual(members('a.txt'), ['a.txt', 'c.txt']);
    assert.deepEqual(members('c.txt'), ['a.txt', 'c.txt']);
    c.update('b.txt', story('Caldera'));
    assert.deepEqual(members('a.txt'), ['a.txt', 'b.txt', 'c.txt']);
  });

  it('clusters an entity across articles under its fullest name', () => {
    const c = corpus();
    const b = c.get('b.txt')!.analysis;
    const m = b.mentions.find((x) => x.text === 'Marsh')!;
    const e = c.entity('b.txt', m.entity)!;
    assert.equal(e.name, 'Elena Marsh');
    assert.deepEqual(e.sources.map((s) => s.path).sort(), ['a.txt', 'b.txt', 'c.txt']);
    assert.ok(e.roles.some((r) => /governor/i.test(r)));
  });

  it('updates incrementally: fixing a figure in one file clears the conflict in the others', () => {
    const c = corpus();
    assert.ok(c.findings('c.txt').some((f) => f.code === 'figure-conflict'));
    const affected = c.update('b.txt', B.replace('52', '41'));
    assert.ok(affected.has('a.txt') && affected.has('c.txt'));
    assert.ok(!c.findings('c.txt').some((f) => f.code === 'figure-conflict'));
    assert.ok(!c.findings('b.txt').some((f) => f.code === 'figure-conflict'));
    c.update('b.txt', B.replace('52', '60'));
    assert.ok(c.findings('c.txt').some((f) => f.code === 'figure-conflict' && /60 in b\.txt/.test(f.message)));
  });

  it('links an article to a story by the names it shares now, after an edit renames or restores them', () => {
    // (Story links are remembered per article: an edit that changes the names must be seen.)
    const c = corpus();
    const conflictWithB = () => c.findings('c.txt').some((f) => f.code === 'figure-conflict' && /b\.txt/.test(f.message));
    assert.ok(conflictWithB());
    const renamed = B.replace(/Elena Marsh/g, 'Tomas Keel').replace(/Marsh/g, 'Keel');
    c.update('b.txt', renamed);
    assert.ok(!conflictWithB(), 'b.txt names no one c.txt names: another story');
    c.update('b.txt', B);
    assert.ok(conflictWithB());
    assert.deepEqual(c.findings('c.txt'), corpus().findings('c.txt'));
  });

  it('keeps story links right after an edit inside a quotation, for an article of another story that shares a name', () => {
    // (An edit that leaves the names as they were keeps their postings: the article's count of
    // distinctive names must stay too, or every article sharing one name would join its story.)
    const A2 = `Dam Failure Floods Valley

Officials said 41 people were killed when a dam failed on Monday. The water reached Dunmore by night.
Regional governor Elena Marsh said, "We will rebuild every home that the water took from us, street by street."
Engineers from the Valley Water Authority and the mayor, Tomas Brink, inspected the site.`;
    const B2 = `Dam Collapse Kills Dozens

The death toll stood at 52 on Tuesday, according to the Valley Water Authority.
Elena Marsh said, "We will rebuild every house that the water took from us, street by street."
Mayor Tomas Brink said Dunmore was cut off.`;
    const D2 = `Bridge Closed After Crash

A lorry struck the old bridge outside Dunmore on Sunday, and 12 people were killed, police said.
"The bridge will stay shut until engineers have checked it," said inspector Paul Okoro of the Harbour Police.
Transport minister Ines Kovac promised repairs, and the Road Safety Board opened an inquiry.`;
    const index = (a: string, d = D2) => {
      const f = new CorpusIndex();
      f.update('a.txt', a);
      f.update('b.txt', B2);
      f.update('d.txt', d);
      return f;
    };
    const c = index(A2);
    assert.ok(c.findings('a.txt').some((f) => f.code === 'figure-conflict'), 'the same story: 41 against 52');
    assert.ok(!c.findings('d.txt').some((f) => f.code === 'figure-conflict'), 'another story: its toll is not compared');
    const edited = A2.replace('street by street', 'street after street');
    assert.notEqual(edited, A2);
    c.update('a.txt', edited);
    for (const p of ['a.txt', 'b.txt', 'd.txt']) assert.deepEqual(c.findings(p), index(edited).findings(p), p);
    // The other story's article edited next, a name added: its links are worked out again.
    const d2 = D2.replace('promised repairs', 'promised repairs with the mayor, Karl Oster');
    c.update('d.txt', d2);
    for (const p of ['a.txt', 'b.txt', 'd.txt']) assert.deepEqual(c.findings(p), index(edited, d2).findings(p), p);
    assert.ok(!c.findings('d.txt').some((f) => f.code === 'figure-conflict'), 'still another story after the edits');
  });

  it('keeps global entities right across edits: offsets moved, a mention added, a role added', () => {
    const c = corpus();
    const id = () => c.entityId('b.txt', c.get('b.txt')!.analysis.mentions.find((x) => x.text === 'Marsh')!.entity)!;
    // Asked for before each edit (so that a stale answer would be cached), compared with a fresh index after it.
    const check = (texts: Record<string, string>, what: string) => {
      const fresh = new CorpusIndex();
      for (const [p, t] of Object.entries(texts)) fresh.update(p, t);
      assert.deepStrictEqual(c.entityById(id()), fresh.entityById(id()), `${what}: the entity`);
      assert.deepStrictEqual(c.entityMentions(id()), fresh.entityMentions(id()), `${what}: its mentions`);
    };
    const texts = { 'a.txt': A, 'b.txt': B, 'c.txt': C };
    const edits: [string, string, string][] = [
      ['offsets moved', 'a.txt', A.replace('on Monday', 'late on Monday')],
      ['a mention added', 'c.txt', C + '\nOfficials said Marsh visited the shelters later.'],
      ['a role added', 'b.txt', B.replace('Elena Marsh said', 'Elena Marsh, the regional flood commissioner, said')],
    ];
    for (const [what, p, t] of edits) {
      c.entityById(id());
      c.entityMentions(id());
      c.update(p, t);
      texts[p as keyof typeof texts] = t;
      check(texts, what);
    }
    assert.ok(c.entityById(id())!.roles.some((r) => /flood commissioner/.test(r)), JSON.stringify(c.entityById(id())));
    assert.equal(c.entityById(id())!.sources.find((x) => x.path === 'c.txt')!.count, 2);
  });

  it('keeps other articles’ findings right across edits of one article, whether they only moved what they point at or changed it (or a quotation)', () => {
    // Every article's findings asked for twice before each edit (so that they are kept, as for an
    // article in use), then compared with a fresh index's, and each related location with the text
    // it points at.
    const c = corpus();
    // (b.txt with a second quotation, one no other source carries, ahead of its figures)
    const b = B.replace('The death toll', '“The water came in minutes,” one resident said.\nThe death toll');
    c.update('b.txt', b);
    const texts: Record<string, string> = { 'a.txt': A, 'b.txt': b, 'c.txt': C };
    // (Each edit from the text before it.)
    const edits: [string, (b: string) => string][] = [
      ['figures and quotes moved', (b) => b.replace('The death toll stood', 'The grim death toll stood')],
      ['some moved, by a line', (b) => b.replace('Marsh added', 'Later,\nMarsh added')],
      ['the toll changed', (b) => b.replace('52', '41')],
      ['moved back', (b) => b.replace('grim ', '')],
      ['a hedge added', (b) => b.replace('stood at 41', 'stood at about 41')],
      ['a quotation made the same as the other sources’', (b) => b.replace('every house', 'every home')],
      ['a word of it changed', (b) => b.replace('every home', 'each home')],
      ['a word of the other quotation changed', (b) => b.replace('came in minutes', 'came within minutes')],
      ['that quotation taken out', (b) => b.replace('“The water came within minutes,” one resident said.\n', '')],
      ['moved once more', (b) => b.replace('according to', 'according to figures from')],
    ];
    const pointedInto = new Set<string>();
    for (const [what, edit] of edits) {
      const t = edit(texts['b.txt']);
      assert.notEqual(t, texts['b.txt'], what);
      for (const p of Object.keys(texts)) {
        c.findings(p);
        c.findings(p);
      }
      c.update('b.txt', t);
      texts['b.txt'] = t;
      const fresh = new CorpusIndex();
      for (const [p, x] of Object.entries(texts)) fresh.update(p, x);
      for (const p of Object.keys(texts)) {
        const found = c.findings(p);
        assert.deepStrictEqual(found, fresh.findings(p), `${what}: ${p}'s findings`);
        for (const f of found) if (f.related.some((r) => r.path === 'b.txt')) pointedInto.add(f.code);
        for (const r of found.flatMap((f) => f.related)) {
          const quoted = /“([^”]*)”/.exec(r.message)?.[1];
          if (quoted) assert.equal(texts[r.path].slice(r.start, r.end).includes(quoted.split(' ')[0]), true, `${what}: ${JSON.stringify(r)} in ${p}`);
        }
      }
    }
    assert.deepEqual([...pointedInto].sort(), ['figure-conflict', 'figure-hedge', 'quote-variant'], 'findings of each kind pointing into b.txt were checked');
  });

  it('keeps the findings of an article in use, and of the others from the second time they are asked for (publishing a workspace asks once for each)', () => {
    // (Only the last article's full analysis kept, as a server keeps the open ones'.)
    const c = new CorpusIndex({}, { keepAnalyses: 1 });
    for (const [p, t] of [['c.txt', C], ['b.txt', B], ['a.txt', A]]) c.update(p, t);
    const open = c.findings('a.txt');
    assert.strictEqual(c.findings('a.txt'), open, 'an article in use: kept at once');
    const first = c.findings('c.txt');
    const second = c.findings('c.txt');
    assert.ok(first.some((f) => f.code === 'figure-conflict'));
    assert.notStrictEqual(second, first, 'asked for once: worked out, not kept');
    assert.deepEqual(second, first);
    assert.strictEqual(c.findings('c.txt'), second, 'asked for again: kept');
    c.update('b.txt', B.replace('52', '41'));
    assert.ok(!c.findings('c.txt').some((f) => f.code === 'figure-conflict'), 'an edit elsewhere still drops what was kept');
  });

  it('answers the same after releasing its memos, working each answer out again, and keeps edits right after', () => {
    const second = '\nMarsh added: “The water will not break this town, and it will not break us.”';
    const texts: Record<string, string> = { 'a.txt': A + second, 'b.txt': B + second.replace('this town', 'this valley'), 'c.txt': C };
    const c = new CorpusIndex();
    for (const [p, t] of Object.entries(texts)) c.update(p, t);
    const id = c.entityId('b.txt', c.get('b.txt')!.analysis.mentions.find((x) => x.text === 'Marsh')!.entity)!;
    // (asked for twice: an article's findings are kept from the second time they are asked for)
    Object.keys(texts).forEach((p) => c.findings(p));
    const before = Object.keys(texts).map((p) => c.findings(p));
    const entity = c.entityById(id);
    assert.ok(before[1].some((f) => f.code === 'quote-variant'), 'a quote variant to work out again');
    assert.strictEqual(c.findings('b.txt'), before[1], 'findings are memoised');
    assert.strictEqual(c.entityById(id), entity, 'so is an aggregated entity');
    c.releaseMemos();
    const after = Object.keys(texts).map((p) => c.findings(p));
    assert.notStrictEqual(after[1], before[1], 'findings worked out again');
    assert.notStrictEqual(c.entityById(id), entity, 'the entity aggregated again');
    assert.deepEqual(after, before);
    assert.deepStrictEqual(c.entityById(id), entity);
    // An edit after the release (its quotes' matches no longer cached) against a fresh index.
    c.releaseMemos();
    texts['a.txt'] = texts['a.txt'].replace('break this town', 'break this county');
    c.update('a.txt', texts['a.txt']);
    const fresh = new CorpusIndex();
    for (const [p, t] of Object.entries(texts)) fresh.update(p, t);
    for (const p of Object.keys(texts)) assert.deepEqual(c.findings(p), fresh.findings(p), p);
  });

  it('keeps an unchanged quote matched, at its new place, when an edit changes another quote of its article', () => {
    const second = '\nMarsh added: “The water will not break this town, and it will not break us.”';
    const c = new CorpusIndex();
    c.update('a.txt', A + second);
    c.update('b.txt', B + second.replace('this town', 'this valley'));
    c.update('c.txt', C);
    c.findings('b.txt');
    // Text inserted before the unchanged quote (its offsets move), and the other quote reworded.
    const edited = (A + second).replace('The quake', 'By nightfall the quake').replace('break this town', 'break this valley');
    c.update('a.txt', edited.replace('At least 41', 'At least 41 residents, or'));
    const fresh = new CorpusIndex();
    for (const p of ['b.txt', 'c.txt']) fresh.update(p, c.get(p)!.text);
    fresh.update('a.txt', c.get('a.txt')!.text);
    for (const p of ['a.txt', 'b.txt', 'c.txt']) assert.deepEqual(c.findings(p), fresh.findings(p), p);
    const variant = c.findings('b.txt').find((f) => f.code === 'quote-variant' && /house/.test(c.get('b.txt')!.text.slice(f.start, f.end)));
    const toA = variant?.related.find((r) => r.path === 'a.txt');
    assert.ok(toA, JSON.stringify(c.findings('b.txt')));
    assert.match(c.get('a.txt')!.text.slice(toA.start, toA.end), /We will rebuild every home/);
    // An article added now finds the unchanged quote through the shingle lists (no cached matches).
    const D = C.replace('every home', 'every single home');
    c.update('d.txt', D);
    fresh.update('d.txt', D);
    assert.deepEqual(c.findings('d.txt'), fresh.findings('d.txt'));
    assert.ok(c.findings('d.txt').some((f) => f.code === 'quote-variant' && f.related.some((r) => r.path === 'a.txt')), JSON.stringify(c.findings('d.txt')));
    c.remove('a.txt');
    for (const p of ['b.txt', 'd.txt']) assert.ok(c.findings(p).every((f) => f.related.every((r) => r.path !== 'a.txt')), p);
  });

  it('finds an entity’s first mention in one article as its mentions everywhere do', () => {
    const c = corpus();
    c.update('d.txt', 'Aid Arrives\n\nMarsh toured the shelters. Elena Marsh, the governor, later met families.\n');
    let checked = 0;
    for (const e of c.entities()) {
      const all = c.entityMentions(e.id);
      for (const p of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) {
        const mine = all.filter((m) => m.path === p).sort((x, y) => x.start - y.start);
        assert.deepEqual(c.firstMention(e.id, p), mine[0] ?? null, `${e.id} in ${p}`);
        if (mine.length > 1) checked++;
      }
    }
    assert.ok(checked > 0, 'an article with two mentions of one entity was checked');
    assert.equal(c.firstMention('elena marsh', 'nowhere.txt'), null);
  });

  it('keeps every cached global entity right across edits that change one article’s names', () => {
    const c = corpus();
    const D = 'Roads Closed\n\nThe CPA said roads near the coast were closed on Tuesday.\n';
    c.update('d.txt', D);
    const texts: Record<string, string> = { 'a.txt': A, 'b.txt': B, 'c.txt': C, 'd.txt': D };
    const edits: [string, string, string][] = [
      ['offsets moved', 'a.txt', A.replace('on Monday', 'late on Monday')],
      ['an acronym defined (another article’s name resolves anew)', 'b.txt', B.replace('the Civil Protection Agency', 'the Civil Protection Agency (CPA)')],
      ['a new name', 'b.txt', B.replace('according to the Civil Protection Agency', 'according to the Civil Protection Agency and the Red Cross')],
      ['a name gone', 'a.txt', A.replace('In Dunmore alone', 'In one village alone')],
      ['a place named again', 'c.txt', C + '\nDunmore was cut off for two days.'],
      ['an alias', 'b.txt', B.replace('Elena Marsh said', 'Elena Marsh (known as Lena Marsh) said')],
      ['a surname alone', 'c.txt', C + '\nRedmond said the roads were closed.'],
    ];
    for (const [what, p, t] of edits) {
      // Every entity asked for before the edit (so that a stale answer would be cached) …
      const before = c.entities().map((e) => e.id);
      for (const id of before) { c.entityById(id); c.entityMentions(id); }
      c.update(p, t);
      texts[p] = t;
      // … and compared with a fresh index after it.
      const fresh = new CorpusIndex();
      for (const [q, x] of Object.entries(texts)) fresh.update(q, x);
      for (const id of new Set([...before, ...fresh.entities().map((e) => e.id)])) {
        assert.deepStrictEqual(c.entityById(id), fresh.entityById(id), `${what}: ${id}`);
        assert.deepStrictEqual(c.entityMentions(id), fresh.entityMentions(id), `${what}: mentions of ${id}`);
      }
    }
  });

  it('keeps quote matches right when an edit renames a speaker, whether or not another article names them by surname alone', () => {
    const A2 = `Harvest Lost\n\nRosa Diastairt, 51, a farmer near Dunmore, said: “We lost the whole harvest in one night.”\nDiastairt said: “Nobody came to help us, not once.”\n`;
    const B2 = `Farmers Count Losses\n\n“We lost the whole harvest in a single night,” Rosa Diastairt told the Dunmore Herald.\n`;
    const C2 = `Anger in Dunmore\n\n“Nobody came to help us, not even once,” Diastairt said in Dunmore.\n`;
    for (const withSurnameOnly of [false, true]) {
      const texts: Record<string, string> = { 'a.txt': A2, 'b.txt': B2, ...(withSurnameOnly ? { 'c.txt': C2 } : {}) };
      const c = new CorpusIndex();
      for (const [p, t] of Object.entries(texts)) c.update(p, t);
      const edits = [A2.replace(/Diastairt/g, 'Diastxairt'), A2, A2.replace('Rosa Diastairt', 'Rosa Diastairt-Vell')];
      for (const t of edits) {
        for (const p of Object.keys(texts)) c.findings(p); // cached before the edit
        c.update('a.txt', t);
        texts['a.txt'] = t;
        const fresh = new CorpusIndex();
        for (const [p, x] of Object.entries(texts)) fresh.update(p, x);
        for (const p of Object.keys(texts)) assert.deepEqual(c.findings(p), fresh.findings(p), `${p} after an edit (${withSurnameOnly ? 'with' : 'without'} the surname alone elsewhere)`);
      }
      if (withSurnameOnly) {
        // (The case the test is about: the speaker by surname alone matched, then did not.)
        const f = new CorpusIndex();
        f.update('a.txt', A2);
        f.update('c.txt', C2);
        assert.ok(f.findings('c.txt').some((x) => x.code === 'quote-variant'), JSON.stringify(f.findings('c.txt')));
      }
    }
  });

  it('matches again the quotes of articles whose surname-only speaker another article’s edit, addition or removal resolves anew', () => {
    // b.txt quotes "Diastairt" alone; c.txt, Mark Diastairt. While a.txt names Rosa Diastairt the
    // surname is ambiguous and the two quotes are not the same speaker's; without her, they are.
    const A3 = `Harvest Lost\n\nRosa Diastairt, 51, a farmer near Dunmore, lost her harvest in one night, Dunmore officials said.\n`;
    const B3 = `Anger in Dunmore\n\n“Nobody came to help us, not once,” Diastairt told the Dunmore Herald.\n`;
    const C3 = `Farmers Count Losses\n\n“Nobody came to help us, not even once,” Mark Diastairt said in Dunmore.\n`;
    const texts: Record<string, string> = { 'b.txt': B3, 'c.txt': C3 };
    const c = new CorpusIndex();
    for (const [p, t] of Object.entries(texts)) c.update(p, t);
    const variants = () => ['b.txt', 'c.txt'].map((p) => c.findings(p).filter((f) => f.code === 'quote-variant').length);
    const E3 = A3.replace('Harvest Lost', 'Harvest Gone').replace('lost her harvest', 'saw her harvest destroyed');
    // [what, the change, whether b.txt and c.txt are affected, their quote variants after it]
    const steps: [string, () => Set<string>, boolean, number[]][] = [
      ['a.txt added', () => c.update('a.txt', (texts['a.txt'] = A3)), true, [0, 0]],
      // Another outlet naming Rosa Diastairt changes how no name resolves: neither is affected.
      ['a repeated surname', () => c.update('e.txt', (texts['e.txt'] = E3)), false, [0, 0]],
      ['a repeated surname removed', () => (delete texts['e.txt'], c.remove('e.txt')), false, [0, 0]],
      ['Rosa renamed', () => c.update('a.txt', (texts['a.txt'] = A3.replace('Rosa Diastairt', 'Rosa Diastxairt'))), true, [1, 1]],
      ['renamed back', () => c.update('a.txt', (texts['a.txt'] = A3)), true, [0, 0]],
      ['a.txt removed', () => (delete texts['a.txt'], c.remove('a.txt')), true, [1, 1]],
    ];
    assert.deepEqual(variants(), [1, 1], 'the same words by the same speaker at first');
    for (const [what, step, affects, expected] of steps) {
      variants(); // cached before the change
      const affected = step();
      if (affects) assert.ok(affected.has('b.txt') && affected.has('c.txt'), `${what}: affected ${[...affected]}`);
      else assert.ok(!affected.has('b.txt') && !affected.has('c.txt'), `${what}: affected ${[...affected]}`);
      assert.deepEqual(variants(), expected, what);
      const fresh = new CorpusIndex();
      for (const [p, t] of Object.entries(texts)) fresh.update(p, t);
      for (const p of Object.keys(texts)) assert.deepEqual(c.findings(p), fresh.findings(p), `${what}: ${p}`);
    }
  });

  it('matches the quotes of two spellings of one speaker once the user names them aliases, without analysing again', () => {
    // The server applies new aliases to the index at once and analyses the articles again later
    // (configure(…, false), then a rescan): speakers already worked out must be worked out anew.
    const X = 'Flood Aftermath\n\nCommissioner Ines Oyelaran-Marsh said: “We will rebuild every house on the Mill Lane embankment.”\n';
    const Y = 'Storm Recovery\n\nCommissioner Ines Oyelaran said: “We will rebuild every house on the Mill Lane embankment, all of them.”\n';
    const c = new CorpusIndex();
    c.update('x.txt', X);
    c.update('y.txt', Y);
    assert.equal(c.quoteGroup('x.txt', 0), null, 'two speakers, as far as the index knows');
    c.configure({ aliases: [['Ines Oyelaran-Marsh', 'Ines Oyelaran']] }, false);
    assert.deepEqual(c.quoteGroup('x.txt', 0)?.members.map((m) => m.path), ['x.txt', 'y.txt']);
    assert.deepEqual(c.quoteGroup('y.txt', 0)?.members.map((m) => m.path), ['y.txt', 'x.txt']);
  });

  it('matches two versions of a quote that share mostly words too common to block on', () => {
    // 210 articles quote the same stock phrase, so its shingles are too common to block on; the two
    // versions below share those and two rarer ones, which together are enough.
    const c = new CorpusIndex();
    for (let i = 0; i < 210; i++) {
      c.update(`filler-${i}.txt`, `Town Meeting ${i}\n\n“We will rebuild the town together,” said resident number ${i} of Dunmore.\n`);
    }
    const X = 'Flood Aftermath\n\nGovernor Elena Marsh said: “We will rebuild the town together, every house on Mill Lane.”\n';
    const Y = 'Storm Recovery\n\nGovernor Elena Marsh said: “We will rebuild the town together, every house that fell in the storm.”\n';
    c.update('x.txt', X);
    c.update('y.txt', Y);
    const group = c.quoteGroup('x.txt', 0);
    assert.deepEqual(group?.members.map((m) => m.path), ['x.txt', 'y.txt'], JSON.stringify(group?.members.map((m) => m.path)));
    // The same pair found from either side, and as an edit re-indexes them.
    assert.ok(c.quoteGroup('y.txt', 0)?.members.some((m) => m.path === 'x.txt'));
    c.update('y.txt', Y.replace('Storm Recovery', 'Storm Recovery Begins'));
    assert.ok(c.quoteGroup('x.txt', 0)?.members.some((m) => m.path === 'y.txt'));
  });

  it('counts in its summary the entities another article names too', () => {
    const c = corpus();
    let shared = 0;
    let own = 0;
    for (const p of c.paths()) {
      const ids = new Set(c.get(p)!.analysis.entities.map((e) => c.entityId(p, e.key)!));
      const elsewhere = [...ids].filter((id) => c.entityById(id)!.sources.some((s) => s.path !== p)).length;
      assert.equal(c.summary(p).sharedEntities, elsewhere, p);
      shared += elsewhere;
      own += ids.size - elsewhere;
    }
    assert.ok(shared > 0 && own > 0, `${shared} shared, ${own} named in one article only`);
  });

  it('forgets a removed article everywhere', () => {
    const c = corpus();
    const affected = c.remove('b.txt');
    assert.ok(affected.has('a.txt'));
    assert.ok(['a.txt', 'c.txt'].flatMap((p) => c.findings(p)).every((f) => f.related.every((r) => r.path !== 'b.txt')));
    assert.equal(c.findings('b.txt').length, 0);
  });

  it('keeps a place apart from an organisation named after it, in the article and across articles', () => {
    // The paper's own report calls itself by the town's name in its headline; the other report
    // names only the town. Which entity a name resolves to depends on the articles indexed with it.
    const town = `Ferry service resumes in Tarnholm\n\nTARNHOLM: The ferry to Skelby will run again from Friday, the harbour office in Tarnholm said.\n`;
    const paper = `Tarnholm ferry back on Friday\n\nTARNHOLM: The ferry will run again from Friday, the harbour master told the Tarnholm Tribune.\n`;
    const c = new CorpusIndex();
    c.update('town.txt', town);
    c.update('paper.txt', paper);
    const idOf = (p: string, text: string) => c.entityId(p, c.get(p)!.analysis.mentions.find((m) => m.text === text)!.entity);
    assert.equal(c.get('town.txt')!.analysis.entities.find((e) => e.name === 'Tarnholm')?.type, 'place');
    assert.equal(idOf('paper.txt', 'Tarnholm Tribune'), 'tarnholm tribune');
    assert.equal(idOf('town.txt', 'Tarnholm'), 'tarnholm', 'the town is not the paper');
    // Nor, in the paper's report, is its headline's "Tarnholm": the dateline says the word is a place.
    assert.equal(idOf('paper.txt', 'Tarnholm'), 'tarnholm');
    assert.deepEqual(c.get('paper.txt')!.analysis.entities.find((e) => e.name === 'Tarnholm Tribune')?.aliases, ['Tarnholm Tribune']);
  });

  it('applies severity settings and user aliases at once', () => {
    const c = corpus();
    c.configure({ severity: { 'figure-conflict': 'off' } });
    assert.ok(!c.findings('b.txt').some((f) => f.code === 'figure-conflict'));
    c.configure({ severity: {}, aliases: [['Elena Marsh', 'The Governor of Floods']] });
    assert.ok(c.findings('b.txt').some((f) => f.code === 'figure-conflict'));
  });

  it('compares figures already compared again under a new tolerance', () => {
    // "about 19 km" against 23 km: 19 ± 10% does not reach 23, 19 ± 25% does.
    const c = new CorpusIndex();
    c.update('a.txt', A.replace('about 19 km deep', 'about 19 km deep, Elena Marsh said'));
    c.update('b.txt', B.replace('a depth of 19 kilometres', 'a depth of 23 kilometres'));
    const depth = (p: string) => c.findings(p).filter((f) => f.code === 'figure-conflict' && /19|23/.test(c.get(p)!.text.slice(f.start, f.end)));
    assert.equal(depth('b.txt').length, 1, JSON.stringify(c.findings('b.txt')));
    c.configure({ tolerance: 0.25 });
    assert.equal(depth('b.txt').length, 0, JSON.stringify(depth('b.txt')));
    const i = c.get('a.txt')!.analysis.figures.findIndex((f) => /19 km/.test(f.text));
    assert.equal(c.claimGroup('a.txt', i)?.members.find((m) => m.path === 'b.txt')?.status, 'agree');
    c.configure({ tolerance: 0.1 });
    assert.equal(depth('b.txt').length, 1);
  });

  it('reports interior wording changes only', () => {
    assert.deepEqual(interiorDiff('a b c d'.split(' '), 'x a b c d y'.split(' ')), { added: [], removed: [] });
    assert.deepEqual(interiorDiff('we continue to do'.split(' '), 'we will continue to do'.split(' ')), { added: ['will'], removed: [] });
  });
});

/** A story's fixture folder indexed, with every finding (and the text it sits on) and the conflicts among them. */
function storyIndex(name: string) {
  const dir = join(__dirname, 'fixtures', 'corpus', name);
  const c = new CorpusIndex();
  for (const f of readdirSync(dir).sort()) c.update(f, readFileSync(join(dir, f), 'utf8'));
  const all = c.paths().flatMap((p) => c.findings(p).map((f) => ({ ...f, text: c.get(p)!.text.slice(f.start, f.end) })));
  return { c, all, conflicts: all.filter((f) => f.code === 'figure-conflict') };
}

describe('corpus index on a three-outlet story (test/fixtures/corpus/wildfire)', () => {
  const { all, conflicts } = storyIndex('wildfire');

  it('flags the updated death toll and says it is updated', () => {
    const f = conflicts.find((x) => x.path === 'a.txt' && /23/.test(x.text));
    assert.ok(f, JSON.stringify(conflicts.map((x) => x.message)));
    assert.match(f.message, /31 in b\.txt \(updated count\)/);
  });

  it('flags the firefighter counts that disagree', () => {
    assert.ok(conflicts.some((x) => x.path === 'c.txt' && /400/.test(x.text) && /600/.test(x.message)));
  });

  it('keeps a village, another year and other regions out of the claims', () => {
    for (const f of conflicts) {
      assert.ok(!/\b(?:eight|Eight|104)\b/.test(f.text), `no conflict on "${f.text}": ${f.message}`);
      assert.ok(!/hectares|kilometres/.test(f.text), `global, national and EU areas are different claims: ${f.message}`);
    }
  });

  it('matches the spokesman’s words across sources and shows the changed word', () => {
    const v = all.find((x) => x.code === 'quote-variant' && x.path === 'a.txt');
    assert.ok(v);
    assert.match(v.message, /within/);
  });
});

describe('corpus index on an election told by two outlets (test/fixtures/corpus/election)', () => {
  const { c, conflicts } = storyIndex('election');
  const figure = (path: string, text: string) => c.get(path)!.analysis.figures.find((f) => f.text === text)!;

  it('compares the seats won, not the seats won with the size of the assembly', () => {
    assert.ok(conflicts.some((x) => x.path === 'a.txt' && x.text === '34' && /35 in b\.txt/.test(x.message)), JSON.stringify(conflicts.map((x) => x.message)));
    assert.ok(!conflicts.some((x) => x.text === '79' || /\b79\b/.test(x.message)), 'the total is another claim');
    assert.equal(figure('a.txt', '79').measure, 'total seats');
  });

  it('reads vote shares per party: the same share agrees, another party’s share is not compared', () => {
    assert.equal(figure('a.txt', '38.2%').measure, 'vote share');
    assert.equal(figure('b.txt', '27.5 percent').measure, 'vote share');
    assert.ok(!conflicts.some((x) => /38|27\.5/.test(x.text)), JSON.stringify(conflicts.map((x) => x.message)));
    const alliance = c.claimGroup('a.txt', c.get('a.txt')!.analysis.figures.indexOf(figure('a.txt', '27.5%')));
    assert.deepEqual(alliance?.members.map((m) => m.path).sort(), ['a.txt', 'b.txt']);
  });

  it('flags the turnouts that disagree (a year it is compared with is not another event)', () => {
    assert.ok(conflicts.some((x) => x.path === 'b.txt' && /63/.test(x.text) && /61%/.test(x.message)), JSON.stringify(conflicts.map((x) => x.message)));
  });

  it('keeps the party with a possessive in its name whole, and the capital a place', () => {
    for (const p of ['a.txt', 'b.txt']) {
      const names = c.get(p)!.analysis.entities.map((e) => `${e.name}:${e.type}`);
      assert.ok(names.includes("People's Alliance:organization"), names.join(', '));
      assert.ok(names.some((n) => n.toLowerCase() === 'puerto lindo:place'), names.join(', '));
      assert.ok(!names.some((n) => /^(?:People|Alliance|Turnout|VALMORRA AS):/.test(n)), names.join(', '));
    }
  });
});

describe('corpus index on a ferry fire told by two outlets (test/fixtures/corpus/ferry)', () => {
  const { c, all, conflicts } = storyIndex('ferry');

  it('flags only the injured counts: "two crew die" is a death toll, not the crew on board', () => {
    assert.ok(conflicts.length > 0 && conflicts.every((x) => /^Injured/.test(x.message)), JSON.stringify(conflicts.map((x) => x.message)));
    assert.ok(conflicts.some((x) => x.path === 'b.txt' && x.text === '16'));
  });

  it('credits the operator named in apposition, in both outlets, as one quote', () => {
    for (const p of ['a.txt', 'b.txt']) {
      const a = c.get(p)!.analysis;
      const q = a.quotes.find((x) => x.text.includes('deeply saddened'))!;
      assert.equal(a.entities.find((e) => e.key === q.speaker)?.name, 'Helios Lines', p);
    }
    assert.ok(all.some((x) => x.code === 'quote-variant' && /quick/.test(x.message)));
  });

  it('does not take the word after "5 a.m." for a name', () => {
    assert.ok(!c.get('b.txt')!.analysis.entities.some((e) => e.name === 'Coast'));
  });
});
