// Shared by the bounded fuzz test (test/fuzz.test.ts) and the long run (`npm run fuzz`,
// scripts/fuzz.ts): the seed articles, fast-check generators of random text and of mutated
// articles, the invariants every analysis must keep, and the bad-input classes whose running
// time is measured at 1×, 2× and 4× size.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzeArticle } from '../server/src/analysis/analyze';
import { CorpusIndex } from '../server/src/analysis/corpus';
import type { ArticleAnalysis, Finding } from '../server/src/analysis/types';

const ROOT = path.resolve(__dirname, '..');

/** The fixture articles and the example corpus: real-looking text to mutate. */
export function seedArticles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of ['test/fixtures/engine', 'examples']) {
    for (const f of readdirSync(path.join(ROOT, dir)).sort()) {
      if (f.endsWith('.txt')) out.push({ name: `${dir}/${f}`, text: readFileSync(path.join(ROOT, dir, f), 'utf8') });
    }
  }
  return out;
}

// ---- generators ------------------------------------------------------------------------------

/** Characters the engine treats specially, plus ones that break naive offset arithmetic. */
const SPECIAL = [
  '"', "'", '“', '”', '‘', '’', '«', '»', '„', '‟', '`', '´',
  '\n', '\r', '\r\n', '\n\n', '\t', ' ', '\u00a0', '\u2028',
  '\ufeff', '\ufffd', '\u0000', '\u200f', '\u202e',
  '🌊', '𝕏', '👩🏽‍🚒', '\ud800', '\udc00', // astral characters and lone surrogates
  '.', ',', ':', ';', '(', ')', '-', '–', '—', '%', '$', '€', '£', '/',
  '0', '1', '9', '41', '1,000', '3.5', '100 million', '½',
  'at least ', 'about ', 'nearly ', 'up to ', 'more than ', ' said', ' told reporters', ' according to ',
  'A', 'Z', 'É', 'Ж', '中', 'ß', 'İ',
];

/** Any code point, lone surrogates included (fast-check's 'binary' unit takes seconds to build). */
const anyChar: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0xffff }),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
).map((cp) => String.fromCodePoint(cp));

/** One piece of inserted text: a special mark or word, or a random string of any Unicode. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ unit: anyChar, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789,.'), minLength: 1, maxLength: 30 }) },
);

/** Random text from article-ish words and marks (so the extractors have something to chew on). */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: anyChar, maxLength: 400 }),
  fc
    .array(
      fc.oneof(
        piece,
        fc.constantFrom('Ana Ruiz', 'the National Water Authority', 'NWA', 'Faro', 'Portugal', 'Monday', 'people', 'died', 'km', 'killed', 'injured'),
      ),
      { maxLength: 120 },
    )
    .map((parts) => parts.join(' ')),
);

export type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string }
  | { op: 'splice'; at: number; other: number; from: number; length: number }
  | { op: 'bom' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: piece }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }), text: piece }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('splice' as const), at: fc.nat(), other: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
);

/** Applies mutations to an article; positions are taken modulo the current length. */
export function mutate(text: string, mutations: readonly Mutation[], seeds: readonly { text: string }[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length ? m.op === 'bom' ? 0 : (m as { at: number }).at % (t.length + 1) : 0;
    switch (m.op) {
      case 'insert':
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      case 'replace':
        t = t.slice(0, at) + m.text + t.slice(at + m.length);
        break;
      case 'splice': {
        const o = seeds[m.other % seeds.length].text;
        const from = m.from % (o.length + 1);
        t = t.slice(0, at) + o.slice(from, from + m.length) + t.slice(at);
        break;
      }
      case 'bom':
        t = '\ufeff' + t;
        break;
    }
  }
  return t;
}

/** A seed article with up to 12 mutations: the article's name, the mutations and the result. */
export function mutatedArticle(seeds: readonly { name: string; text: string }[]): fc.Arbitrary<{ seed: string; mutations: Mutation[]; text: string }> {
  return fc
    .record({ i: fc.nat({ max: seeds.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 12 }) })
    .map(({ i, mutations }) => ({ seed: seeds[i].name, mutations, text: mutate(seeds[i].text, mutations, seeds) }));
}

/** Any text: random, or a mutated article (mostly). */
export function anyArticle(seeds: readonly { name: string; text: string }[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 1, arbitrary: randomText }, { weight: 3, arbitrary: mutatedArticle(seeds).map((m) => m.text) });
}

// ---- invariants ------------------------------------------------------------------------------

function checkSpan(text: string, what: string, x: { start: number; end: number }): void {
  assert.ok(
    Number.isInteger(x.start) && Number.isInteger(x.end) && x.start >= 0 && x.start <= x.end && x.end <= text.length,
    `${what} range ${x.start}-${x.end} outside 0-${text.length}`,
  );
}

/** Every range lies inside the text, lists are in document order, texts are what the ranges hold. */
export function checkAnalysis(text: string, a: ArticleAnalysis): void {
  const lists: [string, { start: number; end: number }[]][] = [
    ['paragraph', a.structure.paragraphs],
    ['sentence', a.structure.sentences],
    ['excluded', a.structure.excluded],
    ['mention', a.mentions],
    ['quote', a.quotes],
    ['figure', a.figures],
  ];
  for (const [what, list] of lists) {
    let prev = -1;
    for (const x of list) {
      checkSpan(text, what, x);
      assert.ok(x.start >= prev, `${what}s out of order at ${x.start} (after ${prev})`);
      prev = x.start;
    }
  }
  for (const s of [a.structure.headline, a.structure.dateline]) if (s) checkSpan(text, 'headline/dateline', s);
  const keys = new Set(a.entities.map((e) => e.key));
  for (const m of a.mentions) {
    // (a name hard-wrapped over two lines, or with doubled spaces, is given with single spaces)
    assert.equal(text.slice(m.start, m.end).replace(/\s+/g, ' '), m.text.replace(/\s+/g, ' '), 'a mention’s text is what its range holds');
    assert.ok(keys.has(m.entity), `mention of unknown entity ${m.entity}`);
  }
  for (const q of a.quotes) {
    checkSpan(text, 'quote inner', q.inner);
    assert.ok(q.inner.start >= q.start && q.inner.end <= q.end, 'a quote’s inner span lies inside the quote');
    if (q.cue) checkSpan(text, 'quote cue', q.cue);
    assert.ok(q.speaker === null || keys.has(q.speaker), `quote speaker ${q.speaker} unknown`);
  }
  for (const f of a.figures) {
    for (const v of [f.value, f.low, f.high]) assert.ok(v === null || Number.isFinite(v), `figure ${f.text}: non-finite ${v}`);
    assert.ok(f.subject === null || keys.has(f.subject), `figure subject ${f.subject} unknown`);
  }
}

/** Analyses twice (determinism), checks the invariants, returns the analysis. */
export function analyseChecked(text: string): ArticleAnalysis {
  const a = analyzeArticle(text);
  checkAnalysis(text, a);
  assert.deepEqual(analyzeArticle(text), a, 'same input, same output');
  return a;
}

function checkFindings(index: CorpusIndex, texts: Map<string, string>, p: string, findings: Finding[]): void {
  const text = texts.get(p)!;
  for (const f of findings) {
    assert.equal(f.path, p);
    checkSpan(text, `finding ${f.code}`, f);
    for (const r of f.related) {
      assert.ok(texts.has(r.path), `related location in ${r.path}, which is not indexed`);
      checkSpan(texts.get(r.path)!, `related ${f.code}`, r);
    }
  }
  assert.ok(index.has(p));
}

export type CorpusStep = { op: 'update'; path: number; text: string } | { op: 'remove'; path: number };

/**
 * Plays update/remove steps on a CorpusIndex; after each step every indexed article's findings are
 * checked (ranges inside their texts, related locations only into indexed articles) and the
 * final findings must equal those of a fresh index built from the final texts in one go.
 */
export function playCorpus(steps: readonly CorpusStep[]): void {
  const index = new CorpusIndex();
  const texts = new Map<string, string>();
  const name = (i: number) => `file:///ws/src${i % 4}.txt`;
  for (const s of steps) {
    const p = name(s.path);
    if (s.op === 'update') {
      index.update(p, s.text);
      texts.set(p, s.text);
    } else {
      index.remove(p);
      texts.delete(p);
    }
    assert.deepEqual(index.paths().sort(), [...texts.keys()].sort(), 'indexed paths');
    for (const q of index.paths()) checkFindings(index, texts, q, index.findings(q));
  }
  const fresh = new CorpusIndex();
  for (const [p, t] of [...texts].sort(([a], [b]) => a.localeCompare(b))) fresh.update(p, t);
  const all = (c: CorpusIndex) => Object.fromEntries([...texts.keys()].sort().map((p) => [p, normaliseFindings(c.findings(p))]));
  assert.deepEqual(all(index), all(fresh), 'incremental index = index built from scratch');
}

/** Findings without ids that depend on insertion order, sorted. */
function normaliseFindings(fs: Finding[]): unknown[] {
  return fs
    .map((f) => ({
      code: f.code,
      severity: f.severity,
      start: f.start,
      end: f.end,
      related: f.related.map((r) => `${r.path}:${r.start}-${r.end}`).sort(),
    }))
    .sort((a, b) => a.start - b.start || a.code.localeCompare(b.code) || a.end - b.end);
}

export function corpusSteps(seeds: readonly { name: string; text: string }[]): fc.Arbitrary<CorpusStep[]> {
  const step: fc.Arbitrary<CorpusStep> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('update' as const), path: fc.nat({ max: 3 }), text: anyArticle(seeds) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), path: fc.nat({ max: 3 }) }) },
  );
  return fc.array(step, { minLength: 1, maxLength: 8 });
}

// ---- bad-input classes, sized for timing -------------------------------------------------------

const PARA =
  'Rescuers in Faro said at least 41 people died, according to the National Water Authority (NWA). “We are still searching,” Ana Ruiz, head of the port authority, told reporters.';

/** Repeats `unit` (cut at a character boundary) to about `bytes` UTF-16 units. */
function fill(unit: string, units: number): string {
  return unit.repeat(Math.max(1, Math.ceil(units / unit.length)));
}

/** Each bad-input class as a function of size (in UTF-16 code units, about bytes for ASCII). */
export const INPUT_CLASSES: { name: string; make: (n: number) => string }[] = [
  { name: 'article paragraphs (LF)', make: (n) => fill(`${PARA}\n\n`, n) },
  { name: 'example corpus concatenated', make: (n) => fill(seedArticles().filter((s) => s.name.startsWith('examples/')).map((s) => s.text).join('\n\n'), n) },
  { name: 'single line, no breaks', make: (n) => fill('The mayor of Faro, Ana Ruiz, said 12 homes were lost and “nothing is left” there; ', n) },
  { name: 'CRLF line ends', make: (n) => fill(`${PARA}\r\n\r\n`, n) },
  { name: 'lone CR line ends', make: (n) => fill(`${PARA}\r\r`, n) },
  { name: 'paragraphs without quotation marks', make: (n) => fill('Rescuers in Faro said at least 41 people died on Monday.\n\n', n) },
  { name: 'lower-case prose, no names or quotes', make: (n) => fill('rescuers said that many people died overnight.\n\n', n) },
  { name: 'whitespace only', make: (n) => fill(' \n\t \r\n', n) },
  { name: 'emoji before entities', make: (n) => fill(`🌊🌧️🙏🏽 ${PARA}\n\n`, n) },
  { name: 'Spanish', make: (n) => fill('Al menos 41 personas murieron el lunes en Valparaíso, según el gobernador Andrés Molina. «Vamos a reconstruir», dijo.\n\n', n) },
  { name: 'Russian', make: (n) => fill('По меньшей мере 41 человек погиб в понедельник в Вальпараисо, сообщил губернатор Андрес Молина.\n\n', n) },
  { name: 'Chinese', make: (n) => fill('周一，瓦尔帕莱索至少41人死亡，州长安德烈斯·莫利纳说。“我们将重建。”\n\n', n) },
  { name: 'unbalanced quotation marks', make: (n) => fill('“He said ”and “then "', n) },
  { name: 'straight quotes only', make: (n) => fill('"', n) },
  { name: 'deeply nested quotes', make: (n) => { const k = Math.ceil(n / 22); return `${'“a ‘b “c ‘d '.repeat(k)}${'’ ” ’ ”'.repeat(k)} she said.\n`; } },
  { name: 'one long number', make: (n) => `The toll was ${'9'.repeat(n)} people.\n` },
  { name: '"1,1,1,…" run', make: (n) => `Counts: ${'1,'.repeat(Math.ceil(n / 2))}1 dead.\n` },
  { name: 'numbers and hedges', make: (n) => fill('at least 41, about 3.5 million, up to 120 km, 9:59 p.m., 1,000 people, 12% ', n) },
  { name: 'capitalised words only', make: (n) => fill('Ana Ruiz National Water Authority Faro Portugal Monday ', n) },
  { name: 'invalid UTF-8 (U+FFFD)', make: (n) => fill(`Ana \ufffd\ufffd Ruiz said 41 \ufffd died in Faro.\n`, n) },
  { name: 'random printable', make: (n) => { let s = ''; let x = 12345; while (s.length < n) { x = (x * 1103515245 + 12345) & 0x7fffffff; s += String.fromCharCode(32 + (x % 95)); } return s; } },
];

// ---- a deterministic measure of scanning work --------------------------------------------------

/**
 * Counts the characters regular expressions scan while `fn` runs: for each exec (test, match,
 * replace, split and matchAll go through it), the distance from where the search starts to the
 * end of the match, or to the end of the string when nothing matches. An anchored pattern
 * (`^` without the m flag) that fails counts 1: it gives up at its first position. This does not
 * count backtracking, but it is what grows quadratically when a loop restarts a global search
 * for each sentence and the search runs past the sentence to the end of the text: the pattern
 * the timing table then shows as super-linear. Deterministic, so a test can assert on it.
 */
export function regexWork(fn: () => void): number {
  return measureRegexWork(fn, false).work;
}

/** `regexWork`, also naming the patterns (and the engine line calling them) that scanned most. */
export function regexWorkByPattern(fn: () => void): { work: number; top: { pattern: string; at: string; work: number }[] } {
  return measureRegexWork(fn, true);
}

function measureRegexWork(fn: () => void, attribute: boolean): { work: number; top: { pattern: string; at: string; work: number }[] } {
  const original = RegExp.prototype.exec;
  let work = 0;
  let busy = false;
  const by = new Map<string, { pattern: string; at: string; work: number }>();
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const str = String(input);
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const r = original.call(this, str);
    let w: number;
    if (r) w = r.index + r[0].length - from;
    else if (this.sticky || (this.source.startsWith('^') && !this.multiline)) w = 1;
    else w = Math.max(0, str.length - from);
    work += w;
    if (attribute && !busy) {
      busy = true; // the stack trace's own regexes are not counted
      const key = `/${this.source}/${this.flags}`;
      let e = by.get(key);
      if (!e) {
        // Where the pattern is first used (a stack trace per call would be too slow).
        const frame = (new Error().stack ?? '').split('\n').find((l) => /server[\\/]src/.test(l)) ?? '';
        const at = /([\w.-]+\.ts:\d+)/.exec(frame)?.[1] ?? '?';
        e = { pattern: key.length > 60 ? `${key.slice(0, 58)}…` : key, at, work: 0 };
        by.set(key, e);
      }
      e.work += w;
      busy = false;
    }
    return r;
  };
  try {
    fn();
  } finally {
    RegExp.prototype.exec = original;
  }
  return { work, top: [...by.values()].sort((a, b) => b.work - a.work).slice(0, 3) };
}
