// A worker thread of the analysis pool (pool.ts): analyses articles sent by the main thread and
// sends back the records in their compact encoding (codec.ts) and what the cross-source index
// derives from them (prepareArticle). Pure computation: it reads no files and keeps nothing
// between messages.

import { parentPort } from 'node:worker_threads';
import { analyzeArticle } from '../analysis/analyze';
import { prepareArticle } from '../analysis/corpus';
import { encodeAnalysis } from './codec';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

const port = parentPort;
if (port) {
  port.on('message', (req: AnalysisRequest) => {
    let res: AnalysisResponse;
    try {
      const analysis = analyzeArticle(req.text, req.options);
      const prepared = prepareArticle(req.text, analysis);
      res = { id: req.id, encoded: encodeAnalysis(analysis, req.text), prepared };
    } catch (e) {
      res = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(res);
  });
}
