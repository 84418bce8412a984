/**
 * The typed SOP model both loaders produce and the renderer consumes. Shaped after EPA QA/G-6
 * (2007) and common GMP practice: document control metadata, then an ordered list of modules.
 *
 * @packageDocumentation
 */

/** Lifecycle state of an SOP under document control. */
export type SopStatus = 'draft' | 'in-review' | 'approved' | 'obsolete';

/** Severity of a callout, in ANSI Z535 order (most to least severe). */
export type CalloutLevel = 'danger' | 'warning' | 'caution' | 'note';

/** A highlighted hazard or hint. `text` allows inline Markdown. */
export interface Callout {
  level: CalloutLevel;
  text: string;
}

/** One approval signature of the document. */
export interface Approval {
  role: string;
  name: string;
  /** ISO date `YYYY-MM-DD`. */
  date?: string;
}

/** An image with its caption; `src` is relative to the document's folder or a URL. */
export interface SopImage {
  src: string;
  alt?: string;
  caption?: string;
}

/** One procedure step; sub-steps nest up to three levels (1 / 1.1 / 1.1.1). */
export interface SopStep {
  /** Explicit stable id; when absent the block key derives from the text. */
  id?: string;
  /** The instruction, inline Markdown. */
  text: string;
  /** Further explanation, block Markdown. */
  details?: string;
  /** Render a checkbox the operator ticks. */
  checkbox?: boolean;
  /** Expected duration, free text such as `5 min`. */
  duration?: string;
  callouts?: Callout[];
  image?: SopImage;
  /** Sign-off fields (e.g. `Performed by`, `Verified by`), each rendered as a signature line. */
  signoff?: string[];
  steps?: SopStep[];
}

/** A role and what it is responsible for. */
export interface Responsibility {
  role: string;
  duties: string[];
}

/** A term and its meaning, both inline Markdown. */
export interface Definition {
  term: string;
  definition: string;
}

/** One material, reagent or piece of equipment. */
export interface MaterialItem {
  item: string;
  quantity?: string;
  specification?: string;
}

/** A record the procedure produces and where it is kept. */
export interface RecordItem {
  name: string;
  location?: string;
  retention?: string;
}

/** A cited document or standard. */
export interface Reference {
  title: string;
  url?: string;
}

/** One entry of the revision history. */
export interface Revision {
  version: string;
  date: string;
  author: string;
  change: string;
}

interface ModuleBase {
  /** Heading override; each type has a default heading. */
  title?: string;
}

/** Text modules: the body is block Markdown. */
export interface TextModule extends ModuleBase {
  type: 'purpose' | 'scope' | 'summary' | 'quality-control';
  text: string;
}

/** Role → duties. */
export interface ResponsibilitiesModule extends ModuleBase {
  type: 'responsibilities';
  items: Responsibility[];
}

/** Term → definition. */
export interface DefinitionsModule extends ModuleBase {
  type: 'definitions';
  items: Definition[];
}

/** Hazard callouts that apply to the whole procedure. */
export interface SafetyModule extends ModuleBase {
  type: 'safety';
  callouts: Callout[];
}

/** Required training or certification, one line each (inline Markdown). */
export interface QualificationsModule extends ModuleBase {
  type: 'qualifications';
  items: string[];
}

/** Materials and equipment. */
export interface MaterialsModule extends ModuleBase {
  type: 'materials';
  items: MaterialItem[];
}

/** The numbered steps. */
export interface ProcedureModule extends ModuleBase {
  type: 'procedure';
  steps: SopStep[];
}

/** Records produced. */
export interface RecordsModule extends ModuleBase {
  type: 'records';
  items: RecordItem[];
}

/** Cited documents. */
export interface ReferencesModule extends ModuleBase {
  type: 'references';
  items: Reference[];
}

/** Revision history, oldest first. */
export interface RevisionHistoryModule extends ModuleBase {
  type: 'revision-history';
  items: Revision[];
}

/** A free section: a required title and block Markdown. */
export interface FreeSectionModule {
  type: 'section';
  title: string;
  text: string;
}

/** Any module; `type` selects the renderer. */
export type SopModule =
  | TextModule
  | ResponsibilitiesModule
  | DefinitionsModule
  | SafetyModule
  | QualificationsModule
  | MaterialsModule
  | ProcedureModule
  | RecordsModule
  | ReferencesModule
  | RevisionHistoryModule
  | FreeSectionModule;

/** Every module `type`. */
export type SopModuleType = SopModule['type'];

/** A loaded, validated SOP. */
export interface SopDocument {
  /** Document number, e.g. `SOP-LAB-001`. */
  id: string;
  title: string;
  version: string;
  status: SopStatus;
  /** ISO dates `YYYY-MM-DD`. */
  effectiveDate?: string;
  reviewDate?: string;
  owner?: string;
  department?: string;
  approvals?: Approval[];
  modules: SopModule[];
  /** Source file, when loaded from one; relative media resolve against its folder. */
  file?: string;
}
