// Hover, in process, over a story many outlets carry: its lists stop at twelve rows and say how
// many more there are, and only the rows shown are worked out (each links a line of another
// article, whose line index is built for it) — a name, a quote or a claim in hundreds of articles
// must not cost hundreds of line indexes per hover.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { CorpusIndex } from '../../server/src/analysis/corpus';
import type { FeatureContext } from '../../server/src/lsp/context';
import { Converter } from '../../server/src/lsp/convert';
import { hover } from '../../server/src/lsp/hover';
import { featureContext } from './context';

const OUTLETS = 20;

/** One invented wire story as outlet `n` ran it: the same person, quotation and figure in each. */
function report(n: number): string {
  return [
    `Storm floods Marlow harbour (edition ${n})`,
    '',
    `MARLOW — At least 41 people died on Sunday when a storm flooded the harbour, the coastguard said in its bulletin number ${n}.`,
    '',
    '“We will rebuild every pier in this town, and we will do it together,” said harbour master Tomas Berg.',
    '',
    `Berg said the clean-up would start on Monday. Reporting by desk ${n}.`,
    '',
  ].join('\n');
}

function setUp() {
  const corpus = new CorpusIndex();
  for (let n = 0; n < OUTLETS; n++) corpus.update(`file:///ws/outlet-${n}.txt`, report(n));
  const converter = new Converter((p) => corpus.get(p)?.text, (k) => k);
  // Which articles a hover asked line positions in.
  const asked = new Set<string>();
  const range = converter.range.bind(converter);
  converter.range = (path, span) => {
    asked.add(path);
    return range(path, span);
  };
  const ctx = featureContext(corpus, converter);
  return { ctx, asked };
}

function hoverAt(ctx: FeatureContext, asked: Set<string>, needle: string): { value: string; articles: number } {
  const uri = 'file:///ws/outlet-0.txt';
  const text = ctx.corpus.get(uri)!.text;
  const at = text.indexOf(needle) + 1;
  const lines = text.slice(0, at).split('\n');
  asked.clear();
  const h = hover(ctx, { textDocument: { uri }, position: { line: lines.length - 1, character: lines.at(-1)!.length } });
  assert.ok(h, `a hover at “${needle}”`);
  return { value: (h.contents as MarkupContent).value, articles: asked.size };
}

/** The list rows of a hover's Markdown. */
const rowsOf = (value: string) => value.split('\n').filter((l) => l.startsWith('- '));

describe('hover over a story many outlets carry', () => {
  const { ctx, asked } = setUp();

  for (const [what, needle, heading] of [
    ['a person', 'Tomas Berg', `Sources (${OUTLETS})`],
    ['a quotation', 'rebuild every pier', `Also carried by ${OUTLETS - 1} other versions`],
    ['a figure', 'At least 41', 'in other reports'],
  ] as const) {
    it(`lists twelve rows of ${what}'s other sources and how many more, working out only those`, () => {
      const { value, articles } = hoverAt(ctx, asked, needle);
      assert.ok(value.includes(heading), value);
      const rows = rowsOf(value);
      assert.equal(rows.length, 13, value);
      assert.match(rows[12], /^- … and \d+ more$/);
      const shown = 12;
      const listed = Number(/and (\d+) more/.exec(rows[12])![1]) + shown;
      assert.ok(listed >= OUTLETS - 1, `${listed} listed in all`);
      // The rows shown, and the article hovered (its own range): nothing for the rows not shown.
      assert.ok(articles <= shown + 1, `line positions asked in ${articles} articles`);
    });
  }
});
