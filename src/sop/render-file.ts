/**
 * `renderFile()`: what the preview calls on every save. Dispatches by extension: `.sop.yaml`,
 * `.sop.yml`, `.sop.md` → SOP; other `.md` → themed Markdown page; `.html`/`.htm` → as it is.
 *
 * @packageDocumentation
 */
import { basename, resolve } from 'node:path';
import type { SopDiagnostic } from './diagnostic.js';
import { loadSopText } from './load-sop.js';
import type { SopDocument } from './model.js';
import { readSource } from './read-source.js';
import { RenderContext } from './render/context.js';
import { renderMarkdownBody } from './render/markdown-page.js';
import { renderPage } from './render/page-shell.js';
import { type RenderSopOptions, resolveRenderOptions } from './render-options.js';
import { renderSop } from './render-sop.js';
import { fileKind, PREVIEWABLE_EXTENSIONS } from './source-files.js';
import { type FileCopy, renderTheme } from './themes.js';

/** Result of {@link renderFile}; never throws for a bad document. */
export type RenderFileResult =
  | {
      ok: true;
      html: string;
      /** Absolute paths of every file the output depends on, the source included: watch them. */
      assets: string[];
      warnings: SopDiagnostic[];
      /** Document title, for tabs and status lines. */
      title: string;
      meta?: { id?: string; status?: string };
      /** The parsed SOP (SOP files only): what an export adds to the page is read from it, not parsed again. */
      document?: SopDocument;
      /** Files a standalone export copies (only with `outputDir`). */
      copies: FileCopy[];
    }
  | { ok: false; errors: SopDiagnostic[]; warnings: SopDiagnostic[] };

const TITLE = /<title[^>]*>([^<]*)<\/title>/i;

/**
 * Renders one file for the preview or an export.
 *
 * @example
 * const result = await renderFile('examples/lab/ph-meter-calibration.sop.yaml');
 * if (result.ok) server.updateContent(result.html); else showError(result.errors[0]);
 */
export async function renderFile(path: string, options?: RenderSopOptions): Promise<RenderFileResult> {
  const file = resolve(path);
  const kind = fileKind(file);
  if (kind === 'unsupported') {
    throw new TypeError(`renderFile: cannot preview ${basename(file)}; expected ${PREVIEWABLE_EXTENSIONS}`);
  }
  const read = await readSource(file, basename(file));
  if (!read.ok) return { ok: false, errors: [read.error], warnings: [] };
  return renderText(file, read.text, options);
}

/**
 * {@link renderFile} for text already in memory (an editor's unsaved buffer): `file` names the
 * kind, the messages and the folder relative media resolve against; it is not read.
 */
export function renderText(path: string, text: string, options?: RenderSopOptions): RenderFileResult {
  const file = resolve(path);
  const kind = fileKind(file);
  if (kind === 'unsupported') {
    throw new TypeError(`renderText: cannot preview ${basename(file)}; expected .sop.yaml, .sop.md, .md or .html`);
  }
  if (kind === 'html') {
    const title = TITLE.exec(text)?.[1]?.trim() || basename(file);
    return { ok: true, html: text, assets: [file], warnings: [], title, copies: [] };
  }
  if (kind === 'markdown') {
    const resolved = resolveRenderOptions(options, file);
    const context = new RenderContext(resolved, file);
    const theme = renderTheme(resolved);
    const { body, title } = renderMarkdownBody(text.replace(/^\uFEFF/, ''), context, basename(file));
    const html = renderPage({ title, head: theme.headHtml, body, bodyClass: 'sop-body' });
    return {
      ok: true,
      html,
      assets: [...new Set([file, ...theme.assets, ...context.assets])],
      warnings: [...theme.warnings, ...context.warnings],
      title,
      copies: [...theme.copies, ...context.copies],
    };
  }
  const loaded = loadSopText({ text, file });
  if (!loaded.ok) return loaded;
  const rendered = renderSop(loaded.document, options);
  return {
    ok: true,
    html: rendered.html,
    assets: [file, ...rendered.assets],
    warnings: [...loaded.warnings, ...rendered.warnings],
    title: loaded.document.title,
    meta: { id: loaded.document.id, status: loaded.document.status },
    document: loaded.document,
    copies: rendered.copies,
  };
}
