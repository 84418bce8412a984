/**
 * Replaces the buffer with a new text as one minimal change (common start and end kept), so the
 * cursor, the selection and the scroll position stay where they were for everything that did not
 * change: "reload from disk in place".
 */
import type { EditorView } from '@codemirror/view';

/** Replaces `view`'s text with `text`, keeping the cursor. */
export function replaceKeepingCursor(view: EditorView, text: string): void {
  const old = view.state.doc.toString();
  if (old === text) return;
  let start = 0;
  const max = Math.min(old.length, text.length);
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  view.dispatch({ changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) } });
}
