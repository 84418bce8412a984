/**
 * `redlinePage()`: a complete redline page from two rendered revisions. The new page's head is
 * kept (its theme) plus the redline styles; the body gets the change summary and the redlined
 * content.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { THEMES_DIR } from '../sop/themes.js';
import { renderSummary, type SectionSummary, summarize } from './change-summary.js';
import { findElement, type HtmlSource, parseSource, sourceOf, startTag } from './html-source.js';
import { type BlockChange, RedlineTree } from './redline-tree.js';
import type { WordDiffMemo } from './word-diff.js';

/** Options of {@link redlinePage}. */
export interface RedlinePageOptions {
  /**
   * What the page is compared with, as the summary names it (`HEAD~1`, `approved/ph.sop.yaml`).
   * @default 'the compared revision'
   */
  baseLabel?: string;
}

/** A redline and what it found. */
export interface RedlinePage {
  /** The complete page: new revision's head and structure, `<ins>`/`<del>`, `data-rl` change bars, summary. */
  html: string;
  /** Changed sections with counts, in document order. */
  sections: SectionSummary[];
  /** Every marked block. */
  changes: BlockChange[];
}

let redlineCss: string | undefined;
let lastBase: HtmlSource | undefined;

/**
 * The parsed earlier revision, reused while it stays the same: in the live preview every save
 * is compared with one unchanging base, and parsing is most of a redline's cost.
 */
function parseBase(html: string): HtmlSource {
  if (lastBase?.html !== html) lastBase = parseSource(html);
  return lastBase;
}

/** The redline styles (themes/redline.css), read once. */
export function redlineStyles(): string {
  redlineCss ??= readFileSync(join(THEMES_DIR, 'redline.css'), 'utf8');
  return redlineCss;
}

/**
 * Redlines `newHtml` against `oldHtml`: blocks paired by their `data-block` keys, words diffed
 * inside changed blocks. Any HTML works; pages without keys are paired by content and kind.
 *
 * @example
 * const { html, sections } = redlinePage(renderedV3, renderedV4, { baseLabel: 'v3.1' });
 */
export function redlinePage(oldHtml: string, newHtml: string, options: RedlinePageOptions = {}): RedlinePage {
  return redlineParsed(parseBase(oldHtml), parseSource(newHtml), options);
}

/**
 * {@link redlinePage} of two parsed pages; `memo` holds the word diffs of this document's
 * previous redline (see `RedlineSession`).
 */
export function redlineParsed(
  old: HtmlSource,
  next: HtmlSource,
  options: RedlinePageOptions = {},
  memo?: WordDiffMemo,
): RedlinePage {
  const newHtml = next.html;
  const oldBody = findElement(old.document, 'body');
  const newBody = findElement(next.document, 'body');
  if (!oldBody || !newBody) throw new TypeError('redlinePage: both revisions must be HTML pages with a <body>');
  const tree = new RedlineTree(old, next, memo);
  const content = tree.children(oldBody, newBody);
  const sections = summarize(tree.changes, (key) => tree.newElement(key) ?? tree.oldElement(key));
  const summary = renderSummary(sections, options.baseLabel ?? 'the compared revision');
  const style = `<style data-sop-redline>\n${redlineStyles()}</style>\n`;
  let before = newHtml.slice(0, newBody.startIndex ?? 0);
  const headEnd = before.lastIndexOf('</head>');
  before = headEnd < 0 ? before + style : before.slice(0, headEnd) + style + before.slice(headEnd);
  const bodyEnd = newBody.endIndex ?? newHtml.length - 1;
  const hasEndTag = sourceOf(next, newBody).endsWith('</body>');
  const html = `${before}${startTag(newBody)}\n${summary}${content}${hasEndTag ? '</body>' : ''}${newHtml.slice(bodyEnd + 1)}`;
  return { html, sections, changes: tree.changes };
}
