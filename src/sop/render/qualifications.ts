/**
 * Personnel qualifications: one requirement per line.
 *
 * @packageDocumentation
 */
import { renderInlineMarkdown } from '../markdown-text.js';
import type { QualificationsModule } from '../model.js';
import type { ModuleRenderer } from './module-renderer.js';

/** Renders a {@link QualificationsModule} as a list. */
export const renderQualifications: ModuleRenderer<QualificationsModule> = (module) =>
  `<ul class="sop-qualifications">${module.items.map((item) => `<li>${renderInlineMarkdown(item)}</li>`).join('')}</ul>`;
