// `newsAnnotator/export`: the workspace report in the CLI's formats (server/src/report.ts, so the
// documented JSON and SARIF stay one implementation), with the client's URIs for artifacts.

import type { ExportFormat, ExportParams } from '../../../shared/protocol';
import { jsonReport, markdownReport, sarifReport } from '../report';
import type { FeatureContext } from './context';

const FORMATS: readonly ExportFormat[] = ['json', 'sarif', 'markdown'];

export function exportReport(ctx: FeatureContext, params: ExportParams): string {
  const format = params && FORMATS.includes(params.format) ? params.format : 'json';
  if (format === 'sarif') return JSON.stringify(sarifReport(ctx.corpus, (key) => ctx.clientUri(key)), null, 2);
  if (format === 'markdown') return markdownReport(ctx.corpus);
  return JSON.stringify(jsonReport(ctx.corpus), null, 2);
}
