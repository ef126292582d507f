// Finding articles on disk for the CLI: files as given, folders searched for *.txt and *.news (skipping
// node_modules and dot-folders), and per-folder settings files (.newsannotator.json; read by ../settingsFile).

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SETTINGS_FILE } from '../settingsFile';

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
      const cfg = join(p, SETTINGS_FILE);
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
