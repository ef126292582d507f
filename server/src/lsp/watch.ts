// File watching: registers workspace/didChangeWatchedFiles dynamically for the include globs
// (relative to each folder when the client supports relative patterns), plus deletions of
// anything, because deleting a folder reports only the folder, which no article glob matches,
// and each folder's settings file (`.newsannotator.json`). Re-registers only when the watcher list
// changes.

import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  type Connection,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
} from 'vscode-languageserver';
import { SETTINGS_FILE } from '../settingsFile';
import type { Folder } from './files';
import type { Settings } from './settings';

export class FileWatcher {
  private registration: Promise<Disposable | null> | null = null;
  private current = '';

  constructor(
    private readonly connection: Connection,
    private readonly supported: boolean,
    private readonly relativePatterns: boolean,
  ) {}

  async update(folders: readonly Folder[], settingsOf: (f: Folder | null) => Settings): Promise<void> {
    if (!this.supported) return;
    const watchers: FileSystemWatcher[] = [];
    if (this.relativePatterns && folders.length) {
      for (const f of folders) {
        for (const pattern of settingsOf(f).include) watchers.push({ globPattern: { baseUri: f.uri, pattern } });
        watchers.push({ globPattern: { baseUri: f.uri, pattern: '**/*' }, kind: WatchKind.Delete });
        watchers.push({ globPattern: { baseUri: f.uri, pattern: SETTINGS_FILE } });
      }
    } else {
      for (const pattern of new Set(settingsOf(null).include)) watchers.push({ globPattern: pattern });
      watchers.push({ globPattern: '**/*', kind: WatchKind.Delete });
      watchers.push({ globPattern: `**/${SETTINGS_FILE}` });
    }
    const json = JSON.stringify(watchers);
    if (json === this.current) return;
    this.current = json;
    const previous = this.registration;
    this.registration = (async () => {
      const old = await previous;
      old?.dispose();
      try {
        return await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      } catch {
        return null;
      }
    })();
    await this.registration;
  }
}

export function handleFileEvents(
  changes: FileEvent[],
  on: { changed(uri: string): void; deleted(uri: string): void },
): void {
  for (const change of changes) {
    if (!change || typeof change.uri !== 'string') continue;
    if (change.type === FileChangeType.Deleted) on.deleted(change.uri);
    else on.changed(change.uri);
  }
}
