// What test/e2e checks in the browser, checked through the VS Code API: activation, diagnostics
// with related locations, hover, references, the sidebar's commands, the quote diff and the export.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands, QUOTE_SCHEME } from '../../../client/src/constants';

const EXTENSION_ID = 'news-annotator.news-annotator';
const folder = () => vscode.workspace.workspaceFolders![0].uri;
const article = (name: string) => vscode.Uri.joinPath(folder(), name);

/** Polls a condition (the extension works asynchronously) until it holds or the time is up. */
async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function positionOf(uri: vscode.Uri, text: string): Promise<vscode.Position> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `${uri.path} contains ${text}`);
  return doc.positionAt(at + 1);
}

export const CHECKS: { name: string; run(): Promise<void> }[] = [
  {
    name: 'the extension activates on a plain-text article and registers its commands',
    async run() {
      const doc = await vscode.workspace.openTextDocument(article('northwire.txt'));
      await vscode.window.showTextDocument(doc);
      const ext = await until('the extension', () => vscode.extensions.getExtension(EXTENSION_ID));
      await until('activation', () => ext.isActive);
      const commands = await vscode.commands.getCommands(true);
      for (const id of Object.values(Commands)) assert.ok(commands.includes(id), `${id} is registered`);
    },
  },
  {
    name: 'figure conflicts are published with their related locations',
    async run() {
      const diagnostics = await until('figure conflicts', () => {
        const d = vscode.languages.getDiagnostics(article('northwire.txt')).filter((x) => x.code === 'figure-conflict');
        return d.length ? d : undefined;
      });
      assert.ok(diagnostics.some((d) => /Death toll 41 here; 48 in coastal-post\.txt/.test(d.message)));
      assert.ok(diagnostics.every((d) => d.relatedInformation?.length));
      assert.ok(diagnostics.some((d) => d.relatedInformation!.some((r) => r.location.uri.path.endsWith('coastal-post.txt'))));
    },
  },
  {
    name: 'hovering an entity describes it and its sources',
    async run() {
      const uri = article('northwire.txt');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, await positionOf(uri, 'Paulo Serrano'));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /Paulo Serrano/);
      assert.match(text, /person/);
      assert.match(text, /Sources \(\d\)/);
    },
  },
  {
    name: 'references of an entity span several sources',
    async run() {
      const uri = article('northwire.txt');
      const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, await positionOf(uri, 'Paulo Serrano'));
      const files = new Set(refs.map((r) => r.uri.path.split('/').pop()));
      assert.ok(files.has('northwire.txt') && files.size >= 2, `references in ${[...files].join(', ')}`);
    },
  },
  {
    name: 'a cross-source reference opens beside the current editor with the range selected',
    async run() {
      const target = article('daily-meridian.txt');
      const start = await positionOf(target, 'Paulo Serrano');
      const range = { start: { line: start.line, character: start.character - 1 }, end: { line: start.line, character: start.character + 12 } };
      await vscode.commands.executeCommand(Commands.openLocation, target.toString(), range);
      const editor = await until('the editor beside', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString()));
      assert.equal(editor.viewColumn, vscode.ViewColumn.Two);
      assert.equal(editor.selection.start.line, range.start.line);
      assert.equal(editor.document.getText(editor.selection), 'Paulo Serrano');
    },
  },
  {
    name: 'a quote version is served as a virtual document of its words',
    async run() {
      const uri = article('northwire.txt');
      const doc = await vscode.workspace.openTextDocument(uri);
      const start = doc.getText().indexOf('“The sequence');
      const end = doc.getText().indexOf('”', start) + 1;
      const query = JSON.stringify({ uri: uri.toString(), range: new vscode.Range(doc.positionAt(start), doc.positionAt(end)) });
      const quote = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: QUOTE_SCHEME, path: '/northwire.txt:5', query }));
      assert.match(quote.getText(), /^The sequence fulfills every criterion/);
      assert.ok(!quote.getText().includes('“'));
    },
  },
  {
    name: 'the report exports as JSON',
    async run() {
      const target = vscode.Uri.joinPath(folder(), 'report.json');
      await vscode.commands.executeCommand(Commands.exportReport, 'json', target);
      const report = JSON.parse(readFileSync(target.fsPath, 'utf8'));
      assert.equal(report.articles.length, 5);
      assert.ok(report.diagnostics.some((d: { code: string }) => d.code === 'figure-conflict'));
    },
  },
  {
    name: 'the server restarts',
    async run() {
      await vscode.commands.executeCommand(Commands.restartServer);
      const uri = article('northwire.txt');
      await until('a hover after the restart', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, await positionOf(uri, 'Paulo Serrano'));
        return hovers.length ? hovers : undefined;
      });
    },
  },
];
