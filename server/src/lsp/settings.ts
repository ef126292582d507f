// The `newsAnnotator.*` settings: one typed mirror with defaults, and the sanitiser every value
// from a client passes through (settings are user-controlled JSON; nothing is trusted as typed).

import type { CorpusSettings, FindingCode, Severity } from '../analysis/types';

export const SECTION = 'newsAnnotator';

export const FINDING_CODES: readonly FindingCode[] = ['figure-conflict', 'figure-hedge', 'quote-variant', 'quote-unattributed'];
const LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface Settings {
  /** Globs (workspace-relative) selecting article files. */
  include: string[];
  /** Globs (workspace-relative) never scanned; matching directories are not descended into. */
  exclude: string[];
  /** Files larger than this many bytes are skipped (recorded with a reason). */
  maxFileSize: number;
  severity: Partial<Record<FindingCode, Severity | 'off'>>;
  tolerance: number;
  aliases: string[][];
  ignore: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  include: ['**/*.txt', '**/*.news'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  maxFileSize: 1_048_576,
  severity: {},
  tolerance: 0.1,
  aliases: [],
  ignore: [],
});

// Caps keep a hostile or mistaken settings file from making every analysis slow.
export const LIMITS = {
  patterns: 100,
  patternLength: 500,
  /**
   * `*` wildcards in one path segment of a glob (a whole-segment `**` aside). Compiled, each is a
   * lazy `[^/]*?`; a chain of them backtracks combinatorially against a long name that almost
   * matches (12 take minutes per file, 4 take 37 s on a 250-character name, 2 take 14 ms).
   */
  wildcardsPerSegment: 2,
  aliasGroups: 500,
  namesPerGroup: 50,
  nameLength: 200,
  ignore: 1000,
  maxFileSize: 64 * 1_048_576,
} as const;

export function sanitizeSettings(raw: unknown): Settings {
  const o = isRecord(raw) ? raw : {};
  return {
    include: patterns(o.include, DEFAULT_SETTINGS.include, false),
    exclude: patterns(o.exclude, DEFAULT_SETTINGS.exclude, true),
    maxFileSize: positiveInt(o.maxFileSize, DEFAULT_SETTINGS.maxFileSize, LIMITS.maxFileSize),
    severity: severity(o.severity),
    tolerance: tolerance(o.tolerance),
    aliases: aliases(o.aliases),
    ignore: strings(o.ignore, LIMITS.ignore, LIMITS.nameLength),
  };
}

/**
 * A folder's settings with its settings file (`.newsannotator.json`, as the CLI reads it) under
 * them: the file's aliases and ignored names are added to the editor's, its severities apply to
 * the codes the editor's settings leave unset, and its tolerance applies while the editor's is the
 * default. The file passes the same sanitiser and caps as the editor's settings.
 */
export function withSettingsFile(editor: Settings, file: Partial<CorpusSettings>): Settings {
  const f = sanitizeSettings({ aliases: file.aliases, ignore: file.ignore, tolerance: file.tolerance, severity: file.severity });
  return {
    ...editor,
    aliases: [...editor.aliases, ...f.aliases].slice(0, LIMITS.aliasGroups),
    ignore: [...new Set([...editor.ignore, ...f.ignore])].slice(0, LIMITS.ignore),
    severity: { ...f.severity, ...editor.severity },
    tolerance: editor.tolerance === DEFAULT_SETTINGS.tolerance && file.tolerance !== undefined ? f.tolerance : editor.tolerance,
  };
}

/** The part of the settings the cross-source index consumes. */
export function corpusSettings(s: Settings): CorpusSettings {
  return { tolerance: s.tolerance, severity: { ...s.severity }, aliases: s.aliases.map((g) => [...g]), ignore: [...s.ignore] };
}

/** The effective level for a finding: the setting when present, else what the index chose. */
export function levelFor(s: Settings, code: FindingCode, fallback: Severity): Severity | 'off' {
  return s.severity[code] ?? fallback;
}

export function sameFileSelection(a: Settings, b: Settings): boolean {
  return same(a.include, b.include) && same(a.exclude, b.exclude) && a.maxFileSize === b.maxFileSize;
}

export function sameCorpusSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(corpusSettings(a)) === JSON.stringify(corpusSettings(b));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A glob, a list of globs, or VS Code's `{ "glob": true }` map form. An empty include means "use the default". */
function patterns(v: unknown, fallback: readonly string[], allowEmpty: boolean): string[] {
  let list: unknown[];
  if (typeof v === 'string') list = [v];
  else if (Array.isArray(v)) list = v;
  else if (isRecord(v)) list = Object.keys(v).filter((k) => v[k] === true);
  else return [...fallback];
  const out = list
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.trim().replace(/\\/g, '/'))
    .filter((p) => p.length > 0 && p.length <= LIMITS.patternLength && !tooManyWildcards(p))
    .slice(0, LIMITS.patterns);
  return out.length > 0 || allowEmpty ? out : [...fallback];
}

function tooManyWildcards(pattern: string): boolean {
  return pattern.split('/').some((segment) => segment !== '**' && (segment.match(/\*/g)?.length ?? 0) > LIMITS.wildcardsPerSegment);
}

function positiveInt(v: unknown, fallback: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return fallback;
  return Math.min(Math.floor(v), max);
}

function tolerance(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return DEFAULT_SETTINGS.tolerance;
  return Math.min(v, 1);
}

function severity(v: unknown): Settings['severity'] {
  const out: Settings['severity'] = {};
  if (!isRecord(v)) return out;
  for (const code of FINDING_CODES) {
    const level = v[code];
    if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) out[code] = level as Severity | 'off';
  }
  return out;
}

function strings(v: unknown, maxCount: number, maxLength: number): string[] {
  if (!Array.isArray(v)) return [];
  const seen = new Set<string>();
  for (const s of v) {
    if (typeof s !== 'string') continue;
    const t = s.trim();
    if (t.length > 0 && t.length <= maxLength) seen.add(t);
    if (seen.size >= maxCount) break;
  }
  return [...seen];
}

function aliases(v: unknown): string[][] {
  if (!Array.isArray(v)) return [];
  const out: string[][] = [];
  for (const group of v) {
    const names = strings(group, LIMITS.namesPerGroup, LIMITS.nameLength);
    if (names.length >= 2) out.push(names);
    if (out.length >= LIMITS.aliasGroups) break;
  }
  return out;
}
