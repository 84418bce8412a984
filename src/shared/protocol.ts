/**
 * The live-preview wire protocol: JSON text frames on the WebSocket at {@link WS_PATH}.
 * Imported by the server (Node) and the browser client, so it must use neither Node nor DOM APIs.
 *
 * @packageDocumentation
 */

import type { ServerStats } from './server-stats.js';

/** Path of the WebSocket endpoint. */
export const WS_PATH = '/__preview/ws';
/** Path of the bundled browser client script. */
export const CLIENT_PATH = '/__preview/client.js';
/** Path of the push API (`PUT`, body = HTML, `Authorization: Bearer <token>`). */
export const PUSH_PATH = '/__preview/content';
/**
 * Path of the push API's error overlay: `PUT` a JSON {@link PreviewErrorPayload} to show it over
 * the last good render, `DELETE` to clear it; a content push clears it too.
 */
export const PUSH_ERROR_PATH = '/__preview/error';
/** Path of the health/metrics JSON. */
export const STATUS_PATH = '/__preview/status';
/**
 * Path of the session endpoint: `POST` from the page's own origin returns {@link SessionInfo}, so
 * a page left open across a restart learns the new run's token without a reload.
 */
export const SESSION_PATH = '/__preview/session';
/** Request header the session endpoint requires; another origin cannot send it without a preflight. */
export const SESSION_HEADER = 'x-sop-preview-session';
/** Path of the live dashboard page. */
export const DASHBOARD_PATH = '/__preview/dashboard';
/** Path of the dashboard page's bundled script. */
export const DASHBOARD_SCRIPT_PATH = '/__preview/dashboard.js';
/** Query parameter (`=1`) that marks a WebSocket as a dashboard connection. */
export const DASHBOARD_QUERY = 'dashboard';
/** Id of the JSON script element that carries the {@link DashboardConfig} into the dashboard page. */
export const DASHBOARD_CONFIG_ID = 'sop-dashboard-config';
/** Prefix reserved for sop-preview's own routes; never served from the static root. */
export const RESERVED_PREFIX = '/__preview/';
/** Name of the document served at `/` when no `doc` is given. */
export const DEFAULT_DOC = 'index';
/** Attribute that marks a block: an element whose key is stable across edits. */
export const BLOCK_ATTRIBUTE = 'data-block';
/**
 * Reserved attribute the server adds to the elements a patch can address in pages without
 * `data-block` keys (an implicit key: a hash of the element's HTML, or of a container's start
 * tag). Implicit keys start with {@link IMPLICIT_KEY_PREFIX}; authors never write this attribute.
 */
export const KEY_ATTRIBUTE = 'data-sop-key';
/** First character of every implicit key, so a patch key says which attribute holds it. */
export const IMPLICIT_KEY_PREFIX = '~';
/** Attribute on every element sop-preview adds to a page (scripts, badge host); morphs keep them. */
export const OWN_ELEMENT_ATTRIBUTE = 'data-sop-preview';
/**
 * Attribute of the injected client `<script>` that carries its {@link ClientBootstrap} as JSON:
 * one self-contained element, so nothing of it can be separated from the rest (see
 * `client-insertion-point.ts` on the server for where it goes).
 */
export const BOOTSTRAP_ATTRIBUTE = 'data-sop-bootstrap';
/** Version of this protocol; the client sends it in `hello` and the server refuses others. */
export const PROTOCOL_VERSION = 1;

/**
 * One change to the page, applied in order. A key names one element: an implicit key (it starts
 * with {@link IMPLICIT_KEY_PREFIX}) is the value of its {@link KEY_ATTRIBUTE}, any other key the
 * value of its {@link BLOCK_ATTRIBUTE}. Keys are unique within a document.
 */
export type PatchOp =
  /**
   * Replace what lies between two keyed children of `parent` (or of `<body>` when `parent` is
   * absent): every node after the child `after` (or from the first child) up to the child
   * `before` (or to the end) that came from the document (text, comments, keyed elements) is
   * removed, elements a script added are kept, and `html` is inserted before `before`. Scripts
   * in `html` run, as they would on a fresh load.
   */
  | { op: 'spl'; parent?: string; after?: string; before?: string; html: string }
  /** Replace (morph) the element `key` with `html`, its new outer HTML. */
  | { op: 'upd'; key: string; html: string };

/** Where a document error comes from; shown in the terminal and the overlay alike. */
export interface PreviewErrorPayload {
  /** Stable code, e.g. `SOP_ERR_SCHEMA`, `SOP_ERR_YAML_SYNTAX`, `PREVIEW_ERR_RENDER`. */
  code: string;
  /** Human-readable message, one line. */
  message: string;
  /** Source file, when known. */
  file?: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** A few source lines around the error with a caret under the column (plain text). */
  frame?: string;
}

/**
 * Messages the server sends. Those that name a version the page may come to show carry
 * `scripts`: a digest of that version's scripts, absent when it has none. The page reports it back
 * in its `hello`, so a later server run can tell whether the page ran the scripts it now serves.
 */
export type ServerMessage =
  /** First message after connecting: the document and its current version. */
  | { type: 'hello'; version: number; doc: string; scripts?: string }
  /** The whole document (used when a patch would not be smaller, or to resync). */
  | { type: 'update'; version: number; html: string; scripts?: string }
  /**
   * Only the changed blocks, valid on top of version `base`. `head` is the new inner HTML of
   * `<head>` when it changed. A client that is not at `base` asks for a resync.
   */
  | { type: 'patch'; version: number; base: number; ops: PatchOp[]; head?: string; scripts?: string }
  /** Morphing is unsafe (e.g. head scripts changed) or the mode is `reload`: reload the page. */
  | { type: 'reload'; version: number }
  /** The document source is broken; keep showing the last good render under an overlay. */
  | { type: 'error'; version: number; error: PreviewErrorPayload }
  /** The error is gone (a good render arrived or the source was fixed). */
  | { type: 'error-cleared' }
  /** Metrics snapshot, sent only to dashboard connections. */
  | { type: 'stats'; stats: ServerStats };

/** Messages the client sends. */
export type ClientMessage =
  /**
   * Sent on every (re)connect: the version the page shows; the server answers with what is
   * missing. `scripts` is the digest that version came with (`''`: it has no script), absent when
   * the page does not know it; a page whose scripts differ from the current ones gets `reload`.
   */
  | { type: 'hello'; protocol: number; doc: string; lastVersion: number; scripts?: string }
  /** A version was applied to the DOM in `ms` milliseconds (for latency metrics). */
  | { type: 'applied'; version: number; ms: number };

/**
 * What the server injects with the client script, in its {@link BOOTSTRAP_ATTRIBUTE}.
 * Everything the client needs to connect and behave, so the script itself stays cacheable.
 */
export interface ClientBootstrap {
  /** Per-run token the WebSocket handshake requires (query parameter `token`). */
  token: string;
  /** Document name this page shows. */
  doc: string;
  /** Version of the HTML the page was served with. */
  version: number;
  /** `morph` applies updates in place; `reload` reloads the page on every change. */
  mode: 'morph' | 'reload';
  /** Show the connection badge. */
  badge: boolean;
  /** Show the thin update flash bar. */
  flash: boolean;
  /** Briefly highlight the blocks a patch changed. */
  highlight: boolean;
  /** Show the error overlay. */
  overlay: boolean;
  /** Log every message to the browser console. */
  debug: boolean;
  /**
   * Themes the badge's theme menu offers (served at {@link THEME_CSS_PATH}); empty: no menu. The
   * menu shows only on pages that carry a rendered theme (`[data-sop-theme]`).
   */
  themes: string[];
}

/** What the dashboard page needs to connect, embedded as JSON in the page. */
export interface DashboardConfig {
  /** The per-run token the WebSocket handshake requires. */
  token: string;
  /** Path of the WebSocket endpoint. */
  ws: string;
}

/** What {@link SESSION_PATH} answers: the marker that tells sop-preview apart, and the run's token. */
export interface SessionInfo {
  /** Always `sop-preview`; anything else on the port is another program. */
  app: 'sop-preview';
  /** The protocol the server speaks. */
  protocol: number;
  /** This run's token, for the WebSocket URL. */
  token: string;
}

/** Longest `scripts` digest a client `hello` may carry (the server's are 22 characters). */
export const MAX_SCRIPTS_DIGEST = 64;

/** Maximum size of a client frame the server accepts; client messages are tiny. */
export const CLIENT_MAX_PAYLOAD = 4 * 1024;

/** WebSocket close code for "server going away" (sent by `stop()`). */
export const CLOSE_GOING_AWAY = 1001;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object frame, or `undefined` for anything else (malformed frames are ignored, never thrown). */
const parseRecord = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER;

/**
 * Parses one client frame. Returns `undefined` for anything that is not a well-formed
 * {@link ClientMessage}: the server ignores (and counts) those rather than failing.
 */
export function parseClientMessage(text: string): ClientMessage | undefined {
  const value = parseRecord(text);
  if (!value) return undefined;
  if (value.type === 'hello') {
    const { protocol, doc, lastVersion, scripts } = value;
    if (protocol !== PROTOCOL_VERSION || typeof doc !== 'string' || doc.length > 256 || !isCount(lastVersion)) {
      return undefined;
    }
    if (scripts === undefined) return { type: 'hello', protocol, doc, lastVersion };
    if (typeof scripts !== 'string' || scripts.length > MAX_SCRIPTS_DIGEST) return undefined;
    return { type: 'hello', protocol, doc, lastVersion, scripts };
  }
  if (value.type === 'applied') {
    const { version, ms } = value;
    if (!isCount(version) || typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 3_600_000) {
      return undefined;
    }
    return { type: 'applied', version, ms };
  }
  return undefined;
}

/**
 * Parses one server frame on the client. Returns `undefined` for anything unexpected, so a
 * newer server never breaks an older page.
 */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'hello':
    case 'update':
    case 'patch':
    case 'reload':
    case 'error':
    case 'error-cleared':
    case 'stats':
      return value as ServerMessage;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Editor (`sop-preview edit`): the editor page's own socket on WS_PATH with `editor=1`, behind the
// same Host, Origin and token checks as every other socket.

/** Path of the editor page (`?doc=NAME` picks the document in folder mode). */
export const EDITOR_PATH = '/__preview/edit';
/** Path of the bundled editor script, loaded only by the editor page. */
export const EDITOR_SCRIPT_PATH = '/__preview/editor.js';
/**
 * Path of a theme's CSS for a live theme switch (`?name=default|print|dark|custom`), served by the
 * preview server for the names its `themes` option offers (the editor toolbar and the badge menu).
 */
export const THEME_CSS_PATH = '/__preview/theme.css';
/** Theme name that stands for the CSS file given with `--theme`. */
export const CUSTOM_THEME = 'custom';
/** Query parameter that marks a WebSocket as an editor connection. */
export const EDITOR_QUERY = 'editor';
/** Name of the global the editor page sets before the editor script runs. */
export const EDITOR_BOOTSTRAP_GLOBAL = '__SOP_EDITOR__';
/** Largest editor frame the server accepts: a whole buffer travels with each edit. */
export const EDITOR_MAX_PAYLOAD = 8 * 1024 * 1024;

/** What the editor page is told before its script runs. */
export interface EditorBootstrap {
  /** Per-run token for the editor socket. */
  token: string;
  /** Document being edited. */
  doc: string;
  /** URL of the normal preview page of `doc` (shown in the iframe). */
  previewUrl: string;
  /** Whether edits and saves are allowed (off on a non-loopback host without `--allow-remote-edit`). */
  editable: boolean;
  /** Documents of the opened folder (one entry in file mode), for the file list. */
  docs: Array<{ doc: string; name: string }>;
  /** Whether "New SOP" is offered (folder mode). */
  folder: boolean;
  /** Theme names the toolbar offers. */
  themes: string[];
  /** The theme the preview renders with (one of `themes`). */
  theme: string;
  /** JSON Schema of `*.sop.yaml` (completion and hover), generated from the SOP model. */
  schema: Record<string, unknown>;
}

/** One validator message located in the buffer (1-based line and column). */
export interface EditorDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  code: string;
  line: number;
  column: number;
}

/** Messages the server sends to an editor page. */
export type EditorServerMessage =
  /** The document as it is on disk, on connect and after "load from disk". */
  | { type: 'editor-open'; doc: string; file: string; format: 'yaml' | 'markdown' | 'html'; text: string; hash: string }
  /** The result of rendering edit `seq` (or the disk text, seq 0): its diagnostics. */
  | { type: 'diagnostics'; seq: number; items: EditorDiagnostic[] }
  /** First source line (1-based, inclusive ranges) of each rendered block of the last good render. */
  | { type: 'source-map'; seq: number; blocks: Array<[key: string, first: number, last: number]> }
  /** The file on disk changed (another tab saved, another editor, `git checkout`). */
  | { type: 'disk-changed'; text: string; hash: string }
  /** Answer to `save`: `conflict` when the disk changed since `base`. */
  | { type: 'saved'; ok: boolean; hash?: string; conflict?: boolean; message?: string }
  /** Answer to `create`: the new document's name, or why not. */
  | { type: 'created'; ok: boolean; doc?: string; message?: string };

/** Messages an editor page sends. */
export type EditorClientMessage =
  /** The whole buffer after edit `seq`; rendered to the preview without saving. */
  | { type: 'edit'; seq: number; text: string }
  /** Write `text` to the file, refused when the disk no longer holds the version `base`. */
  | { type: 'save'; text: string; base: string; force?: boolean }
  /** Send the disk text again (`editor-open`), for "load from disk". */
  | { type: 'reload-disk' }
  /** Folder mode: a new SOP from the sample template, named `name` (`.sop.yaml` added). */
  | { type: 'create'; name: string };

/** Parses one editor frame; `undefined` for anything malformed (ignored by the server). */
export function parseEditorMessage(text: string): EditorClientMessage | undefined {
  const value = parseRecord(text);
  if (!value) return undefined;
  switch (value.type) {
    case 'edit':
      return isCount(value.seq) && typeof value.text === 'string'
        ? { type: 'edit', seq: value.seq, text: value.text }
        : undefined;
    case 'save':
      return typeof value.text === 'string' && typeof value.base === 'string'
        ? { type: 'save', text: value.text, base: value.base, force: value.force === true }
        : undefined;
    case 'reload-disk':
      return { type: 'reload-disk' };
    case 'create':
      return typeof value.name === 'string' && value.name.length <= 200
        ? { type: 'create', name: value.name }
        : undefined;
    default:
      return undefined;
  }
}
