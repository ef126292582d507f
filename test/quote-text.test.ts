// client/src/quoteText.ts: what the quote diff editor shows for a quotation as written.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffTitle, quoteLines } from '../client/src/quoteText';

test('quoteLines drops the marks and puts one clause per line', () => {
  assert.equal(quoteLines('“The church tower came down first, then the school.”'), 'The church tower came down first,\nthen the school.\n');
  assert.equal(quoteLines('"We do not expect a larger event"'), 'We do not expect a larger event\n');
});

test('quoteLines joins hard-wrapped lines and paragraphs of a quote over several paragraphs', () => {
  assert.equal(quoteLines('“It was felt\nas far as Lisbon.\n“Then the aftershocks came.”'), 'It was felt as far as Lisbon.\nThen the aftershocks came.\n');
  assert.equal(quoteLines('“First.\r\n\r\n“Second.”'), 'First.\nSecond.\n');
});

test('quoteLines keeps numbers whole and nested quotes as written', () => {
  assert.equal(quoteLines('“A 6.1 quake, 310,000 safe; ‘Is my mother alive?’ they asked.”'), 'A 6.1 quake,\n310,000 safe;\n‘Is my mother alive?’ they asked.\n');
  assert.equal(quoteLines('“”'), '');
});

test('diffTitle names both sides', () => {
  assert.equal(diffTitle('a.txt:3', 'b.txt:5'), 'Quote: a.txt:3 ↔ b.txt:5');
});
