/**
 * Records: a table with columns Record | Location | Retention.
 *
 * @packageDocumentation
 */
import type { ModuleReader } from '../module-reader.js';
import { readRows } from './table-rows.js';

/** Reads a records module. */
export const readRecords: ModuleReader<'records'> = (context) =>
  readRows(context, 'a table with columns Record | Location | Retention', {
    name: ['record', 'name'],
    location: ['location'],
    retention: ['retention'],
  });
