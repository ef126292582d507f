// A worker thread of the analysis pool (pool.ts): analyses articles sent by the main thread and
// sends back what the cross-source index derives from them (prepareArticle), with the persistent
// cache's entry for it when asked. Pure computation: it reads no files and keeps nothing between
// messages.

import { parentPort } from 'node:worker_threads';
import { analyzeArticle } from '../analysis/analyze';
import { prepareArticle } from '../analysis/corpus';
import { encodeEntry } from './cache';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

const port = parentPort;
if (port) {
  port.on('message', (req: AnalysisRequest) => {
    let res: AnalysisResponse;
    try {
      const prepared = prepareArticle(req.text, analyzeArticle(req.text, req.options));
      res = { id: req.id, prepared, entry: req.entry ? encodeEntry(prepared, req.text) : undefined };
    } catch (e) {
      res = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(res);
  });
}
