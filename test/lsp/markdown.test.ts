// escapeMarkdown and markdownLink: article text can hold links, HTML, code spans and emphasis;
// none of it may become live Markdown in a hover.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeMarkdown, markdownLink } from '../../server/src/lsp/markdown';
import { assertInertMarkdown, assertSafeHover, stripEscapes } from './inert';

describe('escapeMarkdown', () => {
  it('defuses a command link', () => {
    const out = escapeMarkdown('[x](command:evil)');
    assert.equal(out, '\\[x\\]\\(command\\:evil\\)');
    assertInertMarkdown(out);
  });

  it('defuses raw HTML', () => {
    const out = escapeMarkdown('<img src=x onerror=alert(1)>');
    assert.equal(out, '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    assertInertMarkdown(out);
  });

  it('defuses backticks, emphasis, entities and autolinks', () => {
    assert.equal(escapeMarkdown('`rm -rf`'), '\\`rm \\-rf\\`');
    assert.equal(escapeMarkdown('*a* _b_ ~~c~~'), '\\*a\\* \\_b\\_ \\~\\~c\\~\\~');
    assert.equal(escapeMarkdown('&lt;script&gt;'), '\\&lt;script\\&gt;');
    assert.equal(escapeMarkdown('https://evil.example'), 'https\\://evil\\.example');
    assert.equal(escapeMarkdown('$(alert) ![i](x)'), '\\$\\(alert\\) \\!\\[i\\]\\(x\\)');
    for (const s of ['`x`', '``y``', '*a*', '<b>', '&amp;', 'www.evil.example']) assertInertMarkdown(escapeMarkdown(s));
  });

  it('keeps text on one line so it cannot open a heading, list, quote or fence', () => {
    const out = escapeMarkdown('ok\n# Heading\n- item\n> quote\n```\nfence');
    assert.ok(!/[\r\n]/.test(out));
    assert.equal(stripEscapes(out), 'ok # Heading - item > quote ``` fence');
  });

  it('removes control and bidi-override characters', () => {
    const out = escapeMarkdown('safe\u202Etxt.exe\u0007');
    assert.ok(!/[\u202E\u0007]/.test(out));
  });

  it('never leaves a special character unescaped, and loses no visible text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const out = escapeMarkdown(s);
        assertInertMarkdown(out);
        const visible = s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ');
        assert.equal(stripEscapes(out), visible);
      }),
      { numRuns: 500 },
    );
  });
});

describe('markdownLink', () => {
  it('escapes the label and encodes the target of a document link', () => {
    const out = markdownLink('[x](command:evil).txt', 'file:///ws/a%20(1).txt', 3);
    assert.equal(out, '[\\[x\\]\\(command\\:evil\\)\\.txt](file:///ws/a%20%281%29.txt#L3)');
    assertSafeHover(out);
  });

  it('renders non-document targets as plain text', () => {
    const out = markdownLink('click', 'command:workbench.action.terminal.new');
    assert.equal(out, 'click');
  });
});
