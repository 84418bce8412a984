/**
 * Picks the frame that carries one document change to its viewers: a patch of the changed units
 * when that is smaller, else the whole document, or a reload when morphing is unsafe.
 */
import type { ServerMessage } from '../../shared/protocol.js';
import type { BroadcastKind } from '../../shared/server-stats.js';
import type { ContentStore, StoreChange } from '../content-store.js';
import type { ResolvedServerOptions } from '../options.js';
import { diffBlockTrees } from './block-diff.js';
import type { UpdateFrameCache } from './update-frame-cache.js';

/** What {@link buildChangeFrame} needs to know about the change and the server. */
export interface ChangeInput {
  /** The changed document. */
  doc: string;
  /** Its new version. */
  version: number;
  /** The version before the change, with its keyed tree, if there was one. */
  previous: StoreChange['previous'];
  /** The server's mode and log. */
  options: Pick<ResolvedServerOptions, 'mode' | 'log'>;
  /** The documents; it owns each version's keyed tree. */
  store: ContentStore;
  /** Source of the full `update` frame. */
  frames: UpdateFrameCache;
}

/**
 * The kind and serialised frame of a change, or `undefined` when the document is gone and there is
 * nothing to send.
 */
export function buildChangeFrame(input: ChangeInput): { kind: BroadcastKind; frame: string } | undefined {
  const { doc, version, previous, options, store, frames } = input;
  let kind: BroadcastKind = 'update';
  let frame: string | undefined;
  const tree = store.tree(doc);
  if (!tree) return undefined;
  if (options.mode === 'reload') kind = 'reload';
  else if (previous) {
    const diff = diffBlockTrees(previous.tree, tree);
    if (diff.kind === 'reload') kind = 'reload';
    else if (diff.kind === 'patch') {
      const message: ServerMessage = { type: 'patch', version, base: previous.version, ops: diff.ops };
      if (diff.head !== undefined) message.head = diff.head;
      const scripts = store.scripts(doc);
      if (scripts !== undefined) message.scripts = scripts;
      const patchFrame = JSON.stringify(message);
      // The served HTML's length is a lower bound of the update frame: cheaper than serialising it.
      if (patchFrame.length < tree.served.length) {
        kind = 'patch';
        frame = patchFrame;
      }
    } else options.log?.(`${doc} v${version}: full update (${diff.reason})`);
  }
  if (kind === 'reload') {
    store.scriptsChanged(doc);
    frame = JSON.stringify({ type: 'reload', version } satisfies ServerMessage);
  } else if (kind === 'update') frame = frames.frame(doc);
  return frame === undefined ? undefined : { kind, frame };
}
