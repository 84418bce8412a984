/**
 * The client's core: takes server messages in order and applies them (morph, patch, overlay),
 * keeps the version the DOM shows, and reports status to the badge and to tests.
 */
import type { ClientBootstrap, ClientMessage, PatchOp, ServerMessage } from '../shared/protocol.js';
import { applyDocument, loadsInSameMode, parseDocument } from './apply-document.js';
import { applyOps } from './apply-patch.js';
import { Badge, type BadgeState } from './badge.js';
import { Connection, type ConnectionStatus, socketUrl } from './connection.js';
import { FlashBar } from './flash.js';
import { mergeHead, parseHead } from './head-merge.js';
import { changedBlocks, Highlighter, MAX_HIGHLIGHTED } from './highlight.js';
import { ErrorOverlay } from './overlay.js';
import { reloadOnce } from './reload-once.js';
import { captureScrollAnchor, restoreScrollAnchor, type ScrollAnchor } from './scroll-anchor.js';

/** Name of the read-only global tests (and curious readers) poll: a {@link PreviewState}. */
export const STATE_GLOBAL = '__SOP_PREVIEW_STATE__';

/** Longest wait for the frame after a change before its layout work runs anyway. */
const SETTLE_FALLBACK_MS = 100;

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
  // The digest of the scripts of `version` as the server sent it with that version ('' for none),
  // echoed in `hello`: a restarted server compares it with its own and reloads only on a change.
  let scripts: string | undefined;
  const learnScripts = (message: { version: number; scripts?: string }) => {
    if (message.version === version) scripts = message.scripts ?? '';
  };
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
    scripts: () => scripts,
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

  const finish = (next: number, started: number) => {
    version = next;
    applied += 1;
    const ms = performance.now() - started;
    socket.send({ type: 'applied', version: next, ms });
    overlay?.hide();
    if (hasError) setError(false);
    badge?.latency(ms);
    badge?.documentChanged();
  };

  // What reads layout after a change (the scroll correction, the highlight's boxes, the flash's
  // restart) waits for the next frame. Done right after the mutation, it forced a synchronous
  // layout of the whole page, on a page of 40,000 elements the largest cost of a patch; before
  // the next paint the browser lays the page out once anyway, and the scroll correction still
  // lands before anything is painted. Changes arriving before that frame share it and keep the
  // anchor taken before the first of them; a hidden tab settles when it is shown.
  let settling: { anchor: ScrollAnchor | undefined; blocks: Set<Element> } | undefined;
  const anchorBeforeChange = (): ScrollAnchor | undefined => (settling ? settling.anchor : captureScrollAnchor());
  const settle = (anchor: ScrollAnchor | undefined, blocks: readonly Element[]) => {
    if (!settling) {
      const current = { anchor, blocks: new Set<Element>() };
      settling = current;
      const run = () => {
        if (settling !== current) return;
        settling = undefined;
        restoreScrollAnchor(current.anchor);
        flash?.flash();
        highlighter?.show([...current.blocks]);
      };
      requestAnimationFrame(run);
      // Some engines pause frames for a page they consider hidden (WebKit under a virtual display):
      // the correction must not wait for the page to be shown.
      setTimeout(run, SETTLE_FALLBACK_MS);
    }
    for (const block of blocks) if (settling.blocks.size < MAX_HIGHLIGHTED) settling.blocks.add(block);
  };

  const resync = () => {
    resyncPending = true;
    socket.resync();
  };

  const applyUpdate = async (next: number, html: string, started: number) => {
    resyncPending = false;
    const nextDocument = parseDocument(html);
    // A doctype added or removed switches the document between quirks and standards mode, which
    // the layout follows and no morph can change: only a load shows what a fresh load would.
    if (!loadsInSameMode(nextDocument)) {
      reloadOnce(config.doc, next);
      return;
    }
    const anchor = anchorBeforeChange();
    let blocks: Element[] = [];
    await applyDocument(nextDocument, (run) => {
      blocks = changedBlocks(run);
    });
    finish(next, started);
    settle(anchor, blocks);
  };

  const applyPatch = async (next: number, ops: PatchOp[], head: string | undefined, started: number) => {
    const anchor = anchorBeforeChange();
    if (head !== undefined) await mergeHead(parseHead(head));
    const result = applyOps(ops);
    settle(anchor, result.changed);
    if (!result.ok) {
      // The DOM is now between versions; the full update that answers this repairs it.
      resync();
      return;
    }
    finish(next, started);
  };

  const handle = async (message: ServerMessage, started: number): Promise<void> => {
    switch (message.type) {
      case 'hello':
        if (config.mode === 'reload' && message.version !== version) reloadOnce(config.doc, message.version);
        learnScripts(message);
        return;
      case 'reload':
        reloadOnce(config.doc, message.version);
        return;
      case 'update':
        if (config.mode === 'reload') {
          if (message.version !== version) reloadOnce(config.doc, message.version);
          return;
        }
        await applyUpdate(message.version, message.html, started);
        learnScripts(message);
        return;
      case 'patch':
        if (config.mode === 'reload') {
          reloadOnce(config.doc, message.version);
          return;
        }
        if (message.base !== version) {
          if (!resyncPending) resync();
          return;
        }
        await applyPatch(message.version, message.ops, message.head, started);
        learnScripts(message);
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
