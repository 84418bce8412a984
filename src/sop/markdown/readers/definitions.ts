/**
 * Definitions: a table with columns Term | Definition.
 *
 * @packageDocumentation
 */
import type { ModuleReader } from '../module-reader.js';
import { readRows } from './table-rows.js';

/** Reads a definitions module. */
export const readDefinitions: ModuleReader<'definitions'> = (context) =>
  readRows(context, 'a table with columns Term | Definition', {
    term: ['term'],
    definition: ['definition', 'meaning'],
  });
