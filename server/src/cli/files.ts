// Finding articles on disk for the CLI: files as given, folders searched for *.txt and *.news (skipping
// node_modules and dot-folders), and per-folder .newsannotator.json settings.

import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusSettings, FindingCode, Severity } from '../analysis/types';

export async function collectArticles(paths: string[]): Promise<{ files: string[]; errors: string[]; folderConfigs: string[] }> {
  const files: string[] = [];
  const errors: string[] = [];
  const folderConfigs: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      errors.push(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
      continue;
    }
    if (st.isFile()) { files.push(p); continue; }
    if (!st.isDirectory()) { errors.push(`${p}: not a file or folder`); continue; }
    const before = files.length;
    try {
      await walk(p, files, errors);
    } catch (e) {
      errors.push(`cannot read ${p}: ${(e as Error).message}`);
      continue;
    }
    try {
      const cfg = join(p, '.newsannotator.json');
      if ((await stat(cfg)).isFile()) folderConfigs.push(cfg);
    } catch { /* no folder config */ }
    if (files.length === before) errors.push(`${p}: no *.txt or *.news articles found`);
  }
  return { files: [...new Set(files)], errors, folderConfigs };
}

async function walk(dir: string, files: string[], errors: string[], depth = 0): Promise<void> {
  if (depth > 32) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(`cannot read ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      await walk(full, files, errors, depth + 1);
    } else if (e.isFile() && /\.(txt|news)$/i.test(e.name)) {
      files.push(full);
    }
  }
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Reads and sanitises a settings file. Unknown keys are ignored; wrong types are errors. */
export function loadConfig(file: string): { settings: Partial<CorpusSettings> } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { error: `cannot read settings ${file}: ${(e as Error).message}` };
  }
  if (!raw || typeof raw !== 'object') return { error: `${file}: settings must be a JSON object` };
  const r = raw as Record<string, unknown>;
  const s: Partial<CorpusSettings> = {};
  if (r.aliases !== undefined) {
    if (!Array.isArray(r.aliases) || !r.aliases.every((g) => Array.isArray(g) && g.every((n) => typeof n === 'string'))) {
      return { error: `${file}: "aliases" must be a list of lists of names` };
    }
    s.aliases = (r.aliases as string[][]).slice(0, 10000).map((g) => g.slice(0, 50));
  }
  if (r.ignore !== undefined) {
    if (!Array.isArray(r.ignore) || !r.ignore.every((n) => typeof n === 'string')) return { error: `${file}: "ignore" must be a list of strings` };
    s.ignore = r.ignore as string[];
  }
  if (r.tolerance !== undefined) {
    if (typeof r.tolerance !== 'number' || r.tolerance < 0 || r.tolerance > 1) return { error: `${file}: "tolerance" must be a number between 0 and 1` };
    s.tolerance = r.tolerance;
  }
  if (r.severity !== undefined) {
    if (!r.severity || typeof r.severity !== 'object') return { error: `${file}: "severity" must be an object` };
    const sev: Partial<Record<FindingCode, Severity | 'off'>> = {};
    for (const [k, v] of Object.entries(r.severity as object)) if (typeof v === 'string' && SEVERITIES.has(v)) sev[k as FindingCode] = v as Severity | 'off';
    s.severity = sev;
  }
  return { settings: s };
}
