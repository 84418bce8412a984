/**
 * The table of contents: one link per module.
 *
 * @packageDocumentation
 */
import { escapeHtml } from '../escape-html.js';

/** A TOC entry: anchor key and heading text (already HTML). */
export interface TocEntry {
  key: string;
  titleHtml: string;
}

/** Renders the TOC block (key `toc`). */
export function renderToc(entries: TocEntry[]): string {
  const items = entries.map((e) => `<li><a href="#sop-${escapeHtml(e.key)}">${e.titleHtml}</a></li>`).join('');
  return `<nav class="sop-toc" data-block="toc" id="sop-toc" aria-label="Contents"><h2 class="sop-toc-title">Contents</h2><ol>${items}</ol></nav>`;
}
