/**
 * What a render callback hands the {@link PreviewManager}: the HTML of one document, or the error
 * that stopped it. Kept apart from the manager so sources (files, folders, apps) depend only on it.
 *
 * @packageDocumentation
 */
import type { PreviewErrorPayload } from '../shared/protocol.js';

/** The result of rendering one document. `doc` defaults to `index` (served at `/`). */
export type RenderOutcome =
  | {
      /** The render succeeded. */
      ok: true;
      /** The complete document HTML. */
      html: string;
      /** Document name; `index` when absent. */
      doc?: string;
    }
  | {
      /** The render failed; the last good render stays on screen under an overlay. */
      ok: false;
      /** What went wrong, shown in the terminal and the browser overlay. */
      error: PreviewErrorPayload;
      /** Document name; `index` when absent. */
      doc?: string;
    };

/**
 * What a render callback may return: one outcome, several (folder mode), or `null` when there is
 * nothing new to show (e.g. the file is mid-save and empty), which keeps the current page as it is.
 */
export type RenderCallbackResult = RenderOutcome | readonly RenderOutcome[] | null;

/** The callback the caller supplies; called at most once at a time. */
export type RenderCallback = () => Promise<RenderCallbackResult>;

/** Where the preview currently lives. */
export type PreviewState = 'closed' | 'live' | 'fallback';

/** A message for a GUI status bar or the terminal. */
export interface StatusEvent {
  /** `info` for progress, `warn` for degraded operation (file fallback), `error` for render failures. */
  level: 'info' | 'warn' | 'error';
  /** One line, meant for people. */
  message: string;
  /** For `error`: the failure itself, to show with its code frame. */
  error?: PreviewErrorPayload;
  /** The document concerned, when there is one. */
  doc?: string;
}
