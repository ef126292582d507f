// Giving memory back once a large change has settled. Indexing and publishing a workspace leave
// behind hundreds of megabytes of garbage (every article's analysis, findings and messages), and
// V8 collects it only when the heap next reaches its limit, then keeps the pages: an idle server
// sat at twice the memory it used (10,000 articles: 810 MB resident, 353 MB of it live). After a
// change of many articles (a scan, a rescan, a setting that touches every article) settles and
// stays quiet for a moment, a few full collections return that memory (down to 542 MB there).
// Typing changes a story's few dozen articles at a time: it rarely adds up to a collection.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface CollectorOptions {
  /** Articles changed since the last collection that make one worth it. */
  afterChanged: number;
  /** Quiet time after the change settles before the first collection (ms). */
  delayMs: number;
  /**
   * Full collections, this far apart (ms): the first frees the garbage, and V8 hands the emptied
   * pages back to the system only in the ones after it (measured: one alone returned a third of
   * what three did). Each takes ~300 ms at 10,000 articles, so they are spread out.
   */
  rounds: number;
  spacingMs: number;
}

export const DEFAULT_COLLECTOR: CollectorOptions = { afterChanged: 1000, delayMs: 2000, rounds: 3, spacingMs: 500 };

/** V8's full collection, or null when it cannot be had. */
export function fullCollection(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

export class IdleCollector {
  private changedSince = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly collect: (() => void) | null,
    private readonly options: CollectorOptions = DEFAULT_COLLECTOR,
  ) {}

  /** Articles changed: the index is busy again, so collections not done yet wait for the next settle. */
  changed(n: number): void {
    this.changedSince += n;
    this.cancel();
  }

  /** The index settled: collect after a quiet moment, when enough changed since the last time. */
  settled(): void {
    if (!this.collect || this.changedSince < this.options.afterChanged || this.timer) return;
    this.round(this.options.rounds, this.options.delayMs);
  }

  private round(left: number, delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.changedSince = 0;
      this.collect!();
      if (left > 1) this.round(left - 1, this.options.spacingMs);
    }, delay);
    this.timer.unref?.();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
