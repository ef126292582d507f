// `npm run bench`: a benchmark, not a test. Builds corpora of 100, 1,000 and 10,000 generated
// articles (generate.ts), and for each size measures the engine's throughput on one thread, a cold
// index through the real server (dist/server.js over JSON-RPC, worker pool, empty cache), a warm
// start (same workspace, the cache the cold run wrote) and the server's peak RSS. At the largest
// size it measures, through the same server, the latency from a one-character edit of a 20 KB
// article to its new diagnostics and the latency of hovers. In the same run it times the peers on
// the same text: a plain regex tokenising pass (the floor), wink-nlp's pipeline and compromise.
// Prints a table and writes bench/results/latest.json.
//
//   npm run bench                      all sizes
//   npm run bench -- --sizes 100,1000  some sizes (latency runs at the largest)
//   npm run bench -- --no-peers        without the peers (wink-nlp, compromise)
//   BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench …   profile the server
//   BENCH_DEBUG=1 npm run bench …      also list the slowest hovers (their order: what ran beside them)

import { execFileSync } from 'node:child_process';
import { promises as fs, mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE_FILE } from '../server/src/index/cache';
import { DEFAULT_COLLECTOR } from '../server/src/lsp/memory';
import { DEFAULT_WARMUP } from '../server/src/lsp/warmup';
import { LineIndex } from '../server/src/analysis/text';
import { bundledEngine } from './engine-bundle';
import { generateCorpus, rng, type Corpus } from './generate';
import { BenchClient } from './lsp-client';

const ROOT = path.resolve(__dirname, '..');
/** The engine as it ships (one bundle, as in dist/): what the throughput figures time. */
const { analyzeArticle, ENGINE_VERSION } = bundledEngine();
const SERVER = path.join(ROOT, 'dist/server.js');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SIZES = (arg('--sizes') ?? '100,1000,10000').split(',').map(Number);
const PEERS = !args.includes('--no-peers');
/**
 * The engine's throughput at each size: the best of three samples of this many bytes (it does not
 * depend on the corpus's size; see freshSamples for the text it is timed on).
 */
const ENGINE_SAMPLE_BYTES = 1_500_000;
/** Peers run on samples: wink-nlp on ~1.5 MB, compromise (~0.1 MB/s) on ~0.2 MB … */
const PEER_SAMPLE_BYTES = 1_500_000;
const COMPROMISE_SAMPLE_BYTES = 200_000;
/** … after warming up on this much other text (compromise on less). */
const WARM_UP_BYTES = 500_000;
const COMPROMISE_WARM_UP_BYTES = 30_000;
const EDITS = 200;
/**
 * How long the benchmark leaves the warm server idle before reading its settled RSS (ms): the
 * server's collections (lsp/memory.ts) start this long after the index settles and are this far
 * apart, with two seconds more for the collections themselves (~300 ms each at 10,000 articles);
 * its warm-up (lsp/warmup.ts) follows them, for at most its budget.
 */
const SETTLE_COLLECT_WAIT_MS =
  DEFAULT_COLLECTOR.delayMs + (DEFAULT_COLLECTOR.rounds - 1) * DEFAULT_COLLECTOR.spacingMs + 2000 + DEFAULT_WARMUP.budgetMs;
const HOVERS = 200;

const temporary: string[] = [];
process.on('exit', () => {
  for (const d of temporary) rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  temporary.push(d);
  return d;
}

const mb = (bytes: number) => bytes / 1e6;
const bytesOf = (texts: string[]) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
/**
 * Seeds of the generator that no corpus of this run uses. Throughput is timed on articles this
 * process has not analysed before: the engine remembers what it worked out about a name or a word
 * (entities.ts), as it should across one story's articles, and timing it again on the very texts it
 * has just analysed flattered it by ~12% (one pass against the next over the same 1,000 articles).
 * Names and places still recur between these articles and the corpora's, as within any archive.
 */
let freshSeed = 1000;

/** The first texts, up to `maxBytes` (the last one may pass it). */
function sampleOf(texts: string[], maxBytes: number): string[] {
  const out: string[] = [];
  for (let i = 0, n = 0; i < texts.length && n < maxBytes; i++) {
    out.push(texts[i]);
    n += Buffer.byteLength(texts[i]);
  }
  return out;
}

/** `reps` samples of at least `bytes` each, disjoint, of articles no pass in this run has seen. */
function freshSamples(reps: number, bytes: number): string[][] {
  let rest = generateCorpus(Math.ceil((reps * bytes) / 3000) + 8, freshSeed++).articles.map((a) => a.text);
  const out: string[][] = [];
  for (let r = 0; r < reps; r++) {
    out.push(sampleOf(rest, bytes));
    rest = rest.slice(out[r].length);
  }
  return out;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * MB/s of each pass over text: the best over `samples`, each pass timed once on each (every sample
 * new to every pass). The passes take turns sample by sample, in a rotating order, so that a machine
 * that speeds up or slows down during the run (these do: see the README) weighs on each alike. Each
 * warms up on `warmUp` first (the JIT's first pass, not part of the figure), and each timing starts
 * on a collected heap (npm run bench passes --expose-gc): no pass pays for another's garbage.
 */
function throughputs<K extends string>(samples: string[][], passes: Record<K, (t: string) => unknown>, warmUp: string[]): Record<K, number> {
  const names = Object.keys(passes) as K[];
  for (const k of names) for (const t of warmUp) passes[k](t);
  const best = Object.fromEntries(names.map((k) => [k, 0])) as Record<K, number>;
  samples.forEach((texts, s) => {
    for (let i = 0; i < names.length; i++) {
      const k = names[(i + s) % names.length];
      global.gc?.();
      const t0 = performance.now();
      for (const t of texts) passes[k](t);
      best[k] = Math.max(best[k], mb(bytesOf(texts)) / ((performance.now() - t0) / 1000));
    }
  });
  return best;
}

async function writeCorpus(c: Corpus): Promise<string> {
  const dir = tempDir('na-bench-ws-');
  const dirs = new Set(c.articles.map((a) => path.dirname(a.name)));
  for (const d of dirs) await fs.mkdir(path.join(dir, d), { recursive: true });
  for (let i = 0; i < c.articles.length; i += 64) {
    await Promise.all(c.articles.slice(i, i + 64).map((a) => fs.writeFile(path.join(dir, a.name), a.text)));
  }
  return dir;
}

async function waitForFile(file: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} not written`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface SizeResult {
  articles: number;
  corpusMB: number;
  engineMBs: number;
  engineSampleMB: number;
  /** Start to every article analysed and merged (the scan's progress ended). */
  coldIndexMs: number;
  /** Start to every article's diagnostics published (idle). */
  coldAllPublishedMs: number;
  coldPeakRssMB: number | null;
  warmStartMs: number;
  warmAllPublishedMs: number;
  warmPeakRssMB: number | null;
  /** Resident once everything is published and the server has given memory back (see lsp/memory.ts). */
  settledRssMB: number | null;
  cacheFileMB: number | null;
  conflicts: number;
}

interface IndexRun {
  cold: number;
  coldAll: number;
  coldRss: number | null;
  warm: number;
  warmAll: number;
  warmRss: number | null;
  settledRss: number | null;
  cacheMB: number | null;
  conflicts: number;
  warmClient: BenchClient;
}

async function indexRuns(c: Corpus, dir: string): Promise<IndexRun> {
  const storage = tempDir('na-bench-storage-');
  let t0 = performance.now();
  const cold = await BenchClient.start(dir, SERVER, storage);
  await cold.indexed();
  const coldMs = cold.progressEnded! - t0;
  await cold.idle(c.articles.length);
  const coldAll = performance.now() - t0;
  const coldRss = cold.peakRssMb();
  const conflicts = cold.status?.conflicts ?? 0;
  // The cache is written in the background once indexing settles.
  await waitForFile(path.join(storage, CACHE_FILE));
  await cold.stop();
  const cacheMB = existsSync(path.join(storage, CACHE_FILE)) ? mb(statSync(path.join(storage, CACHE_FILE)).size) : null;
  t0 = performance.now();
  const warm = await BenchClient.start(dir, SERVER, storage);
  await warm.indexed();
  const warmMs = warm.progressEnded! - t0;
  await warm.idle(c.articles.length);
  const warmAll = performance.now() - t0;
  const warmRss = warm.peakRssMb();
  // the server collects its garbage once a large change has settled and stayed quiet
  await new Promise((r) => setTimeout(r, SETTLE_COLLECT_WAIT_MS));
  const settledRss = warm.rssMb();
  const cacheLogs = warm.logs.filter((l) => /cache/i.test(l));
  if (cacheLogs.length) console.log(`  server: ${cacheLogs.join(' | ')}`);
  return { cold: coldMs, coldAll, coldRss, warm: warmMs, warmAll, warmRss, settledRss, cacheMB, conflicts, warmClient: warm };
}

/** Offset → LSP position, with the server's own line rules (CRLF, lone CR). */
const positionAt = (text: string, offset: number) => new LineIndex(text).positionAt(offset);

interface Latency {
  editP50Ms: number;
  editP95Ms: number;
  editMaxMs: number;
  hoverP50Ms: number;
  hoverP95Ms: number;
  hoversAnswered: number;
  editedArticleKB: number;
}

async function latencyRuns(client: BenchClient, c: Corpus, dir: string): Promise<Latency> {
  const rel = c.longArticle!;
  const file = path.join(dir, rel);
  const uri = pathToFileURL(file).href;
  let text = c.articles.find((a) => a.name === rel)!.text;
  const r = rng(7);
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  await client.until(() => client.published.get(uri)?.version === 1, 60_000, 'diagnostics of the opened article');

  const edits: number[] = [];
  let inserted: number | null = null;
  for (let v = 2; v < 2 + EDITS; v++) {
    // Type a character at a random place, then delete it again: one-character edits that keep the article's size.
    let change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
    if (inserted === null) {
      const at = 1 + Math.floor(r() * (text.length - 2));
      const pos = positionAt(text, at);
      change = { range: { start: pos, end: pos }, text: 'x' };
      text = text.slice(0, at) + 'x' + text.slice(at);
      inserted = at;
    } else {
      const pos = positionAt(text, inserted);
      change = { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
      text = text.slice(0, inserted) + text.slice(inserted + 1);
      inserted = null;
    }
    const t0 = performance.now();
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    await client.until(() => (client.published.get(uri)?.version ?? 0) >= v, 30_000, `diagnostics of version ${v}`);
    edits.push(client.published.get(uri)!.at - t0);
    // A typist's pause between keys.
    await new Promise((res) => setTimeout(res, 20 + Math.floor(r() * 60)));
  }

  const a = analyzeArticle(text);
  const targets = [...a.mentions, ...a.figures, ...a.quotes].map((s) => s.start + Math.floor((s.end - s.start) / 2));
  const hovers: number[] = [];
  let answered = 0;
  // (Positions worked out before the clock starts: one line index of the final text serves them all.)
  const lines = new LineIndex(text);
  for (let i = 0; i < HOVERS; i++) {
    const position = lines.positionAt(targets[Math.floor(r() * targets.length)]);
    const t0 = performance.now();
    const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    hovers.push(performance.now() - t0);
    if (h) answered++;
  }
  if (process.env.BENCH_DEBUG) console.log('slowest hovers', hovers.map((h, i) => [i, round(h, 1)]).sort((a, b) => b[1] - a[1]).slice(0, 15).join(' '));
  return {
    editP50Ms: round(pct(edits, 0.5), 2),
    editP95Ms: round(pct(edits, 0.95), 2),
    editMaxMs: round(Math.max(...edits), 2),
    hoverP50Ms: round(pct(hovers, 0.5), 2),
    hoverP95Ms: round(pct(hovers, 0.95), 2),
    hoversAnswered: answered,
    editedArticleKB: round(text.length / 1024, 1),
  };
}

async function peers(): Promise<Record<string, number | string>> {
  // Every pass times the same samples, in turn, and warms up on the same other text first.
  const wide = freshSamples(3, PEER_SAMPLE_BYTES);
  const [narrow] = freshSamples(1, COMPROMISE_SAMPLE_BYTES);
  const [warmUp] = freshSamples(1, WARM_UP_BYTES);
  const narrowWarmUp = sampleOf(warmUp, COMPROMISE_WARM_UP_BYTES);
  const wideMB = mb(bytesOf(wide[0]));
  const narrowMB = mb(bytesOf(narrow));
  const TOKEN = /\p{L}[\p{L}\p{M}'’-]*|\d[\d,.]*|\S/gu;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const winkNLP = require('wink-nlp');
  const model = require('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  const its = nlp.its;
  const { regex, engine, wink } = throughputs(wide, {
    regex: (t) => t.match(TOKEN),
    engine: (t) => analyzeArticle(t),
    wink: (t) => {
      const doc = nlp.readDoc(t);
      doc.tokens().out();
      doc.sentences().out();
      doc.tokens().out(its.pos);
      doc.entities().out(its.detail);
    },
  }, warmUp);
  const compromiseNlp = (await import('compromise')).default as unknown as (t: string) => {
    people(): { out(f: string): unknown };
    places(): { out(f: string): unknown };
    organizations(): { out(f: string): unknown };
  };
  // (compromise runs at ~0.1 MB/s: one sample, as small as the others allow.)
  const { compromise, engine: engineNarrow } = throughputs([narrow], {
    compromise: (t) => {
      const doc = compromiseNlp(t);
      doc.people().out('array');
      doc.places().out('array');
      doc.organizations().out('array');
    },
    engine: (t) => analyzeArticle(t),
  }, narrowWarmUp);
  const out = {
    sampleMB: round(wideMB, 2),
    compromiseSampleMB: round(narrowMB, 2),
    regexMBs: round(regex),
    engineMBs: round(engine, 2),
    winkMBs: round(wink, 2),
    compromiseMBs: round(compromise, 3),
    engineOnCompromiseSampleMBs: round(engineNarrow, 2),
    engineVsWink: round(engine / wink, 2),
    regexVsEngine: round(regex / engine, 1),
    engineVsCompromise: round(engineNarrow / compromise, 1),
  };
  return out;
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`News Annotator benchmark · engine ${ENGINE_VERSION} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
  console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on the machine slows every figure)`);
  if (!existsSync(SERVER)) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });

  const sizes: SizeResult[] = [];
  let latency: Latency | null = null;
  let latencyRss: number | null = null;
  let peerResult: Record<string, number | string> | null = null;
  const largest = Math.max(...SIZES);
  const [engineWarmUp] = freshSamples(1, WARM_UP_BYTES);
  for (const n of SIZES) {
    const c = generateCorpus(n, 1, n === largest);
    const dir = await writeCorpus(c);
    const engineSamples = freshSamples(3, ENGINE_SAMPLE_BYTES);
    const engineMBs = throughputs(engineSamples, { engine: (t) => analyzeArticle(t) }, engineWarmUp).engine;
    const engineSampleMB = mb(bytesOf(engineSamples[0]));
    if (PEERS && n === Math.min(...SIZES.filter((s) => s >= 1000).concat([largest]))) peerResult = await peers();
    console.log(`${n} articles (${mb(c.bytes).toFixed(1)} MB): engine ${engineMBs.toFixed(2)} MB/s; indexing through the server…`);
    const run = await indexRuns(c, dir);
    sizes.push({
      articles: n,
      corpusMB: round(mb(c.bytes), 2),
      engineMBs: round(engineMBs, 2),
      engineSampleMB: round(engineSampleMB, 2),
      coldIndexMs: Math.round(run.cold),
      coldAllPublishedMs: Math.round(run.coldAll),
      coldPeakRssMB: run.coldRss === null ? null : Math.round(run.coldRss),
      warmStartMs: Math.round(run.warm),
      warmAllPublishedMs: Math.round(run.warmAll),
      warmPeakRssMB: run.warmRss === null ? null : Math.round(run.warmRss),
      settledRssMB: run.settledRss === null ? null : Math.round(run.settledRss),
      cacheFileMB: run.cacheMB === null ? null : round(run.cacheMB, 1),
      conflicts: run.conflicts,
    });
    console.log(`  cold: indexed ${Math.round(run.cold)} ms, all diagnostics ${Math.round(run.coldAll)} ms (peak RSS ${run.coldRss?.toFixed(0)} MB) · warm: indexed ${Math.round(run.warm)} ms, all diagnostics ${Math.round(run.warmAll)} ms (peak RSS ${run.warmRss?.toFixed(0)} MB, ${run.settledRss?.toFixed(0)} MB once settled) · cache ${run.cacheMB?.toFixed(1)} MB · ${run.conflicts} conflicts`);
    if (n === largest && c.longArticle) {
      latency = await latencyRuns(run.warmClient, c, dir);
      latencyRss = run.warmClient.peakRssMb();
    }
    await run.warmClient.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const growth = sizes.slice(1).map((s, i) => ({
    from: sizes[i].articles,
    to: s.articles,
    articles: s.articles / sizes[i].articles,
    cold: round(s.coldIndexMs / sizes[i].coldIndexMs, 2),
    coldAll: round(s.coldAllPublishedMs / sizes[i].coldAllPublishedMs, 2),
    warm: round(s.warmStartMs / sizes[i].warmStartMs, 2),
    warmAll: round(s.warmAllPublishedMs / sizes[i].warmAllPublishedMs, 2),
  }));
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    engineVersion: ENGINE_VERSION,
    loadAverage: loadavg().map((x) => round(x, 2)),
    sizes,
    growth,
    latency: latency && { articles: largest, ...latency, peakRssMB: latencyRss === null ? null : Math.round(latencyRss) },
    peers: peerResult,
    seconds: Math.round((performance.now() - started) / 1000),
  };

  console.log('\n(indexed: every article analysed and in the index, the scan over; all diagnostics: every article\'s published too; RSS settled: the warm server idle a few seconds after that)');
  console.log('| articles | MB | engine MB/s (1 thread) | cold: indexed / all diagnostics | warm: indexed / all diagnostics | peak RSS cold / warm | RSS settled | cache file |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  for (const s of sizes) {
    console.log(`| ${s.articles.toLocaleString('en-US')} | ${s.corpusMB} | ${s.engineMBs} | ${sec(s.coldIndexMs)} / ${sec(s.coldAllPublishedMs)} | ${sec(s.warmStartMs)} / ${sec(s.warmAllPublishedMs)} | ${s.coldPeakRssMB} / ${s.warmPeakRssMB} MB | ${s.settledRssMB} MB | ${s.cacheFileMB} MB |`);
  }
  for (const g of growth) {
    console.log(`growth ${g.from} → ${g.to} articles (×${g.articles}): cold indexed ×${g.cold}, all diagnostics ×${g.coldAll}; warm indexed ×${g.warm}, all diagnostics ×${g.warmAll}`);
  }
  if (result.latency) {
    const l = result.latency;
    console.log(`\nat ${l.articles.toLocaleString('en-US')} articles, ${l.editedArticleKB} KB article: edit → diagnostics p50 ${l.editP50Ms} ms, p95 ${l.editP95Ms} ms (max ${l.editMaxMs}); hover p50 ${l.hoverP50Ms} ms, p95 ${l.hoverP95Ms} ms; peak RSS ${l.peakRssMB} MB`);
  }
  if (peerResult) {
    const p = peerResult;
    console.log(`\npeers, same text, this run (${p.sampleMB} MB sample; compromise on ${p.compromiseSampleMB} MB, it runs at ~0.1 MB/s):`);
    console.log('| pass | MB/s | vs News Annotator |');
    console.log('| --- | ---: | ---: |');
    console.log(`| regex tokenising pass (the floor) | ${p.regexMBs} | ${p.regexVsEngine}× faster |`);
    console.log(`| News Annotator engine | ${p.engineMBs} | 1 |`);
    // (engine MB/s over the peer's: how much slower the peer is, or how much faster)
    const versus = (r: number) => (r >= 1 ? `${r}× slower than the engine` : `${round(1 / r, 2)}× faster than the engine`);
    console.log(`| wink-nlp pipeline (tokens, sentences, POS, entities) | ${p.winkMBs} | ${versus(Number(p.engineVsWink))} |`);
    console.log(`| compromise people/places/organisations | ${p.compromiseMBs} | ${versus(Number(p.engineVsCompromise))} |`);
  }
  console.log(`\nload average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${result.seconds} s in all`);
  await fs.mkdir(path.join(ROOT, 'bench/results'), { recursive: true });
  await fs.writeFile(path.join(ROOT, 'bench/results/latest.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('written bench/results/latest.json');
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
