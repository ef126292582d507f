// Driving the VS Code workbench in the browser: opening files, running commands from the palette,
// hovering a word, reading the Problems panel and the News Annotator views. Every helper waits on a
// condition in the page (a selector, a text), never on a fixed delay.

import type { Locator, Page } from 'playwright-core';

// Page-side code below runs in the browser; these are its globals (the project compiles without the DOM library).
declare const document: any;
declare const NodeFilter: any;
declare const requestAnimationFrame: (callback: () => void) => number;

export const TIMEOUT = 30_000;

export class Workbench {
  constructor(readonly page: Page) {}

  async waitReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    // The extension's contributions are registered (its activity-bar entry shows): editors opened
    // from now on get its language defaults (word wrap, no boxed curly quotes) from the start.
    await this.activityBarEntry().waitFor({ timeout: 60_000 });
  }

  activityBarEntry(): Locator {
    return this.page.locator('.activitybar .action-item .action-label[aria-label^="News Annotator"]').first();
  }

  /** Opens a workspace file from the Explorer (a double-click pins it). */
  async openFile(name: string): Promise<void> {
    await this.showExplorer();
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
    await this.activeTab(name);
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
  }

  async showExplorer(): Promise<void> {
    const explorer = this.page.locator('.explorer-folders-view');
    if (!(await explorer.isVisible())) await this.command('View: Show Explorer');
    await explorer.waitFor();
  }

  async activeTab(name: string): Promise<Locator> {
    const tab = this.page.locator('.tabs-container .tab.active', { hasText: name }).first();
    await tab.waitFor({ timeout: TIMEOUT });
    return tab;
  }

  /** Runs a command by its title from the command palette. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor();
    await row.click();
  }

  /** Waits for a quick pick row and chooses it. */
  async pick(text: string): Promise<void> {
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    await row.click();
  }

  /** The status-bar item whose text matches. */
  statusItem(text: RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText: text }).first();
  }

  /** The screen position of the `occurrence`-th appearance of `word` in the active editor. */
  async wordPosition(word: string, occurrence = 0): Promise<{ x: number; y: number }> {
    const box = await this.page.evaluate(
      ([w, n]) => {
        const root = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
        if (!root) return null;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text: string = (node.textContent ?? '').replace(/\u00a0/g, ' ');
          let at = text.indexOf(w as string);
          while (at >= 0) {
            if (seen++ === n) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + (w as string).length);
              const r = range.getBoundingClientRect();
              return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }
            at = text.indexOf(w as string, at + 1);
          }
        }
        return null;
      },
      [word, occurrence] as const,
    );
    if (!box) throw new Error(`"${word}" is not on screen in the active editor`);
    return box;
  }

  /** Clicks into the active editor on a word, putting the cursor there. */
  async clickWord(word: string, occurrence = 0): Promise<void> {
    const { x, y } = await this.wordPosition(word, occurrence);
    await this.page.mouse.click(x, y);
  }

  /**
   * Moves the mouse onto the `occurrence`-th appearance of `word` in the active editor, the way a
   * person would, and returns the hover's text once it shows.
   */
  async hover(word: string, expect: RegExp, occurrence = 0): Promise<string> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
    // Nudge until the hover settles on the word: the first move may land before the editor listens,
    // and code lenses arriving can shift the text, so the word is looked up again each time.
    // A hover shown for a spot the text has since moved from (another target's) is put away first:
    // it may cover the word, and the mouse moved onto it would keep it open.
    const shown = this.page.locator('.monaco-hover:not(.hidden)');
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0 && (await shown.count()) > 0) {
        await this.page.mouse.move(0, 0);
        await this.page.keyboard.press('Escape');
        await shown.first().waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
      }
      const box = await this.wordPosition(word, occurrence);
      await this.page.mouse.move(box.x - 3, box.y);
      await this.page.mouse.move(box.x, box.y, { steps: 3 });
      try {
        await hover.waitFor({ timeout: 4000 });
        return (await hover.innerText()).trim();
      } catch {
        /* try again */
      }
    }
    throw new Error(`no hover matching ${expect} over "${word}"`);
  }

  /** Opens the Problems panel and returns every row's text (scrolling through the virtualised list). */
  async problems(expect: RegExp): Promise<string[]> {
    await this.command('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor();
    await panel.locator('.monaco-list-row', { hasText: expect }).first().waitFor({ timeout: TIMEOUT });
    return this.allRows(panel);
  }

  /** Every row of a virtualised list, by index, scrolling it with the mouse wheel until the end. */
  async allRows(container: Locator): Promise<string[]> {
    const rows = new Map<number, string>();
    const box = await container.boundingBox();
    if (!box) throw new Error('list is not on screen');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // From the top: a list shown before keeps where it was scrolled to.
    const first = () => container.locator('.monaco-list-row').evaluateAll((els) => Math.min(...els.map((el) => Number(el.getAttribute('data-index')))));
    for (let i = 0, at = await first(); i < 50 && at > 0 && at !== Infinity; i++, at = await first()) {
      await this.page.mouse.wheel(0, -box.height * 0.6);
      await this.nextFrame();
    }
    for (let i = 0; i < 50; i++) {
      const before = rows.size;
      const visible = await container.locator('.monaco-list-row').evaluateAll((els) =>
        els.map((el) => [Number(el.getAttribute('data-index')), (el as { innerText: string }).innerText] as const),
      );
      for (const [index, text] of visible) rows.set(index, text);
      if (i > 0 && rows.size === before) break;
      await this.page.mouse.wheel(0, box.height * 0.6);
      await this.nextFrame(); // the list renders the rows scrolled in on the next frame
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  }

  async closePanel(): Promise<void> {
    await this.command('View: Hide Panel');
  }

  /** Opens the News Annotator container in the activity bar. */
  async showSidebar(): Promise<void> {
    await this.activityBarEntry().click();
    await this.view('Cross-Source References').waitFor();
  }

  /** A view pane of the News Annotator container, by its title. */
  view(title: string): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: title }) }).first();
  }

  /** Expands a view pane when collapsed. */
  async expandView(title: string): Promise<Locator> {
    const pane = this.view(title);
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return pane;
  }

  /** A tree row of a view whose text matches. */
  row(pane: Locator, text: string | RegExp): Locator {
    return pane.locator('.monaco-list-row', { hasText: text }).first();
  }

  async expandRow(row: Locator): Promise<void> {
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle());
  }

  /** The line number of the cursor in the editor of the group whose active tab is `name`. */
  async cursorLine(name: string): Promise<number> {
    const group = this.page.locator('.editor-group-container', { has: this.page.locator('.tab.active', { hasText: name }) }).first();
    const line = group.locator('.margin-view-overlays .active-line-number').first();
    await line.waitFor();
    return Number((await line.innerText()).trim());
  }

  async nextFrame(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
