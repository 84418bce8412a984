/**
 * References: cited documents, linked when a URL is given.
 *
 * @packageDocumentation
 */
import { escapeHtml } from '../escape-html.js';
import { renderInlineMarkdown } from '../markdown-text.js';
import type { ReferencesModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';

// Same rule as markdown-it's validateLink: only web and mail links become anchors.
const SAFE_URL = /^(https?:|mailto:|#|\/|\.{0,2}\/|[^:]*$)/i;

/** Renders a {@link ReferencesModule} as a list. */
export const renderReferences: ModuleRenderer<ReferencesModule> = (module) => {
  const items = module.items.map((reference) => {
    const title = renderInlineMarkdown(reference.title);
    const url = reference.url?.trim();
    if (url === undefined || !SAFE_URL.test(url)) return `<li>${title}</li>`;
    return `<li><a href="${escapeHtml(url)}">${title}</a></li>`;
  });
  return `<ul class="sop-references">${items.join('')}</ul>`;
};
