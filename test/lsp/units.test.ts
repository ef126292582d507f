// Small pure pieces of the server layer: settings sanitising, URI normal forms, one-line previews,
// workspace-symbol matching, the code-lens title, and which diagnostics are sent again.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { CorpusIndex } from '../../server/src/analysis/corpus';
import { summaryTitle } from '../../server/src/lsp/codeLens';
import { Converter } from '../../server/src/lsp/convert';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnostics';
import { preview } from '../../server/src/lsp/describe';
import { DEFAULT_SETTINGS, LIMITS, sanitizeSettings } from '../../server/src/lsp/settings';
import { displayName, joinUri, normalizeUri, uriStartsWith } from '../../server/src/lsp/uris';
import { matchScore } from '../../server/src/lsp/workspaceSymbols';

describe('settings', () => {
  it('falls back to the defaults for missing or wrongly typed values', () => {
    for (const raw of [undefined, null, 42, 'x', [], { include: 5, exclude: 7, maxFileSize: '1', severity: [], tolerance: 'a', aliases: {}, ignore: 'x' }]) {
      assert.deepEqual(sanitizeSettings(raw), { ...DEFAULT_SETTINGS, severity: {} }, JSON.stringify(raw));
    }
  });

  it('reads globs as a string, a list or VS Code’s map form; an empty include means the default', () => {
    assert.deepEqual(sanitizeSettings({ include: 'news/**/*.txt' }).include, ['news/**/*.txt']);
    assert.deepEqual(sanitizeSettings({ include: [] }).include, DEFAULT_SETTINGS.include);
    assert.deepEqual(sanitizeSettings({ exclude: [] }).exclude, []);
    assert.deepEqual(sanitizeSettings({ exclude: { '**/tmp/**': true, '**/keep/**': false } }).exclude, ['**/tmp/**']);
    assert.deepEqual(sanitizeSettings({ exclude: ['a\\b', 3, ''] }).exclude, ['a/b']);
  });

  it('clamps numbers', () => {
    assert.equal(sanitizeSettings({ maxFileSize: -1 }).maxFileSize, DEFAULT_SETTINGS.maxFileSize);
    assert.equal(sanitizeSettings({ maxFileSize: 1e12 }).maxFileSize, LIMITS.maxFileSize);
    assert.equal(sanitizeSettings({ maxFileSize: 2048.7 }).maxFileSize, 2048);
    assert.equal(sanitizeSettings({ tolerance: Number.NaN }).tolerance, DEFAULT_SETTINGS.tolerance);
    assert.equal(sanitizeSettings({ tolerance: 5 }).tolerance, 1);
    assert.equal(sanitizeSettings({ tolerance: 0 }).tolerance, 0);
  });

  it('keeps only known finding codes with known levels', () => {
    const s = sanitizeSettings({ severity: { 'figure-conflict': 'error', 'quote-variant': 'loud', bogus: 'hint', 'figure-hedge': 'off' } });
    assert.deepEqual(s.severity, { 'figure-conflict': 'error', 'figure-hedge': 'off' });
  });

  it('caps aliases and ignore lists', () => {
    const many = Array.from({ length: LIMITS.aliasGroups + 50 }, (_, i) => [`Name ${i}`, `Alias ${i}`]);
    assert.equal(sanitizeSettings({ aliases: many }).aliases.length, LIMITS.aliasGroups);
    const wide = [Array.from({ length: 80 }, (_, i) => `N${i}`)];
    assert.equal(sanitizeSettings({ aliases: wide }).aliases[0].length, LIMITS.namesPerGroup);
    assert.deepEqual(sanitizeSettings({ aliases: [['Tito'], ['A', 3, 'B'], 'x', [' Albertino Rebelo ', 'Tito', 'x'.repeat(500)]] }).aliases, [
      ['A', 'B'],
      ['Albertino Rebelo', 'Tito'],
    ]);
    assert.deepEqual(sanitizeSettings({ ignore: ['Total Views', 'Total Views', 7, ''] }).ignore, ['Total Views']);
  });
});

describe('uris', () => {
  it('gives one id to the spellings clients use for one file', () => {
    assert.equal(normalizeUri('file:///C:/News/a%20b.txt'), normalizeUri('file:///c%3A/News/a b.txt'));
    assert.equal(normalizeUri('file:///ws/a(1).txt'), 'file:///ws/a%281%29.txt');
    assert.equal(normalizeUri('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.notEqual(normalizeUri('file:///ws/A.txt'), normalizeUri('file:///ws/a.txt'));
    assert.equal(normalizeUri('file:///ws/sub/../../etc/./passwd.txt'), 'file:///etc/passwd.txt');
    assert.equal(normalizeUri('file:///ws/%2e%2e/x.txt'), 'file:///x.txt');
    assert.ok(!uriStartsWith(normalizeUri('file:///ws/../outside/a.txt'), 'file:///ws'));
  });

  it('joins, compares and names URIs', () => {
    assert.equal(joinUri('file:///c%3A/ws/', 'sub dir/a#1.txt'), 'file:///c%3A/ws/sub%20dir/a%231.txt');
    assert.ok(uriStartsWith('file:///ws/a/b.txt', 'file:///ws/a'));
    assert.ok(!uriStartsWith('file:///ws/ab.txt', 'file:///ws/a'));
    assert.equal(displayName('file:///ws/sub/danube%20wire.txt'), 'danube wire.txt');
  });
});

describe('previews', () => {
  const text = 'First paragraph here.\n\nThe death toll reached 52 on Monday, according to the rescue service, which said the search would go on.\n\nNext.';
  const para = { start: text.indexOf('The death'), end: text.indexOf('\n\nNext') };

  it('show the span with context on one line, inside its paragraph', () => {
    const at = text.indexOf('52');
    const p = preview(text, { start: at, end: at + 2 }, para, 40);
    assert.ok(p.includes('52'));
    assert.ok(p.length <= 42, p);
    assert.ok(!p.includes('First') && !p.includes('Next') && !p.includes('\n'), p);
    assert.ok(p.startsWith('…') && p.endsWith('…'), p);
  });

  it('are the whole paragraph when it is short', () => {
    const p = preview('A\nshort\nparagraph', { start: 2, end: 7 }, { start: 0, end: 17 }, 100);
    assert.equal(p, 'A short paragraph');
  });
});

describe('workspace symbol matching', () => {
  it('prefers prefixes, then substrings, then subsequences', () => {
    const prefix = matchScore('ing', 'Ingrid Maier')!;
    const sub = matchScore('maier', 'Ingrid Maier')!;
    const fuzzy = matchScore('imr', 'Ingrid Maier')!;
    assert.ok(prefix < sub && sub < fuzzy);
    assert.equal(matchScore('xyz', 'Ingrid Maier'), null);
    assert.equal(matchScore('', 'anything'), 0);
  });
});

describe('code lens title', () => {
  it('counts with singular and plural forms', () => {
    assert.equal(summaryTitle({ sharedEntities: 12, corroboratedQuotes: 3, conflicts: 2 }), '12 shared entities · 3 quotes corroborated · 2 conflicts');
    assert.equal(summaryTitle({ sharedEntities: 1, corroboratedQuotes: 1, conflicts: 1 }), '1 shared entity · 1 quote corroborated · 1 conflict');
  });
});

describe('diagnostics publisher', () => {
  const A = 'Flood Hits Dunmore\n\nOfficials said 41 people were killed when the Carrow river burst its banks in Dunmore, Governor Elena Marsh said.\n';
  const B = 'Dunmore Floods\n\nThe death toll stood at 63, Governor Elena Marsh told the Dunmore Herald after the Carrow river burst its banks.\n';
  function setup() {
    const corpus = new CorpusIndex();
    corpus.update('a.txt', A);
    corpus.update('b.txt', B);
    const converter = new Converter((k) => corpus.text(k), (k) => `file:///${k}`);
    const ctx = {
      corpus, converter, articleFor: (u: string) => u, clientUri: (k: string) => `file:///${k}`,
      settingsFor: () => DEFAULT_SETTINGS, skipped: () => [], warning: () => undefined, client: { hierarchicalDocumentSymbols: false },
    };
    const sent: PublishDiagnosticsParams[] = [];
    return { corpus, sent, publisher: new DiagnosticsPublisher((p) => void sent.push(p), ctx) };
  }

  it('sends a closed article’s diagnostics again only when they changed', () => {
    const { corpus, sent, publisher } = setup();
    publisher.publish('b.txt');
    assert.equal(sent.length, 1);
    assert.ok(sent[0].diagnostics.some((d) => d.code === 'figure-conflict'), JSON.stringify(sent[0]));
    publisher.publish('b.txt');
    assert.equal(sent.length, 1, 'the same diagnostics are not sent twice');
    // An edit elsewhere that moves the other article's figure: the related location changes.
    corpus.update('a.txt', A.replace('said 41', 'said on Monday that 41'));
    publisher.publish('b.txt');
    assert.equal(sent.length, 2);
    corpus.update('a.txt', A.replace('said 41', 'said 63'));
    publisher.publish('b.txt');
    assert.equal(sent.length, 3);
    assert.ok(!sent[2].diagnostics.some((d) => d.code === 'figure-conflict'), 'the cleared conflict goes out');
  });

  it('always sends an open document’s, and a closed one’s after it was open', () => {
    const { sent, publisher } = setup();
    publisher.publish('b.txt');
    publisher.publish('b.txt', 1);
    publisher.publish('b.txt', 1);
    assert.deepEqual(sent.map((p) => p.version), [undefined, 1, 1]);
    publisher.publish('b.txt');
    assert.equal(sent.length, 4, 'closing sends the unversioned list again');
    publisher.forget('b.txt');
    publisher.publish('b.txt');
    assert.equal(sent.length, 5);
  });
});
