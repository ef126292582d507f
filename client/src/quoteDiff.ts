// Comparing two versions of a quote in VS Code's diff editor: a read-only TextDocumentContentProvider
// serves each version's words (client/src/quoteText.ts) from a virtual URI naming the source and range.
// Only articles in the workspace, or already open, are read.

import * as vscode from 'vscode';
import type { CrossStatus, Range } from '../../shared/protocol';
import { QUOTE_SCHEME } from './constants';
import { uriKey } from './server';
import { diffTitle, quoteLines } from './quoteText';
import { isRange, toRange, where, type QuoteVersion } from './views/tree';

interface QuoteQuery {
  uri: string;
  range: Range;
}

export class QuoteDocuments implements vscode.TextDocumentContentProvider {
  static register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(QUOTE_SCHEME, new QuoteDocuments());
  }

  static uriFor(v: QuoteVersion): vscode.Uri {
    const query: QuoteQuery = { uri: v.uri, range: v.range };
    // The path is what the diff editor's tab shows; the query says where the words are.
    return vscode.Uri.from({ scheme: QUOTE_SCHEME, path: `/${where(v.uri, v.range)}`, query: JSON.stringify(query) });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    let query: unknown;
    try {
      query = JSON.parse(uri.query);
    } catch {
      return '';
    }
    if (!isQuery(query)) return '';
    const source = vscode.Uri.parse(query.uri);
    if (!readable(source)) return '';
    const doc = await vscode.workspace.openTextDocument(source);
    return quoteLines(doc.getText(toRange(query.range)));
  }
}

function isQuery(q: unknown): q is QuoteQuery {
  return typeof q === 'object' && q !== null && typeof (q as QuoteQuery).uri === 'string' && isRange((q as QuoteQuery).range);
}

/** A workspace file or an open document: a crafted URI cannot make the provider read anything else. */
function readable(uri: vscode.Uri): boolean {
  if (vscode.workspace.textDocuments.some((d) => uriKey(d.uri) === uriKey(uri))) return true;
  return uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/** Opens the diff editor on two versions; with several candidates, asks which one. */
export async function compareQuotes(base: QuoteVersion, others: (QuoteVersion & { status?: CrossStatus })[]): Promise<void> {
  let other = others[0];
  if (others.length > 1) {
    const picked = await vscode.window.showQuickPick(
      others.map((o) => ({ label: where(o.uri, o.range), description: o.status === 'variant' ? 'worded differently' : o.status, version: o })),
      { title: `Compare the quote at ${where(base.uri, base.range)} with…`, placeHolder: 'Another source\u2019s version' },
    );
    if (!picked) return;
    other = picked.version;
  }
  if (!other) {
    void vscode.window.showInformationMessage('No other source carries this quote.');
    return;
  }
  await vscode.commands.executeCommand(
    'vscode.diff',
    QuoteDocuments.uriFor(base),
    QuoteDocuments.uriFor(other),
    diffTitle(where(base.uri, base.range), where(other.uri, other.range)),
    { preview: true },
  );
}
