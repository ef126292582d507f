// The extension's entry point: starts the language server and wires the views, commands and the
// status bar to it. Each part lives in its own module; this file only assembles them.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { QuoteDocuments } from './quoteDiff';
import { ServerConnection } from './server';
import { StatusBar } from './statusBar';
import { ConflictsView } from './views/conflictsView';
import { ReferencesView } from './views/referencesView';
import { SourcesView } from './views/sourcesView';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  const server = new ServerConnection(client);
  const references = new ReferencesView(server);
  const conflicts = new ConflictsView(server);
  const sources = new SourcesView(server);
  context.subscriptions.push(
    server,
    new StatusBar(server),
    references,
    conflicts,
    sources,
    QuoteDocuments.register(),
    ...registerCommands(server, {
      references,
      refreshAll: () => [references, conflicts, sources].forEach((v) => v.refresh()),
    }),
  );
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`News Annotator: the language server did not start (${e instanceof Error ? e.message : String(e)}).`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
