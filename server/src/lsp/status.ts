// Telling the client how indexing goes: a work-done progress bar while scanning (when the client
// supports it) and the `newsAnnotator/status` notification for a status-bar item.

import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { StatusNotification, type StatusParams } from '../../../shared/protocol';
import type { ScanProgress } from './indexer';

export class StatusReporter {
  private depth = 0;
  private reporter: Promise<WorkDoneProgressServerReporter | null> | null = null;
  private last: StatusParams = { state: 'idle', done: 0, total: 0, articles: 0, conflicts: 0 };

  constructor(
    private readonly connection: Connection,
    private readonly progressSupported: boolean,
    /** `conflicts` costs the findings of every article: asked only once indexing settles. */
    private readonly counts: { articles(): number; conflicts(): number },
  ) {}

  /**
   * Scans may overlap (a rescan supersedes a running one): one progress bar spans them all. The
   * bar can be cancelled: `cancel` then stops the scan.
   */
  scan(p: ScanProgress, cancel?: () => void): void {
    if (p.phase === 'begin') {
      if (this.depth++ === 0 && this.progressSupported) {
        this.reporter = this.connection.window
          .createWorkDoneProgress()
          .then((r) => {
            r.begin('News Annotator', 0, 'Indexing articles…', cancel !== undefined);
            if (cancel) r.token.onCancellationRequested(() => cancel());
            return r;
          })
          .catch(() => null);
      }
      this.send({ ...this.last, state: 'indexing', done: 0, total: 0 });
    } else if (p.phase === 'report') {
      const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
      void this.reporter?.then((r) => r?.report(pct, `${p.done}/${p.total} articles`));
      this.send({ ...this.last, state: 'indexing', done: p.done, total: p.total, articles: this.counts.articles() });
    } else {
      this.depth = Math.max(0, this.depth - 1);
      if (this.depth === 0) {
        void this.reporter?.then((r) => r?.done());
        this.reporter = null;
      }
    }
  }

  /** Sent once changes have settled. */
  idle(): void {
    this.send({ state: 'idle', done: this.last.total, total: this.last.total, articles: this.counts.articles(), conflicts: this.counts.conflicts() });
  }

  private send(s: StatusParams): void {
    this.last = s;
    void this.connection.sendNotification(StatusNotification, s);
  }
}
