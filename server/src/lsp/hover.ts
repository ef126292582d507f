// Hover: what the workspace knows about the entity, quote or figure under the cursor, as Markdown.
// Every string that comes from an article is escaped; links point only at our own documents.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { ArticleAnalysis, Figure, LocalEntity, Location, Quote } from '../analysis/types';
import type { FeatureContext } from './context';
import { claimLabel, intervalText, quoteDiffText, temporalNote } from './describe';
import { escapeMarkdown as md, markdownLink, truncate } from './markdown';
import { targetAt } from './lookup';
import { displayName } from './uris';

/** Lists in a hover stop after this many rows (a hover is not a report). */
const MAX_ROWS = 12;

export function hover(ctx: FeatureContext, params: HoverParams): Hover | null {
  const key = ctx.articleFor(params.textDocument.uri);
  const article = ctx.corpus.get(key);
  const offset = ctx.converter.offset(key, params.position);
  if (!article || offset === null) return null;
  const target = targetAt(article.analysis, offset);
  if (!target) return null;
  let value: string;
  let span: { start: number; end: number };
  switch (target.kind) {
    case 'mention':
      value = entityHover(ctx, key, target.entity);
      span = target.mention;
      break;
    case 'quote':
      value = quoteHover(ctx, key, article.analysis, target.index, target.quote);
      span = target.quote;
      break;
    case 'figure':
      value = figureHover(ctx, key, article.analysis, target.index, target.figure);
      span = target.figure;
      break;
  }
  const range = ctx.converter.range(key, span) ?? undefined;
  // isTrusted is never set: article text must not be able to run commands.
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

/** "[northwire.txt](file:///…#L5)" for a location, or the plain name when it cannot be linked. */
function sourceLink(ctx: FeatureContext, loc: Location): string {
  const uri = ctx.clientUri(loc.path);
  const line = (ctx.converter.range(loc.path, loc)?.start.line ?? 0) + 1;
  return `${markdownLink(displayName(uri), uri, line)} (line ${line})`;
}

/**
 * A list of the first MAX_ROWS items and how many more there are. Only those are formatted: each
 * row links a line of another article (its line index built, if not yet), and a claim or a quote
 * can be carried by hundreds of articles.
 */
function rows<T>(items: T[], row: (item: T) => string): string {
  const shown = items.slice(0, MAX_ROWS).map((x) => `- ${row(x)}`);
  if (items.length > MAX_ROWS) shown.push(`- … and ${items.length - MAX_ROWS} more`);
  return shown.join('\n');
}

function entityHover(ctx: FeatureContext, key: string, local: LocalEntity): string {
  const global = ctx.corpus.entity(key, local.key);
  const name = global?.name ?? local.name;
  const type = global?.type ?? local.type;
  const out = [`**${md(name)}** · ${md(type)}`];
  const roles = global?.roles ?? local.roles;
  if (roles.length) out.push(`Roles: ${roles.map(md).join('; ')}`);
  const aliases = (global?.aliases ?? local.aliases).filter((a) => a !== name);
  if (aliases.length) out.push(`Also written: ${aliases.map(md).join(', ')}`);
  if (global) {
    // (Each row's link found in its own article: gathering every mention of a name in thousands of
    // articles takes tens of milliseconds.)
    const list = rows(global.sources, (s) => {
      const loc = ctx.corpus.firstMention(global.id, s.path);
      const where = loc ? sourceLink(ctx, loc) : md(displayName(ctx.clientUri(s.path)));
      return `${where}: ${s.count} mention${s.count === 1 ? '' : 's'}${s.path === key ? ' (this article)' : ''}`;
    });
    out.push(`Sources (${global.sources.length}):\n\n${list}`);
  }
  return out.join('\n\n');
}

function speakerName(ctx: FeatureContext, key: string, analysis: ArticleAnalysis, quote: Quote): string | null {
  if (!quote.speaker) return null;
  return ctx.corpus.entity(key, quote.speaker)?.name ?? analysis.entities.find((e) => e.key === quote.speaker)?.name ?? null;
}

function quoteHover(ctx: FeatureContext, key: string, analysis: ArticleAnalysis, index: number, quote: Quote): string {
  const speaker = speakerName(ctx, key, analysis, quote);
  const kind = quote.kind === 'direct' ? 'Quote' : quote.kind === 'partial' ? 'Partial quote' : 'Quoted term';
  const out = [speaker ? `**${kind}** · ${md(speaker)}` : quote.kind === 'term' ? `**${kind}**` : `**${kind}** · no speaker found`];
  if (quote.cue) out.push(`Attributed by: “${md(quote.cue.text)}”`);
  const group = ctx.corpus.quoteGroup(key, index);
  const others = group ? group.members.filter((m) => !(m.path === key && m.start === quote.start)) : [];
  if (others.length) {
    const list = rows(others, (m) => `${sourceLink(ctx, m)}: ${md(quoteDiffText(m))}`);
    out.push(`Also carried by ${others.length} other version${others.length === 1 ? '' : 's'}:\n\n${list}`);
  } else if (quote.kind !== 'term') {
    out.push('No other source carries these words.');
  }
  return out.join('\n\n');
}

function figureHover(ctx: FeatureContext, key: string, analysis: ArticleAnalysis, index: number, figure: Figure): string {
  const out = [`**${md(figure.text)}** · ${md(figure.measure ?? figure.kind)}`];
  const read = [`Reads as: ${md(intervalText(figure))}`];
  if (figure.hedge) read.push(`hedge “${md(figure.hedge)}”`);
  const note = temporalNote(figure);
  if (note) read.push(md(note));
  out.push(read.join(' · '));
  const subject = figure.subject ? analysis.entities.find((e) => e.key === figure.subject) : undefined;
  const about: string[] = [];
  if (subject) about.push(`Subject: ${md(ctx.corpus.entity(key, subject.key)?.name ?? subject.name)}`);
  if (figure.scope) about.push(`Scope: ${md(figure.scope)}`);
  if (about.length) out.push(about.join(' · '));
  const group = ctx.corpus.claimGroup(key, index);
  const others = group ? group.members.filter((m) => !(m.path === key && m.start === figure.start)) : [];
  if (group && others.length) {
    const list = rows(others, (m) => {
      const status = m.status === 'same' ? 'agree (same figure)' : m.status;
      const when = temporalNote(m.figure);
      return `${sourceLink(ctx, m)}: “${md(m.figure.text)}” (${md(intervalText(m.figure))}${when ? `, ${md(when)}` : ''}): **${status}**`;
    });
    out.push(`Claim “${md(truncate(claimLabel(ctx.corpus, group), 80))}” in other reports:\n\n${list}`);
  } else if (figure.measure) {
    out.push('No other report gives this figure.');
  }
  return out.join('\n\n');
}
