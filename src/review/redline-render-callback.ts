/**
 * Live redline for the preview: wraps a render callback (e.g. `SopFileSource.render`) so every
 * page it produces is redlined before it reaches the server. The server then diffs the redline
 * like any other page, so an edit travels as the usual small patch.
 *
 * @packageDocumentation
 */
import type { RenderCallback, RenderOutcome } from '../manager/render-outcome.js';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import type { PreviewErrorPayload } from '../shared/protocol.js';
import type { RedlineRenderer } from './redline-renderer.js';

/**
 * What the overlay shows when a page cannot be redlined (the earlier revision is unreadable or
 * does not render); the last good page stays under it. Used by `serve --compare` and the editor.
 */
export function redlineFailure(error: unknown, file: string): PreviewErrorPayload {
  const code = error instanceof PreviewError ? error.code : PreviewErrorCode.Compare;
  return { code, message: error instanceof Error ? error.message : String(error), file };
}

/**
 * Returns a render callback that redlines each document `render` returns. `fileOf` maps a
 * document name to its source file; documents without one (a folder's index page) pass through.
 */
export function redlineRenderCallback(
  render: RenderCallback,
  fileOf: (doc: string | undefined) => string | undefined,
  redliner: RedlineRenderer,
): RenderCallback {
  const redlineOne = async (outcome: RenderOutcome): Promise<RenderOutcome> => {
    const file = fileOf(outcome.doc);
    if (!outcome.ok || file === undefined) return outcome;
    try {
      const { html } = await redliner.redline(file, outcome.html);
      return { ...outcome, html };
    } catch (error) {
      const failed: RenderOutcome = { ok: false, error: redlineFailure(error, file) };
      return outcome.doc === undefined ? failed : { ...failed, doc: outcome.doc };
    }
  };
  return async () => {
    const result = await render();
    if (result === null) return null;
    if (Array.isArray(result)) return Promise.all(result.map(redlineOne));
    return redlineOne(result as RenderOutcome);
  };
}
