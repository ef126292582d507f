// What the three tree views share: a node type (a built TreeItem, its children and its parent, so
// `reveal` works), location items with status markers, and a provider base class that re-fetches
// only while its view is visible (a hidden view is marked stale and refreshed when shown).

import * as vscode from 'vscode';
import type { CrossLocation, CrossStatus, Range } from '../../../shared/protocol';
import { Commands, ItemContext } from '../constants';

/** A quote version the compare command can diff. */
export interface QuoteVersion {
  uri: string;
  range: Range;
}

export interface Node {
  readonly item: vscode.TreeItem;
  readonly parent?: Node;
  children: Node[];
  /** Where the item sits: used to reveal the item under the cursor and by commands. */
  readonly location?: { uri: string; range: Range };
  /** For quote items: this version and the others it can be compared with. */
  readonly compare?: { base: QuoteVersion; others: (QuoteVersion & { status: CrossStatus })[] };
}

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function isRange(r: unknown): r is Range {
  const pos = (p: unknown) =>
    typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return typeof r === 'object' && r !== null && pos((r as Range).start) && pos((r as Range).end);
}

/** "northwire.txt" for a URI string. */
export function fileName(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || uri;
}

/** "northwire.txt:12" (1-based line, as people count). */
export function where(uri: string, range: Range): string {
  return `${fileName(uri)}:${range.start.line + 1}`;
}

export function statusIcon(status: CrossStatus): vscode.ThemeIcon {
  switch (status) {
    case 'conflict':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'variant':
      return new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground'));
    default:
      return new vscode.ThemeIcon('check');
  }
}

/** "conflict · " / "variant · " / "": the marker a description starts with. */
export function statusPrefix(status: CrossStatus): string {
  return status === 'agree' ? '' : `${status} · `;
}

export const STATUS_WORDS: Record<CrossStatus, string> = {
  conflict: 'conflicts with this one',
  variant: 'differs in wording or hedge',
  agree: 'agrees',
};

/** A location in another article: opens beside the current editor, selecting the range. */
export function locationNode(parent: Node, loc: CrossLocation, extra: Partial<Pick<Node, 'compare'>> = {}): Node {
  const label = where(loc.uri, loc.range);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = `${parent.item.id}>${loc.uri}#${loc.range.start.line}:${loc.range.start.character}`;
  item.description = `${statusPrefix(loc.status)}${loc.preview}`;
  item.tooltip = `${vscode.workspace.asRelativePath(vscode.Uri.parse(loc.uri))}, line ${loc.range.start.line + 1}: ${STATUS_WORDS[loc.status]}\n${loc.preview}`;
  item.iconPath = statusIcon(loc.status);
  item.contextValue = extra.compare ? ItemContext.quoteVersion : ItemContext.location;
  item.command = openCommand(loc.uri, loc.range, label);
  item.accessibilityInformation = { label: `${label}, ${loc.status}: ${loc.preview}` };
  return { item, parent, children: [], location: { uri: loc.uri, range: loc.range }, ...extra };
}

export function openCommand(uri: string, range: Range, title: string): vscode.Command {
  return { command: Commands.openLocation, title: `Open ${title}`, arguments: [uri, range] };
}

export function revealCommand(uri: string, range: Range, title: string): vscode.Command {
  return { command: Commands.revealInEditor, title: `Reveal ${title}`, arguments: [uri, range] };
}

/** A section heading ("Entities", "Figure conflicts") with a count. */
export function sectionNode(id: string, label: string, count: number, icon: string, expanded = true): Node {
  const item = new vscode.TreeItem(label, count ? (expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = String(count);
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = ItemContext.section;
  return { item, children: [] };
}

export function collapsible(n: number): vscode.TreeItemCollapsibleState {
  return n ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
}

export function shorten(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** How long VS Code takes to render delivered roots (ms), before they may be refreshed or revealed into. */
export const TREE_SETTLE_MS = 400;

/**
 * Base for the views: builds the node tree once per fetch, serves children from it, and refreshes
 * on demand only while visible.
 */
export abstract class NodeTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  protected roots: Node[] | null = null;
  /** When the current roots were handed to VS Code (it renders them some moments later: see TREE_SETTLE_MS). */
  protected rootsDeliveredAt = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** A refresh was asked for while the roots were being fetched or a node revealed: it runs when that ends. */
  private refreshQueued = false;
  private pending: Promise<Node[]> | null = null;
  private stale = false;
  /** A reveal is under way (VS Code resolving a node's parents). */
  private revealing = false;
  protected view: vscode.TreeView<Node> | undefined;
  protected readonly disposables: vscode.Disposable[] = [this.changed, { dispose: () => clearTimeout(this.refreshTimer) }];

  /** Fetches and builds the top-level nodes (an empty list shows the view's welcome content). */
  protected abstract build(): Promise<Node[]>;

  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
    this.disposables.push(
      view,
      view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) this.refresh();
      }),
    );
  }

  refresh(): void {
    if (this.view && !this.view.visible) {
      this.stale = true;
      return;
    }
    // VS Code renders roots some moments after they are delivered, and then asks for the children
    // of the expanded ones: a refresh while roots are being fetched, or in between, drops the nodes
    // it asks for (it logs "No tree item with id … found"); one during a reveal, the nodes it
    // resolves ("Cannot resolve tree item"). Such a refresh waits for the roots, or the reveal, and
    // for the tree to settle; those meanwhile are one.
    if ((this.pending && !this.roots) || this.revealing) {
      this.refreshQueued = true;
      return;
    }
    const wait = this.rootsDeliveredAt + TREE_SETTLE_MS - Date.now();
    if (wait > 0) {
      this.refreshTimer ??= setTimeout(() => {
        this.refreshTimer = undefined;
        this.refresh();
      }, wait);
      return;
    }
    this.stale = false;
    this.roots = null;
    this.pending = null;
    this.changed.fire(undefined);
  }

  /** Reveals a node of the current roots; a refresh asked for meanwhile follows when it is done. */
  protected async reveal(node: Node, options: { select: boolean; focus: boolean; expand: boolean }): Promise<void> {
    if (!this.view) return;
    this.revealing = true;
    try {
      await this.view.reveal(node, options).then(undefined, () => undefined);
    } finally {
      this.revealing = false;
      this.runQueuedRefresh();
    }
  }

  private runQueuedRefresh(): void {
    if (!this.refreshQueued) return;
    this.refreshQueued = false;
    this.refresh();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node.item;
  }

  /**
   * Top-level nodes are built once per refresh and then served from memory: `reveal` asks for the
   * roots again to find a node's parents, and must get the same objects back.
   */
  getChildren(node?: Node): Node[] | Promise<Node[]> {
    if (node) return node.children;
    if (this.roots) return this.roots;
    if (!this.pending) {
      const pending: Promise<Node[]> = this.build()
        .catch((): Node[] => []) // the server is starting, restarting or stopped: the welcome content shows until it answers
        .then((roots) => {
          if (this.pending === pending) {
            this.roots = roots;
            this.rootsDeliveredAt = Date.now();
            this.runQueuedRefresh();
          }
          return roots;
        });
      this.pending = pending;
    }
    return this.pending;
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
