/**
 * Stable error codes a user can meet, documented in docs/errors.md. Misuse of the API throws a
 * plain `TypeError`/`RangeError` instead; these are for failures at run time.
 *
 * @packageDocumentation
 */

/** Error codes of the preview server and manager. */
export const PreviewErrorCode = {
  /** `strictPort` is on and the port is taken. */
  PortInUse: 'PREVIEW_ERR_PORT_IN_USE',
  /** No free port in the searched range. */
  NoFreePort: 'PREVIEW_ERR_NO_FREE_PORT',
  /** The OS refused to bind (e.g. a port below 1024 without privileges). */
  Permission: 'PREVIEW_ERR_PERMISSION',
  /** The render callback threw or rejected. */
  Render: 'PREVIEW_ERR_RENDER',
  /** `start()` called on a running server, or an update on a stopped one. */
  State: 'PREVIEW_ERR_STATE',
  /** `--compare`: the file or git revision cannot be read, or its document does not render. */
  Compare: 'PREVIEW_ERR_COMPARE',
  /** `build --pdf`: no Chromium at `CHROMIUM_PATH` or `/usr/bin/chromium`. */
  NoChromium: 'PREVIEW_ERR_NO_CHROMIUM',
} as const;

/** One of {@link PreviewErrorCode}'s values. */
export type PreviewErrorCodeValue = (typeof PreviewErrorCode)[keyof typeof PreviewErrorCode];

/** An `Error` with a stable {@link PreviewErrorCode}. */
export class PreviewError extends Error {
  /** The stable code, for programs to branch on. */
  readonly code: PreviewErrorCodeValue;

  /**
   * @param code - stable code
   * @param message - what happened and what to do about it
   * @param options - the underlying cause, if any
   */
  constructor(code: PreviewErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PreviewError';
    this.code = code;
  }
}
