// Find References: an entity → every mention in every article; a quote → its versions in other
// articles and itself; a figure → every figure reporting the same claim.

import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { Location as SpanLocation } from '../analysis/types';
import type { FeatureContext } from './context';
import { targetAt } from './lookup';

export function references(ctx: FeatureContext, params: ReferenceParams): Location[] | null {
  const key = ctx.articleFor(params.textDocument.uri);
  const article = ctx.corpus.get(key);
  const offset = ctx.converter.offset(key, params.position);
  if (!article || offset === null) return null;
  const target = targetAt(article.analysis, offset);
  if (!target) return null;
  let spans: SpanLocation[];
  switch (target.kind) {
    case 'mention': {
      const id = ctx.corpus.entity(key, target.entity.key)?.id;
      spans = id ? ctx.corpus.entityMentions(id) : [{ path: key, ...target.mention }];
      break;
    }
    case 'quote':
      spans = ctx.corpus.quoteGroup(key, target.index)?.members ?? [{ path: key, start: target.quote.start, end: target.quote.end }];
      break;
    case 'figure':
      spans = ctx.corpus.claimGroup(key, target.index)?.members ?? [{ path: key, start: target.figure.start, end: target.figure.end }];
      break;
  }
  const out: Location[] = [];
  for (const s of spans) {
    const loc = ctx.converter.location(s);
    if (loc) out.push(loc);
  }
  return out;
}
