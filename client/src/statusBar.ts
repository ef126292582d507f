// The status-bar item: a spinner with "done/total" while the server indexes, then
// "N articles · M conflicts" (from the server's `newsAnnotator/status` notification). It also keeps
// the context keys the views' welcome content reads.

import * as vscode from 'vscode';
import type { StatusParams } from '../../shared/protocol';
import { ContextKeys, STATUS_BAR_ID, Views } from './constants';
import type { ServerConnection } from './server';

export type ClientState = 'starting' | 'indexing' | 'ready' | 'stopped';

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "5 articles · 3 conflicts". */
export function summaryText(s: Pick<StatusParams, 'articles' | 'conflicts'>): string {
  return `${plural(s.articles, 'article', 'articles')} · ${plural(s.conflicts, 'conflict', 'conflicts')}`;
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(server: ServerConnection) {
    this.item.name = 'News Annotator';
    this.item.command = `${Views.conflicts}.focus`;
    this.disposables.push(
      server.onStatus((s) => this.update(s)),
      server.onRunning((running) => this.setState(running ? 'indexing' : 'stopped')),
    );
    this.setState('starting');
    this.item.show();
  }

  private update(s: StatusParams): void {
    const articles = Number.isFinite(s.articles) ? s.articles : 0;
    const conflicts = Number.isFinite(s.conflicts) ? s.conflicts : 0;
    void vscode.commands.executeCommand('setContext', ContextKeys.articles, articles);
    if (s.state === 'indexing') {
      this.setState('indexing', s.total ? `${s.done}/${s.total}` : undefined);
      return;
    }
    this.setState('ready');
    this.item.text = `$(law) ${summaryText({ articles, conflicts })}`;
    this.item.tooltip = `News Annotator: ${plural(articles, 'article', 'articles')} indexed, ${plural(conflicts, 'figure conflict', 'figure conflicts')}. Click to show the conflicts.`;
    this.item.backgroundColor = undefined;
  }

  private setState(state: ClientState, progress?: string): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.state, state);
    if (state === 'ready') return;
    if (state === 'stopped') {
      this.item.text = '$(circle-slash) News Annotator';
      this.item.tooltip = 'The News Annotator server is not running. Run "News Annotator: Restart Server".';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      return;
    }
    this.item.text = `$(sync~spin) ${state === 'starting' ? 'News Annotator' : `Indexing${progress ? ` ${progress}` : '…'}`}`;
    this.item.tooltip = state === 'starting' ? 'News Annotator is starting…' : 'News Annotator is indexing the workspace\u2019s articles…';
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
