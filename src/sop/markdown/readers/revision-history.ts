/**
 * Revision history: a table with columns Version | Date | Author | Change.
 *
 * @packageDocumentation
 */
import type { ModuleReader } from '../module-reader.js';
import { readRows } from './table-rows.js';

/** Reads a revision history module. */
export const readRevisionHistory: ModuleReader<'revision-history'> = (context) =>
  readRows(context, 'a table with columns Version | Date | Author | Change', {
    version: ['version'],
    date: ['date'],
    author: ['author'],
    change: ['change', 'description'],
  });
