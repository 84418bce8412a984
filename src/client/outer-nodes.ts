/**
 * The nodes a whole-document morph of `<head>` and `<body>` never reaches: the doctype and the
 * comments before and after `<html>` (children of the document), and the comments, whitespace and
 * `<noframes>` between and after `<head>` and `<body>` (children of `<html>`). A fresh load has
 * them, so an update must bring them too.
 */
import { OWN_ELEMENT_ATTRIBUTE } from '../shared/protocol.js';

const isOwn = (node: Node): boolean => node instanceof Element && node.hasAttribute(OWN_ELEMENT_ATTRIBUTE);

/** A parent's children split at `boundaries` (some of them): the runs before, between and after them. */
function runs(parent: Node, boundaries: readonly Element[]): { found: Element[]; gaps: Node[][] } {
  const found: Element[] = [];
  const gaps: Node[][] = [[]];
  for (const child of Array.from(parent.childNodes)) {
    // Our own hosts sit after `<body>`: they belong to no run and are never removed.
    if (isOwn(child)) continue;
    if (child instanceof Element && boundaries.includes(child)) {
      found.push(child);
      gaps.push([]);
    } else {
      gaps[gaps.length - 1]?.push(child);
    }
  }
  return { found, gaps };
}

const sameRun = (a: readonly Node[], b: readonly Node[]): boolean =>
  a.length === b.length &&
  a.every((node, at) => {
    const other = b[at];
    return other !== undefined && node.isEqualNode(other);
  });

/**
 * Makes the children of `live` (a document or `<html>`) other than `liveBoundaries` (morphed on
 * their own) equal those of `next` other than `nextBoundaries`, run by run: the doctype and
 * comments around `<html>`; the comments, whitespace and `<noframes>` around `<head>` and
 * `<body>` (or `<frameset>`). A doctype is copied like a comment; the mode it set at load stays
 * (a change of mode reloads the page instead).
 */
export function syncOuterNodes(
  live: Document | Element,
  next: Document | Element,
  liveBoundaries: readonly Element[],
  nextBoundaries: readonly Element[],
): void {
  const have = runs(live, liveBoundaries);
  const want = runs(next, nextBoundaries);
  // Runs pair up only between the same boundaries.
  if (have.found.length !== liveBoundaries.length || want.found.length !== nextBoundaries.length) return;
  if (have.found.length !== want.found.length) return;
  for (const [at, wanted] of want.gaps.entries()) {
    const present = have.gaps[at] ?? [];
    if (sameRun(present, wanted)) continue;
    for (const node of present) node.parentNode?.removeChild(node);
    const copies = wanted.map((node) => document.importNode(node, true));
    const before = have.found[at - 1];
    if (before) before.after(...copies);
    else live.prepend(...copies);
  }
}
