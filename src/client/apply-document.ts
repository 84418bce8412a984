/**
 * Applies a whole-document `update`: `<html>` attributes, `<head>` (via the head merge) and
 * `<body>` are morphed in place; nothing is reloaded.
 */
import { mergeHead } from './head-merge.js';
import { morph, syncAttributes } from './morph.js';
import { parseWithNoscriptText } from './noscript-text.js';

/** Parses a whole document as the page's own parser would; DOMParser never runs its scripts. */
export function parseDocument(html: string): Document {
  return parseWithNoscriptText(html, (hidden) => new DOMParser().parseFromString(hidden, 'text/html'));
}

/**
 * Morphs the page into `next`. The head goes first and is awaited, so new stylesheets are
 * loaded before the body they style appears. `morphBody` runs the body morph; the caller wraps it
 * to observe which blocks changed.
 */
export async function applyDocument(next: Document, morphBody: (run: () => void) => void): Promise<void> {
  await mergeHead(next.head);
  syncAttributes(document.documentElement, next.documentElement);
  morphBody(() => morph(document.body, next.body));
}
