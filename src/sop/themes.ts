/**
 * Themes are CSS files: built-ins in the top-level `themes/` folder, or any CSS path. This module
 * finds them through the package root ({@link packageFile}).
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { packageFile } from '../package-files.js';
import { type SopDiagnostic, SopDiagnosticCode } from './diagnostic.js';
import { escapeHtml } from './escape-html.js';
import { dataUri, isFile, toUrlPath } from './media-files.js';
import { BUILTIN_THEMES, type ResolvedRenderOptions, resolveRenderOptions } from './render-options.js';

/** Folder of the built-in themes. */
export const THEMES_DIR = packageFile('themes');

/** A file a standalone export must copy: absolute source, path relative to the output folder. */
export interface FileCopy {
  from: string;
  to: string;
  /** Content to write instead of copying `from` (a linked theme with its imports inlined). */
  text?: string;
}

/** The theme's part of a render. */
export interface ThemeOutput {
  /** `<style>` or `<link>` for the document head. */
  headHtml: string;
  /** Absolute paths the output depends on (theme file and its assets). */
  assets: string[];
  copies: FileCopy[];
  warnings: SopDiagnostic[];
}

/** Absolute path of a theme given by name or path (not checked for existence). */
export function themePath(theme: string): string {
  return (BUILTIN_THEMES as readonly string[]).includes(theme) ? join(THEMES_DIR, `${theme}.css`) : resolve(theme);
}

const IMPORT = /@import\s+(?:url\(\s*)?['"]([^'"]+)['"]\s*\)?\s*;/g;
const URL_REFERENCE = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;

/**
 * The standalone CSS of `theme` (a built-in name or a CSS path): imports inlined, assets as
 * `data:` URIs, so it works from any URL (the live theme switch serves it).
 */
export function themeStylesheet(theme: string): string {
  return loadTheme(resolveRenderOptions({ theme, embedCssAssets: true })).css;
}

/** Where the theme's relative urls point from the HTML (embedded) or from the copied CSS (linked). */
const exportDir = 'sop-theme';

/** Reads the theme (the default one, with a warning, when it is missing), imports inlined, urls resolved. */
function loadTheme(options: ResolvedRenderOptions): Omit<ThemeOutput, 'headHtml'> & { css: string; path: string } {
  const warnings: SopDiagnostic[] = [];
  let path = themePath(options.theme);
  let css: string;
  try {
    css = readFileSync(path, 'utf8');
  } catch {
    warnings.push({
      code: SopDiagnosticCode.MissingMedia,
      severity: 'warning',
      message: `theme "${options.theme}" not found (${path}); using the default theme`,
    });
    path = themePath('default');
    css = readFileSync(path, 'utf8');
  }
  const assets: string[] = [];
  const copies: FileCopy[] = [];
  const themeDir = dirname(path);
  const rewriteUrls = (text: string, fileDir: string, cssFile: string) =>
    text.replace(URL_REFERENCE, (whole, _quote: string, ref: string) => {
      if (/^(data:|https?:|#)/i.test(ref)) return whole;
      const file = resolve(fileDir, ref.split(/[?#]/)[0]!);
      if (!isFile(file)) {
        warnings.push({
          code: SopDiagnosticCode.MissingMedia,
          severity: 'warning',
          message: `theme asset not found: ${ref}`,
          file: cssFile,
        });
        return whole;
      }
      assets.push(file);
      if (options.embedCssAssets) return `url("${dataUri(file)}")`;
      const rel = relative(themeDir, file);
      if (options.outputDir !== undefined) {
        copies.push({ from: file, to: join(exportDir, rel) });
        return `url("${toUrlPath(options.embedTheme ? join(exportDir, rel) : rel)}")`;
      }
      return `url("${toUrlPath(options.embedTheme ? relative(options.baseDir, file) : rel)}")`;
    });
  // Imports are inlined (their urls rebased first), so one theme is one stylesheet in the output.
  const load = (file: string, text: string, depth: number): string => {
    assets.push(file);
    const withImports = text.replace(IMPORT, (whole, ref: string) => {
      const imported = resolve(dirname(file), ref);
      if (depth > 4 || /^(https?:|data:)/i.test(ref) || !isFile(imported)) return whole;
      return load(imported, readFileSync(imported, 'utf8'), depth + 1);
    });
    return rewriteUrls(withImports, dirname(file), file);
  };
  css = load(path, css, 0);
  return { css, path, assets, copies, warnings };
}

/** Loads the theme CSS, resolving its `url(...)` assets as the options ask. */
export function renderTheme(options: ResolvedRenderOptions): ThemeOutput {
  const { css, path, assets, copies, warnings } = loadTheme(options);
  const name = escapeHtml(basename(path, '.css'));
  if (options.embedTheme) {
    // `</style` inside the CSS would end the element early; CSS allows escaping the slash.
    const safe = css.replace(/<\/(style)/gi, '<\\/$1');
    return {
      headHtml: `<style data-sop-theme="${name}">\n${safe}</style>`,
      assets: [...new Set(assets)],
      copies,
      warnings,
    };
  }
  let href: string;
  // Linked: the output gets one stylesheet with imports already inlined, so it is written, not copied.
  if (options.outputDir !== undefined) {
    const target = join(exportDir, basename(path));
    copies.push({ from: path, to: target, text: css });
    href = toUrlPath(target);
  } else {
    href = toUrlPath(relative(options.baseDir, path));
  }
  return {
    headHtml: `<link rel="stylesheet" data-sop-theme="${name}" href="${escapeHtml(href)}">`,
    assets: [...new Set(assets)],
    copies,
    warnings,
  };
}
