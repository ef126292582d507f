// Data-driven engine tests: each test/fixtures/engine/NAME.txt is analysed and checked against
// NAME.expect.json — what must be found and what must not (format in test/fixtures/README.md).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeArticle } from '../server/src/analysis/analyze';
import { decodeArticle } from '../server/src/analysis/text';
import type { ArticleAnalysis, Figure } from '../server/src/analysis/types';

const DIR = join(__dirname, 'fixtures', 'engine');

interface Expect {
  entities?: { text: string; type?: string }[];
  notEntities?: string[];
  same?: [string, string][];
  different?: [string, string][];
  canonical?: { text: string; name: string }[];
  roles?: { text: string; role: string }[];
  quotes?: { contains: string; kind?: string; speaker?: string | null }[];
  notQuotes?: string[];
  figures?: (Partial<Figure> & { text: string })[];
  notFigures?: string[];
  headline?: string;
  furniture?: string[];
}

function load(name: string): { text: string; a: ArticleAnalysis; e: Expect } {
  const d = decodeArticle(readFileSync(join(DIR, `${name}.txt`)));
  assert.ok(d.ok, `${name}.txt decodes`);
  const text = d.text;
  return { text, a: analyzeArticle(text), e: JSON.parse(readFileSync(join(DIR, `${name}.expect.json`), 'utf8')) };
}

/**
 * Expectations the engine does not meet yet, by "fixture :: test title", with the reason. They
 * still run (as TODO, reported but not failing the suite) so that a fix shows up at once; each
 * names the gap. Remove an entry when it passes. (None now: the last, a town named like a person
 * of the same article, was fixed in the sixth session — fixtures entities-surname-place and
 * entities-surname-place-context.)
 */
const KNOWN_GAPS: Record<string, string> = {};

const names = readdirSync(DIR).filter((f) => f.endsWith('.expect.json')).map((f) => f.replace(/\.expect\.json$/, '')).sort();

for (const name of names) {
  describe(`engine fixture ${name}`, () => {
    const it = (title: string, fn: () => void) => {
      const gap = KNOWN_GAPS[`${name} :: ${title}`];
      return gap ? test(title, { todo: gap }, fn) : test(title, fn);
    };
    const { text, a, e } = load(name);
    const entityOf = (t: string) => {
      const m = a.mentions.find((x) => x.text === t);
      assert.ok(m, `a mention "${t}" exists (mentions: ${[...new Set(a.mentions.map((x) => x.text))].join(', ')})`);
      return a.entities.find((x) => x.key === m.entity)!;
    };
    const nameOf = (key: string | null) => (key ? a.entities.find((x) => x.key === key)?.name ?? null : null);

    for (const x of e.entities ?? []) it(`finds entity ${x.text}${x.type ? ` (${x.type})` : ''}`, () => {
      const ent = entityOf(x.text);
      if (x.type) assert.equal(ent.type, x.type, `type of ${x.text}`);
    });
    for (const t of e.notEntities ?? []) it(`does not report "${t}" as an entity`, () => {
      assert.ok(!a.mentions.some((m) => m.text === t), `"${t}" must not be a mention`);
    });
    for (const [x, y] of e.same ?? []) it(`"${x}" and "${y}" are one entity`, () => {
      assert.equal(entityOf(x).key, entityOf(y).key);
    });
    for (const [x, y] of e.different ?? []) it(`"${x}" and "${y}" are different entities`, () => {
      assert.notEqual(entityOf(x).key, entityOf(y).key);
    });
    for (const c of e.canonical ?? []) it(`"${c.text}" is known as ${c.name}`, () => {
      assert.equal(entityOf(c.text).name, c.name);
    });
    for (const r of e.roles ?? []) it(`${r.text} has role "${r.role}"`, () => {
      const roles = entityOf(r.text).roles;
      assert.ok(roles.some((x) => x.toLowerCase().includes(r.role.toLowerCase())), `roles: ${JSON.stringify(roles)}`);
    });
    for (const q of e.quotes ?? []) it(`quote “${q.contains.slice(0, 40)}”${q.kind ? ` is ${q.kind}` : ''}${q.speaker !== undefined ? ` by ${q.speaker}` : ''}`, () => {
      const found = a.quotes.find((x) => x.text.includes(q.contains));
      assert.ok(found, `a quote containing "${q.contains}" (quotes: ${a.quotes.map((x) => x.text.slice(0, 30)).join(' | ')})`);
      if (q.kind) assert.equal(found.kind, q.kind, `kind of “${q.contains}”`);
      if (q.speaker !== undefined) assert.equal(nameOf(found.speaker), q.speaker, `speaker of “${q.contains}”`);
    });
    for (const t of e.notQuotes ?? []) it(`no quote reads "${t}"`, () => {
      assert.ok(!a.quotes.some((q) => q.text.trim() === t.trim()));
    });
    for (const f of e.figures ?? []) it(`figure "${f.text}"`, () => {
      const found = a.figures.find((x) => x.text === f.text);
      assert.ok(found, `a figure "${f.text}" (figures: ${a.figures.map((x) => x.text).join(' | ')})`);
      for (const [k, v] of Object.entries(f)) {
        if (k === 'text') continue;
        const got: unknown = (found as unknown as Record<string, unknown>)[k];
        if (typeof v === 'number' && typeof got === 'number') assert.ok(Math.abs(got - v) <= 1e-6 * Math.max(1, Math.abs(v)), `${k}: ${got} ≠ ${v}`);
        else if (k === 'subject') assert.equal(nameOf(got as string | null), v, 'subject');
        else assert.deepEqual(got, v, `${k} of "${f.text}"`);
      }
    });
    for (const t of e.notFigures ?? []) it(`"${t}" is not a figure`, () => {
      assert.ok(!a.figures.some((f) => f.text === t), `figures: ${a.figures.map((x) => x.text).join(' | ')}`);
    });
    if (e.headline !== undefined) it('reads the headline', () => {
      assert.ok(a.structure.headline, 'a headline');
      assert.equal(text.slice(a.structure.headline.start, a.structure.headline.end).trim(), e.headline);
    });
    for (const f of e.furniture ?? []) it(`"${f}" is page furniture`, () => {
      assert.ok(a.structure.paragraphs.some((p) => p.kind === 'furniture' && text.slice(p.start, p.end).includes(f)));
    });
    it('mines nothing from furniture', () => {
      const furniture = a.structure.paragraphs.filter((p) => p.kind === 'furniture' || p.kind === 'meta');
      const inside = (s: { start: number; end: number }) => furniture.some((p) => s.start >= p.start && s.end <= p.end);
      assert.deepEqual([...a.mentions, ...a.quotes, ...a.figures].filter(inside).map((x) => x.text), []);
    });
    it('spans are exact and ordered', () => {
      for (const m of a.mentions) {
        assert.equal(text.slice(m.start, m.end).replace(/\s+/g, ' '), m.text);
        // no punctuation at either end, except the dot of an abbreviation ("U.S.", "Jr.", "Inc.")
        assert.ok(!/^[\s\p{P}]|[\s,.;:!?’'"”]$/u.test(m.text) || /(?:\p{Lu}|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St))\.$/u.test(m.text), `clean span "${m.text}"`);
      }
      for (const list of [a.mentions, a.quotes, a.figures]) {
        for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].start <= list[i].start, 'sorted');
        for (const x of list) assert.ok(x.start >= 0 && x.end <= text.length && x.start < x.end, 'inside the text');
      }
    });
  });
}
