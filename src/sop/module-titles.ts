/**
 * Default headings of the module types; a module's `title` overrides them.
 *
 * @packageDocumentation
 */
import type { SopModuleType } from './model.js';

/** Heading shown for each module type unless the module sets `title`. */
export const DEFAULT_TITLES: Record<SopModuleType, string> = {
  purpose: 'Purpose',
  scope: 'Scope',
  summary: 'Summary',
  responsibilities: 'Responsibilities',
  definitions: 'Definitions',
  safety: 'Safety',
  qualifications: 'Personnel Qualifications',
  materials: 'Materials and Equipment',
  procedure: 'Procedure',
  'quality-control': 'Quality Control',
  records: 'Records',
  references: 'References',
  'revision-history': 'Revision History',
  section: 'Section',
};
