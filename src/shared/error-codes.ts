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
  /** A file of the installation itself (a browser bundle, a theme) is missing: reinstall. */
  MissingFile: 'PREVIEW_ERR_MISSING_FILE',
} as const;

/**
 * Error codes of the push API (`PUT /__preview/content`), sent in the JSON body of every refusal
 * as `{ "code": ..., "error": "<message>" }` next to the HTTP status.
 */
export const PushErrorCode = {
  /** 405: the method is not one the route answers (`PUT`; `DELETE` too for `/__preview/error`). */
  Method: 'PUSH_ERR_METHOD',
  /** 403: the browser said the request is cross-site (`Sec-Fetch-Site`). */
  CrossSite: 'PUSH_ERR_CROSS_SITE',
  /** 401: no `Authorization: Bearer <token>` header, or the wrong token. */
  Token: 'PUSH_ERR_TOKEN',
  /** 415: a content type an HTML form can send (`text/plain`, form encodings). */
  ContentType: 'PUSH_ERR_CONTENT_TYPE',
  /** 400: the `doc` query parameter is not a valid document name. */
  DocName: 'PUSH_ERR_DOC_NAME',
  /** 413: the body is larger than `pushBodyLimit`. */
  TooLarge: 'PUSH_ERR_TOO_LARGE',
  /** 408: the body did not arrive within `pushTimeoutMs`. */
  Timeout: 'PUSH_ERR_TIMEOUT',
  /** 400: a pushed error payload (`/__preview/error`) is not the JSON the route expects. */
  Payload: 'PUSH_ERR_PAYLOAD',
  /** 500: storing the document failed (a bug worth reporting). */
  Apply: 'PUSH_ERR_APPLY',
} as const;

/** One of {@link PushErrorCode}'s values. */
export type PushErrorCodeValue = (typeof PushErrorCode)[keyof typeof PushErrorCode];

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
