/** Turns an error into a results row, telling "sop-preview part missing" apart from a real failure. */
import type { BenchCase } from './results.js';

/** Errors that mean a part of sop-preview is not built or not there yet. */
const MISSING = /Cannot find module|ERR_MODULE_NOT_FOUND|not available|has no LivePreviewServer/;

/** A `failed` (or, when a sop-preview part is missing, `unavailable`) case for `error`. */
export function caseFromError(name: string, tool: string, error: unknown): BenchCase {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((line) => line.trim());
  // A child's stack dump buries the useful line ("Error [CODE]: Cannot find module …") mid-way.
  const cause = lines.slice(1).find((line) => /^\w*Error\b.*:/.test(line));
  const note = [lines[0], cause].filter(Boolean).join(' ').replace(/\s+/g, ' ').slice(0, 300);
  const status = tool.startsWith('sop-preview') && MISSING.test(text) ? 'unavailable' : 'failed';
  return { name, tool, status, note, metrics: {} };
}
