// The "Cross-Source References" view: for the active article, its entities, quotes and figures,
// each expanding to where the other sources mention, quote or state them. It follows the active
// editor (articles only) and reveals the item under the cursor while visible.

import * as vscode from 'vscode';
import {
  CrossReferencesRequest,
  type CrossReferencesResult,
  type EntityCrossReference,
  type FigureCrossReference,
  type QuoteCrossReference,
} from '../../../shared/protocol';
import { ContextKeys, DOCUMENT_LANGUAGES, ItemContext, Views } from '../constants';
import { uriKey, type ServerConnection } from '../server';
import { plural } from '../statusBar';
import {
  NodeTreeProvider,
  TREE_SETTLE_MS,
  collapsible,
  fileName,
  locationNode,
  revealCommand,
  sectionNode,
  shorten,
  statusIcon,
  statusPrefix,
  toRange,
  type Node,
} from './tree';

const ENTITY_ICONS: Record<EntityCrossReference['type'], string> = {
  person: 'person',
  organization: 'organization',
  place: 'location',
  product: 'package',
  other: 'symbol-misc',
};

/** Whether an editor shows something the server may treat as an article. */
export function isArticleEditor(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  if (!editor) return false;
  const { languageId, uri } = editor.document;
  return (DOCUMENT_LANGUAGES as readonly string[]).includes(languageId) && (uri.scheme === 'file' || uri.scheme === 'untitled');
}

export class ReferencesView extends NodeTreeProvider {
  private article: vscode.Uri | undefined;
  private result: CrossReferencesResult | null = null;
  private revealTimer: ReturnType<typeof setTimeout> | undefined;
  /** An article our own "open beside" is showing: that activation is not followed (see openedByView). */
  private ignoreActivation: { key: string; until: number } | undefined;

  constructor(private readonly server: ServerConnection) {
    super();
    const view = vscode.window.createTreeView(Views.references, { treeDataProvider: this, showCollapseAll: true });
    this.attach(view);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.scheduleReveal(e.textEditor)),
      server.onIndexChanged((e) => {
        if (!this.article || e.uris.some((u) => uriKey(u) === uriKey(this.article!))) this.refresh();
      }),
      server.onRunning(() => this.refresh()),
      { dispose: () => clearTimeout(this.revealTimer) },
    );
    this.follow(vscode.window.activeTextEditor);
  }

  /** The article shown, and the last answer about it (the compare command reads it). */
  get current(): { uri: vscode.Uri; result: CrossReferencesResult | null } | undefined {
    return this.article && { uri: this.article, result: this.result };
  }

  /**
   * Called before the view opens another source beside the current one: clicking through the
   * references should not replace them with the other article's, so that activation is skipped.
   */
  openedByView(uri: vscode.Uri): void {
    this.ignoreActivation = { key: uriKey(uri), until: Date.now() + 2000 };
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!isArticleEditor(editor)) return; // keep the last article while an output pane or a diff has focus
    const key = uriKey(editor.document.uri);
    const ignore = this.ignoreActivation;
    this.ignoreActivation = undefined;
    if (ignore && ignore.key === key && Date.now() < ignore.until) return;
    if (this.article && uriKey(this.article) === key) return;
    this.article = editor.document.uri;
    this.result = null;
    if (this.view) this.view.description = fileName(key);
    this.refresh();
  }

  protected async build(): Promise<Node[]> {
    const article = this.article;
    if (!article) {
      await this.setHasArticle(false);
      return [];
    }
    const result = await this.server.request(CrossReferencesRequest, { uri: article.toString() });
    if (article !== this.article) return this.roots ?? [];
    this.result = result;
    await this.setHasArticle(!!result);
    if (!result) return [];
    const base = `ref:${uriKey(article)}`;
    const entities = sectionNode(`${base}:entities`, 'Entities', result.entities.length, 'symbol-class', true);
    entities.children = result.entities.map((e) => this.entityNode(entities, article, e));
    const quotes = sectionNode(`${base}:quotes`, 'Quotes', result.quotes.length, 'quote', true);
    quotes.children = result.quotes.map((q, i) => this.quoteNode(quotes, article, q, i));
    const figures = sectionNode(`${base}:figures`, 'Figures', result.figures.length, 'symbol-number', true);
    figures.children = result.figures.map((f, i) => this.figureNode(figures, article, f, i));
    const roots = [entities, quotes, figures];
    this.scheduleReveal(vscode.window.activeTextEditor);
    return roots;
  }

  private entityNode(parent: Node, article: vscode.Uri, e: EntityCrossReference): Node {
    const item = new vscode.TreeItem(e.name, collapsible(e.locations.length));
    item.id = `${parent.item.id}:${e.id}`;
    const others = e.sources - 1;
    item.description = [e.type, others > 0 ? plural(others, 'other source', 'other sources') : 'only here', ...e.roles.slice(0, 1)].join(' · ');
    item.tooltip = [
      `${e.name} (${e.type})`,
      e.roles.length ? `Roles: ${e.roles.join('; ')}` : '',
      `${plural(e.mentions, 'mention', 'mentions')} here; named in ${plural(e.sources, 'source', 'sources')}.`,
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(ENTITY_ICONS[e.type] ?? 'symbol-misc');
    item.contextValue = ItemContext.entity;
    item.command = revealCommand(article.toString(), e.range, e.name);
    const node: Node = { item, parent, children: [], location: { uri: article.toString(), range: e.range } };
    node.children = e.locations.map((l) => locationNode(node, l));
    return node;
  }

  private quoteNode(parent: Node, article: vscode.Uri, q: QuoteCrossReference, index: number): Node {
    const text = `“${shorten(q.text, 70)}”`;
    const item = new vscode.TreeItem(text, collapsible(q.locations.length));
    item.id = `${parent.item.id}:${q.id ?? `solo${index}`}:${q.range.start.line}:${q.range.start.character}`;
    const others = q.locations.length;
    item.description = `${statusPrefix(q.status)}${[q.speaker ?? 'unattributed', others ? plural(others, 'other version', 'other versions') : 'only here'].join(' · ')}`;
    item.tooltip = `${q.speaker ? `${q.speaker}: ` : ''}“${q.text}”\n${others ? `Quoted in ${plural(others, 'other place', 'other places')}${q.status === 'variant' ? ', worded differently' : ''}.` : 'No other source carries this quote.'}`;
    item.iconPath = q.locations.length ? statusIcon(q.status) : new vscode.ThemeIcon('quote');
    const uri = article.toString();
    const base = { uri, range: q.range };
    const versions = q.locations.map((l) => ({ uri: l.uri, range: l.range, status: l.status }));
    item.contextValue = versions.length ? ItemContext.quoteWithVersions : ItemContext.quote;
    item.command = revealCommand(uri, q.range, text);
    const node: Node = { item, parent, children: [], location: base, compare: versions.length ? { base, others: versions } : undefined };
    node.children = q.locations.map((l) => locationNode(node, l, { compare: { base, others: [{ uri: l.uri, range: l.range, status: l.status }] } }));
    return node;
  }

  private figureNode(parent: Node, article: vscode.Uri, f: FigureCrossReference, index: number): Node {
    const item = new vscode.TreeItem(f.text, collapsible(f.locations.length));
    item.id = `${parent.item.id}:${f.id ?? `solo${index}`}:${f.range.start.line}:${f.range.start.character}`;
    const others = f.locations.length;
    item.description = `${statusPrefix(f.status)}${[f.measure ?? 'figure', others ? plural(others, 'other source', 'other sources') : 'only here'].join(' · ')}`;
    item.tooltip = `${f.text}${f.measure ? ` (${f.measure})` : ''}\n${
      f.status === 'conflict' ? 'Another source reports a figure for the same claim that does not agree.' : f.status === 'variant' ? 'Another source hedges the same figure differently.' : others ? 'The other sources agree.' : 'No other source reports this claim.'
    }`;
    item.iconPath = f.locations.length ? statusIcon(f.status) : new vscode.ThemeIcon('symbol-number');
    item.contextValue = ItemContext.figure;
    item.command = revealCommand(article.toString(), f.range, f.text);
    const node: Node = { item, parent, children: [], location: { uri: article.toString(), range: f.range } };
    node.children = f.locations.map((l) => locationNode(node, l));
    return node;
  }

  private async setHasArticle(has: boolean): Promise<void> {
    await vscode.commands.executeCommand('setContext', ContextKeys.hasArticle, has);
  }

  // ---- revealing the item under the cursor ------------------------------------------------------

  private scheduleReveal(editor: vscode.TextEditor | undefined): void {
    clearTimeout(this.revealTimer);
    if (!editor || !this.view?.visible || !this.article || uriKey(editor.document.uri) !== uriKey(this.article)) return;
    this.revealTimer = setTimeout(() => void this.revealAt(editor), 250);
  }

  private async revealAt(editor: vscode.TextEditor): Promise<void> {
    if (!this.roots || !this.view?.visible || !this.article || uriKey(editor.document.uri) !== uriKey(this.article)) return;
    // VS Code renders freshly delivered roots asynchronously; revealing a node before then makes it
    // log "No tree item with id … found". Wait until the tree has settled.
    const wait = this.rootsDeliveredAt + TREE_SETTLE_MS - Date.now();
    if (wait > 0) {
      clearTimeout(this.revealTimer);
      this.revealTimer = setTimeout(() => void this.revealAt(editor), wait);
      return;
    }
    const roots = this.roots;
    const node = await this.nodeAt(editor.document, editor.selection.active);
    // The tree may have been rebuilt while the server answered: reveal only nodes VS Code still shows.
    if (!node || roots !== this.roots || !this.view?.visible || this.view.selection[0] === node) return;
    await this.reveal(node, { select: true, focus: false, expand: false });
  }

  /** The quote or figure containing the position, else the entity mentioned there. */
  private async nodeAt(document: vscode.TextDocument, position: vscode.Position): Promise<Node | null> {
    const items = (this.roots ?? []).flatMap((s) => s.children);
    const containing = items.filter((n) => n.item.contextValue !== ItemContext.entity && n.location && toRange(n.location.range).contains(position));
    // Innermost first: a figure inside a quote wins over the quote.
    containing.sort((a, b) => (toRange(a.location!.range).contains(toRange(b.location!.range)) ? 1 : -1));
    if (containing.length) return containing[0];
    const entities = items.filter((n) => n.item.contextValue === ItemContext.entity);
    const first = entities.find((n) => toRange(n.location!.range).contains(position));
    if (first) return first;
    if (!document.getWordRangeAtPosition(position)) return null;
    // Later mentions: the server's references for the position include the entity's first mention here.
    const refs = await vscode.commands.executeCommand<vscode.Location[] | undefined>('vscode.executeReferenceProvider', document.uri, position);
    const here = (refs ?? []).filter((l) => uriKey(l.uri) === uriKey(document.uri));
    return entities.find((n) => here.some((l) => l.range.isEqual(toRange(n.location!.range)))) ?? null;
  }
}
