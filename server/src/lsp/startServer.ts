// Wires a connection to the index and the features: capabilities, document sync, settings,
// watching, and one guarded handler per request. Each feature lives in its own module; this file
// only routes. Works with any LSP client: client-specific abilities are used only when declared.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ARTICLE_LANGUAGE_ID,
  ConflictsRequest,
  CrossReferencesRequest,
  ExportRequest,
  IndexChangedNotification,
  ReindexRequest,
  SourcesRequest,
  WorkspaceTrustedNotification,
  type InitializationOptions,
  type RequestMap,
} from '../../../shared/protocol';
import { ChangeTracker } from './changes';
import { codeLenses } from './codeLens';
import { pushedSection, readSettings } from './configuration';
import type { FeatureContext } from './context';
import { Converter } from './convert';
import { definition } from './definition';
import { DiagnosticsPublisher } from './diagnostics';
import { documentSymbols } from './documentSymbols';
import { exportReport } from './export';
import { AnalysisCache } from '../index/cache';
import type { Folder } from './files';
import { guard, guardVoid } from './guard';
import { hover } from './hover';
import { Indexer } from './indexer';
import { DEFAULT_COLLECTOR, fullCollection, HeapGrowth, IdleCollector, KeystrokeScavenger, youngCollection } from './memory';
import { EngineWarmer } from './warmup';
import { references } from './references';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './semanticTokens';
import { conflicts, crossReferences, invalidateConflicts, sources } from './sidebar';
import { StatusReporter } from './status';
import { displayName, normalizeUri, uriToFsPath } from './uris';
import { FileWatcher, handleFileEvents } from './watch';
import { workspaceSymbols } from './workspaceSymbols';
import { SETTINGS_FILE } from '../settingsFile';

export const SERVER_NAME = 'news-annotator';
export const SERVER_VERSION = '0.1.0';

export interface ServerHandle {
  /** Resolves after the first workspace scan has finished (for in-process tests). */
  readonly ready: Promise<void>;
  /** A folder the client offered for caching (initializationOptions.storagePath), if any. */
  storagePath(): string | undefined;
}

export function startServer(connection: Connection): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  /** Article id → the open document's URI (as the client spells it). */
  const openDocs = new Map<string, string>();
  let caps: ClientCapabilities = {};
  let storagePath: string | undefined;
  let workspaceFolders: WorkspaceFolder[] = [];
  let pushedSettings: unknown;
  /** Whether the folders' settings files are read (not in an untrusted VS Code workspace). */
  let workspaceTrusted = true;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const log = connection.console;
  const gc = fullCollection();
  const collector = new IdleCollector(gc, DEFAULT_COLLECTOR, () => indexer.corpus.releaseMemos());
  const heapGrowth = new HeapGrowth(gc);
  const scavenger = new KeystrokeScavenger(youngCollection(gc), () => indexer.isBusy());

  const indexer: Indexer = new Indexer({
    openText: (key) => {
      const uri = openDocs.get(key);
      return uri === undefined ? undefined : documents.get(uri)?.getText();
    },
    openKeys: () => [...openDocs.keys()],
    affected: (keys) => {
      invalidateConflicts(indexer.corpus, keys);
      collector.cancel();
      tracker.add(keys);
    },
    progress: (p) => {
      status.scan(p, () => indexer.cancelScan());
      if (p.phase === 'begin') heapGrowth.scanStarted();
      if (p.phase === 'end') {
        tracker.poke();
        // (a scan that a newer one superseded ends while that one runs on)
        if (!indexer.isScanning()) heapGrowth.scanEnded(indexer.corpus.size);
      }
    },
    log: (m) => log.error(`news-annotator: ${m}`),
    info: (m) => log.info(`news-annotator: ${m}`),
  });
  const warmer = new EngineWarmer(
    (key) => indexer.warm(key),
    () => indexer.corpus.keys(),
    (key) => indexer.corpus.textLength(key) ?? Infinity,
    () => indexer.isBusy(),
    () => indexer.warmed(),
  );
  const client = { hierarchicalDocumentSymbols: false };
  const converter = new Converter(
    (key) => indexer.corpus.lineText(key),
    (key) => indexer.clientUri(key),
  );
  const ctx: FeatureContext = {
    corpus: indexer.corpus,
    converter,
    articleFor: (uri) => {
      const key = indexer.keyOf(uri);
      indexer.flush(key);
      return key;
    },
    clientUri: (key) => indexer.clientUri(key),
    settingsFor: (key) => indexer.settingsFor(key),
    skipped: () => indexer.skippedFiles(),
    warning: (key) => indexer.warningOf(key),
    client,
  };
  const diagnostics = new DiagnosticsPublisher((params) => connection.sendDiagnostics(params), ctx);
  const counts = {
    articles: () => indexer.corpus.size,
    conflicts: () => {
      let n = 0;
      for (const p of indexer.corpus.keys()) n += indexer.corpus.findingCounts(p)['figure-conflict'] ?? 0;
      return n;
    },
  };
  let status = new StatusReporter(connection, false, counts);
  const tracker = new ChangeTracker({
    publish: (key) => {
      // An open document's diagnostics name the version they were computed for.
      const uri = openDocs.get(key);
      const doc = uri === undefined ? undefined : documents.get(uri);
      const version = doc && indexer.corpus.hasText(key, doc.getText()) ? doc.version : undefined;
      const written = diagnostics.publish(key, version);
      if (version !== undefined) scavenger.answered(written);
      if (!indexer.corpus.has(key)) {
        converter.forget(key);
        diagnostics.forget(key);
      }
      return written;
    },
    urgent: (key) => openDocs.has(key),
    urgentKeys: () => openDocs.keys(),
    busy: () => indexer.isBusy(),
    scanning: () => indexer.isScanning(),
    settled: (changed) => {
      void connection.sendNotification(IndexChangedNotification, { uris: changed.map((k) => indexer.clientUri(k)) });
      status.idle();
      if (caps.workspace?.codeLens?.refreshSupport) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => {});
      if (caps.workspace?.semanticTokens?.refreshSupport) connection.languages.semanticTokens.refresh().catch(() => {});
      // (V8's own heap growth again before the idle collections set the next limit: memory.ts)
      heapGrowth.settled();
      // The warm-up runs after the collections: a full collection undoes much of what warming did
      // (V8 drops optimised code that held objects now dead; in process, the long article's first
      // analysis after three collections took 13–16 ms against ~3 ms, and the next ones 4–12 ms,
      // until ~400 other analyses had run again). Warmed before them, as it was, the first ten
      // keystrokes of the benchmark's long article averaged 17.0/19.4/20.9 ms; after, 14.4/12.1/10.2.
      collector.settled(changed.length, () => warmer.settled());
    },
  });
  let watcher: FileWatcher | null = null;

  // ---- settings and folders: the one "environment changed" path ------------------------------

  let environment: Promise<void> = Promise.resolve();
  /**
   * Re-reads folders' real paths and settings, reconfigures the index, re-registers watchers and
   * (when the file selection changed, or `rescan`) starts a scan. Changes apply in order; the
   * returned promise also waits for the scan, which later changes do not wait for.
   */
  const environmentChanged = (rescan: boolean): Promise<void> => {
    let scan: Promise<void> | null = null;
    environment = environment.then(async () => {
      try {
        indexer.setFolders(await resolveFolders(workspaceFolders));
        const snapshot = await readSettings(connection, !!caps.workspace?.configuration, indexer.getFolders(), pushedSettings, {
          read: workspaceTrusted,
          log: (m, problem) => (problem ? log.warn(`news-annotator: ${m}`) : log.info(`news-annotator: ${m}`)),
        });
        const result = indexer.configure(snapshot.global, snapshot.perFolder);
        invalidateConflicts(indexer.corpus, result.affected);
        tracker.add(result.affected);
        await watcher?.update(indexer.getFolders(), (f) => (f ? indexer.settingsFor(normalizeUri(f.uri)) : snapshot.global));
        scan = result.rescan ?? (rescan ? indexer.rescan(false) : null);
      } catch (e) {
        log.error(`news-annotator: applying settings failed: ${String(e)}`);
      }
    });
    return environment.then(() => scan ?? undefined);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities ?? {};
    const options = params.initializationOptions as { [K in keyof InitializationOptions]?: unknown } | undefined;
    storagePath = typeof options?.storagePath === 'string' ? options.storagePath : undefined;
    workspaceTrusted = options?.workspaceTrusted !== false;
    if (storagePath) {
      const cache = new AnalysisCache(storagePath, (m) => log.info(`news-annotator: ${m}`));
      indexer.useCache(cache, cache.load());
    }
    workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: displayName(params.rootUri) }] : []);
    client.hierarchicalDocumentSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    status = new StatusReporter(connection, !!caps.window?.workDoneProgress, counts);
    watcher = new FileWatcher(
      connection,
      !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      !!caps.workspace?.didChangeWatchedFiles?.relativePatternSupport,
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: { label: 'News Annotator' },
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(
    guardVoid(log, 'initialized', async () => {
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: 'newsAnnotator' }).catch(() => {});
      }
      if (caps.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardVoid(log, 'workspace folders', (e) => {
            const removed = new Set(e.removed.map((f) => normalizeUri(f.uri)));
            workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(normalizeUri(f.uri))), ...e.added];
            return environmentChanged(true);
          }),
        );
      }
      await environmentChanged(true);
      markReady();
    }),
  );

  connection.onNotification(
    WorkspaceTrustedNotification,
    guardVoid(log, 'workspace trusted', () => {
      // The folders' own settings (VS Code's restricted ones) and settings files now apply.
      workspaceTrusted = true;
      return environmentChanged(false);
    }),
  );

  connection.onDidChangeConfiguration(
    guardVoid(log, 'configuration', (params) => {
      pushedSettings = pushedSection(params?.settings);
      return environmentChanged(false);
    }),
  );

  // ---- documents and files -------------------------------------------------------------------

  documents.onDidOpen(
    guardVoid(log, 'open', (e) => {
      const key = indexer.preferSpelling(e.document.uri);
      openDocs.set(key, e.document.uri);
      indexer.documentOpened(key, e.document.languageId === ARTICLE_LANGUAGE_ID);
    }),
  );
  documents.onDidChangeContent(
    guardVoid(log, 'change', (e) => {
      const key = indexer.keyOf(e.document.uri);
      if (openDocs.has(key)) indexer.documentChanged(key);
    }),
  );
  documents.onDidClose(
    guardVoid(log, 'close', (e) => {
      const key = indexer.keyOf(e.document.uri);
      openDocs.delete(key);
      indexer.documentClosed(key);
    }),
  );
  /** A folder's settings file (`.newsannotator.json` at its root), not an article. */
  const isSettingsFile = (uri: string): boolean => {
    if (!uri.endsWith(SETTINGS_FILE)) return false;
    const p = uriToFsPath(uri);
    return !!p && indexer.getFolders().some((f) => path.join(f.fsPath, SETTINGS_FILE) === p);
  };
  connection.onDidChangeWatchedFiles(
    guardVoid(log, 'watched files', (params) => {
      const changes = (params?.changes ?? []).filter((c) => c && typeof c.uri === 'string');
      indexer.forgetLinks(); // (a link may lead elsewhere now)
      const settingsFiles = changes.filter((c) => isSettingsFile(c.uri));
      handleFileEvents(settingsFiles.length ? changes.filter((c) => !settingsFiles.includes(c)) : changes, {
        changed: (uri) => indexer.fileChanged(indexer.keyOf(uri)),
        deleted: (uri) => indexer.fileDeleted(indexer.keyOf(uri)),
      });
      // A settings file created, changed or deleted: the folders' settings are read again.
      if (settingsFiles.length) return environmentChanged(false);
    }),
  );

  // ---- features --------------------------------------------------------------------------------

  connection.onHover(guard(log, 'hover', null, (p) => hover(ctx, p)));
  connection.onDefinition(guard(log, 'definition', null, (p) => definition(ctx, p)));
  connection.onReferences(guard(log, 'references', null, (p) => references(ctx, p)));
  connection.onDocumentSymbol(guard(log, 'document symbols', null, (p) => documentSymbols(ctx, p)));
  connection.onWorkspaceSymbol(guard(log, 'workspace symbols', [], (p) => workspaceSymbols(ctx, p)));
  connection.onCodeLens(guard(log, 'code lens', null, (p) => codeLenses(ctx, p)));
  connection.languages.semanticTokens.on(guard(log, 'semantic tokens', { data: [] }, (p) => semanticTokens(ctx, p)));

  const onRequest = <M extends keyof RequestMap>(
    method: M,
    fallback: RequestMap[M]['result'],
    fn: (params: RequestMap[M]['params']) => RequestMap[M]['result'] | Promise<RequestMap[M]['result']>,
  ) => connection.onRequest(method, guard(log, method, fallback, fn));

  onRequest(CrossReferencesRequest, null, (p) => crossReferences(ctx, p));
  onRequest(ConflictsRequest, { claims: [], speakers: [], counts: { conflicts: 0, variants: 0 } }, () => conflicts(ctx));
  onRequest(SourcesRequest, { articles: [], skipped: [] }, () => sources(ctx));
  onRequest(ReindexRequest, { articles: 0, skipped: 0 }, async () => {
    // Settings are read again too: a settings file may have changed where no watcher reports it.
    await environmentChanged(false);
    await indexer.rescan(true);
    return { articles: indexer.corpus.paths().length, skipped: indexer.skippedFiles().length };
  });
  onRequest(ExportRequest, '', (p) => exportReport(ctx, p));

  connection.onShutdown(async () => {
    // What the cache has not written yet is written now (a scan cut short included).
    await Promise.race([indexer.saveCache(), new Promise((r) => setTimeout(r, 2000).unref())]);
    indexer.dispose();
    tracker.dispose();
    collector.cancel();
    heapGrowth.cancel();
    warmer.dispose();
    scavenger.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return { ready, storagePath: () => storagePath };
}

/** Workspace folders with file-system paths (real paths resolved); other schemes are not scanned. */
async function resolveFolders(folders: readonly WorkspaceFolder[]): Promise<Folder[]> {
  const out: Folder[] = [];
  for (const f of folders) {
    const fsPath = uriToFsPath(f.uri);
    if (!fsPath) continue;
    let realPath = fsPath;
    try {
      realPath = await fs.realpath(fsPath);
    } catch {
      continue;
    }
    out.push({ uri: f.uri, name: f.name, fsPath, realPath });
  }
  return out;
}
