/**
 * The serialised full `update` frame of each document, kept per version: every reconnecting
 * viewer and every non-patch broadcast of the same version reuses one string.
 */
import type { ServerMessage } from '../../shared/protocol.js';
import type { ContentStore } from '../content-store.js';

/** Full `update` frames by document, rebuilt only when the document's version moves. */
export class UpdateFrameCache {
  private readonly frames = new Map<string, { version: number; frame: string }>();

  /** @param store - the documents the frames are built from */
  constructor(private readonly store: ContentStore) {}

  /** The serialised full `update` of the current version of `doc`, cached per version. */
  frame(doc: string): string | undefined {
    const stored = this.store.get(doc);
    if (!stored) return undefined;
    const cached = this.frames.get(doc);
    if (cached && cached.version === stored.version) return cached.frame;
    const frame = JSON.stringify({
      type: 'update',
      version: stored.version,
      html: this.store.served(doc) ?? stored.html,
      scripts: this.store.scripts(doc),
    } satisfies ServerMessage);
    this.frames.set(doc, { version: stored.version, frame });
    return frame;
  }

  /** Drops the frame of a removed document. */
  forget(doc: string): void {
    this.frames.delete(doc);
  }
}
