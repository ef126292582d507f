// Reading `newsAnnotator` settings from the client: pulled with workspace/configuration (one
// window-scoped item plus one per folder) when the client supports it, otherwise taken from the
// last didChangeConfiguration payload. Everything passes through sanitizeSettings. Under each
// folder's settings lies its settings file (`.newsannotator.json` at the folder's root, as the CLI
// reads it) when the workspace is trusted.

import type { Connection } from 'vscode-languageserver';
import { readFolderSettingsFile } from '../settingsFile';
import type { Folder } from './files';
import { sanitizeSettings, SECTION, withSettingsFile, type Settings } from './settings';
import { normalizeUri } from './uris';

export interface SettingsSnapshot {
  global: Settings;
  /** Keyed by the folder URI's normal form. */
  perFolder: Map<string, Settings>;
}

export interface SettingsFiles {
  /** False in an untrusted workspace (VS Code's Restricted Mode): the folders' files are not read. */
  read: boolean;
  /** Told which file applies and why one does not (a line for the server's log). */
  log: (message: string, problem: boolean) => void;
}

export async function readSettings(
  connection: Connection,
  canPull: boolean,
  folders: readonly Folder[],
  pushed: unknown,
  files: SettingsFiles = { read: false, log: () => {} },
): Promise<SettingsSnapshot> {
  const snapshot = await readEditorSettings(connection, canPull, folders, pushed);
  if (!files.read) return snapshot;
  const read = await Promise.all(folders.map((f) => readFolderSettingsFile(f.fsPath)));
  let global = snapshot.global;
  folders.forEach((f, i) => {
    const r = read[i];
    if (!r) return;
    if ('error' in r) return files.log(`${r.error}; the folder's settings file is not used`, true);
    const k = normalizeUri(f.uri);
    // A folder's severities apply to its articles; aliases, ignored names and tolerance are the
    // whole index's (one story can span folders), so every folder's file adds to the window's.
    snapshot.perFolder.set(k, withSettingsFile(snapshot.perFolder.get(k) ?? snapshot.global, r.settings));
    global = withSettingsFile(global, r.settings);
    files.log(`settings of ${f.name} include its settings file`, false);
  });
  return { global, perFolder: snapshot.perFolder };
}

async function readEditorSettings(connection: Connection, canPull: boolean, folders: readonly Folder[], pushed: unknown): Promise<SettingsSnapshot> {
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
