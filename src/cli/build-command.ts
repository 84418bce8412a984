/**
 * `sop-preview build <file|folder> --out DIR`: standalone HTML through `buildStatic()`.
 *
 * @packageDocumentation
 */
import { relative } from 'node:path';
import { buildStatic, formatDiagnostic } from '../sop/index.js';
import type { CliOutput } from './serve-command.js';

/** Options of the build command. */
export interface BuildFlags {
  out: string;
  embedMedia?: boolean;
  theme?: string;
}

/** Builds and prints what was written; exit code 1 when a document had errors. */
export async function build(input: string, flags: BuildFlags, output: CliOutput): Promise<number> {
  const report = await buildStatic(input, {
    outDir: flags.out,
    ...(flags.theme ? { theme: flags.theme } : {}),
    ...(flags.embedMedia !== undefined ? { embedMedia: flags.embedMedia } : {}),
  });
  for (const warning of report.warnings) output.err(formatDiagnostic(warning));
  for (const failure of report.failed) for (const error of failure.errors) output.err(formatDiagnostic(error));
  for (const skipped of report.skipped)
    output.err(`skipped ${relative(process.cwd(), skipped.file)}: ${skipped.reason}`);
  for (const file of report.written) output.out(`wrote ${relative(process.cwd(), file)}`);
  output.out(
    `${report.written.length} page(s) written, ${report.copied.length} file(s) copied, ${report.failed.length} failed`,
  );
  return report.failed.length > 0 ? 1 : 0;
}
