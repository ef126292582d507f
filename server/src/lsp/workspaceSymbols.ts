// Workspace symbols: every entity across the articles, matched against the query by substring
// (best) or as a subsequence of letters (fuzzy, "prtg" finds "Portugal"); located at its
// canonical mention.

import { SymbolKind, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver';
import type { EntityType, GlobalEntity } from '../analysis/types';
import type { FeatureContext } from './context';
import { canonicalMention } from './describe';

export const MAX_WORKSPACE_SYMBOLS = 256;

const KIND: Record<EntityType, SymbolKind> = {
  person: SymbolKind.Object,
  organization: SymbolKind.Class,
  place: SymbolKind.Module,
  product: SymbolKind.Interface,
  other: SymbolKind.Variable,
};

/** Lower is better; null when the name does not match. */
export function matchScore(query: string, name: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const n = name.toLowerCase();
  const compact = n.replace(/\s+/g, '');
  const at = n.indexOf(query.toLowerCase().trim());
  if (at === 0) return 0;
  if (at > 0) return 1 + at / 1000;
  let i = 0;
  let gaps = 0;
  for (let j = 0; j < compact.length && i < q.length; j++) {
    if (compact[j] === q[i]) i++;
    else if (i > 0) gaps++;
  }
  return i === q.length ? 2 + gaps / 1000 : null;
}

export function workspaceSymbols(ctx: FeatureContext, params: WorkspaceSymbolParams): SymbolInformation[] {
  const scored: { entity: GlobalEntity; score: number }[] = [];
  for (const entity of ctx.corpus.entities()) {
    const score = Math.min(...[entity.name, ...entity.aliases].map((n) => matchScore(params.query, n) ?? Infinity));
    if (score !== Infinity) scored.push({ entity, score });
  }
  scored.sort((a, b) => a.score - b.score || b.entity.sources.length - a.entity.sources.length || a.entity.name.localeCompare(b.entity.name));
  const out: SymbolInformation[] = [];
  for (const { entity } of scored) {
    if (out.length >= MAX_WORKSPACE_SYMBOLS) break;
    const mention = canonicalMention(ctx.corpus, entity.id);
    const location = mention && ctx.converter.location(mention);
    if (!location) continue;
    const n = entity.sources.length;
    out.push({ name: entity.name, kind: KIND[entity.type], location, containerName: `${entity.type} · ${n} source${n === 1 ? '' : 's'}` });
  }
  return out;
}
