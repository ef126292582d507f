// A worker thread of the analysis pool (pool.ts): analyses articles sent by the main thread and
// sends back what the cross-source index derives from them (prepareArticle), with the persistent
// cache's entry for it when asked (job.ts). Pure computation: it reads no files and keeps nothing
// between messages.

import { parentPort } from 'node:worker_threads';
import { runJob } from './job';
import type { AnalysisRequest } from './protocol';

const port = parentPort;
if (port) port.on('message', (req: AnalysisRequest) => port.postMessage(runJob(req)));
