// The settings file a folder of articles can carry (`.newsannotator.json`): aliases, ignored names,
// tolerance and severities, as JSON. The CLI reads it in each folder it is given (and any file named
// with --config); the language server reads it at the root of each workspace folder. One parser for
// both, so a file means the same thing to each.

import { constants as fsConstants, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusSettings, FindingCode, Severity } from './analysis/types';

export const SETTINGS_FILE = '.newsannotator.json';

/** Larger settings files are not read (a real one is a few hundred bytes). */
export const MAX_SETTINGS_FILE_BYTES = 1_048_576;

export type SettingsFileResult = { settings: Partial<CorpusSettings> } | { error: string };

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Reads and sanitises a settings file (the CLI). Unknown keys are ignored; wrong types are errors. */
export function loadConfig(file: string): SettingsFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { error: `cannot read settings ${file}: ${(e as Error).message}` };
  }
  return parseSettingsFile(text, file);
}

/** A settings file's text → its settings, or what is wrong with it (`file` names it in the message). */
export function parseSettingsFile(text: string, file: string): SettingsFileResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { error: `cannot read settings ${file}: ${(e as Error).message}` };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { error: `${file}: settings must be a JSON object` };
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

/**
 * The settings file at the root of a workspace folder (the language server): null when there is
 * none. It is opened refusing a symbolic link at its name — the server reads nothing a link could
 * lead it to outside the workspace — and must be a regular file of at most 1 MiB.
 */
export async function readFolderSettingsFile(folderPath: string): Promise<SettingsFileResult | null> {
  const file = join(folderPath, SETTINGS_FILE);
  let handle;
  try {
    // (O_NONBLOCK: a FIFO at that name must not hold the open; regular files ignore the flag.)
    handle = await open(file, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'ELOOP' || code === 'EMLINK') return { error: `${file}: not read, it is a symbolic link` };
    return { error: `cannot read settings ${file}: ${code ?? (e as Error).message}` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { error: `${file}: not read, not a regular file` };
    if (stat.size > MAX_SETTINGS_FILE_BYTES) return { error: `${file}: not read, larger than 1 MiB` };
    return parseSettingsFile((await handle.readFile()).toString('utf8'), file);
  } catch (e) {
    return { error: `cannot read settings ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    await handle.close().catch(() => {});
  }
}
