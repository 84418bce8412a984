/**
 * Public API of the SOP part: load, render, export, diagnostics.
 *
 * @packageDocumentation
 */
export { type BuildOptions, type BuildReport, buildStatic, SopBuildError } from './build-static.js';
export {
  codeFrame,
  formatDiagnostic,
  type SopDiagnostic,
  SopDiagnosticCode,
  type SopDiagnosticCodeValue,
  type SourcePosition,
} from './diagnostic.js';
export { loadSop, loadSopText, type SopLoadResult, type SopTextSource } from './load-sop.js';
export type * from './model.js';
export { type RenderFileResult, renderFile } from './render-file.js';
export { BUILTIN_THEMES, type RenderSopOptions } from './render-options.js';
export { type RenderResult as SopRenderResult, renderSop } from './render-sop.js';
export {
  type FileKind,
  fileKind,
  listSourceFiles,
  PREVIEWABLE_EXTENSIONS,
  pageName,
  type SopFormat,
} from './source-files.js';
export { type FileCopy, THEMES_DIR, themePath } from './themes.js';
