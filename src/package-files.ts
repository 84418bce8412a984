/**
 * Where the package's own files are: the browser bundles, the themes, the sample SOP and
 * `package.json`. Every lookup goes through here, so that one place knows how far the running
 * code sits below the package root: one level in `src/` (through tsx) and `dist/` (built by tsc),
 * two in `dist/bundle/` (the CLI bundle, also inside the Python wheel's runtime folder), whose
 * build defines `SOP_PREVIEW_BUNDLE_ROOT`.
 *
 * @packageDocumentation
 */
import { accessSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PreviewError, PreviewErrorCode } from './shared/error-codes.js';

// Replaced by a string by the bundle's build; an undeclared name anywhere else.
declare const SOP_PREVIEW_BUNDLE_ROOT: string | undefined;

/** The package root: the folder holding `dist/`, `themes/` and `package.json`. */
export const PACKAGE_ROOT = fileURLToPath(
  new URL(typeof SOP_PREVIEW_BUNDLE_ROOT === 'string' ? SOP_PREVIEW_BUNDLE_ROOT : '..', import.meta.url),
);

/** The absolute path of a file of the package, from path segments relative to its root. */
export function packageFile(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}

/**
 * Throws a {@link PreviewError} (`PREVIEW_ERR_MISSING_FILE`) naming every package file of
 * `segments` that cannot be read, so a damaged install fails at start with what is missing
 * instead of serving pages without their client.
 */
export function requirePackageFiles(...paths: readonly (readonly string[])[]): void {
  const missing = paths.map((segments) => packageFile(...segments)).filter((path) => !readable(path));
  if (missing.length > 0) {
    throw new PreviewError(
      PreviewErrorCode.MissingFile,
      `this sop-preview installation is incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (reinstall it, or run "npm run build" in a checkout)`,
    );
  }
}

function readable(path: string): boolean {
  try {
    accessSync(path);
    return true;
  } catch {
    return false;
  }
}
