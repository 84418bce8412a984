/**
 * The part of the live-preview server the manager drives, so a GUI or a test can hand in its own
 * server (or a fake) and the manager stays independent of how the server is built.
 *
 * @packageDocumentation
 */
import type { LivePreviewServerOptions } from '../server/options.js';
import type { PreviewErrorPayload } from '../shared/protocol.js';

/** Server settings the manager passes through untouched; see `LivePreviewServer` for defaults. */
export type PreviewServerSettings = LivePreviewServerOptions;

/** What the manager needs from a preview server. */
export interface PreviewServerLike {
  /** Binds the port; rejects with a `PreviewError` carrying a `PREVIEW_ERR_*` code. */
  start(): Promise<void>;
  /** Closes every client and frees the port. */
  stop(): Promise<void>;
  /** Replaces a document's HTML; pages showing it update. */
  updateContent(html: string, options?: { doc?: string }): { version: number; changed: boolean };
  /** Shows (or, with `null`, clears) the error overlay on a document's pages. */
  setError(error: PreviewErrorPayload | null, options?: { doc?: string }): void;
  /** Forgets a document: its URL answers 404 from then on. */
  removeDocument?(doc: string): void;
  /** Base URL, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  /** The per-run token. */
  readonly token: string;
  /** LAN URLs (with the token) when the server listens beyond loopback. */
  networkUrls?(): string[];
}

/** Builds the server for {@link PreviewServerSettings}; the manager calls it on every `open()`. */
export type PreviewServerFactory = (settings: PreviewServerSettings) => PreviewServerLike;
