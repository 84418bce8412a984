/**
 * Static assets under the root folder. Every check here assumes a hostile path: the raw request
 * target is decoded exactly once, and the real path (symlinks resolved) must stay inside the root.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Content-Type for a file name; unknown types are served as opaque bytes. */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Outcome of mapping a request path to a file. */
export type StaticLookup = { status: 200; file: string; size: number } | { status: 400 | 403 | 404 };

/**
 * Maps a raw (still percent-encoded) URL path to a file inside `realRoot` (already real-pathed).
 * Refuses NUL, `#`, backslashes and any segment starting with a dot, which covers `..`,
 * dotfiles and dot-folders such as `.git`.
 */
export async function lookupStaticFile(rawPath: string, realRoot: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (!decoded.startsWith('/') || /[\0#\\]/.test(decoded) || /[\0#\\]/.test(rawPath)) return { status: 403 };
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return { status: 404 };
  const wanted = resolve(realRoot, `.${decoded}`);
  let real: string;
  try {
    real = await realpath(wanted);
    let info = await stat(real);
    if (info.isDirectory()) {
      real = await realpath(resolve(real, 'index.html'));
      info = await stat(real);
    }
    // The trailing separator stops a sibling such as `/site-secrets` matching root `/site`.
    if (!real.startsWith(realRoot + sep) || !info.isFile()) return { status: 404 };
    return { status: 200, file: real, size: info.size };
  } catch {
    return { status: 404 };
  }
}

/** Streams a file found by {@link lookupStaticFile}; `HEAD` gets the headers only. */
export function sendStaticFile(res: ServerResponse, file: string, size: number, headOnly: boolean): void {
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': size,
    'Cache-Control': 'no-cache',
  });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
