/**
 * Definitions: term → definition.
 *
 * @packageDocumentation
 */
import { renderInlineMarkdown } from '../markdown-text.js';
import type { DefinitionsModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';

/** Renders a {@link DefinitionsModule} as a definition list. */
export const renderDefinitions: ModuleRenderer<DefinitionsModule> = (module) =>
  `<dl class="sop-definitions">${module.items.map((item) => `<div class="sop-definition"><dt>${renderInlineMarkdown(item.term)}</dt><dd>${renderInlineMarkdown(item.definition)}</dd></div>`).join('')}</dl>`;
