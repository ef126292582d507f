// The "Sources" view: the indexed articles with their counts, and the files skipped (too large,
// not text, outside the workspace) with the reason.

import * as vscode from 'vscode';
import { SourcesRequest, type ArticleSummary, type SkippedFile } from '../../../shared/protocol';
import { ItemContext, Views } from '../constants';
import type { ServerConnection } from '../server';
import { plural } from '../statusBar';
import { NodeTreeProvider, fileName, sectionNode, type Node } from './tree';

export class SourcesView extends NodeTreeProvider {
  constructor(private readonly server: ServerConnection) {
    super();
    this.attach(vscode.window.createTreeView(Views.sources, { treeDataProvider: this }));
    this.disposables.push(
      server.onIndexChanged(() => this.refresh()),
      server.onRunning(() => this.refresh()),
    );
  }

  protected async build(): Promise<Node[]> {
    const result = await this.server.request(SourcesRequest);
    if (!result.articles.length && !result.skipped.length) return [];
    const articles = [...result.articles].sort((a, b) => a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri));
    const roots = articles.map((a) => articleNode(a));
    if (result.skipped.length) {
      const skipped = sectionNode('sources:skipped', 'Skipped files', result.skipped.length, 'circle-slash', true);
      skipped.children = result.skipped.map((s) => skippedNode(skipped, s));
      roots.push(skipped);
    }
    return roots;
  }
}

/** "12 entities · 5 quotes · 8 figures · 2 findings". */
export function articleCounts(a: Pick<ArticleSummary, 'entities' | 'quotes' | 'figures' | 'findings'>): string {
  return [
    plural(a.entities, 'entity', 'entities'),
    plural(a.quotes, 'quote', 'quotes'),
    plural(a.figures, 'figure', 'figures'),
    plural(a.findings, 'finding', 'findings'),
  ].join(' · ');
}

function articleNode(a: ArticleSummary): Node {
  const uri = vscode.Uri.parse(a.uri);
  const item = new vscode.TreeItem(a.name || fileName(a.uri), vscode.TreeItemCollapsibleState.None);
  item.id = `sources:${uri.toString()}`;
  item.resourceUri = uri;
  item.iconPath = a.warning ? new vscode.ThemeIcon('warning') : vscode.ThemeIcon.File;
  item.description = a.warning ? `${articleCounts(a)} · read with a warning` : articleCounts(a);
  item.tooltip = `${vscode.workspace.asRelativePath(uri)}\n${articleCounts(a)}${a.warning ? `\n${a.warning}` : ''}`;
  item.contextValue = ItemContext.article;
  item.command = { command: 'vscode.open', title: 'Open Article', arguments: [uri] };
  return { item, children: [] };
}

function skippedNode(parent: Node, s: SkippedFile): Node {
  const uri = vscode.Uri.parse(s.uri);
  const item = new vscode.TreeItem(fileName(s.uri), vscode.TreeItemCollapsibleState.None);
  item.id = `${parent.item.id}:${uri.toString()}`;
  item.description = s.reason;
  item.tooltip = `${vscode.workspace.asRelativePath(uri)}\nSkipped: ${s.reason}`;
  item.iconPath = new vscode.ThemeIcon('circle-slash');
  item.contextValue = ItemContext.skipped;
  return { item, parent, children: [] };
}
