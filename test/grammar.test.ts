// The `news` TextMate grammar (syntaxes/news.tmLanguage.json) tokenised by the same engine VS Code
// uses (vscode-textmate + vscode-oniguruma), checked against test/fixtures/grammar/sample.news:
// each row names a piece of text on a line and a scope it must (or must not) carry.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url);
const grammarPath = new URL('syntaxes/news.tmLanguage.json', root);
const sample = readFileSync(new URL('test/fixtures/grammar/sample.news', root), 'utf8');

async function tokenize(text: string): Promise<{ line: string; tokens: { text: string; scopes: string[] }[] }[]> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath.pathname),
  });
  const grammar = await registry.loadGrammar('text.news');
  assert.ok(grammar, 'grammar loads');
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return { line, tokens: r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })) };
  });
}

/** Scopes of every token overlapping the first occurrence of `text` on line `n` (1-based). */
function scopesOf(lines: Awaited<ReturnType<typeof tokenize>>, n: number, text: string): string[][] {
  const { line, tokens } = lines[n - 1];
  const at = line.indexOf(text);
  assert.ok(at >= 0, `line ${n} contains ${JSON.stringify(text)}`);
  const out: string[][] = [];
  let pos = 0;
  for (const t of tokens) {
    const end = pos + t.text.length;
    if (end > at && pos < at + text.length) out.push(t.scopes);
    pos = end;
  }
  return out;
}

// [line, text, scope prefix it carries in every token, or `!scope` for one it must not carry]
const EXPECT: [number, string, string][] = [
  [1, 'Quake kills at least 41 in central Portugal', 'markup.heading.headline.news'],
  [2, 'KAUNAS', 'entity.name.section.dateline.news'],
  [2, 'Lithuania', 'entity.name.section.dateline.region.news'],
  [2, 'The toll', '!markup.heading'],
  [2, '48', 'constant.numeric.figure.news'],
  [2, 'Wednesday', 'constant.other.date.weekday.news'],
  [2, 'March 4, 2026', 'constant.other.date.news'],
  [3, 'LISBON', 'entity.name.section.dateline.news'],
  [3, '(Reuters)', 'comment.dateline.credit.news'],
  [3, 'About', 'keyword.other.hedge.news'],
  [3, 'About 19 km', 'constant.numeric.figure.news'],
  [3, 'km', 'keyword.other.unit.news'],
  [3, '9:59 p.m.', 'constant.other.time.news'],
  [4, 'People kept calling', 'string.quoted.double.news'],
  [4, 'Is my mother alive?', 'string.quoted.single.nested.news'],
  [4, 'and we had no answer', 'string.quoted.double.news'],
  [4, 'and we had no answer', '!string.quoted.single'],
  [4, 'she said', '!string.quoted'],
  [5, "We don't expect", 'string.quoted.double.straight.news'],
  [5, "don't", '!string.quoted.single'],
  [5, 'Serrano said', '!string.quoted'],
  [5, "agency's", '!string.quoted'],
  [5, '310,000', 'constant.numeric.figure.news'],
  [6, '$2.5 million', 'constant.numeric.figure.money.news'],
  [6, 'over', 'keyword.other.hedge.news'],
  [6, 'over 100 million euros', 'constant.numeric.figure.news'],
  [6, '6%', 'constant.numeric.figure.percentage.news'],
  [6, 'more than a dozen', 'constant.numeric.figure.words.news'],
  [6, 'Damage may exceed', '!constant'],
  [7, 'Update', '!entity.name.section.dateline'],
  [7, '2026-03-04 09:20 CET', 'constant.other.date.iso.news'],
  [7, 'people’s homes were', '!string.quoted'],
  [7, 'a matter of months', 'string.quoted.double.news'],
  [8, 'In May 4', '!string'],
  [8, 'May 4', 'constant.other.date.news'],
  [8, 'may revise', '!constant'],
  [8, 'some 120', 'constant.numeric.figure.news'],
  [8, '3 March', 'constant.other.date.news'],
];

test('news grammar: headline, dateline, quotations, figures and dates', async () => {
  const lines = await tokenize(sample);
  const failures: string[] = [];
  for (const [n, text, scope] of EXPECT) {
    const negative = scope.startsWith('!');
    const want = negative ? scope.slice(1) : scope;
    const scopes = scopesOf(lines, n, text);
    const has = scopes.map((s) => s.some((x) => x.startsWith(want)));
    const ok = negative ? has.every((h) => !h) : has.length > 0 && has.every(Boolean);
    if (!ok) failures.push(`line ${n} ${JSON.stringify(text)} ${negative ? 'must not carry' : 'must carry'} ${want}; got ${JSON.stringify(scopes.map((s) => s.slice(1)))}`);
  }
  assert.deepEqual(failures, []);
});

test('news grammar: an unclosed quotation ends at the next paragraph that opens one', async () => {
  const lines = await tokenize('Headline\n“First paragraph of a long quote,\n“and the second one.”\nAfter it, plain text.');
  assert.ok(scopesOf(lines, 2, 'First paragraph').every((s) => s.includes('string.quoted.double.news')));
  assert.ok(scopesOf(lines, 3, 'and the second one.').every((s) => s.includes('string.quoted.double.news')));
  assert.ok(scopesOf(lines, 4, 'After it').every((s) => !s.some((x) => x.startsWith('string'))));
});
