// Reading `newsAnnotator` settings from the client: pulled with workspace/configuration (one
// window-scoped item plus one per folder) when the client supports it, otherwise taken from the
// last didChangeConfiguration payload. Everything passes through sanitizeSettings.

import type { Connection } from 'vscode-languageserver';
import type { Folder } from './files';
import { sanitizeSettings, SECTION, type Settings } from './settings';
import { normalizeUri } from './uris';

export interface SettingsSnapshot {
  global: Settings;
  /** Keyed by the folder URI's normal form. */
  perFolder: Map<string, Settings>;
}

export async function readSettings(
  connection: Connection,
  canPull: boolean,
  folders: readonly Folder[],
  pushed: unknown,
): Promise<SettingsSnapshot> {
  if (!canPull) return { global: sanitizeSettings(pushed), perFolder: new Map() };
  const items = [{ section: SECTION }, ...folders.map((f) => ({ scopeUri: f.uri, section: SECTION }))];
  let values: unknown[];
  try {
    const answer: unknown = await connection.workspace.getConfiguration(items);
    values = Array.isArray(answer) ? answer : [];
  } catch {
    values = [];
  }
  const global = sanitizeSettings(values[0] ?? pushed);
  const perFolder = new Map<string, Settings>();
  folders.forEach((f, i) => {
    const v = values[i + 1];
    perFolder.set(normalizeUri(f.uri), v === undefined || v === null ? global : sanitizeSettings(v));
  });
  return { global, perFolder };
}

/** The `newsAnnotator` object inside a didChangeConfiguration payload (clients nest it or not). */
export function pushedSection(settings: unknown): unknown {
  if (settings && typeof settings === 'object' && SECTION in settings) return (settings as Record<string, unknown>)[SECTION];
  return undefined;
}
