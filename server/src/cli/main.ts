// The command-line front end: `news-annotator [paths…]` over the same engine and corpus index as
// the language server. Exit 0 when clean, 1 when findings reach --fail-on, 2 on usage or I/O errors.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CorpusIndex } from '../analysis/corpus';
import { decodeArticle } from '../analysis/text';
import type { CorpusSettings, Severity } from '../analysis/types';
import { annotationLines, findingLines, jsonReport, sarifReport, TOOL_VERSION } from '../report';
import { loadConfig } from '../settingsFile';
import { collectArticles } from './files';

const USAGE = `Usage: news-annotator [options] <file-or-folder>...

Annotates plain-text news articles (folders are searched for *.txt and *.news) with entities, quotations
and figures, and reports where sources disagree.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -q, --quiet                     text format: print only findings, not annotations
      --fail-on <level>           exit 1 when a finding has this severity or worse:
                                  error | warning | information | hint | never (default: never)
  -c, --config <file>             JSON settings: {"aliases": [[...]], "ignore": [...], "tolerance": 0.1,
                                  "severity": {"figure-hedge": "off"}}; a .newsannotator.json in a
                                  given folder is read too
      --tolerance <n>             relative slack for round or hedged figures (default: 0.1)
  -h, --help                      show this help
  -v, --version                   show the version
`;

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        quiet: { type: 'boolean', short: 'q', default: false },
        'fail-on': { type: 'string', default: 'never' },
        config: { type: 'string', short: 'c' },
        tolerance: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    err(`news-annotator: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const o = args.values;
  if (o.help) { out(USAGE); return 0; }
  if (o.version) { out(`${TOOL_VERSION}\n`); return 0; }
  const format = String(o.format);
  if (!['text', 'json', 'sarif'].includes(format)) { err(`news-annotator: unknown format '${format}' (text, json or sarif)\n`); return 2; }
  const failOn = String(o['fail-on']);
  if (failOn !== 'never' && !(failOn in RANK)) { err(`news-annotator: --fail-on takes error, warning, information, hint or never\n`); return 2; }
  if (args.positionals.length === 0) { err(`news-annotator: no paths given\n\n${USAGE}`); return 2; }

  let ioError = false;
  const settings: Partial<CorpusSettings> = {};
  const configs = [...(o.config ? [o.config] : [])];
  const { files, errors, folderConfigs } = await collectArticles(args.positionals);
  configs.push(...folderConfigs);
  for (const c of configs) {
    const r = loadConfig(c);
    if ('error' in r) { err(`news-annotator: ${r.error}\n`); ioError = true; continue; }
    Object.assign(settings, r.settings, {
      aliases: [...(settings.aliases ?? []), ...(r.settings.aliases ?? [])],
      ignore: [...(settings.ignore ?? []), ...(r.settings.ignore ?? [])],
    });
  }
  if (o.tolerance !== undefined) {
    const t = Number(o.tolerance);
    if (!Number.isFinite(t) || t < 0 || t > 1) { err(`news-annotator: --tolerance takes a number between 0 and 1\n`); return 2; }
    settings.tolerance = t;
  }
  for (const e of errors) { err(`news-annotator: ${e}\n`); ioError = true; }

  const corpus = new CorpusIndex(settings);
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch (e) {
      err(`news-annotator: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      ioError = true;
      continue;
    }
    const d = decodeArticle(bytes);
    if (!d.ok) { err(`news-annotator: skipped ${f}: ${d.reason}\n`); continue; }
    if (d.warning) err(`news-annotator: ${f}: ${d.warning}\n`);
    corpus.update(f, d.text);
  }

  if (format === 'json') out(`${JSON.stringify(jsonReport(corpus), null, 2)}\n`);
  else if (format === 'sarif') out(`${JSON.stringify(sarifReport(corpus), null, 2)}\n`);
  else {
    const lines = [...(o.quiet ? [] : annotationLines(corpus)), ...(o.quiet ? [] : ['']), ...findingLines(corpus)];
    const n = corpus.paths().reduce((c, p) => c + corpus.findings(p).length, 0);
    lines.push(`${corpus.paths().length} article${corpus.paths().length === 1 ? '' : 's'}, ${n} finding${n === 1 ? '' : 's'}`);
    out(`${lines.join('\n')}\n`);
  }

  if (ioError) return 2;
  if (failOn !== 'never') {
    const limit = RANK[failOn as Severity];
    if (corpus.paths().some((p) => corpus.findings(p).some((f) => RANK[f.severity] <= limit))) return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then(
    (code) => { process.exitCode = code; },
    (e) => { process.stderr.write(`news-annotator: internal error: ${(e as Error).stack ?? e}\n`); process.exitCode = 2; },
  );
}

void readFileSync;
