/**
 * The procedure: numbered steps nested up to three levels. Numbers (1 / 1.1 / 1.1.1) come from CSS
 * counters, not from the HTML, so inserting a step changes no other step's markup and the live
 * preview patches exactly one block.
 *
 * @packageDocumentation
 */
import { escapeHtml } from '../escape-html.js';
import { renderBlockMarkdown, renderInlineMarkdown } from '../markdown-text.js';
import type { ProcedureModule, SopStep } from '../model.js';
import { renderCallout } from './callout.js';
import { missingImage, type RenderContext } from './context.js';
import type { ModuleRenderer } from './module-renderer.js';

function renderFigure(step: SopStep, context: RenderContext): string {
  const image = step.image!;
  const src = context.imageSrc(image);
  const caption = image.caption === undefined ? '' : `<figcaption>${renderInlineMarkdown(image.caption)}</figcaption>`;
  const body =
    src === undefined
      ? missingImage(image)
      : `<img src="${escapeHtml(src)}" alt="${escapeHtml(image.alt ?? image.caption ?? '')}" loading="lazy">`;
  return `<figure class="sop-figure">${body}${caption}</figure>`;
}

function renderSignoff(fields: string[]): string {
  const rows = fields.map(
    (field) =>
      `<div class="sop-signoff-field"><span class="sop-signoff-label">${escapeHtml(field)}</span><span class="sop-signoff-line" role="img" aria-label="signature line"></span><span class="sop-signoff-label">Date</span><span class="sop-signoff-line sop-signoff-date" role="img" aria-label="date line"></span></div>`,
  );
  return `<div class="sop-signoff">${rows.join('')}</div>`;
}

function renderStep(step: SopStep, depth: number, context: RenderContext): string {
  const key = context.keys.step(step);
  const check = step.checkbox ? '<input type="checkbox" class="sop-check" aria-label="Step done">' : '';
  const duration =
    step.duration === undefined
      ? ''
      : ` <span class="sop-duration" title="Expected duration">${escapeHtml(step.duration)}</span>`;
  let html = `<li class="sop-step sop-step--level-${depth}" data-block="${escapeHtml(key)}" id="sop-${escapeHtml(key)}"><div class="sop-step-head">${check}<span class="sop-step-text">${renderInlineMarkdown(step.text)}</span>${duration}</div>`;
  if (step.details !== undefined) html += `<div class="sop-step-details">${renderBlockMarkdown(step.details)}</div>`;
  if (step.callouts) html += step.callouts.map(renderCallout).join('');
  if (step.image) html += renderFigure(step, context);
  if (step.signoff && step.signoff.length > 0) html += renderSignoff(step.signoff);
  if (step.steps && step.steps.length > 0) html += renderSteps(step.steps, depth + 1, context);
  return `${html}</li>`;
}

function renderSteps(steps: SopStep[], depth: number, context: RenderContext): string {
  return `<ol class="sop-steps">${steps.map((step) => `\n${renderStep(step, depth, context)}`).join('')}\n</ol>`;
}

/** Renders a {@link ProcedureModule}. */
export const renderProcedure: ModuleRenderer<ProcedureModule> = (module, context) =>
  renderSteps(module.steps, 1, context);
