// The client's one handle on the language server: typed custom requests (method names and shapes
// from shared/protocol.ts) and events for the server's notifications. Handlers registered on the
// LanguageClient survive a restart, so views and the status bar subscribe once.

import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  IndexChangedNotification,
  StatusNotification,
  type IndexChangedParams,
  type RequestMap,
  type StatusParams,
} from '../../shared/protocol';

export class ServerConnection implements vscode.Disposable {
  private readonly indexChangedEmitter = new vscode.EventEmitter<IndexChangedParams>();
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly runningEmitter = new vscode.EventEmitter<boolean>();
  private readonly disposables: vscode.Disposable[] = [];

  /** The index changed (articles analysed, diagnostics published); `uris` may have new cross-references. */
  readonly onIndexChanged = this.indexChangedEmitter.event;
  /** Indexing progress and the index's counts. */
  readonly onStatus = this.statusEmitter.event;
  /** The server started (true) or stopped (false). */
  readonly onRunning = this.runningEmitter.event;

  constructor(readonly client: LanguageClient) {
    this.disposables.push(
      client.onNotification(IndexChangedNotification, (p: IndexChangedParams) => this.indexChangedEmitter.fire(sanitizeUris(p))),
      client.onNotification(StatusNotification, (p: StatusParams) => this.statusEmitter.fire(p)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.runningEmitter.fire(true);
        else if (e.newState === State.Stopped) this.runningEmitter.fire(false);
      }),
      this.indexChangedEmitter,
      this.statusEmitter,
      this.runningEmitter,
    );
  }

  get running(): boolean {
    return this.client.isRunning();
  }

  request<M extends keyof RequestMap>(method: M, ...params: RequestMap[M]['params'] extends void ? [] : [RequestMap[M]['params']]): Promise<RequestMap[M]['result']> {
    return params.length ? this.client.sendRequest(method, params[0]) : this.client.sendRequest(method);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function sanitizeUris(p: IndexChangedParams): IndexChangedParams {
  return { uris: Array.isArray(p?.uris) ? p.uris.filter((u): u is string => typeof u === 'string') : [] };
}

/** One spelling for URIs from the server and from VS Code (drive-letter case, escaping). */
export function uriKey(uri: string | vscode.Uri): string {
  return (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri).toString();
}
