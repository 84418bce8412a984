/**
 * The typed SOP model both loaders produce and the renderer consumes, derived from the schema
 * (`./schema/`), so the types and the validation cannot drift apart. Shaped after EPA QA/G-6 (2007)
 * and common GMP practice: document control metadata, then an ordered list of modules.
 *
 * @packageDocumentation
 */
import type { z } from 'zod';
import type { sopSchema } from './schema/document.js';
import type { ModuleSchema, ModuleType } from './schema/modules.js';
import type { approvalSchema, calloutSchema, imageSchema, stepSchema } from './schema/parts.js';

/** A loaded, validated SOP. */
export type SopDocument = z.output<typeof sopSchema> & {
  /** Source file, when loaded from one; relative media resolve against its folder. */
  file?: string;
};

/** Lifecycle state of an SOP under document control. */
export type SopStatus = SopDocument['status'];

/** A highlighted hazard or hint. `text` allows inline Markdown. */
export type Callout = z.output<typeof calloutSchema>;

/** Severity of a callout, in ANSI Z535 order (most to least severe). */
export type CalloutLevel = Callout['level'];

/** One approval signature of the document. */
export type Approval = z.output<typeof approvalSchema>;

/** An image with its caption; `src` is relative to the document's folder or a URL. */
export type SopImage = z.output<typeof imageSchema>;

/** One procedure step; sub-steps nest up to three levels (1 / 1.1 / 1.1.1). */
export type SopStep = z.output<typeof stepSchema>;

/** Every module `type`. */
export type SopModuleType = ModuleType;

/** The module of type `T`. */
export type SopModuleOf<T extends SopModuleType> = z.output<ModuleSchema<T>>;

/** Any module; `type` selects the renderer. */
export type SopModule = SopModuleOf<SopModuleType>;

/** Text modules: the body is block Markdown. */
export type TextModule = SopModuleOf<'purpose' | 'scope' | 'summary' | 'quality-control'>;

/** Role → duties. */
export type ResponsibilitiesModule = SopModuleOf<'responsibilities'>;

/** Term → definition. */
export type DefinitionsModule = SopModuleOf<'definitions'>;

/** Hazard callouts that apply to the whole procedure. */
export type SafetyModule = SopModuleOf<'safety'>;

/** Required training or certification, one line each (inline Markdown). */
export type QualificationsModule = SopModuleOf<'qualifications'>;

/** Materials and equipment. */
export type MaterialsModule = SopModuleOf<'materials'>;

/** The numbered steps. */
export type ProcedureModule = SopModuleOf<'procedure'>;

/** Records produced. */
export type RecordsModule = SopModuleOf<'records'>;

/** Cited documents. */
export type ReferencesModule = SopModuleOf<'references'>;

/** Revision history, oldest first. */
export type RevisionHistoryModule = SopModuleOf<'revision-history'>;

/** A free section: a required title and block Markdown. */
export type FreeSectionModule = SopModuleOf<'section'>;

/** A role and what it is responsible for. */
export type Responsibility = ResponsibilitiesModule['items'][number];

/** A term and its meaning, both inline Markdown. */
export type Definition = DefinitionsModule['items'][number];

/** One material, reagent or piece of equipment. */
export type MaterialItem = MaterialsModule['items'][number];

/** A record the procedure produces and where it is kept. */
export type RecordItem = RecordsModule['items'][number];

/** A cited document or standard. */
export type Reference = ReferencesModule['items'][number];

/** One entry of the revision history. */
export type Revision = RevisionHistoryModule['items'][number];
