/**
 * Module type → Markdown reader, the loader's counterpart of `../render/registry.ts`. Adding a
 * module type means adding its reader file and one line here; the mapped type makes the compiler
 * ask for it.
 *
 * @packageDocumentation
 */
import type { SopModuleType } from '../model.js';
import type { ModuleReader } from './module-reader.js';
import { readDefinitions } from './readers/definitions.js';
import { readMaterials } from './readers/materials.js';
import { readProcedure } from './readers/procedure.js';
import { readQualifications } from './readers/qualifications.js';
import { readRecords } from './readers/records.js';
import { readReferences } from './readers/references.js';
import { readResponsibilities } from './readers/responsibilities.js';
import { readRevisionHistory } from './readers/revision-history.js';
import { readSafety } from './readers/safety.js';
import { readText } from './readers/text.js';

/** One reader per module type. */
export const MODULE_READERS: { [T in SopModuleType]: ModuleReader<T> } = {
  purpose: readText,
  scope: readText,
  summary: readText,
  responsibilities: readResponsibilities,
  definitions: readDefinitions,
  safety: readSafety,
  qualifications: readQualifications,
  materials: readMaterials,
  procedure: readProcedure,
  'quality-control': readText,
  records: readRecords,
  references: readReferences,
  'revision-history': readRevisionHistory,
  section: readText,
};
