// Messages between the analysis pool (main thread) and its worker threads.

import type { PreparedArticle } from '../analysis/corpus';
import type { AnalyzeOptions } from '../analysis/types';

export interface AnalysisRequest {
  id: number;
  text: string;
  options: AnalyzeOptions;
  /** Also encode the persistent cache's entry (cache.ts encodeEntry), here rather than on the main thread. */
  entry: boolean;
}

export type AnalysisResponse =
  /**
   * Only what the cross-source index keeps travels back (the prepared article): the full analysis
   * of an article is wanted only while it is open, and is then computed on the main thread.
   */
  | { id: number; prepared: PreparedArticle; entry: string | undefined; error?: undefined }
  /** From a worker, when the entry was asked for: the prepared article is decoded from it (cache.ts decodeEntry). */
  | { id: number; entry: string; prepared?: undefined; error?: undefined }
  | { id: number; error: string; prepared?: undefined; entry?: undefined };
