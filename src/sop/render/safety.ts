/**
 * Safety: callouts that apply to the whole procedure.
 *
 * @packageDocumentation
 */
import type { SafetyModule } from '../model.js';
import { renderCallout } from './callout.js';
import type { ModuleRenderer } from './module-renderer.js';

/** Renders a {@link SafetyModule}. */
export const renderSafety: ModuleRenderer<SafetyModule> = (module) =>
  `<div class="sop-callouts">${module.callouts.map(renderCallout).join('')}</div>`;
