/**
 * Markdown in SOP text fields. Raw HTML is not allowed (it is shown as text), links go through
 * markdown-it's `validateLink` (no `javascript:`, `vbscript:`, `file:`, non-image `data:`), and
 * images are off: a document's images are step images, which the media pipeline checks and embeds.
 *
 * @packageDocumentation
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
markdown.disable(['image']);

/** Block Markdown (paragraphs, lists, tables, emphasis, links) to HTML. */
export function renderBlockMarkdown(text: string): string {
  return markdown.render(text).trimEnd();
}

/** One line of inline Markdown (emphasis, code, links) to HTML, without a wrapping paragraph. */
export function renderInlineMarkdown(text: string): string {
  return markdown.renderInline(text);
}

/** Decides what an image of a Markdown page shows: a `src`, or `undefined` for a placeholder. */
export type ImageResolver = (image: { src: string; alt: string }) => string | undefined;

// Plain Markdown pages may hold images; each goes through the same checks as step images.
const pageMarkdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
pageMarkdown.renderer.rules.image = (tokens, index, _options, env: { resolveImage: ImageResolver }) => {
  const token = tokens[index]!;
  const alt = token.children ? pageMarkdown.renderer.renderInlineAsText(token.children, {}, env) : token.content;
  const src = env.resolveImage({ src: token.attrGet('src') ?? '', alt });
  if (src === undefined) {
    return `<span class="sop-missing-media" role="img" aria-label="${pageMarkdown.utils.escapeHtml(alt)}">Image not available: ${pageMarkdown.utils.escapeHtml(token.attrGet('src') ?? '')}</span>`;
  }
  const title = token.attrGet('title');
  return `<img src="${pageMarkdown.utils.escapeHtml(src)}" alt="${pageMarkdown.utils.escapeHtml(alt)}"${title ? ` title="${pageMarkdown.utils.escapeHtml(title)}"` : ''} loading="lazy">`;
};

/** Block Markdown of a plain `.md` page, images included (resolved by `resolveImage`). */
export function renderPageMarkdown(text: string, resolveImage: ImageResolver): string {
  return pageMarkdown.render(text, { resolveImage }).trimEnd();
}
