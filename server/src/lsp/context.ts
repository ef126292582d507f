// What every feature handler may use: the index, the converter, and id/URI mapping. Features get
// this object instead of the connection, so each stays a small function from params to a result.

import type { CorpusIndex } from '../analysis/corpus';
import type { Converter } from './convert';
import type { Settings } from './settings';

export interface FeatureContext {
  readonly corpus: CorpusIndex;
  readonly converter: Converter;
  /** The article id for a URI from a request; analyses a pending edit of it first. */
  articleFor(uri: string): string;
  /** The client's spelling of an article id. */
  clientUri(key: string): string;
  settingsFor(key: string): Settings;
  skipped(): { key: string; reason: string }[];
  /** The warning an article was read with (invalid UTF-8), if any. */
  warning(key: string): string | undefined;
  /** Client capabilities a feature shapes its answer by. */
  readonly client: { hierarchicalDocumentSymbols: boolean };
}
