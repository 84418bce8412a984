/**
 * Free sections: a title (the heading) and block Markdown.
 *
 * @packageDocumentation
 */
import { renderBlockMarkdown } from '../markdown-text.js';
import type { FreeSectionModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';

/** Renders a {@link FreeSectionModule}. */
export const renderSection: ModuleRenderer<FreeSectionModule> = (module) =>
  `<div class="sop-text">${renderBlockMarkdown(module.text)}</div>`;
