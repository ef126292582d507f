// One analysis job, as a worker thread runs it (worker.ts) and as the pool runs it on the main
// thread when there are no workers (pool.ts): the same function, so both give the same answer.

import { analyzeArticle } from '../analysis/analyze';
import { prepareArticle } from '../analysis/corpus';
import { encodeEntry } from './cache';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

/** What the index keeps of the article, and the cache's entry for it when asked. Never throws. */
export function runJob(req: AnalysisRequest): AnalysisResponse {
  try {
    const prepared = prepareArticle(req.text, analyzeArticle(req.text, req.options));
    return { id: req.id, prepared, entry: req.entry ? encodeEntry(prepared, req.text) : undefined };
  } catch (e) {
    return { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
