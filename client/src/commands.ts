// The extension's commands: references for the item at the cursor, comparing a quote across sources,
// re-indexing, exporting the report, restarting the server, and the tree items' open/reveal targets.

import * as vscode from 'vscode';
import { CrossReferencesRequest, ExportRequest, ReindexRequest, WorkspaceTrustedNotification, type ExportFormat } from '../../shared/protocol';
import { Commands } from './constants';
import { compareQuotes } from './quoteDiff';
import { uriKey, type ServerConnection } from './server';
import { plural } from './statusBar';
import { isArticleEditor, type ReferencesView } from './views/referencesView';
import { isRange, toRange, type Node } from './views/tree';

interface Views {
  references: ReferencesView;
  refreshAll(): void;
}

export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string; extension: string; description: string }[] = [
  { format: 'markdown', label: 'Markdown', extension: 'md', description: 'a readable report' },
  { format: 'json', label: 'JSON', extension: 'json', description: 'the documented JSON report' },
  { format: 'sarif', label: 'SARIF', extension: 'sarif', description: 'SARIF 2.1.0, for code-scanning tools' },
];

export function registerCommands(server: ServerConnection, views: Views): vscode.Disposable[] {
  const register = (id: string, fn: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, fn);
  return [
    register(Commands.showReferences, (node?: Node) => showReferences(node)),
    register(Commands.compareQuote, (node?: Node) => compareQuote(server, views.references, node)),
    register(Commands.reindex, () => reindex(server)),
    register(Commands.exportReport, (format?: ExportFormat, target?: vscode.Uri) => exportReport(server, format, target)),
    register(Commands.restartServer, () => restart(server)),
    register(Commands.refreshViews, () => views.refreshAll()),
    register(Commands.openLocation, (uri: unknown, range: unknown) => openLocation(views.references, uri, range)),
    register(Commands.revealInEditor, (uri: unknown, range: unknown) => revealInEditor(uri, range)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // Restricted settings and the folders' settings files now apply: the server reads them again.
      if (server.running) void server.client.sendNotification(WorkspaceTrustedNotification);
    }),
  ];
}

/** Where a command acts: the tree item it was invoked on, else the cursor in the active article. */
function target(node?: Node): { uri: vscode.Uri; position: vscode.Position } | undefined {
  if (node?.location) return { uri: vscode.Uri.parse(node.location.uri), position: toRange(node.location.range).start };
  const editor = vscode.window.activeTextEditor;
  return isArticleEditor(editor) ? { uri: editor.document.uri, position: editor.selection.active } : undefined;
}

async function showReferences(node?: Node): Promise<void> {
  const at = target(node);
  if (!at) {
    void vscode.window.showInformationMessage('Put the cursor on a name, a quote or a figure in an article first.');
    return;
  }
  const locations = await vscode.commands.executeCommand<vscode.Location[] | undefined>('vscode.executeReferenceProvider', at.uri, at.position);
  if (!locations?.length) {
    void vscode.window.showInformationMessage('News Annotator found no entity, quote or figure at the cursor.');
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', at.uri, at.position, locations);
}

async function compareQuote(server: ServerConnection, references: ReferencesView, node?: Node): Promise<void> {
  if (node?.compare) return compareQuotes(node.compare.base, node.compare.others);
  const editor = vscode.window.activeTextEditor;
  if (!isArticleEditor(editor)) {
    void vscode.window.showInformationMessage('Put the cursor in a quotation in an article first.');
    return;
  }
  const uri = editor.document.uri;
  const cached = references.current;
  const result =
    cached && uriKey(cached.uri) === uriKey(uri) && cached.result ? cached.result : await server.request(CrossReferencesRequest, { uri: uri.toString() });
  const position = editor.selection.active;
  const quote = result?.quotes.find((q) => toRange(q.range).contains(position));
  if (!quote) {
    void vscode.window.showInformationMessage('There is no quotation at the cursor.');
    return;
  }
  await compareQuotes(
    { uri: uri.toString(), range: quote.range },
    quote.locations.map((l) => ({ uri: l.uri, range: l.range, status: l.status })),
  );
}

async function reindex(server: ServerConnection): Promise<void> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'News Annotator: re-indexing' },
    () => server.request(ReindexRequest),
  );
  void vscode.window.showInformationMessage(
    `News Annotator indexed ${plural(result.articles, 'article', 'articles')}${result.skipped ? ` (${plural(result.skipped, 'file', 'files')} skipped)` : ''}.`,
  );
}

/** Asks for a format and a file unless given (tests pass both), then writes the server's report. */
async function exportReport(server: ServerConnection, format?: ExportFormat, targetUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let choice = EXPORT_FORMATS.find((f) => f.format === format);
  if (!choice) {
    const picked = await vscode.window.showQuickPick(
      EXPORT_FORMATS.map((f) => ({ label: f.label, description: f.description, choice: f })),
      { title: 'Export the workspace report as…' },
    );
    if (!picked) return undefined;
    choice = picked.choice;
  }
  let uri = targetUri instanceof vscode.Uri ? targetUri : undefined;
  if (!uri) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    uri = await vscode.window.showSaveDialog({
      title: 'Export News Annotator Report',
      saveLabel: 'Export',
      defaultUri: folder ? vscode.Uri.joinPath(folder, `news-annotator-report.${choice.extension}`) : undefined,
      filters: { [choice.label]: [choice.extension] },
    });
    if (!uri) return undefined;
  }
  const text = await server.request(ExportRequest, { format: choice.format });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  if (!targetUri) {
    const open = await vscode.window.showInformationMessage(`Report saved to ${vscode.workspace.asRelativePath(uri)}.`, 'Open');
    if (open) await vscode.window.showTextDocument(uri);
  }
  return uri;
}

async function restart(server: ServerConnection): Promise<void> {
  if (server.client.needsStart()) await server.client.start();
  else await server.client.restart();
}

/** A tree item's location in another source: opened beside the current editor, range selected. */
async function openLocation(references: ReferencesView, uri: unknown, range: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isRange(range)) return;
  const target = vscode.Uri.parse(uri);
  references.openedByView(target);
  await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside, selection: toRange(range), preserveFocus: true, preview: true });
}

/** A tree item in the active article itself: selected in the editor already showing it. */
async function revealInEditor(uri: unknown, range: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isRange(range)) return;
  const target = vscode.Uri.parse(uri);
  const visible = vscode.window.visibleTextEditors.find((e) => uriKey(e.document.uri) === uriKey(target));
  const selection = toRange(range);
  const editor = await vscode.window.showTextDocument(target, { viewColumn: visible?.viewColumn, selection, preserveFocus: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
