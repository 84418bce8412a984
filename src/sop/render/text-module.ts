/**
 * Purpose, scope, summary and quality control: a body of block Markdown.
 *
 * @packageDocumentation
 */
import { renderBlockMarkdown } from '../markdown-text.js';
import type { TextModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';

/** Renders a {@link TextModule}. */
export const renderTextModule: ModuleRenderer<TextModule> = (module) =>
  `<div class="sop-text">${renderBlockMarkdown(module.text)}</div>`;
