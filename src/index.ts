/**
 * sop-preview: instant, reload-free live preview for SOP documents and any generated HTML.
 *
 * The public API: the server, the manager and its file source, the SOP pipeline (load, render,
 * build), the error codes and the types of the wire protocol and the status JSON. Everything
 * else is internal and may change; `test/public-api.test.ts` pins this list and the README's
 * "Library API" table documents each name.
 *
 * @packageDocumentation
 */

// Manager and file source
export {
  PreviewManager,
  type PreviewManagerEvents,
  type PreviewManagerOptions,
} from './manager/preview-manager.js';
export type {
  PreviewState,
  RenderCallback,
  RenderCallbackResult,
  RenderOutcome,
  StatusEvent,
} from './manager/render-outcome.js';
export type { SchedulerCounters } from './manager/render-scheduler.js';
export { SopFileSource, type SopFileSourceOptions } from './manager/sop-file-source.js';
// Review: redline against an approved revision, controlled copies
export {
  type BlockChange,
  buildReview,
  type ChangeMark,
  createRedlineRenderer,
  type RedlinePage,
  type RedlineRenderer,
  type RedlineRendererOptions,
  type ReviewBuildOptions,
  type ReviewBuildReport,
  redlineRenderCallback,
  type SectionSummary,
} from './review/index.js';
// Server
export {
  type DocumentOptions,
  LivePreviewServer,
  type LivePreviewServerEvents,
  type UpdateResult,
} from './server/live-preview-server.js';
export type { LivePreviewServerOptions, ThemeChoices } from './server/options.js';
export type { ServerExtension } from './server/server-extension.js';
// Error codes
export {
  PreviewError,
  PreviewErrorCode,
  type PreviewErrorCodeValue,
  PushErrorCode,
  type PushErrorCodeValue,
} from './shared/error-codes.js';
// Protocol and status types
export type {
  ClientBootstrap,
  ClientMessage,
  PatchOp,
  PreviewErrorPayload,
  ServerMessage,
} from './shared/protocol.js';
export type {
  BroadcastKind,
  ClientStats,
  DocumentStats,
  FrameKindStats,
  FrameStats,
  HistogramBucket,
  LatencySummary,
  MessageCounts,
  RecentUpdate,
  ServerStats,
} from './shared/server-stats.js';
// SOP pipeline
export {
  BUILTIN_THEMES,
  type BuildOptions,
  type BuildReport,
  buildStatic,
  type FileCopy,
  formatDiagnostic,
  loadSop,
  loadSopText,
  type RenderFileResult,
  type RenderSopOptions,
  renderFile,
  renderSop,
  SopBuildError,
  type SopDiagnostic,
  SopDiagnosticCode,
  type SopDiagnosticCodeValue,
  type SopDocument,
  type SopFormat,
  type SopLoadResult,
  type SopModule,
  type SopModuleOf,
  type SopModuleType,
  type SopRenderResult,
  type SopStatus,
  type SopStep,
  type SopTextSource,
} from './sop/index.js';
