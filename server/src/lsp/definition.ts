// Go to Definition: an entity mention → the entity's fullest first mention (spelled as its
// canonical name), preferring the current article, so "Rebelo" jumps to "Albertino Rebelo".

import type { DefinitionParams, Location } from 'vscode-languageserver';
import type { FeatureContext } from './context';
import { canonicalMention } from './describe';
import { targetAt } from './lookup';

export function definition(ctx: FeatureContext, params: DefinitionParams): Location | null {
  const key = ctx.articleFor(params.textDocument.uri);
  const article = ctx.corpus.get(key);
  const offset = ctx.converter.offset(key, params.position);
  if (!article || offset === null) return null;
  const target = targetAt(article.analysis, offset);
  if (!target || target.kind !== 'mention') return null;
  const id = ctx.corpus.entity(key, target.entity.key)?.id;
  const mention = id ? canonicalMention(ctx.corpus, id, key) : null;
  return mention ? ctx.converter.location(mention) : null;
}
