/**
 * `renderSop()`: a {@link SopDocument} to a complete, themed HTML page whose modules and steps
 * carry stable `data-block` keys and `id` anchors.
 *
 * @packageDocumentation
 */
import type { SopDiagnostic } from './diagnostic.js';
import { cssString, escapeHtml } from './escape-html.js';
import type { SopDocument, SopModuleOf, SopModuleType } from './model.js';
import { RenderContext } from './render/context.js';
import { renderHeader } from './render/header.js';
import type { ModuleRenderer } from './render/module-renderer.js';
import { renderPage } from './render/page-shell.js';
import { MODULE_RENDERERS } from './render/registry.js';
import { renderToc, type TocEntry } from './render/toc.js';
import { type RenderSopOptions, resolveRenderOptions } from './render-options.js';
import { DEFAULT_TITLES } from './schema/modules.js';
import { type FileCopy, renderTheme } from './themes.js';

/** What a render produces. */
export interface RenderResult {
  /** The complete HTML page. */
  html: string;
  /** Absolute paths of the files the output depends on (images, theme CSS, theme assets): watch them. */
  assets: string[];
  /** Missing images or theme files; the page still renders, with placeholders. */
  warnings: SopDiagnostic[];
  /** Files a standalone export must copy next to the HTML (only when `outputDir` is set). */
  copies: FileCopy[];
}

// Taking the type apart from the module lets the compiler pair `MODULE_RENDERERS[type]` with
// `SopModuleOf<T>` (a correlated lookup) instead of needing a cast.
function renderModule<T extends SopModuleType>(type: T, module: SopModuleOf<T>, context: RenderContext): string {
  const render: ModuleRenderer<SopModuleOf<T>> = MODULE_RENDERERS[type];
  return render(module, context);
}

/** The `<body>` inner HTML and the theme-independent head additions. */
export function renderSopBody(doc: SopDocument, context: RenderContext): string {
  const toc: TocEntry[] = [];
  const modules = doc.modules.map((module) => {
    const key = context.keys.module(module);
    const titleHtml = escapeHtml(module.title ?? DEFAULT_TITLES[module.type]);
    toc.push({ key, titleHtml });
    return `<section class="sop-module sop-module--${module.type}" data-block="${escapeHtml(key)}" id="sop-${escapeHtml(key)}"><h2 class="sop-module-title">${titleHtml}</h2>${renderModule(module.type, module, context)}</section>`;
  });
  return `<article class="sop" data-sop-id="${escapeHtml(doc.id)}" data-sop-version="${escapeHtml(doc.version)}">
${renderHeader(doc)}
${renderToc(toc)}
<main class="sop-modules">
${modules.join('\n')}
</main>
</article>`;
}

/**
 * Renders an SOP to a complete HTML page. Synchronous and fast (a 300-step SOP in well under
 * 10 ms; see `bench/render.bench.ts`); awaiting it is harmless.
 *
 * @example
 * const loaded = await loadSop('procedure.sop.yaml');
 * if (loaded.ok) writeFileSync('out.html', renderSop(loaded.document, { theme: 'print' }).html);
 */
export function renderSop(doc: SopDocument, options?: RenderSopOptions): RenderResult {
  const resolved = resolveRenderOptions(options, doc.file);
  const context = new RenderContext(resolved, doc.file);
  const theme = renderTheme(resolved);
  const body = renderSopBody(doc, context);
  // Paged media: the running header names the document on every printed page.
  const page = `<style data-sop-page>@page { @top-left { content: ${cssString(`${doc.id} · ${doc.title}`)}; } @top-right { content: ${cssString(`Version ${doc.version}`)}; } }</style>`;
  const html = renderPage({
    title: `${doc.id} ${doc.title}`,
    head: `${theme.headHtml}\n${page}`,
    body,
    bodyClass: 'sop-body',
  });
  return {
    html,
    assets: [...new Set([...theme.assets, ...context.assets])],
    warnings: [...theme.warnings, ...context.warnings],
    copies: [...theme.copies, ...context.copies],
  };
}
