// The summary code lens on an article's first line: "12 shared entities · 3 quotes corroborated ·
// 2 conflicts". It carries an empty command id: a lens needs a command to render in VS Code, and
// an empty id works in every client without registering anything.

import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { FeatureContext } from './context';

export function summaryTitle(s: { sharedEntities: number; corroboratedQuotes: number; conflicts: number }): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    plural(s.sharedEntities, 'shared entity', 'shared entities'),
    plural(s.corroboratedQuotes, 'quote corroborated', 'quotes corroborated'),
    plural(s.conflicts, 'conflict', 'conflicts'),
  ].join(' · ');
}

export function codeLenses(ctx: FeatureContext, params: CodeLensParams): CodeLens[] | null {
  const key = ctx.articleFor(params.textDocument.uri);
  if (!ctx.corpus.has(key)) return null;
  const title = summaryTitle(ctx.corpus.summary(key));
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title, command: '' } }];
}
