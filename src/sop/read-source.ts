/** Reads a source file, turning a failure into the diagnostic the terminal and overlay show. */
import { readFile } from 'node:fs/promises';
import { type SopDiagnostic, SopDiagnosticCode } from './diagnostic.js';

/** The file's text, or an `SOP_ERR_READ` error that names the file and says why. */
export async function readSource(
  file: string,
  label: string,
): Promise<{ ok: true; text: string } | { ok: false; error: SopDiagnostic }> {
  try {
    // Decoded in one piece: `readFile(file, 'utf8')` decodes chunk by chunk into a rope of strings,
    // which then cost a copy of the whole text at the first regular expression or slice.
    return { ok: true, text: (await readFile(file)).toString('utf8') };
  } catch (error) {
    return { ok: false, error: readFailure(file, label, error as NodeJS.ErrnoException) };
  }
}

/** The `SOP_ERR_READ` diagnostic for a file that could not be read. */
export function readFailure(file: string, label: string, error: NodeJS.ErrnoException): SopDiagnostic {
  const reason = error.code === 'ENOENT' ? 'file not found' : error.message;
  return { code: SopDiagnosticCode.Read, severity: 'error', message: `cannot read ${label}: ${reason}`, file };
}
