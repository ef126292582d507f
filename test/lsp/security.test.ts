// Hostile article text and file names never become live Markdown in hovers: every hover the
// server gives over a workspace seeded with link, HTML and code-span payloads is checked.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { assertSafeHover } from './inert';
import { makeWorkspace, positionOf, TestClient } from './harness';

const EVIL_NAME = '[x](command:evil) <img src=x onerror=alert(1)> `tick`.txt';

const EVIL = `Oberkirn mayor speaks [x](command:workbench.action.terminal.new)

Ingrid Maier, the mayor of Oberkirn <img src=x onerror=alert(1)>, spoke to reporters on Monday.

"We heard a sound like thunder \`rm -rf\` and then the whole hillside moved toward the [church](command:evil) and the school," said Ingrid Maier.

At least 41 **people** were killed, the Alpine Rescue Service said.
`;

const PLAIN = `Oberkirn landslide

Ingrid Maier, the mayor of Oberkirn, spoke on Monday.

"We heard a sound like thunder and then the whole hillside moved toward the church and the school," said Ingrid Maier.

52 people were killed, the Alpine Rescue Service said.
`;

describe('hover Markdown safety', () => {
  let client: TestClient;

  before(async () => {
    const ws = await makeWorkspace({ [EVIL_NAME]: EVIL, 'plain.txt': PLAIN });
    client = await TestClient.start({ workspace: ws });
    await client.waitForIdle(2);
  });

  after(async () => {
    await client?.stop();
  });

  it('keeps every hover inert over articles and file names carrying payloads', async () => {
    const hovers: string[] = [];
    for (const [rel, text] of [
      [EVIL_NAME, EVIL],
      ['plain.txt', PLAIN],
    ] as const) {
      // Hover at the start of every word and every mark.
      for (const m of text.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)) {
        const h = await client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri: client.uri(rel) },
          position: positionOf(text, m.index!),
        });
        if (h) hovers.push((h.contents as MarkupContent).value);
      }
    }
    assert.ok(hovers.length > 5, `hovers: ${hovers.length}`);
    for (const md of hovers) assertSafeHover(md);
    // Not vacuous: the hostile file name reached hovers, escaped, as a link label.
    assert.ok(hovers.some((md) => md.includes('\\[x\\]\\(command\\:evil\\) \\<img src\\=x onerror\\=alert\\(1\\)\\> \\`tick\\`\\.txt')));
    // And so did text from inside the hostile article (the quote's differing words).
    assert.ok(hovers.some((md) => /(adds|lacks) “[^”]*rm/.test(md)), hovers.join('\n---\n'));
  });
});
