// Safe Markdown building for hovers and exports. Article text is untrusted: a news file can hold
// `[x](command:…)`, raw HTML or stray emphasis marks, so every piece of it goes through
// `escapeMarkdown` and every link we make ourselves goes through `markdownLink`.

/** Characters with a meaning somewhere in CommonMark/GFM (or VS Code's `$(icon)` syntax). */
const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&$:"'=^]/g;
/** C0/C1 controls and bidirectional overrides: they can reorder or hide what a reader sees. */
export const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Escapes text for inline use in Markdown: every Markdown punctuation character gets a backslash
 * (CommonMark renders a backslash-escaped ASCII punctuation character literally, so no link, image,
 * HTML tag, entity, code span, emphasis or autolink can form), and line breaks and control
 * characters collapse to single spaces so the text cannot start a heading, list or block quote.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').replace(SPECIAL, '\\$&');
}

/** Shortens to at most `max` characters (on a word boundary when one is near), adding "…". */
export function truncate(text: string, max: number): string {
  const flat = text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

const LINK_SCHEMES = /^(file|untitled|https?):/i;

/**
 * A link whose label is escaped and whose target is one of our own document URIs. Anything that is
 * not a document scheme renders as plain text, so even a client handing us odd URIs cannot turn a
 * hover into a `command:` link. Parentheses, spaces and angle brackets in the target are encoded.
 */
export function markdownLink(label: string, target: string, line?: number): string {
  const text = escapeMarkdown(label);
  if (!LINK_SCHEMES.test(target)) return text;
  const href = (line ? `${target.replace(/#.*$/, '')}#L${line}` : target).replace(
    /[()<>\s"'`[\]\\]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
  return `[${text}](${href})`;
}
