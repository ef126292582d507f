// The command line as a user runs it: the built bundle on the bundled examples.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('news-annotator CLI', () => {
  it('annotates the examples and prints linter-style findings', () => {
    const r = run('examples');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^examples\/\S+\.txt:\d+:\d+ warning figure-conflict /m);
    assert.match(r.stdout, /5 articles, \d+ findings/);
  });

  it('prints the documented JSON', () => {
    const r = run('--format', 'json', 'examples');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.tool.name, 'news-annotator');
    assert.equal(j.articles.length, 5);
    const a = j.articles[0];
    for (const k of ['path', 'entities', 'quotes', 'figures']) assert.ok(k in a, k);
    const ids = new Set(j.entities.map((e: { id: string }) => e.id));
    for (const art of j.articles) {
      for (const m of art.entities) assert.ok(ids.has(m.entity), `entity id ${m.entity}`);
      for (const q of art.quotes) assert.ok(q.speaker === null || ids.has(q.speaker));
      for (const f of art.figures) for (const k of ['text', 'range', 'value', 'low', 'high', 'unit', 'measure', 'subject', 'scope', 'claim']) assert.ok(k in f, k);
    }
    assert.ok(j.diagnostics.some((d: { code: string; related: unknown[] }) => d.code === 'figure-conflict' && d.related.length > 0));
    assert.ok(j.articles.some((x: { quotes: { group: string | null }[] }) => x.quotes.some((q) => q.group)));
  });

  it('prints SARIF 2.1.0', () => {
    const r = run('--format', 'sarif', 'examples');
    const s = JSON.parse(r.stdout);
    assert.equal(s.version, '2.1.0');
    assert.ok(s.runs[0].results.length > 0);
    assert.ok(s.runs[0].results[0].locations[0].physicalLocation.region.startLine >= 1);
  });

  it('exits 1 when findings reach --fail-on', () => {
    assert.equal(run('--fail-on', 'warning', '-q', 'examples').status, 1);
  });

  it('exits 2 on a missing path but still annotates the rest', () => {
    const r = run('-q', 'examples/harbor-ledger.txt', 'no-such-file.txt');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no-such-file\.txt.*no such file/);
    assert.match(r.stdout, /1 article/);
  });

  it('exits 2 on a folder without articles and on a bad option', () => {
    const empty = mkdtempSync(join(tmpdir(), 'na-empty-'));
    const r = run(empty);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no \*\.txt articles/);
    assert.equal(run('--format', 'xml', 'examples').status, 2);
    assert.equal(run().status, 2);
  });

  it('skips a binary file with a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'na-bin-'));
    writeFileSync(join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    writeFileSync(join(dir, 'story.txt'), 'Storm Hits Coast\n\nAt least 3 people died in Faro on Monday, officials said.\n');
    const r = run(dir);
    assert.match(r.stderr, /photo\.txt: binary/);
    assert.match(r.stdout, /1 article/);
  });
});
