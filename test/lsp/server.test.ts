// The language server over a real JSON-RPC connection (spawned with --stdio), on a temp workspace
// of invented articles: one death toll that conflicts across files (41 vs 52), an injured count
// under different hedges, one quote worded differently by the same speaker, and an unattributed
// quote; plus files the scan must skip. Later tests edit, delete and reconfigure, in order.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  CodeLens,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  SemanticTokens,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import type {
  ConflictsResult,
  CrossReferencesResult,
  ReindexResult,
  SourcesResult,
} from '../../shared/protocol';
import { fixture, makeWorkspace, positionOfText, tempDir, TestClient, textAt } from './harness';

const A = 'alpine-herald.txt';
const B = 'danube-wire.txt';
const C = 'valley-times.txt';
const D = 'mountain-post.txt';
const MAX_FILE_SIZE = 4096;

describe('language server over JSON-RPC', () => {
  let client: TestClient;
  let ws: string;
  const text: Record<string, string> = {};
  let outside: string;

  before(async () => {
    for (const f of [A, B, C, D]) text[f] = await fixture(f);
    outside = tempDir('na-outside-');
    await fs.writeFile(path.join(outside, 'secret.txt'), text[A]);
    ws = await makeWorkspace({
      [A]: text[A],
      [B]: text[B],
      [C]: text[C],
      [D]: text[D],
      // Must be skipped, each for its own reason:
      'node_modules/pkg/readme.txt': text[A].replace('41', '7'),
      'scan.txt': Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43]),
      'notes/big.txt': 'Oberkirn. '.repeat(Math.ceil((MAX_FILE_SIZE + 100) / 10)),
      'notes/readme.md': text[A],
    });
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(ws, 'link.txt'));
    client = await TestClient.start({
      workspace: ws,
      settings: { maxFileSize: MAX_FILE_SIZE },
      initializationOptions: { storagePath: path.join(outside, 'storage') },
    });
    await client.waitForIdle(4);
  });

  after(async () => {
    await client?.stop();
  });

  const findingsOf = (rel: string, code: string) => (client.diagnosticsOf(client.uri(rel)) ?? []).filter((d) => d.code === code);

  it('declares its features and the custom semantic token legend', () => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.hoverProvider && caps.referencesProvider && caps.definitionProvider && caps.workspaceSymbolProvider);
    assert.ok(caps.codeLensProvider);
    const legend = (caps.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend;
    for (const t of ['person', 'organization', 'place', 'product', 'quote', 'figure']) assert.ok(legend.tokenTypes.includes(t), t);
    assert.equal(client.initializeResult.serverInfo?.name, 'news-annotator');
  });

  it('scans with progress, registers file watchers for the include glob, and asks for settings per folder', () => {
    assert.ok(client.serverRequests.some((r) => r.method === 'window/workDoneProgress/create'), 'progress created');
    assert.ok(client.notifications.some((n) => n.method === '$/progress'), 'progress reported');
    const watchers = client.registrations
      .flatMap((r) => r.registrations)
      .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers);
    assert.ok(
      watchers.some((w) => JSON.stringify(w.globPattern).includes('**/*.txt')),
      JSON.stringify(watchers),
    );
    const config = client.serverRequests.find((r) => r.method === 'workspace/configuration')?.params as {
      items: { scopeUri?: string; section?: string }[];
    };
    assert.ok(config.items.some((i) => i.section === 'newsAnnotator' && i.scopeUri === client.uri('')), JSON.stringify(config));
  });

  it('publishes a conflict with relatedInformation pointing at the other file', async () => {
    const conflicts = await client.waitFor('figure-conflict in A', () => {
      const c = findingsOf(A, 'figure-conflict');
      return c.length ? c : undefined;
    });
    const d = conflicts[0];
    assert.equal(d.source, 'news-annotator');
    assert.equal(d.codeDescription?.href, 'https://github.com/news-annotator/news-annotator#figure-conflict');
    assert.equal(textAt(text[A], d.range), '41');
    const related = d.relatedInformation ?? [];
    const toB = related.find((r) => r.location.uri === client.uri(B));
    assert.ok(toB, JSON.stringify(related));
    assert.equal(textAt(text[B], toB.location.range), '52');
    assert.ok(toB.message.length > 0);
    // And the other direction: B's 52 names A's 41.
    const inB = findingsOf(B, 'figure-conflict');
    assert.ok(inB.some((x) => x.relatedInformation?.some((r) => r.location.uri === client.uri(A))));
  });

  it('publishes the hedge difference, the quote variant and the unattributed quote', () => {
    const hedge = findingsOf(A, 'figure-hedge').find((d) => textAt(text[A], d.range) === 'At least 120');
    assert.ok(hedge, JSON.stringify(client.diagnosticsOf(client.uri(A))));
    assert.ok(hedge.relatedInformation?.some((r) => r.location.uri === client.uri(C) && textAt(text[C], r.location.range) === 'About 120'));
    const variant = findingsOf(B, 'quote-variant')[0];
    assert.ok(variant?.relatedInformation?.some((r) => r.location.uri === client.uri(A)));
    const unattributed = findingsOf(D, 'quote-unattributed')[0];
    assert.ok(unattributed);
    assert.match(textAt(text[D], unattributed.range), /Nobody expected the mountain/);
  });

  it('skips excluded, binary, oversized and outside-the-workspace files, and says why', async () => {
    const src = await client.request<SourcesResult>('newsAnnotator/sources');
    const names = src.articles.map((a) => a.name).sort();
    assert.deepEqual(names, [A, B, D, C].sort());
    const a = src.articles.find((x) => x.name === A)!;
    assert.ok(a.entities > 0 && a.quotes > 0 && a.figures > 0 && a.findings > 0, JSON.stringify(a));
    const reason = (rel: string) => src.skipped.find((s) => s.uri === client.uri(rel))?.reason ?? '';
    assert.match(reason('scan.txt'), /binary/);
    assert.match(reason('notes/big.txt'), /maxFileSize/);
    assert.match(reason('link.txt'), /outside the workspace/);
    assert.ok(!src.skipped.some((s) => s.uri.includes('node_modules')), 'excluded files are not even listed');
    assert.ok(!client.diagnostics.has(client.uri('link.txt')));
    assert.ok(!client.diagnostics.has(client.uri('node_modules/pkg/readme.txt')));
  });

  it('hovers an entity with its canonical name, role and every source', async () => {
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: client.uri(B) },
      position: positionOfText(text[B], 'Maier', 0, 2),
    });
    const md = hover.contents as MarkupContent;
    assert.equal(md.kind, 'markdown');
    assert.match(md.value, /\*\*Ingrid Maier\*\* · person/);
    assert.match(md.value, /mayor of Oberkirn/);
    for (const f of [A, B, C, D]) assert.ok(md.value.includes(`[${f.replace(/[.-]/g, '\\$&')}](${client.uri(f)}#L`), `${f} in\n${md.value}`);
    assert.match(md.value, /Sources \(4\)/);
    assert.equal((hover as unknown as { contents: { isTrusted?: boolean } }).contents.isTrusted, undefined);
    assert.equal(textAt(text[B], hover.range!), 'Ingrid Maier');
  });

  it('hovers a quote with its speaker, cue and the other wording', async () => {
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: client.uri(A) },
      position: positionOfText(text[A], 'like thunder'),
    });
    const md = (hover.contents as MarkupContent).value;
    assert.match(md, /\*\*Quote\*\* · Ingrid Maier/);
    assert.match(md, /Attributed by: “said Ingrid Maier”/);
    assert.ok(md.includes(client.uri(B)), md);
    assert.match(md, /adds “roar”; lacks “sound”/);
  });

  it('hovers a figure with its interval and every other source marked conflict/agree', async () => {
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: client.uri(C) },
      position: positionOfText(text[C], 'At least 50', 0, 3),
    });
    const md = (hover.contents as MarkupContent).value;
    assert.match(md, /\*\*At least 50\*\* · deaths/);
    assert.match(md, /Reads as: ≥ 50 · hedge “at least”/i);
    const line = (rel: string) => md.split('\n').find((l) => l.includes(client.uri(rel))) ?? '';
    assert.match(line(A), /\*\*conflict\*\*/);
    assert.match(line(B), /\*\*agree\*\*/);
  });

  it('finds references to an entity in every article', async () => {
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: client.uri(A) },
      position: positionOfText(text[A], 'Ingrid Maier', 0, 1),
      context: { includeDeclaration: true },
    });
    const files = new Set(refs.map((r) => r.uri));
    for (const f of [A, B, C, D]) assert.ok(files.has(client.uri(f)), f);
    for (const r of refs) {
      const rel = path.basename(new URL(r.uri).pathname);
      assert.match(textAt(text[rel], r.range), /Maier/);
    }
  });

  it('finds references to a figure: the claim across files', async () => {
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: client.uri(A) },
      position: positionOfText(text[A], '41'),
      context: { includeDeclaration: true },
    });
    const got = refs.map((r) => `${path.basename(r.uri)}:${textAt(text[path.basename(r.uri)], r.range)}`).sort();
    assert.deepEqual(got, [`${A}:41`, `${B}:52`, `${C}:At least 50`].sort());
  });

  it('goes to the fullest first mention as the definition', async () => {
    const def = await client.request<Location>('textDocument/definition', {
      textDocument: { uri: client.uri(A) },
      position: positionOfText(text[A], 'Maier said the village'),
    });
    assert.equal(def.uri, client.uri(A));
    assert.equal(textAt(text[A], def.range), 'Ingrid Maier');
  });

  it('outlines entities, quotes by speaker and figures by claim', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(A) } });
    assert.deepEqual(symbols.map((s) => s.name), ['Entities', 'Quotes', 'Figures']);
    const [entities, quotes, figures] = symbols;
    assert.ok(entities.children!.some((c) => c.name === 'Ingrid Maier' && textAt(text[A], c.selectionRange) === 'Ingrid Maier'));
    assert.ok(quotes.children!.some((c) => c.name === 'Ingrid Maier' && c.children!.length === 2));
    const deaths = figures.children!.find((c) => c.name.startsWith('deaths'));
    assert.ok(deaths && deaths.children!.some((c) => c.name === '41'), JSON.stringify(figures.children!.map((c) => c.name)));
    const within = (inner: { start: { line: number; character: number } }, outer: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
      (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
      (inner.start.line < outer.end.line || (inner.start.line === outer.end.line && inner.start.character <= outer.end.character));
    const check = (s: DocumentSymbol) => {
      assert.ok(within(s.selectionRange, s.range), `selection inside range for ${s.name}`);
      for (const c of s.children ?? []) {
        assert.ok(within(c.range, s.range), `${c.name} inside ${s.name}`);
        check(c);
      }
    };
    symbols.forEach(check);
  });

  it('finds entities as workspace symbols by substring and fuzzily', async () => {
    const exact = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'maier' });
    assert.equal(exact[0]?.name, 'Ingrid Maier');
    assert.equal(textAt(text[path.basename(exact[0].location.uri)], exact[0].location.range), 'Ingrid Maier');
    const fuzzy = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'alprs' });
    assert.ok(fuzzy.some((s) => s.name === 'Alpine Rescue Service'), JSON.stringify(fuzzy.map((s) => s.name)));
    const none = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'zzqx' });
    assert.deepEqual(none, []);
  });

  it('summarises the article in a code lens on line 0', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(A) } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    const title = lenses[0].command!.title;
    const m = /^(\d+) shared entit(?:y|ies) · (\d+) quotes? corroborated · (\d+) conflicts?$/.exec(title);
    assert.ok(m, title);
    assert.equal(Number(m[3]), findingsOf(A, 'figure-conflict').length, 'conflicts = published figure-conflict diagnostics');
    assert.ok(Number(m[1]) >= 3, title); // Oberkirn, Austria, Ingrid Maier, Alpine Rescue Service … appear elsewhere
    assert.ok(Number(m[2]) >= 1, title); // the thunder quote
  });

  it('colours mentions, quotes and figures with semantic tokens', async () => {
    const legend = (client.initializeResult.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[]; tokenModifiers: string[] } }).legend;
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: client.uri(A) } });
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    const decoded: { text: string; type: string; modifiers: string[] }[] = [];
    let line = 0;
    let char = 0;
    const lines = text[A].split('\n');
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5);
      line += dl;
      char = dl ? dc : char + dc;
      decoded.push({
        text: lines[line].slice(char, char + len),
        type: legend.tokenTypes[type],
        modifiers: legend.tokenModifiers.filter((_, b) => mods & (1 << b)),
      });
    }
    assert.ok(decoded.some((t) => t.type === 'person' && t.text === 'Ingrid Maier'), JSON.stringify(decoded));
    assert.ok(decoded.some((t) => t.type === 'figure' && t.text === '41' && t.modifiers.includes('conflict')));
    assert.ok(decoded.some((t) => t.type === 'organization' && t.text === 'Alpine Rescue Service'));
    assert.ok(decoded.some((t) => t.type === 'quote' && t.text.includes('like thunder')));
  });

  it('answers the sidebar: cross-references of one article', async () => {
    const x = await client.request<CrossReferencesResult>('newsAnnotator/crossReferences', { uri: client.uri(A) });
    assert.equal(x.uri, client.uri(A));
    const maier = x.entities.find((e) => e.name === 'Ingrid Maier')!;
    assert.equal(maier.sources, 4);
    assert.ok(maier.locations.every((l) => l.uri !== client.uri(A) && l.status === 'agree'));
    assert.ok(maier.locations.some((l) => l.uri === client.uri(B) && l.preview.includes('Maier') && !l.preview.includes('\n')));
    const toll = x.figures.find((f) => f.text === '41')!;
    assert.equal(toll.status, 'conflict');
    assert.ok(toll.locations.some((l) => l.uri === client.uri(B) && l.status === 'conflict'));
    const quote = x.quotes.find((q) => q.text.includes('thunder'))!;
    assert.equal(quote.status, 'variant');
    assert.equal(quote.speaker, 'Ingrid Maier');
  });

  it('answers the sidebar: all conflicts and variants, grouped', async () => {
    const c = await client.request<ConflictsResult>('newsAnnotator/conflicts');
    const deaths = c.claims.find((k) => k.measure === 'deaths')!;
    assert.ok(deaths, JSON.stringify(c.claims));
    assert.equal(deaths.count, 3);
    const status = (rel: string) => deaths.figures.find((f) => f.uri === client.uri(rel))?.status;
    assert.equal(status(A), 'conflict');
    assert.equal(status(B), 'conflict');
    assert.equal(status(C), 'conflict');
    assert.equal(c.counts.conflicts, c.claims.length);
    const maier = c.speakers.find((s) => s.speaker === 'Ingrid Maier')!;
    assert.equal(maier.count, 1);
    assert.deepEqual(maier.quotes[0].versions.map((v) => v.uri).sort(), [client.uri(A), client.uri(B)].sort());
  });

  it('exports JSON, SARIF and Markdown reports', async () => {
    const json = JSON.parse(await client.request<string>('newsAnnotator/export', { format: 'json' }));
    assert.ok(json.diagnostics.some((d: { code: string }) => d.code === 'figure-conflict'));
    const sarif = JSON.parse(await client.request<string>('newsAnnotator/export', { format: 'sarif' }));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      r.locations[0].physicalLocation.artifactLocation.uri === client.uri(A)));
    const markdown = await client.request<string>('newsAnnotator/export', { format: 'markdown' });
    assert.match(markdown, /^# News Annotator report/);
  });

  it('answers odd requests with empty results instead of failing', async () => {
    const unknownUri = client.uri('does-not-exist.txt');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: unknownUri }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request('newsAnnotator/crossReferences', { uri: unknownUri }), null);
    assert.equal(await client.request('newsAnnotator/crossReferences', {}), null);
    assert.equal(
      await client.request('textDocument/hover', { textDocument: { uri: client.uri(A) }, position: { line: 9999, character: 9999 } }),
      null,
    );
    const lens = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(A) } });
    assert.equal(lens.length, 1, 'still serving');
  });

  it('uses unsaved text over the disk, with UTF-16 positions on CRLF lines', async () => {
    // An article open in the editor but never saved: CRLF line ends and an astral character
    // (two UTF-16 units) before the figure on the same line.
    const uri = client.uri('draft.txt');
    const draft = 'Landslide in Oberkirn\r\n\r\n\u{1F3D4}\u{FE0F} In Oberkirn, 41 people were killed, the Alpine Rescue Service said.\r\n';
    await client.open(uri, draft);
    const d = await client.waitFor('conflict in the unsaved draft', () => client.diagnosticsOf(uri)?.find((x) => x.code === 'figure-conflict'));
    assert.equal(textAt(draft, d.range), '41');
    assert.equal(d.range.start.line, 2);
    assert.equal(d.range.start.character, draft.split('\r\n')[2].indexOf('41'));
    // Closing an article that exists nowhere on disk removes it and clears its diagnostics.
    await client.close(uri);
    await client.waitFor('draft cleared', () => client.diagnosticsOf(uri)?.length === 0);
    await client.waitFor('B no longer related to the draft', () =>
      !findingsOf(B, 'figure-conflict').some((x) => x.relatedInformation?.some((r) => r.location.uri === uri)));
  });

  it('treats an open document in the news language as an article, whatever its name', async () => {
    const news = client.uri('wire-copy.dat');
    const plain = client.uri('wire-copy.log');
    await client.open(news, text[B], 1, 'news');
    await client.open(plain, text[B], 1, 'plaintext');
    await client.waitFor('news-language document checked', () => client.diagnosticsOf(news)?.some((d) => d.code === 'figure-conflict'));
    // Requests are answered in order, after the opens: the plain-text one was not indexed.
    assert.equal(await client.request('textDocument/codeLens', { textDocument: { uri: plain } }), null);
    assert.ok(!client.diagnostics.has(plain));
    await client.close(news);
    await client.close(plain);
    await client.waitFor('news-language document cleared on close', () => client.diagnosticsOf(news)?.length === 0);
  });

  it('re-checks other files when one is edited: fixing 41 → 52 clears B’s conflict', async () => {
    const uri = client.uri(A);
    assert.ok(findingsOf(B, 'figure-conflict').length > 0, 'B starts with a conflict');
    await client.open(uri, text[A], 1);
    // A burst of edits (written in one go, as a fast typist's would arrive); only the last one matters.
    await client.changeBurst(uri, [
      [text[A].replace('41 people', '43 people'), 2],
      [text[A].replace('41 people', '47 people'), 3],
      [text[A].replace('41 people', '52 people'), 4],
    ]);
    await client.waitFor('B’s conflict gone', () => findingsOf(B, 'figure-conflict').length === 0);
    await client.waitFor('A’s conflict gone', () => findingsOf(A, 'figure-conflict').length === 0);
    // The burst was coalesced: the intermediate 43 and 47 were never analysed.
    const intermediate = client.published.flatMap((p) => p.diagnostics).filter((d) => /\b4[37] in alpine-herald/.test(String(d.message)));
    assert.deepEqual(intermediate, []);
    // C's "at least 50" still conflicts with nothing now (52 ≥ 50).
    assert.equal(findingsOf(C, 'figure-conflict').length, 0);
    await client.waitFor('indexChanged naming B', () =>
      client.notifications.some((n) => n.method === 'newsAnnotator/indexChanged' && (n.params as { uris: string[] }).uris.includes(client.uri(B))));
  });

  it('clears a deleted file’s diagnostics and the links other files had to it', async () => {
    const uri = client.uri(C);
    assert.ok(findingsOf(A, 'figure-hedge').some((d) => d.relatedInformation?.some((r) => r.location.uri === uri)), 'A links to C first');
    await fs.unlink(path.join(ws, C));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitFor('C cleared', () => client.diagnosticsOf(uri)?.length === 0);
    await client.waitFor('no links to C', () =>
      [...client.diagnostics.values()].every((ds) => ds.every((d) => !d.relatedInformation?.some((r) => r.location.uri === uri))));
    const src = await client.request<SourcesResult>('newsAnnotator/sources');
    assert.ok(!src.articles.some((a) => a.uri === uri));
  });

  it('indexes a created file reported by the watcher, and drops it again after a rename', async () => {
    const uri = client.uri('late/ridge-report.txt');
    await fs.mkdir(path.join(ws, 'late'), { recursive: true });
    await fs.writeFile(path.join(ws, 'late/ridge-report.txt'), text[C]);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await client.waitFor('the new file links back to A', () =>
      client.diagnosticsOf(uri)?.some((d) => d.relatedInformation?.some((r) => r.location.uri === client.uri(A))));
    const renamed = client.uri('late/ridge-report-v2.md');
    await fs.rename(path.join(ws, 'late/ridge-report.txt'), path.join(ws, 'late/ridge-report-v2.md'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }, { uri: renamed, type: 1 }] });
    await client.waitFor('renamed-away file cleared', () => client.diagnosticsOf(uri)?.length === 0);
    assert.ok(!client.diagnostics.has(renamed), 'a .md file is not an article');
  });

  it('ignores watched-file events for paths outside the workspace', async () => {
    const traversal = `${client.uri('')}/../${path.basename(outside)}/secret.txt`;
    const direct = `file://${outside}/secret.txt`;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: traversal, type: 1 }, { uri: direct, type: 1 }] });
    // A legitimate event sent after them is processed after them.
    await fs.writeFile(path.join(ws, 'marker.txt'), text[B]);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('marker.txt'), type: 1 }] });
    await client.waitFor('marker indexed', () => client.diagnosticsOf(client.uri('marker.txt')));
    const src = await client.request<SourcesResult>('newsAnnotator/sources');
    assert.ok(!src.articles.some((a) => a.uri.includes('secret') || a.uri.includes(path.basename(outside))), JSON.stringify(src.articles));
    assert.ok(![...client.diagnostics.keys()].some((u) => u.includes('secret')));
  });

  it('applies settings changes at once: severity off, then back', async () => {
    const before = findingsOf(A, 'quote-variant').length;
    assert.ok(before > 0);
    client.settings = { maxFileSize: MAX_FILE_SIZE, severity: { 'quote-variant': 'off', 'figure-hedge': 'error' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('variant hidden', () => findingsOf(A, 'quote-variant').length === 0 && findingsOf(B, 'quote-variant').length === 0);
    await client.waitFor('hedge raised to error', () => findingsOf(A, 'figure-hedge').every((d) => d.severity === 1) && findingsOf(A, 'figure-hedge').length > 0);
    client.settings = { maxFileSize: MAX_FILE_SIZE, severity: 'nonsense', tolerance: 'wide', aliases: 5, include: 42 };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('variant back with sanitised defaults', () => findingsOf(A, 'quote-variant').length === before);
    const src = await client.request<SourcesResult>('newsAnnotator/sources');
    assert.ok(src.articles.some((a) => a.name === B), 'a bad include falls back to **/*.txt');
  });

  it('rescans on request', async () => {
    await fs.writeFile(path.join(ws, 'quiet-addition.txt'), text[B]);
    const r = await client.request<ReindexResult>('newsAnnotator/reindex');
    const src = await client.request<SourcesResult>('newsAnnotator/sources');
    assert.equal(r.articles, src.articles.length);
    assert.ok(src.articles.some((a) => a.name === 'quiet-addition.txt'));
    assert.equal(r.skipped, src.skipped.length);
  });

  it('logged no errors while doing all of the above', () => {
    const errors = client.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1);
    assert.deepEqual(errors, []);
  });
});
