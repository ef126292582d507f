// What the benchmarks time of the engine, as one module to bundle (see engine-bundle.ts).
export { analyzeArticle, ENGINE_VERSION } from '../server/src/analysis/analyze';
export { extractEntities } from '../server/src/analysis/entities';
export { extractFigures } from '../server/src/analysis/figures';
export { extractQuotes } from '../server/src/analysis/quotes';
export { parseStructure } from '../server/src/analysis/structure';
export { stripBom } from '../server/src/analysis/text';
