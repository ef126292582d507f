// Creating the language client: the bundled server (dist/server.js) as a Node module over IPC,
// the documents it sees, and the initialization options. Nothing else lives here.

import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type CancellationToken,
  type LanguageClientOptions,
  type MessageSignature,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../shared/protocol';
import { CLIENT_NAME, DOCUMENT_LANGUAGES, LANGUAGE_ID, SECTION } from './constants';

export function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc },
  };
  // The server may keep a cache here; a workspace folder's storage when there is one.
  const initializationOptions: InitializationOptions = {
    storagePath: (context.storageUri ?? context.globalStorageUri).fsPath,
    workspaceTrusted: vscode.workspace.isTrusted,
  };
  const clientOptions: LanguageClientOptions = {
    // Files on disk in either language, and unsaved `news` buffers. Plain-text untitled buffers
    // are left alone: they are scratch text far more often than articles.
    documentSelector: [
      ...DOCUMENT_LANGUAGES.map((language) => ({ scheme: 'file', language })),
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    initializationOptions,
    // No `synchronize`: the server registers for `newsAnnotator` configuration changes itself,
    // pulls the values with workspace/configuration and registers its own file watchers.
    // Hovers quote article text: never trusted (no command links), no raw HTML.
    markdown: { isTrusted: false, supportHtml: false },
    outputChannelName: CLIENT_NAME,
  };
  return new NewsLanguageClient(SECTION, CLIENT_NAME, serverOptions, clientOptions);
}

/**
 * A request VS Code makes while "Restart Server" runs can pass the client's running check just
 * before the stop begins, and then fails with "Starting server failed": the server is going away,
 * not broken, so such a request quietly answers nothing instead of logging an error.
 */
class NewsLanguageClient extends LanguageClient {
  override handleFailedRequest<T>(
    type: MessageSignature,
    token: CancellationToken | undefined,
    error: unknown,
    defaultValue: T,
    showNotification?: boolean,
    throwOnCancel?: boolean,
  ): T {
    if (!this.isRunning() && error instanceof Error && /^(Starting server failed|Client is not running)/.test(error.message)) return defaultValue;
    return super.handleFailedRequest(type, token, error, defaultValue, showNotification, throwOnCancel);
  }
}
