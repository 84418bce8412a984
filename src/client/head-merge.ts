/**
 * Morphs `<head>` to new content without a flash of unstyled content: stylesheets that are new
 * are added and loaded first, and only then does the morph remove the ones they replace.
 */
import { morph, resolveHref } from './morph.js';
import { parseWithNoscriptText } from './noscript-text.js';

/** How long a new stylesheet may take before the head is morphed anyway. */
export const STYLESHEET_TIMEOUT_MS = 3000;

const stylesheetSelector = 'link[rel~="stylesheet" i][href]';

/** Parses the inner HTML of a `<head>` into a detached head element (scripts never run). */
export function parseHead(innerHtml: string): HTMLHeadElement {
  return parseWithNoscriptText(
    innerHtml,
    (hidden) => new DOMParser().parseFromString(`<!doctype html><html><head>${hidden}</head></html>`, 'text/html').head,
  );
}

function whenLoaded(link: HTMLLinkElement, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    // A broken or slow stylesheet must not hold every later update hostage.
    const timer = setTimeout(done, timeoutMs);
    link.addEventListener('load', done, { once: true });
    link.addEventListener('error', done, { once: true });
  });
}

/**
 * Makes `document.head` match `next`. New stylesheets are appended and awaited (up to
 * `timeoutMs`) before the morph; elements with `data-sop-preview` are kept untouched.
 */
export async function mergeHead(next: HTMLHeadElement, timeoutMs = STYLESHEET_TIMEOUT_MS): Promise<void> {
  const head = document.head;
  const present = new Set(Array.from(head.querySelectorAll<HTMLLinkElement>(stylesheetSelector), resolveHref));
  const loads: Promise<void>[] = [];
  for (const link of Array.from(next.querySelectorAll<HTMLLinkElement>(stylesheetSelector))) {
    // `href` resolves against the page, so relative and absolute spellings compare equal.
    const url = resolveHref(link);
    if (present.has(url)) continue;
    const early = document.importNode(link, true);
    head.append(early);
    loads.push(whenLoaded(early, timeoutMs));
    present.add(url);
  }
  await Promise.all(loads);
  morph(head, next, true);
}
