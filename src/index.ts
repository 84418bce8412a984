/**
 * sop-preview: instant, reload-free live preview for SOP documents and any generated HTML.
 *
 * @packageDocumentation
 */

export { FileFallback, type FileFallbackOptions } from './manager/file-fallback.js';
export { documentName, type FolderEntry, renderFolderIndex } from './manager/folder-index.js';
export {
  PreviewManager,
  type PreviewManagerEvents,
  type PreviewManagerOptions,
  resolveManagerOptions,
} from './manager/preview-manager.js';
export type { PreviewServerFactory, PreviewServerLike, PreviewServerSettings } from './manager/preview-server-like.js';
export type {
  PreviewState,
  RenderCallback,
  RenderOutcome,
  RenderResult,
  StatusEvent,
} from './manager/render-outcome.js';
export { RenderScheduler, type SchedulerCounters } from './manager/render-scheduler.js';
export { SopFileSource, type SopFileSourceOptions } from './manager/sop-file-source.js';
export { type FileChangeKind, FileWatcher, type FileWatcherOptions } from './manager/watcher.js';
export {
  buildReview,
  createRedlineRenderer,
  type RedlinePage,
  type RedlineRenderer,
  type RedlineRendererOptions,
  type ReviewBuildOptions,
  type ReviewBuildReport,
  redlinePage,
  redlineRenderCallback,
  type SectionSummary,
} from './review/index.js';
export type { BlockDiff } from './server/block-diff.js';
export {
  type DocumentOptions,
  LivePreviewServer,
  type LivePreviewServerEvents,
  type UpdateResult,
} from './server/live-preview-server.js';
export type { LivePreviewServerOptions } from './server/options.js';
export type {
  BroadcastKind,
  ClientStats,
  DocumentStats,
  FrameKindStats,
  FrameStats,
  HistogramBucket,
  LatencySummary,
  RecentUpdate,
  ServerStats,
} from './server/status-handler.js';
export * from './shared/error-codes.js';
export * from './shared/protocol.js';
export * from './sop/index.js';
