// Turning a quotation as written into the text a diff editor compares: the marks at either end and
// the paragraph-opening marks of a quote over several paragraphs dropped, line breaks of hard-wrapped
// copy joined, and one clause per line, so the diff lines up the words that changed.
// No vscode import: unit-tested under node:test.

const OPEN = '“"‘\'«„';
const CLOSE = '”"’\'»“';

/** The words of one quote version, one clause per line. */
export function quoteLines(written: string): string {
  let t = written.replace(/\r\n?/g, '\n').trim();
  // Paragraph breaks inside a multi-paragraph quote: "…end.\n“Next…" → "…end. Next…".
  t = t.replace(/\n\s*\n?\s*[“"]/g, ' ');
  t = t.replace(/\s+/g, ' ');
  if (t.length && OPEN.includes(t[0])) t = t.slice(1);
  if (t.length && CLOSE.includes(t[t.length - 1])) t = t.slice(0, -1);
  t = t.trim();
  if (!t) return '';
  // Break after clause punctuation (keeping it on the line it ends); never inside a number ("6.1", "310,000").
  return t.replace(/([,;:.!?…—–])(?=\s)\s+/g, '$1\n') + '\n';
}

/** "northwire.txt:5" → a title for the diff editor. */
export function diffTitle(left: string, right: string): string {
  return `Quote: ${left} ↔ ${right}`;
}
