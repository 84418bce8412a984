/**
 * `buildStatic()`: standalone HTML export of one file or a folder of documents. Writes are atomic
 * (temp file + rename), so a failure never leaves a half-written page.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { type SopDiagnostic, SopDiagnosticCode } from './diagnostic.js';
import { isInside } from './media-files.js';
import { renderFile } from './render-file.js';
import type { RenderSopOptions } from './render-options.js';
import { listSourceFiles, pageName } from './source-files.js';

/** Options of {@link buildStatic}. */
export interface BuildOptions extends Omit<RenderSopOptions, 'outputDir'> {
  /** Folder the HTML is written to (created when missing). */
  outDir: string;
  /**
   * Inline images so each page is one self-contained file.
   * @default true (unlike the preview, where linking is faster)
   */
  embedMedia?: boolean;
}

/** What {@link buildStatic} did. */
export interface BuildReport {
  /** Absolute paths of the HTML files written. */
  written: string[];
  /** Absolute paths of media and theme files copied next to them. */
  copied: string[];
  /** Documents that were not written because they have errors. */
  failed: { file: string; errors: SopDiagnostic[] }[];
  /** Sources skipped because an earlier one maps to the same page (`x.sop.md` next to `x.sop.yaml`). */
  skipped: { file: string; reason: string }[];
  warnings: SopDiagnostic[];
}

/** A build failure that is not about one document (e.g. an unwritable output folder). */
export class SopBuildError extends Error {
  /** Stable code: `SOP_ERR_WRITE` or `SOP_ERR_READ`. */
  readonly code: typeof SopDiagnosticCode.Write | typeof SopDiagnosticCode.Read;

  /**
   * @param code - stable code
   * @param message - what failed and what to do
   * @param options - the underlying cause
   */
  constructor(
    code: typeof SopDiagnosticCode.Write | typeof SopDiagnosticCode.Read,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SopBuildError';
    this.code = code;
  }
}

/**
 * `mkdir -p`, one level at a time: Node 20's `mkdir(path, {recursive: true})` never returns for
 * some unwritable targets (under `/proc` it loops at full CPU), which would hang `build`.
 */
async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = [];
  let at = path;
  for (;;) {
    try {
      if (!(await stat(at)).isDirectory()) throw new Error(`${at} is not a folder`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.unshift(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  for (const dir of missing) {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

async function atomically(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await makeDirectory(dirname(target));
    await write(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new SopBuildError(SopDiagnosticCode.Write, `cannot write ${target}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Exports `input` (a file or a folder, searched recursively) to standalone HTML in `outDir`.
 * `x.sop.yaml`, `x.sop.md` and `x.md` become `x.html`; HTML files are copied as they are.
 *
 * @throws {@link SopBuildError} `SOP_ERR_WRITE` when `outDir` cannot be written,
 *   `SOP_ERR_READ` when `input` does not exist.
 */
export async function buildStatic(input: string, options: BuildOptions): Promise<BuildReport> {
  const source = resolve(input);
  const outDir = resolve(options.outDir);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(source)).isDirectory();
  } catch (error) {
    throw new SopBuildError(SopDiagnosticCode.Read, `cannot read ${source}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    await makeDirectory(outDir);
  } catch (error) {
    throw new SopBuildError(
      SopDiagnosticCode.Write,
      `cannot create the output folder ${outDir}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const root = isDirectory ? source : dirname(source);
  const files = isDirectory ? await listSourceFiles(source, outDir) : [source];
  const report: BuildReport = { written: [], copied: [], failed: [], skipped: [], warnings: [] };
  const sources = new Map<string, string>();
  for (const file of files) {
    if (isInside(outDir, file)) continue;
    const target = pageName(join(outDir, relative(root, file)));
    const earlier = sources.get(target);
    if (earlier !== undefined) {
      report.skipped.push({ file, reason: `${relative(root, earlier)} already writes ${relative(outDir, target)}` });
      continue;
    }
    sources.set(target, file);
    const { outDir: _ignored, ...renderOptions } = options;
    const result = await renderFile(file, {
      ...renderOptions,
      embedMedia: options.embedMedia ?? true,
      outputDir: dirname(target),
    });
    if (!result.ok) {
      report.failed.push({ file, errors: result.errors });
      continue;
    }
    report.warnings.push(...result.warnings);
    for (const copy of result.copies) {
      const to = join(dirname(target), copy.to);
      if (report.copied.includes(to)) continue;
      const { text } = copy;
      await atomically(to, (temp) => (text === undefined ? copyFile(copy.from, temp) : writeFile(temp, text)));
      report.copied.push(to);
    }
    await atomically(target, (temp) => writeFile(temp, result.html));
    report.written.push(target);
  }
  return report;
}
