/**
 * `sop-preview build <file|folder> --out DIR`: standalone HTML through `buildStatic()`.
 *
 * @packageDocumentation
 */
import { relative } from 'node:path';
import { formatDiagnostic } from '../sop/diagnostic.js';
import type { CliOutput } from './serve-command.js';

/** Options of the build command. */
export interface BuildFlags {
  out: string;
  embedMedia?: boolean;
  theme?: string;
  /** `--compare <file|folder|revision>`: write redlines against it. */
  compare?: string;
  /** `--pdf`: print controlled PDFs through Chromium. */
  pdf?: boolean;
  /** `--pdf-footer <text>`: the footer line of every PDF page. */
  pdfFooter?: string;
}

/** Builds and prints what was written; exit code 1 when a document had errors. */
export async function build(input: string, flags: BuildFlags, output: CliOutput): Promise<number> {
  if (flags.compare !== undefined || flags.pdf) return buildReviewed(input, flags, output);
  const { buildStatic } = await import('../sop/build-static.js');
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

/** `--compare` and/or `--pdf`: redlines and controlled PDFs through `buildReview()`. */
async function buildReviewed(input: string, flags: BuildFlags, output: CliOutput): Promise<number> {
  // Only the build itself: it starts Chromium before loading the renderer and the redline.
  const { buildReview } = await import('../review/review-build.js');
  const report = await buildReview(input, {
    outDir: flags.out,
    ...(flags.compare !== undefined ? { compare: flags.compare } : {}),
    ...(flags.pdf ? { pdf: true } : {}),
    ...(flags.pdfFooter !== undefined ? { footer: flags.pdfFooter } : {}),
    ...(flags.theme ? { theme: flags.theme } : {}),
  });
  for (const warning of report.warnings) output.err(formatDiagnostic(warning));
  for (const failure of report.failed) for (const error of failure.errors) output.err(formatDiagnostic(error));
  for (const file of report.written) output.out(`wrote ${relative(process.cwd(), file)}`);
  output.out(`${report.written.length} file(s) written, ${report.failed.length} failed`);
  return report.failed.length > 0 ? 1 : 0;
}
