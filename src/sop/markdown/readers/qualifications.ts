/**
 * Personnel qualifications: a bullet list, one qualification per item.
 *
 * @packageDocumentation
 */
import type { ModuleReader } from '../module-reader.js';
import { readBulletItems } from './bullet-items.js';

/** Reads a qualifications module. */
export const readQualifications: ModuleReader<'qualifications'> = (context) =>
  readBulletItems(context, 'a bullet list', (text) => text);
