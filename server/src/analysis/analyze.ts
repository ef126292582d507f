// One article in, plain records out: structure, entities, quotes, figures. Pure and synchronous;
// the CLI, the corpus index and the language server all call this.

import { extractEntities } from './entities';
import { extractFigures } from './figures';
import { extractQuotes } from './quotes';
import { parseStructure } from './structure';
import { stripBom } from './text';
import type { AnalyzeOptions, ArticleAnalysis } from './types';

/** Bumped whenever output for the same input can change (cache entries of other versions are ignored). */
export const ENGINE_VERSION = '0.1.2';

export function analyzeArticle(rawText: string, options: AnalyzeOptions = {}): ArticleAnalysis {
  const text = stripBom(rawText);
  const offset = rawText.length - text.length;
  const structure = parseStructure(text);
  const { entities, mentions } = extractEntities(text, structure, options);
  const quotes = extractQuotes(text, structure, mentions, entities);
  const ignore = new Set((options.ignore ?? []).map((s) => s.toLowerCase()));
  // A number inside a name ("Nova 3", "Boeing 737") is part of the name, not a figure.
  let mi = 0;
  const figures = extractFigures(text, structure, mentions, entities).filter((f) => {
    if (ignore.has(f.text.toLowerCase())) return false;
    while (mi < mentions.length && mentions[mi].end <= f.start) mi++;
    return !(mi < mentions.length && mentions[mi].start <= f.start && f.end <= mentions[mi].end);
  });
  const result: ArticleAnalysis = { structure, entities, mentions, quotes, figures };
  return offset ? shiftOffsets(result, offset) : result;
}

/** When the caller kept a BOM in the text, report offsets against that text. */
function shiftOffsets(a: ArticleAnalysis, d: number): ArticleAnalysis {
  // (Object.assign, not a spread: in Node 20's V8 each object a spread makes gets a hidden class of its own)
  const sh = <T extends { start: number; end: number }>(x: T): T => Object.assign({}, x, { start: x.start + d, end: x.end + d });
  return {
    structure: {
      paragraphs: a.structure.paragraphs.map(sh),
      sentences: a.structure.sentences.map(sh),
      excluded: a.structure.excluded.map(sh),
      headline: a.structure.headline && sh(a.structure.headline),
      dateline: a.structure.dateline && sh(a.structure.dateline),
    },
    entities: a.entities,
    mentions: a.mentions.map(sh),
    quotes: a.quotes.map((q) => Object.assign(sh(q), { inner: sh(q.inner), cue: q.cue && sh(q.cue) })),
    figures: a.figures.map(sh),
  };
}
