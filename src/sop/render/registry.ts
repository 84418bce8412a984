/**
 * Module type → renderer. Adding a module type means adding its file and one line here (plus its
 * entry in the module table, `../schema/modules.ts`); the mapped type makes the compiler ask for it.
 *
 * @packageDocumentation
 */
import type { SopModuleOf, SopModuleType } from '../model.js';
import { renderDefinitions } from './definitions.js';
import { renderMaterials } from './materials.js';
import type { ModuleRenderer } from './module-renderer.js';
import { renderProcedure } from './procedure.js';
import { renderQualifications } from './qualifications.js';
import { renderRecords } from './records.js';
import { renderReferences } from './references.js';
import { renderResponsibilities } from './responsibilities.js';
import { renderRevisionHistory } from './revision-history.js';
import { renderSafety } from './safety.js';
import { renderSection } from './section.js';
import { renderTextModule } from './text-module.js';

/** One renderer per module type. */
export const MODULE_RENDERERS: { [T in SopModuleType]: ModuleRenderer<SopModuleOf<T>> } = {
  purpose: renderTextModule,
  scope: renderTextModule,
  summary: renderTextModule,
  responsibilities: renderResponsibilities,
  definitions: renderDefinitions,
  safety: renderSafety,
  qualifications: renderQualifications,
  materials: renderMaterials,
  procedure: renderProcedure,
  'quality-control': renderTextModule,
  records: renderRecords,
  references: renderReferences,
  'revision-history': renderRevisionHistory,
  section: renderSection,
};
