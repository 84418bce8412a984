/**
 * `buildReview()`: the export behind `build --compare` and `build --pdf`. Each document is
 * rendered standalone (theme and images embedded), redlined against the compared revision when
 * asked, and written as HTML, or printed through Chromium as a controlled PDF.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import type { SopDiagnostic } from '../sop/index.js';
import { fileKind } from '../sop/source-files.js';
import { PdfPrinter } from './pdf-printer.js';
import type { RedlineRenderer } from './redline-renderer.js';

/** Options of {@link buildReview}. */
export interface ReviewBuildOptions {
  /** Folder the output is written to (created when missing). */
  outDir: string;
  /** Redline against this file, folder or git revision. */
  compare?: string;
  /** Print controlled PDFs instead of writing HTML. */
  pdf?: boolean;
  /**
   * The footer line of every PDF page.
   * @default 'Uncontrolled when printed'
   */
  footer?: string;
  /**
   * Theme name or CSS file.
   * @default 'print' for PDFs, else 'default'
   */
  theme?: string;
}

/** What {@link buildReview} did. */
export interface ReviewBuildReport {
  /** Absolute paths of the files written (`.html` or `.pdf`). */
  written: string[];
  /** Documents not written because they have errors. */
  failed: { file: string; errors: SopDiagnostic[] }[];
  warnings: SopDiagnostic[];
}

async function listDocuments(dir: string, skip: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || path === skip) continue;
    if (entry.isDirectory()) out.push(...(await listDocuments(path, skip)));
    else if (entry.isFile() && fileKind(path) !== 'unsupported') out.push(path);
  }
  return out;
}

/** Writes through a temporary file and a rename, so a failure leaves no half-written file. */
async function writeAtomically(target: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Builds redlines and/or controlled PDFs of `input` (a file or a folder) into `outDir`:
 * `x.sop.yaml` becomes `x.html` or `x.pdf`.
 *
 * @throws `PreviewError` `PREVIEW_ERR_COMPARE` (base unreadable) or `PREVIEW_ERR_NO_CHROMIUM`.
 */
export async function buildReview(input: string, options: ReviewBuildOptions): Promise<ReviewBuildReport> {
  // Chromium starts before anything else: its start is the longest part of a one-file build, and
  // runs while the documents load, render and are redlined.
  const launching = options.pdf ? PdfPrinter.launch() : undefined;
  launching?.catch(() => undefined);
  try {
    const report = await buildDocuments(input, options, launching);
    // A missing Chromium is an error even when no document got as far as printing.
    await launching;
    return report;
  } finally {
    // Whatever failed on the way, the browser started above is not left running.
    await launching?.then((printer) => printer.close()).catch(() => undefined);
  }
}

/** {@link buildReview} once Chromium is on its way: `launching` is set when printing PDFs. */
async function buildDocuments(
  input: string,
  options: ReviewBuildOptions,
  launching: Promise<PdfPrinter> | undefined,
): Promise<ReviewBuildReport> {
  // Loaded here, after Chromium's launch began, rather than with this module: the CLI imports
  // this module first, so the browser's start does not wait for the renderer's code to load.
  const [{ renderFile }, { createRedlineRenderer }, { controlledCopy }] = await Promise.all([
    import('../sop/index.js'),
    import('./redline-renderer.js'),
    import('./controlled-copy.js'),
  ]);
  const source = resolve(input);
  const outDir = resolve(options.outDir);
  let folder: boolean;
  try {
    folder = (await stat(source)).isDirectory();
  } catch (error) {
    throw new PreviewError(PreviewErrorCode.Compare, `cannot read ${input}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const root = folder ? source : dirname(source);
  const files = folder ? await listDocuments(source, outDir) : [source];
  const theme = options.theme ?? (options.pdf ? 'print' : undefined);
  const render = { ...(theme ? { theme } : {}), embedMedia: true, embedTheme: true };
  const redliner: RedlineRenderer | undefined = options.compare
    ? await createRedlineRenderer({ compare: options.compare, root, render })
    : undefined;
  const report: ReviewBuildReport = { written: [], failed: [], warnings: [] };
  for (const file of files) {
    if (file.startsWith(outDir + sep)) continue;
    const result = await renderFile(file, render);
    if (!result.ok) {
      report.failed.push({ file, errors: result.errors });
      continue;
    }
    report.warnings.push(...result.warnings);
    let html = redliner ? (await redliner.redline(file, result.html)).html : result.html;
    const target = join(outDir, relative(root, file)).replace(
      /(\.sop)?\.(ya?ml|md|markdown|html?)$/i,
      launching ? '.pdf' : '.html',
    );
    if (launching) {
      // The controlled copy is made before waiting for Chromium, which is usually still starting.
      if (result.document)
        html = controlledCopy(html, result.document, options.footer ? { footer: options.footer } : {});
      const printer = await launching;
      await writeAtomically(target, await printer.print(html));
    } else await writeAtomically(target, html);
    report.written.push(target);
  }
  return report;
}
