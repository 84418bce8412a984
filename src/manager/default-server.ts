/**
 * The server the manager builds when the caller supplies none: sop-preview's `LivePreviewServer`.
 *
 * @packageDocumentation
 */
import { LivePreviewServer } from '../server/live-preview-server.js';
import type { PreviewServerFactory } from './preview-server-like.js';

/** Builds a `LivePreviewServer` with the given settings. */
export const createDefaultServer: PreviewServerFactory = (settings) => new LivePreviewServer(settings);
