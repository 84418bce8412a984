/**
 * A page runs with scripting on, so its parser reads a `<noscript>`'s content as text; `DOMParser`
 * and `<template>` parse with scripting off and build elements from that content instead (an
 * mdBook page's `<noscript><iframe src="toc.html"></iframe></noscript>` would gain an `<iframe>`).
 * Before such a parse, each `<noscript>`'s content is set aside and replaced by a numbered comment
 * (a comment is allowed in a `<noscript>` in the head and in the body); after it, each comment
 * becomes the text a page's own parser would have made.
 */

/** Elements whose content the tokenizer reads as text up to their end tag (with scripting on). */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title']);

const PLACEHOLDER = 'sop-preview-noscript:';
const PLACEHOLDER_PATTERN = new RegExp(`^${PLACEHOLDER}(\\d+)$`);

/** HTML ready for a scripting-off parser, and the `<noscript>` texts it set aside. */
export interface HiddenNoscripts {
  html: string;
  texts: string[];
}

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
const isAsciiLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Index just after the `>` that ends the tag whose name ends at `at` (quoted values skipped), or -1. */
function tagEnd(html: string, at: number): number {
  let i = at;
  while (i < html.length) {
    const code = html.charCodeAt(i);
    if (code === 62 /* > */) return i + 1;
    i += 1;
    if (code !== 61 /* = */) continue;
    while (isSpace(html.charCodeAt(i))) i += 1;
    const quote = html.charCodeAt(i);
    if (quote === 34 /* " */ || quote === 39 /* ' */) {
      const close = html.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close + 1;
    }
  }
  return -1;
}

/** Where the content of the raw-text element `name` that starts at `from` ends: its end tag, or the end. */
function rawTextEnd(html: string, name: string, from: number): number {
  const endTag = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
  endTag.lastIndex = from;
  const match = endTag.exec(html);
  return match ? match.index : html.length;
}

/**
 * Replaces the content of every `<noscript>` in `html` by a placeholder comment. The scan follows
 * the tokenizer far enough to find the start tags a browser sees (comments, raw-text elements and
 * quoted attribute values skipped); script data's rare escaped states are not modelled.
 */
export function hideNoscriptText(html: string): HiddenNoscripts {
  if (!/<noscript/i.test(html)) return { html, texts: [] };
  const texts: string[] = [];
  const parts: string[] = [];
  let copied = 0;
  let at = html.indexOf('<');
  while (at !== -1 && at < html.length) {
    const next = html.charCodeAt(at + 1);
    if (html.startsWith('<!--', at)) {
      if (html.startsWith('<!-->', at) || html.startsWith('<!--->', at)) {
        at = html.indexOf('<', at + 4);
        continue;
      }
      const close = html.indexOf('-->', at + 4);
      at = close === -1 ? -1 : html.indexOf('<', close + 3);
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */ || next === 47 /* / */) {
      // A bogus comment or an end tag: both end at the next `>` (an end tag's attributes are skipped like a start tag's).
      const close = next === 47 ? tagEnd(html, at + 2) : html.indexOf('>', at + 2) + 1;
      at = close <= 0 ? -1 : html.indexOf('<', close);
      continue;
    }
    if (!isAsciiLetter(next)) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    let nameEnd = at + 2;
    while (nameEnd < html.length) {
      const code = html.charCodeAt(nameEnd);
      if (isSpace(code) || code === 47 || code === 62) break;
      nameEnd += 1;
    }
    const name = html.slice(at + 1, nameEnd).toLowerCase();
    const contentStart = tagEnd(html, nameEnd);
    if (contentStart === -1 || name === 'plaintext') break;
    if (!RAW_TEXT.has(name)) {
      at = html.indexOf('<', contentStart);
      continue;
    }
    const contentEnd = rawTextEnd(html, name, contentStart);
    if (name === 'noscript') {
      parts.push(html.slice(copied, contentStart), `<!--${PLACEHOLDER}${texts.length}-->`);
      texts.push(html.slice(contentStart, contentEnd));
      copied = contentEnd;
    }
    at = contentEnd === html.length ? -1 : contentEnd;
  }
  if (texts.length === 0) return { html, texts };
  parts.push(html.slice(copied));
  return { html: parts.join(''), texts };
}

/** Turns the placeholders under `root` (template contents included) back into `<noscript>` text. */
export function restoreNoscriptText(root: ParentNode, texts: readonly string[]): void {
  if (texts.length === 0) return;
  for (const noscript of Array.from(root.querySelectorAll('noscript'))) {
    const placeholder = noscript.firstChild;
    if (!(placeholder instanceof Comment) || placeholder.nextSibling !== null) continue;
    const index = PLACEHOLDER_PATTERN.exec(placeholder.data)?.[1];
    const text = index === undefined ? undefined : texts[Number(index)];
    if (text === undefined) continue;
    if (text === '') placeholder.remove();
    else placeholder.replaceWith(text);
  }
  for (const template of Array.from(root.querySelectorAll('template'))) restoreNoscriptText(template.content, texts);
}

/**
 * Parses `html` with `parse` (a scripting-off parser) and gives every `<noscript>` under the result
 * the text a page's own parser would have made.
 */
export function parseWithNoscriptText<T extends ParentNode>(html: string, parse: (html: string) => T): T {
  const hidden = hideNoscriptText(html);
  const parsed = parse(hidden.html);
  restoreNoscriptText(parsed, hidden.texts);
  return parsed;
}
