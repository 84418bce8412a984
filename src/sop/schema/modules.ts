/**
 * The module table: every module type with its default heading, its meaning and its fields. It is
 * the one place a module type is defined; the document schema, the TypeScript types
 * (`../model.ts`), the known keys, the default titles and the JSON Schema are derived from it, and
 * the renderer and Markdown reader registries are mapped types over its keys, so the compiler names
 * whatever a new entry still lacks.
 *
 * @packageDocumentation
 */
import { z } from 'zod';
import { date, text, textOrNumber } from './fields.js';
import { calloutSchema, stepSchema } from './parts.js';

const titleOverride = () => text('Heading override; each module type has a default heading.').optional();

/** The `title` field of every module whose heading defaults to its type's title. */
const titleField = () => ({ title: titleOverride() });

/**
 * One row of the table: the default heading, what the module is for (editors show it on hover)
 * and its schema, `type` first.
 */
function entry<T extends string, F extends z.ZodRawShape>(type: T, title: string, description: string, fields: F) {
  return {
    title,
    description,
    schema: z.strictObject({ type: z.literal(type).describe(description), ...fields }).meta({ title, description }),
  };
}

const blockText = (what: string) => text(`${what}, block Markdown.`);
const list = <S extends z.ZodType>(item: S, description: string) => z.array(item).min(1).describe(description);

/** Every module type, in the order `MODULE_TYPES` and editors list them. */
export const MODULES = {
  purpose: entry('purpose', 'Purpose', 'Why the procedure exists and what it achieves.', {
    ...titleField(),
    text: blockText('The purpose'),
  }),
  scope: entry('scope', 'Scope', 'What and whom the procedure applies to, and what it does not cover.', {
    ...titleField(),
    text: blockText('The scope'),
  }),
  summary: entry('summary', 'Summary', 'A short overview of the method.', {
    ...titleField(),
    text: blockText('The summary'),
  }),
  responsibilities: entry('responsibilities', 'Responsibilities', 'Who does what: roles and their duties.', {
    ...titleField(),
    items: list(
      z.strictObject({
        role: text('The role, e.g. "Analyst".'),
        duties: z.array(text('One duty, inline Markdown.')).min(1).describe('What the role is responsible for.'),
      }),
      'One entry per role.',
    ),
  }),
  definitions: entry('definitions', 'Definitions', 'Terms and abbreviations used in the procedure.', {
    ...titleField(),
    items: list(
      z.strictObject({ term: text('The term, inline Markdown.'), definition: text('Its meaning, inline Markdown.') }),
      'One entry per term.',
    ),
  }),
  safety: entry('safety', 'Safety', 'Hazard callouts that apply to the whole procedure.', {
    ...titleField(),
    callouts: z.array(calloutSchema).min(1).describe('The hazards, most severe first.'),
  }),
  qualifications: entry(
    'qualifications',
    'Personnel Qualifications',
    'Training or certification the people performing the procedure need.',
    {
      ...titleField(),
      items: list(text('One qualification, inline Markdown.'), 'One line per qualification.'),
    },
  ),
  materials: entry('materials', 'Materials and Equipment', 'Materials, reagents and equipment needed.', {
    ...titleField(),
    items: list(
      z.strictObject({
        item: text('The material or piece of equipment, inline Markdown.'),
        quantity: textOrNumber('How much or how many.').optional(),
        specification: textOrNumber('Grade, model or other specification.').optional(),
      }),
      'One entry per material or piece of equipment.',
    ),
  }),
  procedure: entry('procedure', 'Procedure', 'The numbered steps.', {
    ...titleField(),
    steps: z.array(stepSchema).min(1, { error: 'expected at least one step' }).describe('The steps, in order.'),
  }),
  'quality-control': entry('quality-control', 'Quality Control', 'Checks that show the procedure worked.', {
    ...titleField(),
    text: blockText('The quality control checks'),
  }),
  records: entry('records', 'Records', 'Records the procedure produces and where they are kept.', {
    ...titleField(),
    items: list(
      z.strictObject({
        name: text('The record, inline Markdown.'),
        location: text('Where it is kept.').optional(),
        retention: textOrNumber('How long it is kept.').optional(),
      }),
      'One entry per record.',
    ),
  }),
  references: entry('references', 'References', 'Cited documents and standards.', {
    ...titleField(),
    items: list(
      z.strictObject({
        title: text('Title of the document, inline Markdown.'),
        url: text('Where to find it.').optional(),
      }),
      'One entry per cited document.',
    ),
  }),
  'revision-history': entry('revision-history', 'Revision History', 'Changes to the document, oldest first.', {
    ...titleField(),
    items: list(
      z.strictObject({
        version: textOrNumber('The version this entry describes.'),
        date: date('Date of the revision, YYYY-MM-DD.'),
        author: text('Who made the change.'),
        change: text('What changed, inline Markdown.'),
      }),
      'One entry per revision, oldest first.',
    ),
  }),
  section: entry('section', 'Section', 'A free section: a required title and block Markdown.', {
    title: text('The heading of the section.'),
    text: blockText('The body'),
  }),
};

/** Every module `type`. */
export type ModuleType = keyof typeof MODULES;

/** The zod schema of one module type. */
export type ModuleSchema<T extends ModuleType> = (typeof MODULES)[T]['schema'];

// Each key must be its entry's `type` literal; a mismatch names the key in the error.
type MisnamedEntry = {
  [T in ModuleType]: z.output<ModuleSchema<T>>['type'] extends T ? never : T;
}[ModuleType];
const entriesNamedByType: [MisnamedEntry] extends [never] ? true : MisnamedEntry = true;
void entriesNamedByType;

const [firstSchema, ...otherSchemas] = Object.values(MODULES).map((module) => module.schema);
if (firstSchema === undefined) throw new Error('the module table is empty');

/** Any module; `type` selects the schema (and the renderer and Markdown reader). */
export const moduleSchema = z.discriminatedUnion('type', [firstSchema, ...otherSchemas]);

/** Module types the schema, the renderers and the Markdown readers know, in table order. */
export const MODULE_TYPES: readonly ModuleType[] = moduleSchema.options.map((schema) => schema.shape.type.value);

/** Heading shown for each module type unless the module sets `title`. */
export const DEFAULT_TITLES = Object.fromEntries(MODULE_TYPES.map((type) => [type, MODULES[type].title])) as {
  readonly [T in ModuleType]: string;
};
