// Warming the engine on the server's own thread. The server analyses an open article on its own
// thread at every keystroke, but never before: a workspace's articles are analysed by the worker
// threads on a first scan, and read from the cache on later starts. So the first keystrokes after
// a start ran the engine's code before V8 had optimised it — in the benchmark's 23 KB article at
// 10,000 articles, the first edit took 150–300 ms and the next dozen 25–50 ms, against ~14 ms
// once warm. Once the first scan has settled (and the collections that follow a large change are
// over: a full collection undoes much of the warming, see startServer), the server runs a few of
// the workspace's own articles through what an edit runs — the engine, the index's update and
// findings — in a scratch index thrown away after (Indexer.warm), one per turn of the event loop,
// and stops as soon as anything else has work to do (typing then warms the code itself).
// How many: after 100 articles the long article's first edits still ran slow (in process, its
// first five analyses 13–17 ms against ~5 ms warm), after 400 they did not (~5 ms from the first).
// 400 articles of ~4 KB took ~0.5 s of an idle thread through the engine alone, about twice that
// with the index (in process); the time budget bounds it. Alternating bench runs at 10,000 articles,
// 400 against 100: edit p50 10.6/11.3/11.4 ms against 12.3/14.0/11.2, p95 22.5/25.3/32.4 against
// 36.2/30.3/26.2 — better in two runs of three.

export interface WarmupOptions {
  /** Articles analysed at most. */
  articles: number;
  /** Time spent at most (ms). */
  budgetMs: number;
  /** Longer articles (characters) are passed over: one would hold the thread (~0.3 s for 1 MB) for no more warmth. */
  maxChars: number;
}

export const DEFAULT_WARMUP: WarmupOptions = { articles: 400, budgetMs: 2000, maxChars: 50_000 };

/** Runs `fn` at a later turn of the event loop; returns what cancels it. */
export type Later = (fn: () => void) => () => void;

const nextTurn: Later = (fn) => {
  const i = setImmediate(fn);
  return () => clearImmediate(i);
};

export class EngineWarmer {
  private started = false;
  private cancelPending: (() => void) | null = null;

  /**
   * `analyse` analyses an article (by key) and throws the result away; `keys` lists the articles
   * to take from, `length` tells an article's length (characters); `busy` says that something
   * else has work to do (an edit, a scan, a read); `done` is called once when warming stops, for
   * whatever reason (what `analyse` kept meanwhile can go).
   */
  constructor(
    private readonly analyse: (key: string) => void,
    private readonly keys: () => Iterable<string>,
    private readonly length: (key: string) => number,
    private readonly busy: () => boolean,
    private readonly done: () => void = () => {},
    private readonly options: WarmupOptions = DEFAULT_WARMUP,
    private readonly now: () => number = () => performance.now(),
    private readonly later: Later = nextTurn,
  ) {}

  /** The index settled: the first time there are articles, warming starts. */
  settled(): void {
    if (this.started) return;
    const keys: string[] = [];
    for (const k of this.keys()) {
      if (keys.length >= this.options.articles) break;
      if (this.length(k) <= this.options.maxChars) keys.push(k);
    }
    if (!keys.length) return;
    this.started = true;
    const until = this.now() + this.options.budgetMs;
    let next = 0;
    const step = () => {
      this.cancelPending = null;
      if (next >= keys.length || this.busy() || this.now() > until) {
        this.done();
        return;
      }
      try {
        this.analyse(keys[next++]);
      } catch {
        // (warming only: an article the engine fails on is answered elsewhere, with a log line)
      }
      this.cancelPending = this.later(step);
    };
    this.cancelPending = this.later(step);
  }

  dispose(): void {
    if (this.cancelPending) this.done();
    this.cancelPending?.();
    this.cancelPending = null;
  }
}
