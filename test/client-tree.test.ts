// The tree views' shared provider (client/src/views/tree.ts) against a stand-in for the parts of
// the `vscode` module it uses: when a refresh may go out. VS Code logs an error when a tree is
// refreshed while it renders freshly delivered roots or while it resolves a node being revealed,
// so a refresh then waits.

import assert from 'node:assert/strict';
import Module from 'node:module';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';

// The few `vscode` members tree.ts touches, enough to run it outside VS Code.
class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}
class TreeItem {
  id?: string;
  description?: string;
  constructor(readonly label: string, readonly collapsibleState: number) {}
}
const vscodeStub = { EventEmitter, TreeItem, TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 }, ThemeIcon: class {}, ThemeColor: class {} };
const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: typeof load })._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
};

// (Required after the stand-in is in place: an import would be hoisted above it.)
const tree = require('../client/src/views/tree') as typeof import('../client/src/views/tree');

class Provider extends tree.NodeTreeProvider {
  builds = 0;
  protected async build() {
    this.builds++;
    return [tree.sectionNode(`s${this.builds}`, 'Section', 0, 'x')];
  }
  revealFirst(): Promise<void> {
    return this.reveal(this.roots![0], { select: true, focus: false, expand: false });
  }
}

function setup() {
  let finishReveal: () => void = () => {};
  const view = {
    visible: true,
    onDidChangeVisibility: () => ({ dispose() {} }),
    reveal: () => new Promise<void>((resolve) => (finishReveal = resolve)),
    dispose() {},
  };
  const p = new Provider();
  p.attach(view as never);
  let fired = 0;
  p.onDidChangeTreeData(() => fired++);
  return { p, fired: () => fired, finishReveal: () => finishReveal() };
}

describe('tree provider', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('refreshes at once when the tree has settled, and after the settling time when roots were just delivered', async () => {
    const { p, fired } = setup();
    await p.getChildren();
    p.refresh();
    assert.equal(fired(), 0, 'not while VS Code renders the roots just delivered');
    mock.timers.tick(tree.TREE_SETTLE_MS);
    assert.equal(fired(), 1);
    await p.getChildren();
    mock.timers.tick(tree.TREE_SETTLE_MS);
    p.refresh();
    assert.equal(fired(), 2, 'at once once the tree has settled');
  });

  it('holds a refresh asked for while the roots are fetched until they are delivered and settled', async () => {
    const { p, fired } = setup();
    const fetching = p.getChildren();
    p.refresh();
    p.refresh();
    assert.equal(fired(), 0, 'not while fetching');
    await fetching;
    assert.equal(fired(), 0, 'not while VS Code renders them');
    mock.timers.tick(tree.TREE_SETTLE_MS);
    assert.equal(fired(), 1, 'once, after');
  });

  it('holds a refresh asked for during a reveal until the reveal is done', async () => {
    const { p, fired, finishReveal } = setup();
    await p.getChildren();
    mock.timers.tick(tree.TREE_SETTLE_MS);
    const revealing = p.revealFirst();
    p.refresh();
    p.refresh();
    assert.equal(fired(), 0, 'not during the reveal');
    finishReveal();
    await revealing;
    assert.equal(fired(), 1, 'once, after it');
    await p.getChildren();
    assert.equal(p.builds, 2, 'the refresh fetched the roots again');
  });
});
