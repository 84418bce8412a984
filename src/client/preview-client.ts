/**
 * The client's core: takes server messages in order and applies them (morph, patch, overlay),
 * keeps the version the DOM shows, and reports status to the badge and to tests.
 */
import type { ClientBootstrap, ClientMessage, PatchOp, ServerMessage } from '../shared/protocol.js';
import { applyDocument, parseDocument } from './apply-document.js';
import { applyOps } from './apply-patch.js';
import { Badge, type BadgeState } from './badge.js';
import { Connection, type ConnectionStatus, socketUrl } from './connection.js';
import { FlashBar } from './flash.js';
import { mergeHead, parseHead } from './head-merge.js';
import { changedBlocks, Highlighter } from './highlight.js';
import { ErrorOverlay } from './overlay.js';
import { captureScrollAnchor, restoreScrollAnchor } from './scroll-anchor.js';

/** Name of the read-only global tests (and curious readers) poll: a {@link PreviewState}. */
export const STATE_GLOBAL = '__SOP_PREVIEW_STATE__';

/** What {@link STATE_GLOBAL} exposes. */
export interface PreviewState {
  /** Version of the document the DOM shows. */
  version: number;
  /** Connection status, or `error` while the document has an error. */
  status: BadgeState;
  /** Updates and patches applied since the page loaded. */
  applied: number;
}

/** Starts the live preview for this page. */
export function startPreviewClient(config: ClientBootstrap): void {
  let version = config.version;
  let connection: ConnectionStatus = 'connecting';
  let hasError = false;
  let applied = 0;
  // Set after asking for a full update: later patches would only ask again.
  let resyncPending = false;
  const badge = config.badge ? new Badge(() => socket.retryNow(), config.themes) : undefined;
  const flash = config.flash ? new FlashBar() : undefined;
  const highlighter = config.highlight ? new Highlighter() : undefined;
  const overlay = config.overlay ? new ErrorOverlay() : undefined;

  const status = (): BadgeState => (hasError && connection === 'live' ? 'error' : connection);
  Object.defineProperty(window, STATE_GLOBAL, {
    configurable: true,
    get: (): PreviewState => Object.freeze({ version, status: status(), applied }),
  });

  const log = (direction: string, message: ServerMessage | ClientMessage) => {
    if (!config.debug) return;
    const tag = 'version' in message ? ` v${message.version}` : '';
    console.debug(`[sop-preview] ${direction} ${message.type}${tag}`, message);
  };

  const socket = new Connection(socketUrl(config.token, config.doc), config.doc, {
    message: (message) => {
      log('<-', message);
      // Latency counts from arrival, so time spent queued behind a slow stylesheet is included.
      enqueue(message, performance.now());
    },
    status: (next, retryAt) => {
      // Every open sends a fresh hello, which supersedes an earlier resync request.
      if (next === 'live') resyncPending = false;
      connection = next;
      badge?.set(status(), retryAt);
    },
    version: () => version,
    sent: (message) => log('->', message),
  });

  // Head merges wait for stylesheets, so messages are applied strictly one after another.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (message: ServerMessage, received: number) => {
    queue = queue
      .then(() => handle(message, received))
      .catch((error: unknown) => {
        console.error('[sop-preview] could not apply an update; asking for the whole document', error);
        resync();
      });
  };

  const setError = (on: boolean) => {
    hasError = on;
    badge?.set(status());
  };

  const finish = (next: number, started: number, blocks: readonly Element[]) => {
    version = next;
    applied += 1;
    const ms = performance.now() - started;
    socket.send({ type: 'applied', version: next, ms });
    overlay?.hide();
    if (hasError) setError(false);
    badge?.latency(ms);
    badge?.documentChanged();
    flash?.flash();
    highlighter?.show(blocks);
  };

  const resync = () => {
    resyncPending = true;
    socket.resync();
  };

  const applyUpdate = async (next: number, html: string, started: number) => {
    resyncPending = false;
    const anchor = captureScrollAnchor();
    let blocks: Element[] = [];
    await applyDocument(parseDocument(html), (run) => {
      blocks = changedBlocks(run);
    });
    restoreScrollAnchor(anchor);
    finish(next, started, blocks);
  };

  const applyPatch = async (next: number, ops: PatchOp[], head: string | undefined, started: number) => {
    const anchor = captureScrollAnchor();
    if (head !== undefined) await mergeHead(parseHead(head));
    const result = applyOps(ops);
    restoreScrollAnchor(anchor);
    if (!result.ok) {
      // The DOM is now between versions; the full update that answers this repairs it.
      resync();
      return;
    }
    finish(next, started, result.changed);
  };

  const handle = async (message: ServerMessage, started: number): Promise<void> => {
    switch (message.type) {
      case 'hello':
        if (config.mode === 'reload' && message.version !== version) location.reload();
        return;
      case 'reload':
        location.reload();
        return;
      case 'update':
        if (config.mode === 'reload') {
          if (message.version !== version) location.reload();
          return;
        }
        await applyUpdate(message.version, message.html, started);
        return;
      case 'patch':
        if (config.mode === 'reload') {
          location.reload();
          return;
        }
        if (message.base !== version) {
          if (!resyncPending) resync();
          return;
        }
        await applyPatch(message.version, message.ops, message.head, started);
        return;
      case 'error':
        overlay?.show(message.error);
        setError(true);
        return;
      case 'error-cleared':
        overlay?.hide();
        setError(false);
        return;
      default:
        return;
    }
  };

  socket.start();
}
