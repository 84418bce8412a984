/**
 * Source map and scroll sync between the editor and the preview iframe (same origin, so the
 * editor reads the preview's DOM directly). The map comes from the server as its own message
 * (`[key, first, last]` source lines per block); the preview HTML carries no line numbers.
 *
 * Click a block → cursor on its first line. Cursor move → the innermost block around it scrolls
 * into view. Editor scroll → the block at the top of the editor goes to the top of the preview,
 * and back. The scroll event of a side we moved is recognised by where it landed (and, for
 * CodeMirror's own corrections, by a short mute), so one user scroll causes at most one
 * programmatic scroll (no ping-pong), however late the event comes on a busy machine. Positions are looked
 * up when needed, never cached, so images that load later do not break the mapping.
 */
import { EditorSelection } from '@codemirror/state';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import { BLOCK_ATTRIBUTE, type EditorServerMessage } from '../shared/protocol.js';

type Range = [key: string, first: number, last: number];
type Side = 'editor' | 'preview';

/** How long scroll events of a side are ignored after we scrolled it ourselves. */
const MUTE_MS = 150;

/** The line at the top edge of the editor's viewport. */
function topLine(editor: EditorView): { number: number; from: number } {
  const height = editor.scrollDOM.getBoundingClientRect().top - editor.documentTop + 1;
  const block = editor.lineBlockAtHeight(Math.max(0, height));
  return { number: editor.state.doc.lineAt(block.from).number, from: block.from };
}

/** Wires the sync for `frame`; returns the extension that follows the editor. */
export function scrollSync(
  frame: HTMLIFrameElement,
  view: () => EditorView | null,
): ReturnType<typeof EditorView.updateListener.of>[] {
  let ranges: Range[] = [];
  let byKey = new Map<string, Range>();
  const mutedUntil = { editor: 0, preview: 0 };
  /**
   * Where we last scrolled each side (the editor's top line, the preview's `scrollY`): a scroll
   * event that lands there is ours, whenever it comes.
   */
  const target = { editor: Number.NaN, preview: Number.NaN };
  let fromClick = false;
  const mute = (side: Side, top = Number.NaN): void => {
    mutedUntil[side] = performance.now() + MUTE_MS;
    target[side] = top;
  };
  /** Whether a scroll of `side` to `top` is one we made (or follows one too closely to be the reader's). */
  const ours = (side: Side, top: number): boolean => {
    // CodeMirror may settle a scroll in several events at the same place: all of them are ours.
    if (Math.abs(top - target[side]) < 1 || performance.now() < mutedUntil[side]) return true;
    // The reader moved this side: a later return to the old place is theirs too.
    target[side] = Number.NaN;
    return false;
  };

  window.addEventListener('sop-source-map', (event) => {
    const message = (event as CustomEvent<Extract<EditorServerMessage, { type: 'source-map' }>>).detail;
    ranges = message.blocks;
    byKey = new Map(ranges.map((range) => [range[0], range]));
  });

  /** The innermost block whose lines hold `line`. */
  const blockAt = (line: number): Range | undefined => {
    let best: Range | undefined;
    for (const range of ranges) {
      if (range[1] <= line && line <= range[2] && (!best || range[2] - range[1] <= best[2] - best[1])) best = range;
    }
    return best;
  };
  /**
   * The block at the top of the preview: the last, in document order, that starts at or above its
   * top edge. Block tops never decrease in document order (a parent starts where or before its
   * children do), so a binary search finds it with a few layout reads on a page of any length.
   */
  const topBlock = (doc: Document): Range | undefined => {
    const blocks = doc.querySelectorAll<HTMLElement>(`[${BLOCK_ATTRIBUTE}]`);
    let low = 0;
    let high = blocks.length - 1;
    let at = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (blocks[mid]!.getBoundingClientRect().top <= 1) {
        at = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    // Blocks the source map does not name (a table of contents) give way to the nearest one before.
    for (let i = at; i >= 0; i--) {
      const range = byKey.get(blocks[i]!.getAttribute(BLOCK_ATTRIBUTE) ?? '');
      if (range) return range;
    }
    return ranges[0];
  };
  const previewDoc = (): Document | null => frame.contentDocument;
  const element = (key: string): HTMLElement | null =>
    previewDoc()?.querySelector<HTMLElement>(`[${BLOCK_ATTRIBUTE}="${CSS.escape(key)}"]`) ?? null;

  const attach = (): void => {
    const doc = previewDoc();
    const win = frame.contentWindow;
    if (!doc || !win) return;
    doc.addEventListener('click', (event) => {
      const target = event.target as Element | null;
      // Links and form controls keep their own behaviour; everything else jumps to the source.
      if (!target || target.closest('a, input, button, select, textarea, summary')) return;
      const block = target.closest(`[${BLOCK_ATTRIBUTE}]`);
      const range = block && byKey.get(block.getAttribute(BLOCK_ATTRIBUTE) ?? '');
      const editor = view();
      if (!range || !editor) return;
      const line = editor.state.doc.line(Math.min(range[1], editor.state.doc.lines));
      // The editor scroll that brings the cursor into view must not move the preview the reader clicked in.
      mute('editor');
      fromClick = true;
      editor.dispatch({ selection: EditorSelection.cursor(line.from), scrollIntoView: true });
      fromClick = false;
      editor.focus();
    });
    win.addEventListener('scroll', () => {
      const editor = view();
      if (ours('preview', win.scrollY) || !editor) return;
      const found = topBlock(doc);
      if (!found) return;
      const line = editor.state.doc.line(Math.min(found[1], editor.state.doc.lines));
      // CodeMirror's own scroll: it measures lines it has only estimated so far, so the line lands exactly.
      editor.dispatch({ effects: EditorView.scrollIntoView(line.from, { y: 'start', yMargin: 0 }) });
      mute('editor', line.number);
    });
  };
  frame.addEventListener('load', attach);
  if (frame.contentDocument?.readyState === 'complete') attach();

  const revealBlockOf = (editor: EditorView, pos: number, align: 'nearest' | 'start'): void => {
    const range = blockAt(editor.state.doc.lineAt(pos).number);
    const el = range && element(range[0]);
    const win = frame.contentWindow;
    if (!el || !win) return;
    const rect = el.getBoundingClientRect();
    if (align === 'nearest' && rect.top >= 0 && rect.top < win.innerHeight) return;
    // Instant even under a page's `scroll-behavior: smooth`, so the scroll lands (and is recognised)
    // at once. `start` puts the block's top on the edge exactly, whatever its `scroll-margin`, so
    // the preview's top block is the one the editor shows (see topBlock).
    if (align === 'start') win.scrollTo({ top: win.scrollY + rect.top, behavior: 'instant' });
    else el.scrollIntoView({ block: 'center', behavior: 'instant' });
    mute('preview', win.scrollY);
  };

  return [
    EditorView.updateListener.of((update: ViewUpdate) => {
      // A cursor move always reveals its block (even right after a scroll moved the preview),
      // except the one a click in the preview made: that block is already on screen.
      if (update.selectionSet && !update.docChanged && !fromClick) {
        // The editor scroll that follows a cursor jump must not re-align the preview on top of this.
        mute('editor');
        revealBlockOf(update.view, update.state.selection.main.head, 'nearest');
      }
    }),
    EditorView.domEventHandlers({
      scroll: (_event, editor) => {
        const top = topLine(editor);
        if (ours('editor', top.number)) return;
        revealBlockOf(editor, top.from, 'start');
      },
    }),
  ];
}
