// Checks that Markdown built from untrusted text cannot render as links, images, HTML, code spans
// or emphasis: what is left after removing backslash escapes must hold no active character.

import assert from 'node:assert/strict';

/** The text a CommonMark renderer shows for backslash-escaped input. */
export function stripEscapes(md: string): string {
  return md.replace(/\\([\s\S])/g, '$1');
}

/** Removes escaped characters entirely, leaving only what a renderer would interpret. */
function active(md: string): string {
  return md.replace(/\\[\s\S]/g, '');
}

/** For escaped fragments: no unescaped character with a Markdown meaning remains. */
export function assertInertMarkdown(md: string): void {
  const rest = active(md);
  const bad = rest.match(/[\\`*_{}[\]()#+\-.!|<>~&$:]/);
  assert.equal(bad, null, `unescaped ${JSON.stringify(bad?.[0])} in ${JSON.stringify(md)}`);
  assert.ok(!/[\r\n]/.test(md), 'single line');
}

/**
 * For whole hovers (our own **bold** and [label](file:…) links included): no HTML, no code span,
 * no link other than ours to file: URIs, and no command: URI anywhere.
 */
export function assertSafeHover(md: string): void {
  const rest = active(md);
  assert.ok(!rest.includes('<'), `raw < in hover:\n${md}`);
  assert.ok(!rest.includes('`'), `raw backtick in hover:\n${md}`);
  assert.ok(!/command:/i.test(rest), `command: URI in hover:\n${md}`);
  for (const m of rest.matchAll(/\]\(([^)]*)\)/g)) assert.match(m[1], /^file:\/\/\/[^\s()<>]*$/, `link target ${m[1]}`);
  const opens = (rest.match(/\[/g) ?? []).length;
  const links = (rest.match(/\]\(file:/g) ?? []).length;
  assert.equal(opens, links, `stray [ in hover:\n${md}`);
}
