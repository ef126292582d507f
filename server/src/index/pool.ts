// A pool of worker threads that analyse articles (worker.ts), so a workspace scan uses every core:
// one worker per core but one, as the main thread merges results into the cross-source index and
// answers requests.
// Workers start on demand and stop after a quiet spell; urgent jobs (a failed worker's, run again)
// go before queued ones, after those already handed to a worker; queued jobs can be cancelled (a
// superseded scan). (Open documents are analysed on the main thread, not here: see the indexer.) Without a worker script (a test running
// from sources) or after workers keep failing, jobs run on the main thread, one per turn of the
// event loop.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PreparedArticle } from '../analysis/corpus';
import type { AnalyzeOptions } from '../analysis/types';
import { decodeEntry } from './cache';
import { runJob } from './job';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

export interface AnalysisResult {
  /** What the cross-source index derives from the analysis (all it keeps of a closed article). */
  prepared: PreparedArticle;
  /** The persistent cache's entry for it (cache.ts encodeEntry), when asked for. */
  entry: string | undefined;
}

export interface PoolOptions {
  /** Worker threads (default: one fewer than os.availableParallelism(), at least one: see defaultPoolSize). */
  size?: number;
  /**
   * Characters of text a worker is handed at once, in jobs sent ahead of its answers (at least one
   * job; default IN_FLIGHT_CHARS). Jobs handed over run in order: `urgent` and `cancel` reach only
   * those not handed over yet.
   */
  inFlightChars?: number;
  /** The worker bundle (default: worker.js beside this bundle; null: analyse on the main thread). */
  workerScript?: string | null;
  /** Idle workers stop after this long (ms). */
  idleMs?: number;
  log?: (message: string) => void;
}

/** Rejection reason of a cancelled job. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

interface Job {
  id: number;
  text: string;
  options: AnalyzeOptions;
  entry: boolean;
  tag: unknown;
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  running: Map<number, Job & { retried?: boolean }>;
  /** The length of the texts of the jobs it holds. */
  chars: number;
  /** It has answered at least once (a worker that dies before that has a broken script, not a bad job). */
  answered: boolean;
}

/**
 * Text a worker is handed ahead of its answers (~80 ms of analysis, ~60 articles of the benchmark's
 * size), so that it does not idle while the main thread is busy: a collection there takes ~13 ms
 * during a scan, and each answer is merged into the index on that thread. Holding two jobs, one
 * running and one waiting (as before), a single worker indexing 10,000 articles cold waited 2.9 s
 * for work (timed in the worker); holding 8, 16 or 32 jobs, 0.85, 0.49 and 0.32 s; handed this
 * much text, 0.25 and 0.39 s in two runs.
 */
const IN_FLIGHT_CHARS = 256 * 1024;
/** More workers start while more jobs than this per running worker are pending (queued or handed over). */
const SPAWN_AFTER = 2;
/**
 * A worker's young generation, in MB (V8 picks 48 MB here: 16 MB semi-spaces, 32 MB of them
 * held). An analysis's garbage dies young whatever the size; a small young generation trades CPU
 * for memory. A cold scan of 10,000 articles through the server, four alternating pairs of runs:
 * peak RSS 704–711 MB against 747–768 MB, the scan's CPU time 30.2–30.8 s against 28.5–36.1 s,
 * indexed in 17.3–18.1 s against 16.0–20.2 s. Counted per thread later (a PerformanceObserver of
 * GC in each worker): ~1,100 scavenges taking 2.0 s in each worker against 0.75 s with V8's
 * size, for a peak of 633 MB against 697 MB — kept for the memory target.
 */
const WORKER_YOUNG_GENERATION_MB = 6;
/** After this many worker failures the pool analyses on the main thread. */
const MAX_FAILURES = 3;

/**
 * Worker threads by default: one per core but one, which the main thread keeps busy during a scan
 * (reading files, merging the workers' answers into the index, writing the cache: ~8 s of CPU for
 * 10,000 articles). With a worker per core on these 2-core machines, three threads and V8's helper
 * threads contended for two cores. A cold scan through the server, one worker (handed the text
 * above) against two (each handed two jobs), two alternating pairs: 10,000 articles indexed in
 * 18.6 / 16.3 s against 20.6 / 18.2 s, with 29.5 / 26.6 s of CPU against 38.1 / 32.5 s, peaking at
 * 503 / 510 MB against 619 / 596 MB; 1,000 articles in 3.4 / 4.1 s against 4.8 / 4.4 s, 205 / 209 MB
 * against 256 / 253 MB.
 */
function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function defaultWorkerScript(): string | null {
  const script = path.join(__dirname, 'worker.js');
  return existsSync(script) ? script : null;
}

export class AnalysisPool {
  readonly size: number;
  private readonly inFlightChars: number;
  private readonly script: string | null;
  private readonly idleMs: number;
  private readonly log: (m: string) => void;
  private readonly slots: Slot[] = [];
  private readonly urgent: Job[] = [];
  private readonly queue: Job[] = [];
  private queueHead = 0;
  private nextId = 1;
  private failures = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private inlineScheduled = false;
  private disposed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.inFlightChars = options.inFlightChars ?? IN_FLIGHT_CHARS;
    this.script = options.workerScript === undefined ? defaultWorkerScript() : options.workerScript;
    this.idleMs = options.idleMs ?? 10_000;
    this.log = options.log ?? (() => {});
  }

  /** Whether jobs run in worker threads (false: on the main thread). */
  get threaded(): boolean {
    return this.script !== null && this.failures < MAX_FAILURES;
  }

  /** Jobs queued or running. */
  get pending(): number {
    let n = this.urgent.length + this.queue.length - this.queueHead;
    for (const s of this.slots) n += s.running.size;
    return n;
  }

  /**
   * Analyses a text. `urgent` jobs go before queued ones (not before those handed to a worker
   * already: see inFlightChars); `tag` lets `cancel` pick jobs (e.g. a scan's generation).
   */
  analyse(text: string, options: AnalyzeOptions, opts: { entry?: boolean; urgent?: boolean; tag?: unknown } = {}): Promise<AnalysisResult> {
    if (this.disposed) return Promise.reject(new CancelledError());
    return new Promise<AnalysisResult>((resolve, reject) => {
      const job: Job = { id: this.nextId++, text, options, entry: !!opts.entry, tag: opts.tag, resolve, reject };
      (opts.urgent ? this.urgent : this.queue).push(job);
      this.pump();
    });
  }

  /** Rejects queued (not yet running) jobs, those `which` picks or all, with CancelledError. */
  cancel(which: (tag: unknown) => boolean = () => true): number {
    let n = 0;
    const keep = (jobs: Job[], from: number): Job[] => {
      const kept: Job[] = [];
      for (let i = from; i < jobs.length; i++) {
        const j = jobs[i];
        if (which(j.tag)) {
          n++;
          j.reject(new CancelledError());
        } else kept.push(j);
      }
      return kept;
    };
    const urgent = keep(this.urgent, 0);
    const queued = keep(this.queue, this.queueHead);
    this.urgent.length = 0;
    this.urgent.push(...urgent);
    this.queue.length = 0;
    this.queue.push(...queued);
    this.queueHead = 0;
    return n;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const s of this.slots.splice(0)) {
      for (const j of s.running.values()) j.reject(new CancelledError());
      void s.worker.terminate();
    }
  }

  /** The job `next` would take, left in place. */
  private peek(): Job | undefined {
    if (this.urgent.length) return this.urgent[0];
    return this.queueHead < this.queue.length ? this.queue[this.queueHead] : undefined;
  }

  private next(): Job | undefined {
    if (this.urgent.length) return this.urgent.shift();
    if (this.queueHead < this.queue.length) {
      const j = this.queue[this.queueHead++];
      if (this.queueHead === this.queue.length) {
        // (drained: a job taken stays in the array until it is cut, and with it its article's text)
        this.queue.length = 0;
        this.queueHead = 0;
      } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      return j;
    }
    return undefined;
  }

  private pump(): void {
    if (this.disposed) return;
    if (!this.threaded) {
      this.scheduleInline();
      return;
    }
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    while (this.slots.length < this.size && this.pending > this.slots.length * SPAWN_AFTER) {
      const slot = this.spawn();
      if (!slot) {
        this.scheduleInline();
        return;
      }
    }
    // (each job to the worker holding the least text, while one has room: the work is spread evenly)
    for (let job = this.peek(); job; job = this.peek()) {
      let slot: Slot | undefined;
      for (const s of this.slots) if (!slot || s.chars < slot.chars) slot = s;
      if (!slot || (slot.running.size > 0 && slot.chars + job.text.length > this.inFlightChars)) break;
      this.next();
      slot.running.set(job.id, job);
      slot.chars += job.text.length;
      slot.worker.ref();
      const req: AnalysisRequest = { id: job.id, text: job.text, options: job.options, entry: job.entry };
      slot.worker.postMessage(req);
    }
    if (this.pending === 0) this.scheduleIdle();
  }

  private spawn(): Slot | null {
    let worker: Worker;
    try {
      worker = new Worker(this.script!, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    } catch (e) {
      this.fail(`could not start an analysis worker: ${String(e)}`);
      return null;
    }
    worker.unref();
    const slot: Slot = { worker, running: new Map(), chars: 0, answered: false };
    worker.on('message', (res: AnalysisResponse) => {
      slot.answered = true;
      const job = slot.running.get(res.id);
      if (!job) return;
      slot.running.delete(res.id);
      slot.chars -= job.text.length;
      // A worker with nothing to do does not keep the process alive.
      if (slot.running.size === 0) slot.worker.unref();
      this.settle(job, res);
      this.pump();
    });
    const gone = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      if (this.disposed) return;
      // Jobs it held run again (elsewhere, or on the main thread once workers keep failing); a job
      // that brings down a working worker twice is given up.
      this.fail(`analysis worker stopped: ${why}`);
      for (const job of slot.running.values()) {
        if (job.retried && this.threaded) job.reject(new Error(`analysis worker failed: ${why}`));
        else {
          if (slot.answered) job.retried = true;
          this.urgent.push(job);
        }
      }
      slot.running.clear();
      slot.chars = 0;
      this.pump();
    };
    worker.on('error', (e) => gone(String(e)));
    worker.on('exit', (code) => gone(`exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private settle(job: Job, res: AnalysisResponse): void {
    if (res.error !== undefined) job.reject(new Error(res.error));
    else if (res.prepared !== undefined) job.resolve({ prepared: res.prepared, entry: res.entry });
    else {
      try {
        job.resolve({ prepared: decodeEntry(res.entry, job.text), entry: res.entry });
      } catch (e) {
        job.reject(new Error(`the worker's cache entry did not decode: ${e instanceof Error ? e.message : String(e)}`));
      }
    }
  }

  private fail(message: string): void {
    this.failures++;
    this.log(this.threaded ? message : `${message}; analysing on the main thread from now on`);
  }

  private scheduleIdle(): void {
    if (this.idleTimer || this.slots.length === 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending > 0) return;
      for (const s of this.slots.splice(0)) {
        s.worker.removeAllListeners('exit');
        void s.worker.terminate();
      }
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** Main-thread fallback: one job per macrotask, so requests and edits are served in between. */
  private scheduleInline(): void {
    if (this.inlineScheduled) return;
    this.inlineScheduled = true;
    setImmediate(() => {
      this.inlineScheduled = false;
      if (this.disposed) return;
      const job = this.next();
      if (!job) return;
      this.settle(job, runJob({ id: job.id, text: job.text, options: job.options, entry: job.entry }));
      this.scheduleInline();
    });
  }
}
