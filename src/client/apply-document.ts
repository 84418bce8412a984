/**
 * Applies a whole-document `update`: `<html>` attributes, `<head>` (via the head merge) and
 * `<body>` are morphed in place, and the doctype and comments around them follow; nothing is
 * reloaded.
 */
import { mergeHead } from './head-merge.js';
import { morph, syncAttributes } from './morph.js';
import { parseWithNoscriptText } from './noscript-text.js';
import { syncOuterNodes } from './outer-nodes.js';

/** Parses a whole document as the page's own parser would; DOMParser never runs its scripts. */
export function parseDocument(html: string): Document {
  return parseWithNoscriptText(html, (hidden) => new DOMParser().parseFromString(hidden, 'text/html'));
}

/** How a document lays out, fixed by its parser at load: a morph cannot change it. */
export type DocumentMode = 'quirks' | 'limited-quirks' | 'no-quirks';

// The public identifiers that give limited-quirks mode (HTML Standard, "the initial insertion
// mode"); the HTML 4.01 ones only with a system identifier, else they give quirks mode, which
// `compatMode` already tells. `compatMode` says `CSS1Compat` for both no-quirks and limited-quirks.
const LIMITED_QUIRKS = [
  '-//w3c//dtd xhtml 1.0 frameset//',
  '-//w3c//dtd xhtml 1.0 transitional//',
  '-//w3c//dtd html 4.01 frameset//',
  '-//w3c//dtd html 4.01 transitional//',
];

/** The mode `doc`'s parser chose, read from its mode and its doctype. */
export function documentMode(doc: Document): DocumentMode {
  if (doc.compatMode === 'BackCompat') return 'quirks';
  const id = doc.doctype?.publicId.toLowerCase() ?? '';
  return LIMITED_QUIRKS.some((prefix) => id.startsWith(prefix)) ? 'limited-quirks' : 'no-quirks';
}

// Read when the client starts, before an update replaces the doctype the page loaded with.
const loadedMode = documentMode(document);

/**
 * Whether `next` loads in the mode the page loaded in. When it does not (a doctype added, removed
 * or changed between quirks, limited-quirks and no-quirks), only a load shows what a fresh load would.
 */
export const loadsInSameMode = (next: Document): boolean => documentMode(next) === loadedMode;

/**
 * Morphs the page into `next`. The head goes first and is awaited, so new stylesheets are
 * loaded before the body they style appears. `morphBody` runs the body morph; the caller wraps it
 * to observe which blocks changed.
 */
export async function applyDocument(next: Document, morphBody: (run: () => void) => void): Promise<void> {
  await mergeHead(next.head);
  // The head merge morphs only the head's children.
  syncAttributes(document.head, next.head);
  syncAttributes(document.documentElement, next.documentElement);
  morphBody(() => morph(document.body, next.body));
  syncOuterNodes(
    document.documentElement,
    next.documentElement,
    [document.head, document.body],
    [next.head, next.body],
  );
  syncOuterNodes(document, next, [document.documentElement], [next.documentElement]);
}
