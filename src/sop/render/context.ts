/**
 * What module renderers share during one render: block keys, media handling and warnings.
 *
 * @packageDocumentation
 */
import { resolve } from 'node:path';
import { BlockKeys } from '../block-keys.js';
import { type SopDiagnostic, SopDiagnosticCode } from '../diagnostic.js';
import { escapeHtml } from '../escape-html.js';
import { dataUri, exportPath, isFile, toUrlPath } from '../media-files.js';
import type { SopImage } from '../model.js';
import type { ResolvedRenderOptions } from '../render-options.js';
import { getOrigin } from '../source-positions.js';
import type { FileCopy } from '../themes.js';

/** Raster and vector formats browsers show in `<img>` as `data:` URIs. */
const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** State of one render, passed to every module renderer. */
export class RenderContext {
  /** Unique, position-independent `data-block` keys. */
  readonly keys = new BlockKeys();
  readonly warnings: SopDiagnostic[] = [];
  /** Absolute paths of files the output depends on. */
  readonly assets: string[] = [];
  /** Files an export copies next to the HTML. */
  readonly copies: FileCopy[] = [];

  constructor(
    readonly options: ResolvedRenderOptions,
    readonly file: string | undefined,
  ) {}

  /**
   * `src` for an image, or `undefined` when it cannot be shown (missing file, unsafe scheme); a
   * warning then says why and the caller draws a placeholder.
   */
  imageSrc(image: SopImage): string | undefined {
    const { src } = image;
    if (/^https?:\/\//i.test(src) || SAFE_DATA_IMAGE.test(src)) return src;
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
      this.warnMedia(image, `image "${src}" uses a scheme that is not allowed (use a relative path or http(s) URL)`);
      return undefined;
    }
    const path = resolve(this.options.baseDir, safeDecode(src.split(/[?#]/)[0]!));
    if (!isFile(path)) {
      this.warnMedia(image, `image not found: ${src} (looked for ${path})`);
      return undefined;
    }
    this.assets.push(path);
    if (this.options.embedMedia) return dataUri(path);
    if (this.options.outputDir !== undefined) {
      const target = exportPath(this.options.baseDir, path);
      this.copies.push({ from: path, to: target });
      return toUrlPath(target);
    }
    return src;
  }

  private warnMedia(image: SopImage, message: string): void {
    const origin = getOrigin(image);
    const warning: SopDiagnostic = { code: SopDiagnosticCode.MissingMedia, severity: 'warning', message };
    const file = origin?.file ?? this.file;
    if (file !== undefined) warning.file = file;
    if (origin) {
      warning.line = origin.line;
      warning.column = origin.column;
      if (origin.frame !== undefined) warning.frame = origin.frame;
    }
    this.warnings.push(warning);
  }
}

/** A visible stand-in for an image that cannot be shown. */
export function missingImage(image: SopImage): string {
  return `<div class="sop-missing-media" role="img" aria-label="${escapeHtml(image.alt ?? 'missing image')}">Image not available: ${escapeHtml(image.src)}</div>`;
}
