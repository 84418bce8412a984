/**
 * Local files referenced by a render (images, theme CSS assets): existence checks, `data:` URIs
 * and where a standalone export puts its copy.
 *
 * @packageDocumentation
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, sep } from 'node:path';
import { hashText } from './block-keys.js';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.css': 'text/css',
};

/** `true` for a regular file that exists. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file as a base64 `data:` URI with a MIME type from its extension. */
export function dataUri(path: string): string {
  const mime = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return `data:${mime};base64,${readFileSync(path).toString('base64')}`;
}

/** `a/b` with forward slashes, for URLs. */
export function toUrlPath(path: string): string {
  return path.split(sep).map(encodeURIComponent).join('/');
}

/** `true` when `path` is `dir` or inside it. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where an export keeps a copy of `path`: the same relative place when it sits under `baseDir`,
 * else `_media/<hash>-<name>` so a `../` path never writes outside the output folder.
 */
export function exportPath(baseDir: string, path: string): string {
  if (isInside(baseDir, path)) return relative(baseDir, path);
  const name = path.split(sep).pop() ?? 'file';
  return `_media${sep}${hashText(path)}-${name}`;
}
