/**
 * Materials and equipment: a table with columns Item | Quantity | Specification.
 *
 * @packageDocumentation
 */
import type { ModuleReader } from '../module-reader.js';
import { readRows } from './table-rows.js';

/** Reads a materials module. */
export const readMaterials: ModuleReader<'materials'> = (context) =>
  readRows(context, 'a table with columns Item | Quantity | Specification', {
    item: ['item', 'material', 'equipment'],
    quantity: ['quantity', 'qty'],
    specification: ['specification', 'spec'],
  });
