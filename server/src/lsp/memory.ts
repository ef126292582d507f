// Giving memory back once a large change has settled. Indexing and publishing a workspace leave
// behind hundreds of megabytes of garbage (every article's analysis, findings and messages), and
// V8 collects it only when the heap next reaches its limit, then keeps the pages: an idle server
// sat at twice the memory it used (10,000 articles: 810 MB resident, 353 MB of it live). After a
// change of many articles (a scan, a rescan, a setting that touches every article) settles and
// stays quiet for a moment, the index's memos are released and a few full collections return that
// memory (down to 466–501 MB there).
// Typing changes a story's few dozen articles at a time and leaves its garbage to the young
// generation: it never brings a full collection, which would hold up a hover after a pause; the
// young generation is scavenged in the pause after a keystroke instead (KeystrokeScavenger).
// From a scan's end until the index settles, the heap is kept from growing far past what is live
// (HeapGrowth).

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
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
 * How far V8 may let the heap grow past what its last full collection found live once a scan has
 * ended, in percent. Left to itself, V8 picks a factor of up to 4 for a fast-allocating program,
 * and publishing every article's diagnostics after a scan allocates fast: the garbage piled up to
 * the limit, far above what was live. During a scan the limit is looser (SCAN_HEAP_GROWING_PERCENT):
 * the index grows from nothing then, and with 15% throughout, V8 ran 21 full collections of it
 * instead of 3 (the warm start ~35% slower, the cold scan ~15%). See HeapGrowth for the measurements.
 */
export const HEAP_GROWING_PERCENT = 15;

/**
 * How far V8 may let the heap grow while a scan runs: a factor of 2, against V8's own choice of up
 * to 4. The cold scan's peak came during the scan, the main thread's heap at ~600 MB with ~260 MB
 * live. Measured at 10,000 articles, alternating, two runs each (cold scan; warm start):
 *  - V8's own factor: indexed in 18.5, 19.2 s, peak RSS 916, 928 MB; warm 5.74, 5.65 s, 457, 468 MB;
 *  - 100%: 17.3, 18.8 s, 784, 764 MB; warm 5.56, 6.10 s, 452, 441 MB;
 *  - 50%: 18.8, 19.4 s, 748, 744 MB; warm 5.67, 5.62 s, 434, 441 MB;
 *  - 30%: 20.3, 20.2 s, 731, 733 MB, and every diagnostic out after 36 s against 27–28 s.
 */
export const SCAN_HEAP_GROWING_PERCENT = 100;

/** Sets a V8 flag for the whole process (V8's flags are per process); false when V8 refuses. */
function setV8Flag(flag: string): boolean {
  try {
    setFlagsFromString(flag);
    return true;
  } catch {
    return false;
  }
}

/** Sets V8's heap growing factor to 1 + percent/100 (0: V8's own choice); false when V8 refuses. */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): boolean {
  return setV8Flag(`--heap-growing-percent=${percent}`);
}

/**
 * Turns off V8's allocation-site pretenuring for the process (false when V8 refuses). V8 watches
 * where objects are made, and where most of them outlive a young-generation collection it makes
 * them in the old generation from then on. The server's bulk work — decoding a warm start, the
 * warm-up's scratch index — made the engine's and the index's allocation sites look long-lived,
 * and every keystroke's analysis was then made in the old generation: its objects there pointed at
 * young ones (work for every scavenge) and were old garbage once the next keystroke replaced them.
 * Measured through the server at 10,000 articles, 200 keystrokes in the benchmark's long article:
 * scavenges took 3.8 ms on average against 7.4 ms, 0.31 MB promoted each against 1.11 MB; edit
 * p95 13.9 and 13.9/15.3 ms against 17.3/15.8 ms (two to three runs each, alternating). Warm start
 * and cold scan within the machine's swings (warm 5.9/6.6 s against 5.9/5.7; cold 18.5/19.3 s
 * against 17.9/21.8), their peaks a little lower.
 */
export function noPretenuring(): boolean {
  return setV8Flag('--no-allocation-site-pretenuring');
}

export const DEFAULT_COLLECTOR: CollectorOptions = { afterChanged: 1000, delayMs: 2000, rounds: 3, spacingMs: 500 };

/** A full collection this long after a large scan ends (ms), once its end has gone out. */
const AFTER_SCAN_MS = 100;

/**
 * SCAN_HEAP_GROWING_PERCENT while a scan runs, HEAP_GROWING_PERCENT from its end until what it changed
 * is published (the index settled: see settled) — and, after a scan into a large index, one full
 * collection, so that the limit is set from what is live now rather than from the scan's last
 * collection. Measured at 10,000 articles against V8's own factor throughout, alternating:
 *  - warm start (three runs each): indexed in 5.6–6.3 s either way (5.72, 6.32, 5.63 s against
 *    5.59, 6.16, 5.57 s); peak RSS 546–559 MB against 595–740 MB;
 *  - the benchmark at 10,000 articles (eleven runs with it, of this and earlier forms; six
 *    without): warm peak RSS 523–550 MB against 598–786 MB; cold peak 917–1,026 MB against
 *    955–1,089 MB (the cold peak comes during the scan, with the workers' heaps); the times
 *    within the machine's swings.
 * (With 15% from the server's start: peaks 794–801 / 515–525 MB, but V8 ran 21 full collections
 * of the growing index in a cold scan instead of 3, the cold scan ~15% slower and the warm start
 * ~35%: 7.4 and 7.9 s against 5.3 and 5.7 s.)
 */
export class HeapGrowth {
  private timer: NodeJS.Timeout | null = null;
  /** Whether a limit is in force (the index settles after every pause in typing: nothing to undo then). */
  private limited = false;

  constructor(
    private readonly collect: (() => void) | null,
    private readonly setPercent: (percent: number) => boolean = limitHeapGrowth,
    private readonly afterArticles = DEFAULT_COLLECTOR.afterChanged,
  ) {}

  scanStarted(): void {
    this.cancel();
    this.limited = true;
    this.setPercent(SCAN_HEAP_GROWING_PERCENT);
  }

  /**
   * Every change is published (the index settled): V8's own factor again, before the idle
   * collections set the next limit. Typing and hovers then run as before: with 15% kept, hover
   * p95 went over 5 ms in three of nine bench runs (5.9–6.5 ms) against none of four (2.7–3.5 ms),
   * the old generation being collected more often.
   */
  settled(): void {
    if (!this.limited) return;
    this.limited = false;
    this.setPercent(0);
  }

  scanEnded(articles: number): void {
    this.cancel();
    this.limited = true;
    this.setPercent(HEAP_GROWING_PERCENT);
    if (!this.collect || articles < this.afterArticles) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.collect!();
    }, AFTER_SCAN_MS);
    this.timer.unref?.();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

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

/**
 * V8's collection of the young generation alone (a scavenge), through the same `gc` that
 * fullCollection gives (V8's takes a type), or null without one.
 */
export function youngCollection(gc: (() => void) | null): (() => void) | null {
  return gc && (() => (gc as (o: { type: 'minor' }) => void)({ type: 'minor' }));
}

/**
 * How full V8's young generation is, 0–1: of the room objects are made in until the next scavenge.
 * (Not of its `space_size`, which counts both semi-spaces — objects are made in one — so that
 * used/size stayed under one half until the very moment of a scavenge.)
 */
export function youngFill(): number {
  for (const s of getHeapSpaceStatistics()) {
    if (s.space_name !== 'new_space') continue;
    const room = s.space_used_size + s.space_available_size;
    return room > 0 ? s.space_used_size / room : 0;
  }
  return 0;
}

/**
 * How full the young generation must be for a scavenge after a keystroke's diagnostics went out.
 */
export const KEYSTROKE_SCAVENGE_FILL = 0.5;

/**
 * Scavenges the young generation just after a keystroke has been answered, when it is half full:
 * the pause before the next key is idle time, and a keystroke that found the young generation full
 * waited for its scavenge (3–4 ms with the open article's analysis alive) before its own
 * diagnostics. Skipped while more work waits (the next keystroke came first). Measured through
 * the server at 10,000 articles (the benchmark's 200 keystrokes in its 22.8 KB article, 20–80 ms
 * apart), six alternating pairs of builds with and without it: edit p95 17.25 / 15.80 / 26.53 /
 * 13.93 / 22.28 / 15.22 ms against 16.55 / 17.67 / 19.26 / 17.95 / 19.61 / 22.38 ms — lower in
 * four pairs, medians 16.5 against 18.8 ms, within this machine's swings (the engine ran at
 * 2.8–4.7 MB/s in those runs). (Its first form measured fullness against both semi-spaces and
 * so almost never ran; the three pairs that seemed to show it working were the swings too.)
 */
export class KeystrokeScavenger {
  private pending: NodeJS.Immediate | null = null;
  private disposed = false;

  constructor(
    private readonly scavenge: (() => void) | null,
    private readonly busy: () => boolean,
    private readonly fill: () => number = youngFill,
    private readonly threshold = KEYSTROKE_SCAVENGE_FILL,
  ) {}

  /** An open document's diagnostics are being written (`written`: when they are out). */
  answered(written: void | Promise<void>): void {
    if (!this.scavenge) return;
    void Promise.resolve(written).then(() => {
      if (this.pending || this.disposed) return;
      this.pending = setImmediate(() => {
        this.pending = null;
        if (!this.busy() && this.fill() >= this.threshold) this.scavenge!();
      });
    }, () => {});
  }

  dispose(): void {
    this.disposed = true;
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
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
