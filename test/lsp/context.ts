// The context feature handlers get (server/src/lsp/context.ts), for calling them in process: over
// an index, with article ids for URIs and the default settings.

import type { CorpusIndex } from '../../server/src/analysis/corpus';
import type { FeatureContext } from '../../server/src/lsp/context';
import { Converter } from '../../server/src/lsp/convert';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

export function featureContext(corpus: CorpusIndex, converter = new Converter((p) => corpus.get(p)?.text, (k) => k)): FeatureContext {
  return {
    corpus,
    converter,
    articleFor: (u) => u,
    clientUri: (k) => k,
    settingsFor: () => ({ ...DEFAULT_SETTINGS, severity: {} }),
    skipped: () => [],
    warning: () => undefined,
    client: { hierarchicalDocumentSymbols: true },
  };
}
