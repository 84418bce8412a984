/**
 * Responsibilities: role → duties.
 *
 * @packageDocumentation
 */
import { renderInlineMarkdown } from '../markdown-text.js';
import type { ResponsibilitiesModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';

/** Renders a {@link ResponsibilitiesModule} as a definition list. */
export const renderResponsibilities: ModuleRenderer<ResponsibilitiesModule> = (module) => {
  const items = module.items.map(
    (item) =>
      `<div class="sop-role"><dt>${renderInlineMarkdown(item.role)}</dt><dd><ul>${item.duties.map((duty) => `<li>${renderInlineMarkdown(duty)}</li>`).join('')}</ul></dd></div>`,
  );
  return `<dl class="sop-responsibilities">${items.join('')}</dl>`;
};
