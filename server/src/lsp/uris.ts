// Document URIs: one normal form used as the article id in the index, the client's own spelling
// kept for everything sent back, and the file-system checks that keep scanning inside the workspace.
// Clients spell one file differently (`file:///c%3A/x` vs `file:///C:/x`, `%20` vs `+`-free forms);
// keying on a normal form stops one article being indexed twice.

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Percent-encodes a decoded path segment like VS Code does: everything but unreserved characters. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The normal form of a URI: `file:` URIs re-encoded uniformly (drive letters lower-cased); others as given. */
export function normalizeUri(uri: string): string {
  const m = /^file:\/\/([^/]*)(\/.*)?$/i.exec(uri);
  if (!m) return uri;
  const authority = m[1].toLowerCase();
  const segments: string[] = [];
  // Dot segments resolved as URL parsing does, so "/ws/../x" cannot pose as a file under "/ws".
  (m[2] ?? '/').split('/').map(decodeSegment).forEach((seg, i, all) => {
    if (seg === '.' && i > 0) {
      if (i === all.length - 1) segments.push('');
    } else if (seg === '..' && i > 0) {
      if (segments.length > 1) segments.pop();
      if (i === all.length - 1) segments.push('');
    } else segments.push(seg);
  });
  // "/C:/x" → "/c:/x": Windows paths are case-insensitive in the drive letter only.
  if (segments.length > 1 && /^[A-Za-z]:$/.test(segments[1])) segments[1] = segments[1].toLowerCase();
  return 'file://' + authority + segments.map(encodeSegment).join('/');
}

/** A `file:` URI's file-system path, or null for other schemes and malformed URIs. */
export function uriToFsPath(uri: string): string | null {
  if (!/^file:/i.test(uri)) return null;
  try {
    return fileURLToPath(normalizeUri(uri));
  } catch {
    return null;
  }
}

/** A child URI of `folderUri` in the folder URI's own spelling (so the client recognises it). */
export function joinUri(folderUri: string, relativePath: string): string {
  const base = folderUri.replace(/\/+$/, '');
  return base + '/' + relativePath.split('/').map(encodeSegment).join('/');
}

/** True when `child` is `parent` or lies beneath it (both absolute file-system paths). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Workspace-relative path with forward slashes, or null when outside the folder. */
export function relativePath(child: string, parent: string): string | null {
  if (!isInside(child, parent)) return null;
  return path.relative(parent, child).split(path.sep).join('/');
}

/** The last path segment, decoded, for labels ("northwire.txt"). */
export function displayName(uri: string): string {
  const noQuery = uri.replace(/[?#].*$/, '');
  const last = noQuery.replace(/\/+$/, '').split('/').pop() ?? uri;
  return decodeSegment(last) || uri;
}

/** True when `uri` equals `prefix` or lies beneath it (normal forms). */
export function uriStartsWith(uri: string, prefix: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return uri === p || uri.startsWith(p + '/');
}
