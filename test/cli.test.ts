// The command line as a user runs it: the built bundle on the bundled examples.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

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
    assert.match(r.stderr, /no \*\.txt or \*\.news articles/);
    assert.equal(run('--format', 'xml', 'examples').status, 2);
    assert.equal(run().status, 2);
  });

  it('reads .news files in a folder beside .txt ones, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'na-news-'));
    writeFileSync(join(dir, 'a.news'), 'Storm Hits Coast\n\nAt least 3 people died in Faro on Monday, officials said.\n');
    writeFileSync(join(dir, 'b.txt'), 'Storm Hits Coast\n\nFive people died in Faro on Monday, officials said.\n');
    writeFileSync(join(dir, 'notes.md'), '# not an article\n');
    const r = run('--format', 'json', dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).articles.map((a: { path: string }) => a.path.replace(/^.*[\\/]/, '')).sort(), ['a.news', 'b.txt']);
  });

  it('skips a binary file with a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'na-bin-'));
    writeFileSync(join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    writeFileSync(join(dir, 'story.txt'), 'Storm Hits Coast\n\nAt least 3 people died in Faro on Monday, officials said.\n');
    const r = run(dir);
    assert.match(r.stderr, /photo\.txt: binary/);
    assert.match(r.stdout, /1 article/);
  });

  describe('paths that cannot be read: exit 2, a message naming the path, the rest still printed', () => {
    const made: string[] = [];
    const temp = (prefix: string) => {
      const d = mkdtempSync(join(tmpdir(), prefix));
      made.push(d);
      return d;
    };
    after(() => {
      for (const d of made) rmSync(d, { recursive: true, force: true });
    });
    const dir = temp('na-bad-');
    const GOOD = 'examples/harbor-ledger.txt';
    mkdirSync(join(dir, 'no-articles/sub'), { recursive: true });
    writeFileSync(join(dir, 'no-articles/readme.md'), '# not an article\n');
    writeFileSync(join(dir, 'no-articles/sub/data.json'), '{}');
    symlinkSync(join(dir, 'missing-target.txt'), join(dir, 'dangling.txt'));
    symlinkSync('loop.txt', join(dir, 'loop.txt'));
    const fifo = spawnSync('mkfifo', [join(dir, 'pipe.txt')]);
    // Root reads a chmod 000 file, so for an I/O error that also happens as root: a link to
    // /proc/self/mem, a "file" whose read fails with EIO at offset 0.
    const procMem = existsSync('/proc/self/mem');
    if (procMem) symlinkSync('/proc/self/mem', join(dir, 'eio.txt'));
    writeFileSync(join(dir, 'locked.txt'), 'Storm Hits Coast\n');
    chmodSync(join(dir, 'locked.txt'), 0o000);
    const root = process.getuid?.() === 0;

    const cases: { what: string; path: string; message: RegExp; skip?: string | false }[] = [
      { what: 'a missing file', path: join(dir, 'no-such.txt'), message: /cannot read .*no-such\.txt: no such file or folder/ },
      { what: 'a missing folder', path: join(dir, 'no-such-folder'), message: /cannot read .*no-such-folder: no such file or folder/ },
      { what: 'a folder without articles', path: join(dir, 'no-articles'), message: /.*no-articles: no \*\.txt or \*\.news articles found/ },
      { what: 'a dangling symbolic link', path: join(dir, 'dangling.txt'), message: /cannot read .*dangling\.txt: no such file or folder/ },
      { what: 'a symbolic link loop', path: join(dir, 'loop.txt'), message: /cannot read .*loop\.txt: .*ELOOP/ },
      { what: 'a FIFO named .txt (never opened: it would block)', path: join(dir, 'pipe.txt'), message: /.*pipe\.txt: not a file or folder/, skip: fifo.status !== 0 && 'mkfifo is not available' },
      { what: 'a file whose read fails (EIO)', path: join(dir, 'eio.txt'), message: /cannot read .*eio\.txt: EIO/, skip: !procMem && 'no /proc/self/mem here' },
      { what: 'a file without read permission', path: join(dir, 'locked.txt'), message: /cannot read .*locked\.txt: EACCES/, skip: root && 'running as root, which reads a chmod 000 file (the EIO case covers an unreadable file)' },
    ];
    for (const c of cases) {
      it(c.what, { skip: c.skip || false }, () => {
        const r = run('-q', c.path, GOOD);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`^news-annotator: ${c.message.source}`, 'm'));
        assert.match(r.stdout, /^1 article, \d+ findings?$/m, 'the readable file is still annotated');
      });
    }

    it('all of them at once, with JSON output: exit 2, one message each, valid JSON for the rest', () => {
      const usable = cases.filter((c) => !c.skip);
      const r = run('--format', 'json', ...usable.map((c) => c.path), GOOD, 'examples/northwire.txt');
      assert.equal(r.status, 2, r.stderr);
      for (const c of usable) assert.match(r.stderr, c.message, c.what);
      assert.equal(r.stderr.trim().split('\n').length, usable.length, r.stderr);
      const j = JSON.parse(r.stdout);
      assert.deepEqual(j.articles.map((a: { path: string }) => a.path), [GOOD, 'examples/northwire.txt']);
    });

    it('a folder holding a FIFO, a link loop and a dangling link among its articles: those are passed over', { skip: fifo.status !== 0 && 'mkfifo is not available' }, () => {
      const folder = temp('na-mixed-');
      writeFileSync(join(folder, 'story.txt'), 'Storm Hits Coast\n\nAt least 3 people died in Faro on Monday, officials said.\n');
      spawnSync('mkfifo', [join(folder, 'pipe.txt')]);
      symlinkSync('loop.txt', join(folder, 'loop.txt'));
      symlinkSync(join(folder, 'gone.txt'), join(folder, 'dangling.txt'));
      const r = run('-q', folder);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^1 article/m);
    });

    it('invalid UTF-8 is read with a warning; UTF-16 with a BOM is read as text', () => {
      const folder = temp('na-enc-');
      const story = 'Storm Hits Coast\n\nAt least 3 people died in Faro on Monday, officials said.\n';
      writeFileSync(join(folder, 'bad.txt'), Buffer.concat([Buffer.from(story), Buffer.from([0xff, 0xc3, 0x28])]));
      writeFileSync(join(folder, 'wide.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(story, 'utf16le')]));
      const r = run('--format', 'json', folder);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /bad\.txt: invalid UTF-8/);
      const j = JSON.parse(r.stdout);
      assert.equal(j.articles.length, 2);
      for (const a of j.articles) assert.ok(a.figures.some((f: { text: string }) => /3/.test(f.text)), JSON.stringify(a.figures));
    });
  });
});
