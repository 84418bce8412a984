/**
 * Options of `renderSop()`/`renderFile()`/`buildStatic()`: what users write, and the resolved
 * shape with every default in one place.
 *
 * @packageDocumentation
 */
import { dirname, resolve } from 'node:path';

/** Built-in theme names; anything else is a path to a CSS file. */
export const BUILTIN_THEMES = ['default', 'print', 'dark'] as const;

/** Rendering options; all optional. */
export interface RenderSopOptions {
  /**
   * A built-in theme (`default` for screens, `print` for A4 paper and PDF, `dark`) or a path to a
   * CSS file (relative to the working directory).
   * @default 'default'
   * @example { theme: 'print' }
   */
  theme?: 'default' | 'print' | 'dark' | (string & {});
  /**
   * Inline the theme in a `<style>` element; `false` links it (copied next to the output when
   * `outputDir` is set).
   * @default true
   */
  embedTheme?: boolean;
  /**
   * Inline images as `data:` URIs, so the HTML is one self-contained file.
   * @default false
   */
  embedMedia?: boolean;
  /**
   * Inline files the theme references with `url(...)` (fonts, icons) as `data:` URIs.
   * @default the value of `embedTheme`
   */
  embedCssAssets?: boolean;
  /**
   * Folder that relative image paths resolve against.
   * @default the document's folder, else the working directory
   */
  baseDir?: string;
  /**
   * Where a standalone export is written: links to what is not embedded are made relative to
   * it, and the result lists the files to copy there (`copies`).
   * @default undefined (links stay relative to `baseDir`, as the preview server serves them)
   */
  outputDir?: string;
}

/** {@link RenderSopOptions} with defaults applied and paths absolute. */
export interface ResolvedRenderOptions {
  theme: string;
  embedTheme: boolean;
  embedMedia: boolean;
  embedCssAssets: boolean;
  baseDir: string;
  outputDir: string | undefined;
}

/** Applies defaults; `file` is the document's source file, if any. */
export function resolveRenderOptions(options: RenderSopOptions = {}, file?: string): ResolvedRenderOptions {
  const embedTheme = options.embedTheme ?? true;
  const resolved: ResolvedRenderOptions = {
    theme: options.theme ?? 'default',
    embedTheme,
    embedMedia: options.embedMedia ?? false,
    embedCssAssets: options.embedCssAssets ?? embedTheme,
    baseDir: resolve(options.baseDir ?? (file ? dirname(resolve(file)) : process.cwd())),
    outputDir: options.outputDir === undefined ? undefined : resolve(options.outputDir),
  };
  if (typeof resolved.theme !== 'string' || resolved.theme === '') {
    throw new TypeError('renderSop: `theme` must be "default", "print", "dark" or a path to a CSS file');
  }
  return resolved;
}
