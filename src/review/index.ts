/**
 * Public API of the review part: redlines against an earlier revision, the live redline for the
 * preview, and controlled PDFs.
 *
 * @packageDocumentation
 */
export type { SectionSummary } from './change-summary.js';
export { type CompareBase, resolveCompareBase } from './compare-source.js';
export { type ControlledCopyOptions, controlledCopy, DEFAULT_PDF_FOOTER, signatureMeaning } from './controlled-copy.js';
export { chromiumPath, PdfPrinter } from './pdf-printer.js';
export { type RedlinePage, type RedlinePageOptions, redlinePage } from './redline-page.js';
export { redlineRenderCallback } from './redline-render-callback.js';
export { createRedlineRenderer, type RedlineRenderer, type RedlineRendererOptions } from './redline-renderer.js';
export type { BlockChange, ChangeMark } from './redline-tree.js';
export { buildReview, type ReviewBuildOptions, type ReviewBuildReport } from './review-build.js';
