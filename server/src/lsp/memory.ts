// Giving memory back once a large change has settled. Indexing and publishing a workspace leave
// behind hundreds of megabytes of garbage (every article's analysis, findings and messages), and
// V8 collects it only when the heap next reaches its limit, then keeps the pages: an idle server
// sat at twice the memory it used (10,000 articles: 810 MB resident, 353 MB of it live). After a
// change of many articles (a scan, a rescan, a setting that touches every article) settles and
// stays quiet for a moment, the index's memos are released and a few full collections return that
// memory (down to 466–501 MB there).
// Typing changes a story's few dozen articles at a time and leaves its garbage to the young
// generation: it never brings a collection, which would hold up a hover after a pause.
// While the work goes on, the heap is kept from growing far past what is live (limitHeapGrowth).

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface CollectorOptions {
  /** Articles a settled change must have touched to be worth a collection. */
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

/**
 * How far V8 lets the heap grow past what its last full collection found live, in percent.
 * Left to itself, V8 picks a factor of up to 4 for a fast-allocating program, and a scan or a
 * warm start allocates fast: garbage piled up to the limit, and publishing every article's
 * diagnostics peaked far above what was live. Measured at 10,000 articles (alternating runs):
 *  - warm start, peak RSS 514–549 MB with 15% against 675–705 MB with V8's choice, ready as soon;
 *  - cold scan, peak RSS 795–803 MB against 989–1,139 MB, the scan ~10–15% slower (more full
 *    collections of a growing index: 21 instead of 3);
 *  - typing in a 23 KB article, edit p95 16.6–20.2 ms against 22.4–26.4 ms.
 * (20 and 30 gave peaks between the two, no faster; 10 was no lower.)
 */
export const HEAP_GROWING_PERCENT = 15;

/** Applies HEAP_GROWING_PERCENT to this process (every thread: V8's flags are per process); false when V8 refuses. */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): boolean {
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
    return true;
  } catch {
    return false;
  }
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
  private timer: NodeJS.Timeout | null = null;
  /** What runs after the last collection of the series under way (see settled). */
  private then: (() => void) | null = null;

  /**
   * `release` drops what is only kept to answer faster (the index's memos), once, before the first
   * collection.
   */
  constructor(
    private readonly collect: (() => void) | null,
    private readonly options: CollectorOptions = DEFAULT_COLLECTOR,
    private readonly release: () => void = () => {},
  ) {}

  /**
   * The index settled after a change of `changed` articles: collect after a quiet moment when that
   * is many. `then` runs once no collection is due: at once when none is, or after the last one
   * (never when they are cancelled).
   */
  settled(changed: number, then: () => void = () => {}): void {
    if (this.timer) {
      this.then = then;
      return;
    }
    if (!this.collect || changed < this.options.afterChanged) return then();
    this.then = then;
    this.round(this.options.rounds, this.options.delayMs);
  }

  private round(left: number, delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (left === this.options.rounds) this.release();
      this.collect!();
      if (left > 1) return this.round(left - 1, this.options.spacingMs);
      const then = this.then;
      this.then = null;
      then?.();
    }, delay);
    this.timer.unref?.();
  }

  /** The index is busy again (or the server stops): collections not done yet are dropped. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.then = null;
  }
}
