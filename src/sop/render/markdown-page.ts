/**
 * Plain Markdown files (`notes.md`) as themed pages. Each `##` section is a block, so editing one
 * section patches one block in the live preview.
 *
 * @packageDocumentation
 */

import { slug } from '../block-keys.js';
import { escapeHtml } from '../escape-html.js';
import { renderPageMarkdown } from '../markdown-text.js';
import { inlineOf, parseBlocks } from '../markdown-tree.js';
import type { RenderContext } from './context.js';

/** The page body and a title (first `#` heading, else `fallbackTitle`). */
export function renderMarkdownBody(
  source: string,
  context: RenderContext,
  fallbackTitle: string,
): { body: string; title: string } {
  const lines = source.split(/\r\n|\r|\n/);
  const blocks = parseBlocks(source);
  const title =
    inlineOf(
      blocks.find((b) => b.type === 'heading' && b.tag === 'h1') ?? {
        type: '',
        tag: '',
        map: undefined,
        content: '',
        children: [],
      },
    ) || fallbackTitle;
  const starts = blocks
    .filter((b) => b.type === 'heading' && b.tag === 'h2' && b.map)
    .map((b) => ({ line: b.map![0], title: inlineOf(b) }));
  const chunks: { key: string; text: string }[] = [];
  const firstLine = starts[0]?.line ?? lines.length;
  if (firstLine > 0) chunks.push({ key: context.keys.other('md-intro'), text: lines.slice(0, firstLine).join('\n') });
  starts.forEach((start, index) => {
    const end = starts[index + 1]?.line ?? lines.length;
    chunks.push({
      key: context.keys.other(`md-${slug(start.title) || 'section'}`),
      text: lines.slice(start.line, end).join('\n'),
    });
  });
  const sections = chunks
    .filter((chunk) => chunk.text.trim() !== '')
    .map(
      (chunk) =>
        `<section class="sop-md-section" data-block="${escapeHtml(chunk.key)}" id="sop-${escapeHtml(chunk.key)}">${renderPageMarkdown(chunk.text, (image) => context.imageSrc(image))}</section>`,
    );
  return { body: `<article class="sop sop-markdown">\n${sections.join('\n')}\n</article>`, title };
}
