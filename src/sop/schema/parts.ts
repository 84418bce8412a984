/**
 * The pieces modules are made of: callouts, images, steps (nested three levels) and approvals.
 *
 * @packageDocumentation
 */
import { z } from 'zod';
import { date, stepId, text, textOrNumber } from './fields.js';
import { CALLOUT_LEVELS, vocabulary } from './vocabulary.js';

/** Deepest allowed step nesting: steps, sub-steps, sub-sub-steps (1 / 1.1 / 1.1.1). */
export const MAX_STEP_DEPTH = 3;

/** A highlighted hazard or hint. */
export const calloutSchema = z
  .strictObject({
    level: vocabulary(CALLOUT_LEVELS, 'Severity: danger, warning, caution or note (ANSI Z535 order).'),
    text: text('The hazard or hint, inline Markdown.'),
  })
  .describe('A highlighted hazard or hint.');

/** An image with its caption. */
export const imageSchema = z
  .strictObject({
    src: text("Path relative to the document's folder, or an http(s) URL."),
    alt: text('Text alternative for readers who cannot see the image.').optional(),
    caption: text('Caption shown under the image.').optional(),
  })
  .describe('An image with its caption.');

const stepFields = {
  id: stepId().optional(),
  text: text('The instruction, inline Markdown.'),
  details: text('Further explanation, block Markdown.').optional(),
  checkbox: z.boolean({ error: 'expected true or false' }).describe('Render a checkbox the operator ticks.').optional(),
  duration: textOrNumber('Expected duration, free text such as "5 min".').optional(),
  callouts: z.array(calloutSchema).describe('Hazards and hints for this step.').optional(),
  image: imageSchema.optional(),
  signoff: z
    .array(text('A sign-off field such as "Performed by".'))
    .describe('Sign-off fields, each rendered as a signature line.')
    .optional(),
};

const subSteps = <S extends z.ZodType>(step: S) =>
  z
    .array(step)
    .min(1, { error: 'expected at least one step' })
    .describe(`Sub-steps; steps nest at most ${MAX_STEP_DEPTH} levels (1 / 1.1 / 1.1.1).`)
    .optional();

// Written out level by level (MAX_STEP_DEPTH of them) so the inferred type knows the depth too.
const subSubStep = z
  .strictObject({
    ...stepFields,
    steps: z
      .undefined({ error: `sub-steps nest at most ${MAX_STEP_DEPTH} levels (1 / 1.1 / 1.1.1)` })
      .describe(`Not allowed here: steps nest at most ${MAX_STEP_DEPTH} levels (1 / 1.1 / 1.1.1).`)
      .optional(),
  })
  .describe('A sub-sub-step (1.1.1); it cannot have sub-steps.');
const subStep = z.strictObject({ ...stepFields, steps: subSteps(subSubStep) }).describe('A sub-step (1.1).');

/** One procedure step with up to two levels of sub-steps. */
export const stepSchema = z.strictObject({ ...stepFields, steps: subSteps(subStep) }).describe('A procedure step.');

/** One approval signature of the document. */
export const approvalSchema = z
  .strictObject({
    role: text('Role of the approver, e.g. "QA Manager".'),
    name: text('Name of the approver.'),
    date: date('Date of approval, YYYY-MM-DD.').optional(),
    meaning: text(
      'Meaning of the signature, printed on the approvals page (e.g. "Authored", "Reviewed", "Approved"); derived from the role when absent.',
    ).optional(),
  })
  .describe('One approval signature.');
