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
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    return {
      ok: false,
      error: { code: SopDiagnosticCode.Read, severity: 'error', message: `cannot read ${label}: ${reason}`, file },
    };
  }
}
