/**
 * Safety: callouts only.
 *
 * @packageDocumentation
 */
import type { ModuleReader } from '../module-reader.js';
import { readCallout } from './callout.js';

/** Reads a safety module. */
export const readSafety: ModuleReader<'safety'> = (context) => ({
  callouts: context
    .only('blockquote', 'callouts such as "> **Warning:** text"')
    .map((quote, i) => readCallout(context, quote, [...context.path, 'callouts', i])),
});
