// The one "index changed" path: affected articles are collected and their diagnostics republished
// — an open document's at once (the one being typed in), the others in batches: while a scan runs
// not at all, when it ends, since each scanned file can change many others' findings; while open
// documents keep changing (typing), at a pause, since each keystroke in an article affects the
// same few dozen others of its story, or for someone who types on without one, a slice at a time
// just after a keystroke has been answered — and once nothing is pending the client is told the
// index settled (indexChanged, idle status, code lens / token refresh).

export interface ChangeSink {
  /** Publishes an article's diagnostics; may return when they are written out. */
  publish(key: string): void | Promise<void>;
  /** Published even while a scan runs (open documents). */
  urgent(key: string): boolean;
  /** Every key `urgent` holds for (few: the open documents). */
  urgentKeys(): Iterable<string>;
  /** True while edits, reads or scans are pending. */
  busy(): boolean;
  scanning(): boolean;
  settled(changed: string[]): void;
}

/** Diagnostics of affected articles go out this soon after a change (ms) … */
const PUBLISH_DELAY = 10;
/** … or this often while a scan runs (open documents only). */
const SCAN_PUBLISH_DELAY = 300;
/**
 * Publishing closed articles yields to other work (an edit, a hover) after this long (ms); the next
 * slice follows at the next turn of the event loop, after any request that came meanwhile.
 */
const SLICE_MS = 2;
/** How often to look again for the end of a busy spell. */
const SETTLE_POLL = 50;
/**
 * While open documents change, closed articles are published once they have not changed for this
 * long (ms; a pause in typing) … Publishing them at every keystroke worked out the same articles'
 * findings again each time (45 articles, ~20 ms, per keystroke in the benchmark's long article),
 * and that work sat in the way of the next keystroke's own diagnostics.
 */
const TYPING_PAUSE_MS = 250;
/**
 * … or, for someone who never pauses, from this long after the first change that waits: then a
 * slice of them (this long, ms; the article that ends it may run over) goes out just after each
 * keystroke's own diagnostics, when the next keystroke is furthest away. (Published at a timer,
 * the slices fell wherever the timer did, and the keystroke that came meanwhile waited for the
 * article in hand: up to ~10 ms each for a story's articles whose findings were worked out anew —
 * in the benchmark's long article at 10,000 articles, most of the edits over 20 ms.)
 */
const TYPING_MAX_WAIT_MS = 2000;
const AFTER_KEYSTROKE_MS = 8;

export class ChangeTracker {
  private readonly dirty = new Set<string>();
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  /** The slice of closed articles due just after a keystroke's diagnostics (see AFTER_KEYSTROKE_MS) … */
  private afterKeystroke: { handle: NodeJS.Immediate | null } | null = null;
  /** … from these: the articles waiting when TYPING_MAX_WAIT_MS ran out (later changes wait for the next round). */
  private due: Set<string> | null = null;
  private settleDue = false;
  /** When an open document last changed, and when the first change still waiting for a pause did (0: none waits). */
  private openChangedAt = 0;
  private waitingSince = 0;

  constructor(private readonly sink: ChangeSink) {}

  add(keys: Iterable<string>): void {
    let urgent = false;
    for (const k of keys) {
      this.dirty.add(k);
      this.changed.add(k);
      urgent ||= this.sink.urgent(k);
    }
    // An open document's diagnostics go out now: the user is looking at it (typing in it).
    if (urgent) {
      const written = this.publishUrgent();
      this.openChangedAt = Date.now();
      this.waitingSince ||= this.openChangedAt;
      if (this.openChangedAt - this.waitingSince >= TYPING_MAX_WAIT_MS && !this.afterKeystroke && !this.sink.scanning()) {
        this.due ??= new Set(this.dirty);
        this.sliceAfter(Promise.all(written));
      }
    }
    this.schedule();
  }

  /**
   * A slice of the articles `due` once `written` (the keystroke's diagnostics) is written out, at the
   * next turn. (The connection's writer writes at a later turn, and the body only once the header's
   * write has called back: at the next turn alone, the slice could run before the keystroke's
   * diagnostics were out — in a profile, they waited for it.)
   */
  private sliceAfter(written: Promise<unknown>): void {
    const pending: { handle: NodeJS.Immediate | null } = { handle: null };
    this.afterKeystroke = pending;
    const slice = () => {
      if (this.afterKeystroke !== pending) return; // disposed
      this.afterKeystroke = null;
      if (!this.due) return;
      this.publishClosed(this.due, AFTER_KEYSTROKE_MS);
      if (this.due.size) return;
      // A round done: the changes since wait for a pause, or for the next round.
      this.due = null;
      this.waitingSince = this.openChangedAt;
    };
    void written.then(
      () => {
        if (this.afterKeystroke === pending) pending.handle = setImmediate(slice);
      },
      () => {
        // (not written: the connection is going; a later keystroke may try again)
        if (this.afterKeystroke === pending) this.afterKeystroke = null;
      },
    );
  }

  /**
   * Takes articles out of `from` — the dirty set, or `due` — and publishes those still dirty, until
   * `budgetMs` have gone (at least one).
   */
  private publishClosed(from: Set<string>, budgetMs: number): void {
    const started = Date.now();
    for (const k of from) {
      if (Date.now() - started > budgetMs) break;
      from.delete(k);
      if (from === this.dirty || this.dirty.delete(k)) this.sink.publish(k);
    }
  }

  /**
   * Publishes the open documents that are dirty. (Walks the few open documents, not the dirty set:
   * after a scan that holds every article, and it is published a slice at a time while the user types.)
   */
  private publishUrgent(): (void | Promise<void>)[] {
    const urgent: string[] = [];
    for (const k of this.sink.urgentKeys()) if (this.dirty.has(k)) urgent.push(k);
    // (what publish returns: the writes, which a slice after a keystroke waits for)
    return urgent.map((k) => {
      this.dirty.delete(k);
      return this.sink.publish(k);
    });
  }

  /** Something finished (a scan): check whether the index has settled. */
  poke(): void {
    this.settleDue = true;
    this.schedule();
  }

  private schedule(delay?: number): void {
    if (this.timer || this.immediate) return;
    if (delay === 0) {
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.flush();
      });
      return;
    }
    const ms = delay ?? (this.sink.scanning() ? SCAN_PUBLISH_DELAY : PUBLISH_DELAY);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, ms);
  }

  flush(): void {
    const scanning = this.sink.scanning();
    // Open documents first; then the rest in slices, so requests are answered in between. (The
    // dirty set is never copied: after a scan it holds every article, and a slice publishes a few —
    // copying it at each slice was quadratic.)
    this.publishUrgent();
    const wait = scanning ? 0 : this.typingWait();
    if (wait > 0 && this.dirty.size) {
      this.schedule(wait);
      return;
    }
    if (!scanning) {
      this.waitingSince = 0;
      this.due = null;
      this.publishClosed(this.dirty, SLICE_MS);
    }
    if (scanning) {
      this.schedule(SCAN_PUBLISH_DELAY);
      return;
    }
    if (this.dirty.size) {
      this.schedule(0);
      return;
    }
    if (this.sink.busy()) {
      this.schedule(SETTLE_POLL);
      return;
    }
    if (this.changed.size || this.settleDue) {
      const changed = [...this.changed];
      this.changed.clear();
      this.settleDue = false;
      this.sink.settled(changed);
    }
  }

  /**
   * How long closed articles still wait for a pause in the changes of open documents (ms; 0: none).
   * (Past TYPING_MAX_WAIT_MS they also go out after keystrokes, see add.)
   */
  private typingWait(): number {
    if (!this.waitingSince) return 0;
    return Math.max(0, this.openChangedAt + TYPING_PAUSE_MS - Date.now());
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    if (this.afterKeystroke?.handle) clearImmediate(this.afterKeystroke.handle);
    this.timer = null;
    this.immediate = null;
    this.afterKeystroke = null;
  }
}
