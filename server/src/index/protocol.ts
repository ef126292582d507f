// Messages between the analysis pool (main thread) and its worker threads.

import type { PreparedArticle } from '../analysis/corpus';
import type { AnalyzeOptions } from '../analysis/types';

export interface AnalysisRequest {
  id: number;
  text: string;
  options: AnalyzeOptions;
}

export type AnalysisResponse =
  /**
   * The analysis travels in its compact encoding (codec.ts): decoding it costs the main thread less
   * than a structured clone of the records, its records take less memory, and the persistent cache
   * stores that very string.
   */
  | { id: number; encoded: string; prepared: PreparedArticle; error?: undefined }
  | { id: number; error: string; encoded?: undefined; prepared?: undefined };
