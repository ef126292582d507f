// The "Conflicts" view: every figure conflict in the workspace grouped by claim, and every quote
// worded differently across sources grouped by speaker, with counts. Refreshes when the index changes.

import * as vscode from 'vscode';
import { ConflictsRequest, type ClaimConflict, type QuoteVariants, type SpeakerVariants } from '../../../shared/protocol';
import { ItemContext, Views } from '../constants';
import type { ServerConnection } from '../server';
import { plural } from '../statusBar';
import { NodeTreeProvider, STATUS_WORDS, collapsible, openCommand, sectionNode, shorten, statusIcon, where, type Node } from './tree';

export class ConflictsView extends NodeTreeProvider {
  constructor(private readonly server: ServerConnection) {
    super();
    this.attach(vscode.window.createTreeView(Views.conflicts, { treeDataProvider: this, showCollapseAll: true }));
    this.disposables.push(
      server.onIndexChanged(() => this.refresh()),
      server.onRunning(() => this.refresh()),
    );
  }

  protected async build(): Promise<Node[]> {
    const result = await this.server.request(ConflictsRequest);
    const claims = sectionNode('conflicts:claims', 'Figure conflicts', result.claims.length, 'warning');
    claims.children = result.claims.map((c) => claimNode(claims, c));
    const quotes = sectionNode('conflicts:quotes', 'Quote variants', result.counts.variants, 'diff');
    quotes.children = result.speakers.map((s) => speakerNode(quotes, s));
    if (this.view) {
      this.view.badge = result.claims.length
        ? { value: result.claims.length, tooltip: plural(result.claims.length, 'figure conflict', 'figure conflicts') }
        : undefined;
    }
    return claims.children.length || quotes.children.length ? [claims, quotes] : [];
  }
}

/** "Death toll · Portugal earthquake · in central portugal". */
export function claimLabel(c: Pick<ClaimConflict, 'measure' | 'subject' | 'scope'>): string {
  return [c.measure, c.subject, c.scope].filter((x): x is string => !!x).join(' · ');
}

function claimNode(parent: Node, c: ClaimConflict): Node {
  const label = claimLabel(c);
  const item = new vscode.TreeItem(label, collapsible(c.figures.length));
  item.id = `${parent.item.id}:${c.id}`;
  const clashing = c.figures.filter((f) => f.status === 'conflict').length;
  item.description = `${plural(c.count, 'figure', 'figures')}, ${clashing} in conflict`;
  item.tooltip = `${label}\n${c.figures.map((f) => `${where(f.uri, f.range)}: ${f.text} (${f.status})`).join('\n')}`;
  item.iconPath = statusIcon('conflict');
  item.contextValue = ItemContext.claim;
  const node: Node = { item, parent, children: [] };
  node.children = c.figures.map((f) => {
    const w = where(f.uri, f.range);
    const child = new vscode.TreeItem(f.text, vscode.TreeItemCollapsibleState.None);
    child.id = `${item.id}>${f.uri}#${f.range.start.line}:${f.range.start.character}`;
    child.description = `${w}${f.status === 'agree' ? '' : ` · ${f.status}`}`;
    child.tooltip = `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}, line ${f.range.start.line + 1}\n${f.preview}`;
    child.iconPath = statusIcon(f.status);
    child.contextValue = ItemContext.location;
    child.command = openCommand(f.uri, f.range, w);
    return { item: child, parent: node, children: [], location: { uri: f.uri, range: f.range } };
  });
  return node;
}

function speakerNode(parent: Node, s: SpeakerVariants): Node {
  const name = s.speaker ?? 'Unattributed';
  const item = new vscode.TreeItem(name, collapsible(s.quotes.length));
  item.id = `${parent.item.id}:${s.speaker ?? '\u0000'}`;
  item.description = plural(s.count, 'quote', 'quotes');
  item.iconPath = new vscode.ThemeIcon(s.speaker ? 'person' : 'question');
  item.contextValue = ItemContext.speaker;
  const node: Node = { item, parent, children: [] };
  node.children = s.quotes.map((q) => quoteGroupNode(node, q));
  return node;
}

function quoteGroupNode(parent: Node, q: QuoteVariants): Node {
  const first = q.versions[0];
  const label = `“${shorten(first?.text ?? '', 60)}”`;
  const item = new vscode.TreeItem(label, collapsible(q.versions.length));
  item.id = `${parent.item.id}:${q.id}`;
  item.description = plural(q.count, 'version', 'versions');
  item.tooltip = q.versions.map((v) => `${where(v.uri, v.range)}: “${v.text}”`).join('\n');
  item.iconPath = statusIcon('variant');
  item.contextValue = ItemContext.quoteGroup;
  const all = q.versions.map((v) => ({ uri: v.uri, range: v.range, status: v.status }));
  const node: Node = {
    item,
    parent,
    children: [],
    compare: first ? { base: { uri: first.uri, range: first.range }, others: all.slice(1) } : undefined,
  };
  node.children = q.versions.map((v, i) => {
    const w = where(v.uri, v.range);
    const child = new vscode.TreeItem(`“${shorten(v.text, 70)}”`, vscode.TreeItemCollapsibleState.None);
    child.id = `${item.id}>${v.uri}#${v.range.start.line}:${v.range.start.character}`;
    child.description = `${w}${v.status === 'agree' ? '' : ` · ${v.status}`}`;
    child.tooltip = `${vscode.workspace.asRelativePath(vscode.Uri.parse(v.uri))}, line ${v.range.start.line + 1}: ${STATUS_WORDS[v.status]}\n“${v.text}”`;
    child.iconPath = statusIcon(v.status);
    child.contextValue = ItemContext.quoteVersion;
    child.command = openCommand(v.uri, v.range, w);
    const others = all.filter((_, j) => j !== i);
    return {
      item: child,
      parent: node,
      children: [],
      location: { uri: v.uri, range: v.range },
      compare: { base: { uri: v.uri, range: v.range }, others },
    };
  });
  return node;
}
