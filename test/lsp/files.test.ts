// Reading listed article files (server/src/lsp/files.ts) with blocking calls, as a scan reads most
// files: a regular file is read and decoded; a link at its name, a file over the blocking-read
// limit or one that grew past its size is left to the careful asynchronous reader (null); the size
// limit and a directory are refused with their reasons, just as the careful reader refuses them.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readListedArticle, readListedArticleSync } from '../../server/src/lsp/files';
import { tempDir } from './harness';

describe('reading a listed article with blocking calls', () => {
  it('reads a regular file as the careful reader does, and leaves links and large files to it', async () => {
    const dir = tempDir('na-files-');
    const outside = tempDir('na-files-out-');
    const text = '\ufeffQuake kills 41\r\n\r\nOfficials said 41 people died.\n';
    await fs.writeFile(path.join(dir, 'a.txt'), text);
    await fs.writeFile(path.join(outside, 'secret.txt'), 'not yours');
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'));
    await fs.writeFile(path.join(dir, 'big.txt'), 'x'.repeat(5000));
    await fs.mkdir(path.join(dir, 'folder.txt'));

    const read = readListedArticleSync(path.join(dir, 'a.txt'), 1_000_000, 4096);
    assert.deepEqual(read, await readListedArticle(path.join(dir, 'a.txt'), 1_000_000, [dir]));
    assert.ok(read?.ok && read.text.includes('41 people'));
    assert.equal(readListedArticleSync(path.join(dir, 'link.txt'), 1_000_000, 4096), null, 'a link at the name: the careful way');
    assert.equal(readListedArticleSync(path.join(dir, 'big.txt'), 1_000_000, 4096), null, 'over the blocking-read limit');
    assert.match(JSON.stringify(readListedArticleSync(path.join(dir, 'big.txt'), 1000, 4096)), /larger than newsAnnotator\.maxFileSize \(5000 > 1000 bytes\)/);
    assert.deepEqual(readListedArticleSync(path.join(dir, 'folder.txt'), 1_000_000, 4096), { ok: false, reason: 'not a regular file' });
    assert.deepEqual(readListedArticleSync(path.join(dir, 'gone.txt'), 1_000_000, 4096), { ok: false, reason: 'unreadable: ENOENT' });
  });
});
