// Entry point of the language server: makes the connection (stdio with --stdio, node IPC with
// --node-ipc, or a socket/pipe, as vscode-languageserver reads from the command line) and hands it
// to startServer. Everything else lives in ./lsp.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { noPretenuring } from './lsp/memory';
import { startServer } from './lsp/startServer';

// (before anything is made: see noPretenuring)
noPretenuring();
startServer(createConnection(ProposedFeatures.all));
