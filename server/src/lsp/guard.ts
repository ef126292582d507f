// Handlers never take the server down: an exception in a feature is logged and answered with the
// feature's empty result, so one odd article cannot break hovers for the others.

import type { Connection } from 'vscode-languageserver';

export type Logger = Pick<Connection['console'], 'error'>;

export function guard<P, R>(log: Logger, name: string, fallback: R, fn: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
  return async (params: P) => {
    try {
      return await fn(params);
    } catch (e) {
      log.error(`news-annotator: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
}

/** For notification handlers and callbacks: same policy, nothing to answer. */
export function guardVoid<P>(log: Logger, name: string, fn: (params: P) => void | Promise<void>): (params: P) => void {
  const g = guard<P, void>(log, name, undefined, fn);
  return (params: P) => void g(params);
}
