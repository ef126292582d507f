// A worker thread of the analysis pool (pool.ts): analyses articles sent by the main thread and
// sends back what the cross-source index derives from them (prepareArticle), or the persistent
// cache's entry for it when that is asked for (job.ts). Pure computation: it reads no files and keeps nothing
// between messages.

import { parentPort } from 'node:worker_threads';
import { runJob } from './job';
import type { AnalysisRequest } from './protocol';

const port = parentPort;
if (port) {
  port.on('message', (req: AnalysisRequest) => {
    const res = runJob(req);
    // With the cache's entry, only the entry travels: the main thread decodes it as a warm start
    // does, at about what receiving the prepared article's object graph costs it, and this thread
    // does not copy that graph into the message (~6% of the workers' time in a cold scan).
    port.postMessage(res.entry !== undefined ? { id: res.id, entry: res.entry } : res);
  });
}
