// The cross-source index over a workspace of many stories (bench/generate.ts): figures are compared
// within a story, never across stories, and the index's incremental bookkeeping — caches,
// story links, fan-out limits crossed as articles come and go, bulk loading — gives exactly what an
// index built from scratch gives, whatever the order of updates.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCorpus } from '../bench/generate';
import { analyzeArticle } from '../server/src/analysis/analyze';
import { CorpusIndex, MAX_ENTITY_FANOUT } from '../server/src/analysis/corpus';
import type { ArticleAnalysis } from '../server/src/analysis/types';

// More articles than MAX_ENTITY_FANOUT: the prime minister every article names crosses the limit.
const corpus = generateCorpus(MAX_ENTITY_FANOUT + 40, 11);
const articles = corpus.articles.map((a) => ({ path: a.name, text: a.text, analysis: analyzeArticle(a.text) }));
const story = (path: string) => path.split('/')[0];

function build(order: typeof articles, bulk: boolean): CorpusIndex {
  const c = new CorpusIndex();
  if (bulk) c.beginBulk();
  for (const a of order) c.update(a.path, a.text, a.analysis);
  if (bulk) c.endBulk();
  return c;
}

function everything(c: CorpusIndex): string {
  const out: unknown[] = [];
  for (const p of c.paths()) {
    const a = c.get(p)!.analysis;
    out.push(p, c.findings(p), c.summary(p));
    a.figures.forEach((_, i) => out.push(c.claimGroup(p, i)));
    a.quotes.forEach((_, i) => out.push(c.quoteGroup(p, i)));
  }
  return JSON.stringify(out);
}

describe('corpus index over many stories', () => {
  it('compares figures within a story and never across stories', () => {
    const c = build(articles, true);
    let within = 0;
    for (const p of c.paths()) {
      // (Quotes are matched by their words wherever they are: a stock phrase may recur across stories.)
      for (const f of c.findings(p).filter((x) => x.code === 'figure-conflict' || x.code === 'figure-hedge')) {
        for (const r of f.related) {
          assert.equal(story(r.path), story(p), `${f.code} in ${p} links to ${r.path}: ${f.message}`);
          if (f.code === 'figure-conflict') within++;
        }
      }
      c.get(p)!.analysis.figures.forEach((_, i) => {
        for (const m of c.claimGroup(p, i)?.members ?? []) assert.equal(story(m.path), story(p));
      });
    }
    assert.ok(within > 20, `conflicts found within stories: ${within}`);
  });

  it('gives the same results whatever the order of updates, in bulk or one by one', () => {
    const reference = everything(build(articles, true));
    assert.equal(everything(build([...articles].reverse(), false)), reference);
    const shuffled = [...articles].sort((a, b) => (a.text.length * 7919) % 101 - (b.text.length * 7919) % 101);
    assert.equal(everything(build(shuffled, false)), reference);
  });

  it('keeps its caches right through edits, removals and re-additions', () => {
    const c = build(articles, false);
    everything(c); // fill every cache
    const victims = articles.filter((_, i) => i % 9 === 0);
    for (const v of victims) c.remove(v.path);
    // An edit that changes a toll in one article of each story it touches.
    const edited = new Map<string, { text: string; analysis: ArticleAnalysis }>();
    for (const a of articles.filter((_, i) => i % 7 === 3)) {
      const text = a.text.replace(/\b(\d{2,3}) people were killed/, (_, n) => `${Number(n) + 17} people were killed`);
      const e = { text, analysis: analyzeArticle(text) };
      edited.set(a.path, e);
      c.update(a.path, e.text, e.analysis);
      everything(c);
    }
    // The removed articles come back as they were (an edit made while one was gone is undone).
    for (const v of victims) {
      c.update(v.path, v.text, v.analysis);
      edited.delete(v.path);
    }
    const fresh = build(articles.map((a) => (edited.has(a.path) ? { path: a.path, ...edited.get(a.path)! } : a)), true);
    assert.equal(everything(c), everything(fresh));
  });

  it('reports the articles an edit affects: its story’s articles that share a claim, not the workspace', () => {
    const c = build(articles, false);
    const a = articles.find((x) => /\b\d{2,3} people were killed/.test(x.text))!;
    const text = a.text.replace(/\b(\d{2,3}) people were killed/, (_, n) => `${Number(n) + 17} people were killed`);
    const affected = c.update(a.path, text, analyzeArticle(text));
    assert.ok(affected.size > 1, 'the other outlets of the story');
    assert.ok(affected.size < articles.length / 4, `${affected.size} of ${articles.length}`);
  });
});
