/**
 * Source map and scroll sync between the editor and the preview iframe (same origin, so the
 * editor reads the preview's DOM directly). The map comes from the server as its own message
 * (`[key, first, last]` source lines per block); the preview HTML carries no line numbers.
 *
 * Click a block → cursor on its first line. Cursor move → the innermost block around it scrolls
 * into view. Editor scroll → the block at the top of the editor goes to the top of the preview,
 * and back. Every programmatic scroll mutes the scroll events of the side it moved for a moment,
 * so one user scroll causes at most one programmatic scroll (no ping-pong). Positions are looked
 * up when needed, never cached, so images that load later do not break the mapping.
 */
import { EditorSelection } from '@codemirror/state';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import { BLOCK_ATTRIBUTE, type EditorServerMessage } from '../shared/protocol.js';

type Range = [key: string, first: number, last: number];

/** How long scroll events of a side are ignored after we scrolled it ourselves. */
const MUTE_MS = 150;

/** Wires the sync for `frame`; returns the extension that follows the editor. */
export function scrollSync(
  frame: HTMLIFrameElement,
  view: () => EditorView | null,
): ReturnType<typeof EditorView.updateListener.of>[] {
  let ranges: Range[] = [];
  let byKey = new Map<string, Range>();
  const mutedUntil = { editor: 0, preview: 0 };
  let fromClick = false;
  const mute = (side: 'editor' | 'preview'): void => {
    mutedUntil[side] = performance.now() + MUTE_MS;
  };
  const muted = (side: 'editor' | 'preview'): boolean => performance.now() < mutedUntil[side];

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
      mute('preview');
      fromClick = true;
      editor.dispatch({ selection: EditorSelection.cursor(line.from), scrollIntoView: true });
      fromClick = false;
      editor.focus();
    });
    win.addEventListener('scroll', () => {
      const editor = view();
      if (muted('preview') || !editor) return;
      // The first block whose top is in view, and the editor line it starts on.
      let found: Range | undefined;
      for (const range of ranges) {
        const el = element(range[0]);
        if (el && el.getBoundingClientRect().bottom > 0) {
          found = range;
          break;
        }
      }
      if (!found) return;
      const line = editor.state.doc.line(Math.min(found[1], editor.state.doc.lines));
      mute('editor');
      editor.scrollDOM.scrollTop = editor.lineBlockAt(line.from).top;
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
    mute('preview');
    el.scrollIntoView({ block: align === 'nearest' ? 'center' : 'start' });
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
        if (muted('editor')) return;
        revealBlockOf(editor, editor.lineBlockAtHeight(editor.scrollDOM.scrollTop).from, 'start');
      },
    }),
  ];
}
