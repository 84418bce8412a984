/**
 * The zod schema of a whole SOP source: document-control metadata and the ordered modules. Strict:
 * unknown keys come back as `unrecognized_keys` issues, which validation turns into warnings.
 *
 * @packageDocumentation
 */
import { z } from 'zod';
import { date, text } from './fields.js';
import { moduleSchema } from './modules.js';
import { approvalSchema } from './parts.js';
import { SOP_STATUSES, vocabulary } from './vocabulary.js';

/** An SOP source as the loaders hand it over: metadata, then an ordered list of modules. */
export const sopSchema = z
  .strictObject({
    id: text('Document number, e.g. "SOP-LAB-001".'),
    title: text('Title of the procedure.'),
    version: text('Version, e.g. "1.2" (quote numbers in YAML).'),
    status: vocabulary(SOP_STATUSES, 'Lifecycle state under document control.'),
    effectiveDate: date('Date from which the procedure is in force, YYYY-MM-DD.').optional(),
    reviewDate: date('Date by which the procedure must be reviewed, YYYY-MM-DD.').optional(),
    owner: text('Person or role that owns the document.').optional(),
    department: text('Department the procedure belongs to.').optional(),
    approvals: z.array(approvalSchema).describe('Approval signatures.').optional(),
    modules: z
      .array(moduleSchema)
      .min(1, { error: 'expected at least one module' })
      .describe('The sections of the SOP, in order; each names its `type`.'),
  })
  .meta({ title: 'Standard Operating Procedure', description: 'A *.sop.yaml document.' });
