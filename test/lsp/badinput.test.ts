// Bad input through the language server, over a real JSON-RPC connection: a workspace holding
// every bad-input case as a file on disk (and some as unsaved documents). Each case gets a clear
// result — annotated (listed by `newsAnnotator/sources`, with diagnostics at exact UTF-16
// positions where the text has a finding) or skipped with the reason listed — and the server
// still answers hovers afterwards. Timing is measured by `npm run fuzz`, never asserted here.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { SourcesResult } from '../../shared/protocol';
import { fixture, makeWorkspace, positionOf, positionOfText, TestClient, textAt } from './harness';

const A = 'alpine-herald.txt'; // says 41 were killed …
const B = 'danube-wire.txt'; // … this one 52: every copy of A conflicts with B at "41"

const HUGE_PARA =
  'Rescuers in Faro said at least 41 people died, according to the National Water Authority (NWA). “We are still searching,” Ana Ruiz, head of the port authority, told reporters.\n';
const ONE_LINE_UNIT = 'The mayor of Faro, Ana Ruiz, said 12 homes were lost and “nothing is left” there; ';

const ES = 'Terremoto en Chile\n\nAl menos 41 personas murieron el lunes en Valparaíso, según el gobernador Andrés Molina. «Vamos a reconstruir», dijo.\n';
const RU = 'Землетрясение в Чили\n\nПо меньшей мере 41 человек погиб в понедельник в Вальпараисо, сообщил губернатор Андрес Молина. «Мы всё восстановим», — сказал он.\n';
const ZH = '智利地震\n\n周一，瓦尔帕莱索至少41人死亡，州长安德烈斯·莫利纳说。“我们将重建。”\n';

/** Article text with astral characters (two UTF-16 units each) before the figure and the names. */
function withEmoji(text: string): string {
  return text
    .replace('OBERKIRN, Austria:', '🏔️🌧️ OBERKIRN, Austria:')
    .replace('and 41 people', 'and 👩🏽‍🚒 41 people')
    .replace('said Ingrid Maier', 'said 𝕏 Ingrid Maier');
}

/** Sources, polled until `ok` holds (the server answers requests between slices of work). */
async function sourcesWhen(client: TestClient, what: string, ok: (s: SourcesResult) => boolean, timeoutMs = 60_000): Promise<SourcesResult> {
  return client.waitFor(what, async () => {
    const s = await client.request<SourcesResult>('newsAnnotator/sources');
    return ok(s) ? s : undefined;
  }, timeoutMs);
}

/** Resolves once the last status is idle with at least `n` articles (a longer wait than the harness's). */
async function idle(client: TestClient, n: number, timeoutMs = 60_000): Promise<unknown> {
  try {
    return await client.waitFor(`idle with ${n} articles`, () => {
      const last = [...client.notifications].reverse().find((x) => x.method === 'newsAnnotator/status')?.params as
        | { state: string; articles: number }
        | undefined;
      return last && last.state === 'idle' && last.articles >= n ? last : undefined;
    }, timeoutMs);
  } catch (e) {
    // Say what the server has, to tell a hang from a miscount.
    const last = [...client.notifications].reverse().find((x) => x.method === 'newsAnnotator/status')?.params;
    const src = await Promise.race([client.request<SourcesResult>('newsAnnotator/sources'), new Promise((r) => setTimeout(() => r('(no answer in 5 s)'), 5000))]);
    throw new Error(`${(e as Error).message}\nlast status: ${JSON.stringify(last)}\nsources: ${JSON.stringify(src)}`);
  }
}

describe('bad input through the language server', () => {
  let client: TestClient;
  let a: string;
  let b: string;
  /** File name → the text the server should see (after decoding). */
  const decoded: Record<string, string> = {};
  const files: Record<string, string | Buffer> = {};
  let fifo = false;

  before(async () => {
    a = await fixture(A);
    b = await fixture(B);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(a, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16(); // the BOM swaps too: FF FE → FE FF
    const invalid = Buffer.concat([Buffer.from(a.slice(0, a.indexOf('At least 120'))), Buffer.from([0xff, 0xc3, 0x28, 0xa0]), Buffer.from(a.slice(a.indexOf('At least 120')))]);
    Object.assign(files, {
      [B]: b,
      'empty.txt': '',
      'blank.txt': ' \n\t\r\n   \n\n',
      'huge.txt': HUGE_PARA.repeat(Math.ceil(10_000_000 / HUGE_PARA.length)),
      'one-line.txt': ONE_LINE_UNIT.repeat(Math.floor(1_000_000 / Buffer.byteLength(ONE_LINE_UNIT))), // 1 MB in UTF-8, under the limit
      'photo.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'enc/utf16le.txt': le,
      'enc/utf16be.txt': be,
      'enc/utf8-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(a)]),
      'enc/invalid-utf8.txt': invalid,
      'eol/crlf.txt': a.replace(/\n/g, '\r\n'),
      'eol/cr.txt': a.replace(/\n/g, '\r'),
      'emoji.txt': withEmoji(a),
      'lang/es.txt': ES,
      'lang/ru.txt': RU,
      'lang/zh.txt': ZH,
      'shapes/quotes-10k.txt': `${'“He said ”and “then '.repeat(2500)}\n${'"'.repeat(10_000)}\n`,
      'shapes/digits-100k.txt': `The toll was ${'9'.repeat(100_000)} people.\n`,
      'shapes/ones.txt': `Counts: ${'1,'.repeat(100_000)}1 dead.\n`,
      'shapes/nested.txt': `${'“a ‘b “c ‘d '.repeat(2000)}${'’ ” ’ ”'.repeat(2000)} she said.\n`,
    });
    for (const [name, content] of Object.entries(files)) decoded[name] = typeof content === 'string' ? content : '';
    for (const name of ['enc/utf16le.txt', 'enc/utf16be.txt', 'enc/utf8-bom.txt']) decoded[name] = a;
    decoded['enc/invalid-utf8.txt'] = new TextDecoder().decode(invalid);
    const ws = await makeWorkspace(files);
    // A FIFO named .txt (reading it would block the scan for ever) and a link to it.
    fifo = spawnSync('mkfifo', [path.join(ws, 'pipe.txt')]).status === 0;
    if (fifo) await fs.symlink(path.join(ws, 'pipe.txt'), path.join(ws, 'pipe-link.txt'));
    client = await TestClient.start({ workspace: ws });
    await idle(client, Object.keys(files).length - 2);
  });

  after(async () => {
    await client?.stop();
  });

  it('annotates every text case and lists the binary and oversized files as skipped, with the reason', async () => {
    const src = await client.request<SourcesResult>('newsAnnotator/sources');
    const listed = src.articles.map((x) => x.uri).sort();
    const expected = Object.keys(files).filter((f) => f !== 'huge.txt' && f !== 'photo.txt').map((f) => client.uri(f)).sort();
    assert.deepEqual(listed, expected);
    const reason = (rel: string) => src.skipped.find((s) => s.uri === client.uri(rel))?.reason ?? '(not listed as skipped)';
    assert.match(reason('photo.txt'), /binary/);
    assert.match(reason('huge.txt'), /larger than newsAnnotator\.maxFileSize \(\d{8} > 1048576 bytes\)/);
    if (fifo) {
      // The FIFO itself is not a file, so not listed; the .txt link to it is skipped, not opened.
      assert.match(reason('pipe-link.txt'), /not a regular file/);
      assert.ok(!src.skipped.some((s) => s.uri === client.uri('pipe.txt')) || /not a regular file/.test(reason('pipe.txt')));
    }
    assert.equal(src.skipped.filter((s) => !s.uri.includes('/pipe')).length, 2, JSON.stringify(src.skipped));
    const counts = (rel: string) => src.articles.find((x) => x.uri === client.uri(rel))!;
    for (const rel of ['empty.txt', 'blank.txt']) {
      const c = counts(rel);
      assert.deepEqual([c.entities, c.quotes, c.figures, c.findings], [0, 0, 0, 0], rel);
    }
    assert.ok(counts('one-line.txt').entities > 0 && counts('one-line.txt').figures > 0, 'the 1 MB line is annotated');
    for (const rel of ['lang/es.txt', 'lang/ru.txt']) assert.ok(counts(rel).figures > 0, `${rel}: the figure 41 is read`);
    assert.ok(!client.diagnostics.get(client.uri('photo.txt'))?.length, 'nothing published for a skipped file');
    // Invalid UTF-8 is annotated (bytes shown as U+FFFD) and the Sources view says so; clean files have no warning.
    assert.match(counts('enc/invalid-utf8.txt').warning ?? '(no warning)', /invalid UTF-8/);
    for (const rel of ['enc/utf16le.txt', 'enc/utf8-bom.txt', 'empty.txt']) assert.equal(counts(rel).warning, undefined, rel);
  });

  const ENCODED = ['enc/utf16le.txt', 'enc/utf16be.txt', 'enc/utf8-bom.txt', 'enc/invalid-utf8.txt', 'eol/crlf.txt', 'eol/cr.txt', 'emoji.txt'];
  for (const rel of ENCODED) {
    it(`${rel}: the conflict with the other source sits exactly on “41”`, async () => {
      const text = decoded[rel];
      const d = await client.waitFor(`figure-conflict in ${rel}`, () =>
        client.diagnosticsOf(client.uri(rel))?.find((x: Diagnostic) => x.code === 'figure-conflict'));
      assert.equal(textAt(text, d.range), '41');
      assert.deepEqual(d.range.start, positionOfText(text, '41 people'));
      const toB = d.relatedInformation?.find((r) => r.location.uri === client.uri(B));
      assert.ok(toB, JSON.stringify(d.relatedInformation));
      assert.equal(textAt(b, toB.location.range), '52');
    });
  }

  it('hovers a name after astral characters with an exact UTF-16 range', async () => {
    const text = decoded['emoji.txt'];
    const at = positionOfText(text, 'Ingrid Maier', 0, 3);
    assert.ok(text.split('\n')[at.line].indexOf('Ingrid') > text.split('\n')[at.line].indexOf('𝕏'), 'the astral character precedes the name');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('emoji.txt') }, position: at });
    assert.ok(hover, 'a hover');
    assert.equal(textAt(text, hover.range!), 'Ingrid Maier');
    assert.deepEqual(hover.range!.start, positionOfText(text, 'Ingrid Maier'));
    assert.match((hover.contents as MarkupContent).value, /Ingrid Maier/);
  });

  it('answers hovers in every hostile shape, and still hovers a normal article afterwards', async () => {
    for (const rel of ['empty.txt', 'blank.txt', 'one-line.txt', 'lang/es.txt', 'lang/ru.txt', 'lang/zh.txt', 'shapes/quotes-10k.txt', 'shapes/digits-100k.txt', 'shapes/ones.txt', 'shapes/nested.txt']) {
      const text = decoded[rel];
      for (const offset of [0, Math.floor(text.length / 2), text.length]) {
        const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri(rel) }, position: positionOf(text, offset) });
        if (h?.range) assert.ok(textAt(text, h.range).length > 0, `${rel}: a hover range inside the text`);
      }
    }
    const es = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('lang/es.txt') }, position: positionOfText(ES, 'Valparaíso', 0, 2) });
    assert.equal(textAt(ES, es.range!), 'Valparaíso');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('eol/cr.txt') }, position: positionOfText(decoded['eol/cr.txt'], 'Ingrid Maier', 0, 2) });
    assert.equal(textAt(decoded['eol/cr.txt'], h.range!), 'Ingrid Maier');
  });

  it('takes the same cases as unsaved documents: positions exact, nothing stale after closing', async () => {
    const drafts: Record<string, string> = {
      'draft-emoji.txt': withEmoji(a),
      'draft-cr.txt': a.replace(/\n/g, '\r'),
      'draft-crlf-bom.txt': '\ufeff' + a.replace(/\n/g, '\r\n'),
      'draft-nul.txt': a.replace('Maier said', 'Maier\u0000said'),
      'draft-empty.txt': '',
      'draft-quotes.txt': '"“”„«»'.repeat(2000),
    };
    for (const [rel, text] of Object.entries(drafts)) await client.open(client.uri(rel), text);
    for (const rel of ['draft-emoji.txt', 'draft-cr.txt', 'draft-nul.txt']) {
      const text = drafts[rel];
      const d = await client.waitFor(`conflict in ${rel}`, () => client.diagnosticsOf(client.uri(rel))?.find((x) => x.code === 'figure-conflict'));
      assert.deepEqual(d.range.start, positionOfText(text, '41 people'));
      assert.equal(textAt(text, d.range), '41');
    }
    // A BOM the editor hands over as text: ranges count from after it (as for files on disk).
    const bom = drafts['draft-crlf-bom.txt'];
    const d = await client.waitFor('conflict in the BOM draft', () => client.diagnosticsOf(client.uri('draft-crlf-bom.txt'))?.find((x) => x.code === 'figure-conflict'));
    assert.equal(textAt(bom.slice(1), d.range), '41');
    for (const rel of Object.keys(drafts)) {
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri(rel) }, position: { line: 0, character: 0 } });
      if (h?.range) assert.ok(h.range.start.line >= 0);
    }
    for (const rel of Object.keys(drafts)) await client.close(client.uri(rel));
    for (const rel of Object.keys(drafts)) {
      await client.waitFor(`${rel} cleared on close`, () => (client.diagnosticsOf(client.uri(rel)) ?? []).length === 0);
    }
    const src = await client.request<SourcesResult>('newsAnnotator/sources');
    assert.ok(!src.articles.some((x) => x.uri.includes('draft-')), 'closed drafts that exist nowhere on disk leave the index');
  });

  it('annotates the 10 MB article once maxFileSize is raised, and answers a hover in it', async () => {
    client.settings = { maxFileSize: 16 * 1_048_576 };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const src = await sourcesWhen(client, 'huge.txt indexed', (s) => s.articles.some((x) => x.uri === client.uri('huge.txt')), 180_000);
    assert.ok(!src.skipped.some((s) => s.uri === client.uri('huge.txt')), 'no longer listed as skipped');
    const huge = src.articles.find((x) => x.uri === client.uri('huge.txt'))!;
    assert.ok(huge.entities > 0 && huge.quotes > 10_000 && huge.figures > 10_000, JSON.stringify(huge));
    const text = files['huge.txt'] as string;
    const last = text.lastIndexOf('Ana Ruiz');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('huge.txt') }, position: positionOf(text, last + 1) });
    assert.ok(h, 'a hover on the last mention of the 10 MB article');
    assert.equal(textAt(text, h.range!), 'Ana Ruiz');
    // Lowering the limit again skips it again, with the reason.
    client.settings = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await sourcesWhen(client, 'huge.txt skipped again', (s) =>
      s.skipped.some((x) => x.uri === client.uri('huge.txt') && /maxFileSize/.test(x.reason)) && !s.articles.some((x) => x.uri === client.uri('huge.txt')));
  });

  it('logged no errors', () => {
    const errors = client.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1);
    assert.deepEqual(errors, []);
    assert.equal(client.stderr.trim(), '');
  });
});
