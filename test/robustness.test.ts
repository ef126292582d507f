// Bad input, each a test: the engine and the corpus index return a clear result (annotated, or
// skipped with a reason) and never throw; every range stays inside the text and in order.
// Timing is measured by `npm run fuzz` and the benchmark, not here.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeArticle } from '../server/src/analysis/analyze';
import { CorpusIndex } from '../server/src/analysis/corpus';
import { decodeArticle, LineIndex } from '../server/src/analysis/text';
import type { ArticleAnalysis } from '../server/src/analysis/types';

function checkRanges(text: string, a: ArticleAnalysis): void {
  for (const list of [a.mentions, a.quotes, a.figures, a.structure.paragraphs, a.structure.sentences]) {
    let prev = -1;
    for (const x of list) {
      assert.ok(x.start >= 0 && x.end <= text.length && x.start <= x.end, `range ${x.start}-${x.end} inside ${text.length}`);
      assert.ok(x.start >= prev, 'ordered');
      prev = x.start;
    }
  }
}

const analyse = (text: string) => {
  const a = analyzeArticle(text);
  checkRanges(text, a);
  return a;
};

const STORY = 'Storm Hits Coast\n\nAt least 41 people died in Faro on Monday, Governor Ana Ruiz said. “We will rebuild,” she said.\n';

describe('bad input', () => {
  it('finds a name in a headline whose words stand two spaces apart, where they stand', () => {
    // (pasted headlines keep double spaces; the headline's words were placed one space apart)
    for (const gap of [' ', '  ']) {
      const text = `Ferry praised by Tarnholm${gap}Tribune staff\n\nThe Tarnholm Tribune said on Monday that the ferry to Skelby ran on time all winter.\n`;
      const headline = analyzeArticle(text).mentions.filter((m) => m.start < text.indexOf('\n'));
      assert.equal(headline.length, 1, `gap ${JSON.stringify(gap)}: ${JSON.stringify(headline)}`);
      assert.equal(text.slice(headline[0].start, headline[0].end), `Tarnholm${gap}Tribune`);
      assert.equal(headline[0].text, 'Tarnholm Tribune');
    }
  });

  it('empty and whitespace-only articles give empty results', () => {
    for (const t of ['', ' ', '\n\n\n', '\t \r\n \r']) {
      const a = analyse(t);
      assert.equal(a.mentions.length + a.quotes.length + a.figures.length, 0);
    }
  });

  it('a 10 MB article is analysed', () => {
    const para = 'Rescuers in Faro said at least 41 people died, according to the National Water Authority (NWA). “We are still searching,” Ana Ruiz, head of the port authority, told reporters.\n';
    const t = para.repeat(Math.ceil(10_000_000 / para.length));
    const a = analyse(t);
    assert.ok(a.mentions.length > 10000 && a.quotes.length > 10000 && a.figures.length > 10000);
  });

  it('a 1 MB single line is analysed', () => {
    const t = 'The mayor of Faro, Ana Ruiz, said 12 homes were lost and “nothing is left” there; '.repeat(12500);
    assert.ok(!t.includes('\n'));
    const a = analyse(t);
    assert.ok(a.mentions.some((m) => m.text === 'Ana Ruiz'));
  });

  it('a binary file named .txt is skipped with a reason', () => {
    const r = decodeArticle(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /binary/);
  });

  it('invalid UTF-8 is read with replacement characters and a warning, losing nothing else', () => {
    const bytes = Buffer.concat([Buffer.from('Ana Ruiz said 41 died in Faro. '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' The end.')]);
    const r = decodeArticle(bytes);
    assert.ok(r.ok && r.warning);
    assert.ok(r.ok && r.text.includes('\ufffd') && r.text.endsWith('The end.'));
    if (r.ok) analyse(r.text);
    // The next file decodes cleanly: a failed strict decode leaves nothing behind for it.
    const clean = decodeArticle(Buffer.from('Ana Ruiz said 41 died in Faro.'));
    assert.deepEqual(clean, { ok: true, text: 'Ana Ruiz said 41 died in Faro.', encoding: 'utf-8' });
    // Binary means a NUL byte in the first 64 KiB; one beyond that is read as text.
    assert.equal(decodeArticle(Buffer.concat([Buffer.alloc(65535, 0x61), Buffer.from([0])])).ok, false);
    assert.equal(decodeArticle(Buffer.concat([Buffer.alloc(65536, 0x61), Buffer.from([0])])).ok, true);
  });

  it('UTF-16 LE and BE with BOM, and UTF-8 with BOM, decode to the same text', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(STORY, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    be[0] = 0xfe; be[1] = 0xff;
    const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(STORY)]);
    for (const b of [le, be, u8]) {
      const r = decodeArticle(b);
      assert.ok(r.ok);
      assert.equal(r.ok && r.text, STORY);
    }
  });

  it('CRLF and lone CR line endings keep exact positions', () => {
    for (const eol of ['\r\n', '\r']) {
      const t = STORY.replace(/\n/g, eol);
      const a = analyse(t);
      const li = new LineIndex(t);
      const m = a.mentions.find((x) => x.text === 'Faro')!;
      assert.ok(m, 'Faro found');
      assert.equal(li.positionAt(m.start).line, 2);
      assert.equal(t.slice(li.offsetAt(li.positionAt(m.start)), m.end), 'Faro');
    }
  });

  it('emoji and other astral characters before entities keep UTF-16 positions exact', () => {
    const t = '🌊🌊 Storm 𝕏 update\n\n🌧️ At least 41 people died in Faro, Governor Ana Ruiz said. 🙏🏽 “We will rebuild,” she said.\n';
    const a = analyse(t);
    for (const m of a.mentions) assert.equal(t.slice(m.start, m.end), m.text);
    const ruiz = a.mentions.find((m) => m.text === 'Ana Ruiz')!;
    assert.equal(new LineIndex(t).positionAt(ruiz.start).character, t.split('\n')[2].indexOf('Ana Ruiz'));
    assert.ok(a.figures.some((f) => t.slice(f.start, f.end) === f.text && /41/.test(f.text)));
  });

  it('Spanish, Russian and Chinese articles produce no English nonsense entities', () => {
    const es = 'Terremoto en Chile\n\nAl menos 41 personas murieron el lunes en Valparaíso, según el gobernador Andrés Molina. «Vamos a reconstruir», dijo.\n';
    const ru = 'Землетрясение в Чили\n\nПо меньшей мере 41 человек погиб в понедельник в Вальпараисо, сообщил губернатор Андрес Молина.\n';
    const zh = '智利地震\n\n周一，瓦尔帕莱索至少41人死亡，州长安德烈斯·莫利纳说。“我们将重建。”\n';
    const a = analyse(es);
    for (const m of a.mentions) assert.match(m.text, /^(?:Valparaíso|Andrés Molina|Chile|Molina|Terremoto en Chile)$/, `unexpected "${m.text}"`);
    for (const t of [ru, zh]) {
      const b = analyse(t);
      for (const m of b.mentions) assert.ok(!/^[A-Za-z]/.test(m.text), `no Latin-script entity in a non-Latin article: ${m.text}`);
    }
  });

  it('an article naming more people than the engine\'s memos hold types its names as a short one does', () => {
    // A product named like a person: its context says product at each mention, its shape says person
    // once per form. 52,000 other names fill the memo of shape votes, which then starts over, before
    // the article's mentions are weighed: a name's type must not depend on what the memo still holds.
    const product = [
      'Users of the messaging app Sofia Lindqvar reported outages on Monday.',
      'The company behind the messaging app Sofia Lindqvar said a fix was coming.',
      'Many switched from the messaging app Sofia Lindqvar to rivals.',
      'Analysts said the messaging app Sofia Lindqvar had grown fast.',
    ].join('\n\n');
    const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'ul', 'ber', 'sin', 'dra'];
    const surname = (n: number) => {
      let w = '';
      for (; n; n = Math.floor(n / 10)) w += syllables[n % 10];
      return w[0].toUpperCase() + w.slice(1);
    };
    const roll = Array.from({ length: 52_000 }, (_, i) => `Osk ${surname(i + 100)} spoke.`).join(' ');
    const typeOf = (text: string) => analyse(text).entities.find((e) => e.name === 'Sofia Lindqvar')?.type;
    assert.equal(typeOf(product), 'product');
    assert.equal(typeOf(`${product}\n\n${roll}\n`), 'product');
  });

  it('10,000 unbalanced quotation marks', () => {
    const t = `${'“He said ”and “then '.repeat(5000)}\n${'"'.repeat(10000)}\n`;
    analyse(t);
  });

  it('a 100,000-digit number and a "1,1,1,…" run', () => {
    const a = analyse(`The toll was ${'9'.repeat(100000)} people.\n`);
    for (const f of a.figures) assert.ok(f.value === null || Number.isFinite(f.value));
    const b = analyse(`Counts: ${'1,'.repeat(100000)}1 dead.\n`);
    for (const f of b.figures) assert.ok(f.value === null || Number.isFinite(f.value));
  });

  it('deeply nested quotes', () => {
    const t = `${'“a ‘b “c ‘d '.repeat(2000)}${'’ ” ’ ”'.repeat(2000)} she said.\n`;
    analyse(t);
  });

  it('the corpus index survives the same inputs and removes them cleanly', () => {
    const c = new CorpusIndex();
    const inputs = ['', '\r\r\r', STORY, '"'.repeat(5000), `${'1,'.repeat(20000)}1`, '🌊'.repeat(1000)];
    inputs.forEach((t, i) => c.update(`f${i}.txt`, t));
    for (const p of c.paths()) c.findings(p);
    inputs.forEach((_, i) => c.remove(`f${i}.txt`));
    assert.deepEqual(c.paths(), []);
  });
});
