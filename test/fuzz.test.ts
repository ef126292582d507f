// Property-based fuzzing, bounded for CI (fixed seeds, so a failure is reproducible; `npm run fuzz`
// runs the same properties longer, with new seeds, and prints the time-per-size table). Over random
// text and mutated fixture articles: the engine never throws, every range lies inside the text and
// lists are in order, the same input gives the same output; the corpus index, updated and removed
// in any order, keeps findings inside their articles and equal to an index built from scratch.
// Plus a deterministic linearity check: the regex scanning work per character must not grow
// with the size of the input (what a quadratic loop shows), for every bad-input class.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeArticle } from '../server/src/analysis/analyze';
import { analyseChecked, anyArticle, corpusSteps, INPUT_CLASSES, playCorpus, regexWork, regexWorkByPattern, seedArticles } from './fuzz-support';

const seeds = seedArticles();

describe('fuzz (bounded)', () => {
  it('the engine never throws, keeps ranges inside the text and in order, and is deterministic', () => {
    assert.ok(seeds.length >= 20, `seed articles: ${seeds.length}`);
    fc.assert(
      fc.property(anyArticle(seeds), (text) => {
        analyseChecked(text);
      }),
      { numRuns: 200, seed: 20260601 },
    );
  });

  it('every seed article with a BOM, CRLF, lone CR and an astral prefix keeps the invariants', () => {
    for (const { text } of seeds) {
      for (const t of ['\ufeff' + text, text.replace(/\r?\n/g, '\r\n'), text.replace(/\r?\n/g, '\r'), '👩🏽‍🚒𝕏 ' + text]) analyseChecked(t);
    }
  });

  it('the corpus index, updated and removed in any order, matches an index built from scratch', () => {
    fc.assert(
      fc.property(corpusSteps(seeds), (steps) => {
        playCorpus(steps);
      }),
      { numRuns: 40, seed: 20260602 },
    );
  });

  describe('scanning work grows linearly with the input (regex characters scanned, not time)', () => {
    for (const c of INPUT_CLASSES) {
      it(c.name, () => {
        const small = c.make(10_000);
        const large = c.make(40_000);
        const perChar = (t: string) => regexWork(() => analyzeArticle(t)) / t.length;
        const a = perChar(small);
        const b = perChar(large);
        // Linear work scans about as many characters per character at 4× the size; a loop that
        // restarts a search to the end of the text for each sentence scans 4× as many.
        if (b > a * 1.5 + 5) {
          const { top } = regexWorkByPattern(() => analyzeArticle(large));
          const where = top.map((t) => `  ${(t.work / large.length).toFixed(0)}/char ${t.pattern} at ${t.at}`).join('\n');
          assert.fail(`${c.name}: ${a.toFixed(1)} characters scanned per character at ${small.length}, ${b.toFixed(1)} at ${large.length}; most by\n${where}`);
        }
      });
    }
  });
});
