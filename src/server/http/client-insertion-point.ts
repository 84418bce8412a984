/**
 * Where the client script goes in a served document: at the earliest point no markup of the page
 * can swallow it, without changing how the page parses or its mode (quirks or standards).
 *
 * Anything placed at the end of a document is at the mercy of what comes before it: an unclosed
 * `<script>`, `<!--`, `<textarea>`, `<style>`, `<template>`, `<svg>`, `<math>`, `<plaintext>` or
 * attribute quote takes it in as text, and the page loses its live client (and a half-typed page
 * is exactly that). The start of the document is safe, but not all of it: a script before the
 * doctype would put the page in quirks mode, and one before a comment, `<html>` or whitespace
 * that the parser drops or places outside `<head>` would move those into `<head>`. So the point
 * is found as the HTML parser's "initial", "before html" and "before head" insertion modes read
 * the document (HTML Standard §13.2.6.4.1-3): a leading byte order mark, whitespace, comments,
 * doctypes and the `<html>` start tag are passed over, and so is a `<head>` start tag, after
 * which the point is the start of the head's content. What follows is where the parser would
 * create (or has created) `<head>` anyway, so a script there lands as the head's first child
 * and every later token parses as it did without it. One case has no such point: a comment
 * before any element that runs to the end of the document (`<!-- note` being typed above
 * `<html>`). There the comment is closed as the end of the document would close it, with the
 * same data, and the script follows it.
 */

const isSpace = (char: string | undefined): boolean =>
  char === ' ' || char === '\n' || char === '\t' || char === '\r' || char === '\f';

const isAlpha = (char: string | undefined): boolean => char !== undefined && /^[A-Za-z]$/.test(char);

/**
 * The end of a tag whose name ends at `from` (just after the `>`), or -1 when the document ends
 * first, in which case the tokenizer drops the tag. Follows the tokenizer's attribute states:
 * only a quote right after `=` opens a value, and `>` ends the tag anywhere else.
 */
function tagEnd(html: string, from: number): number {
  let at = from;
  while (at < html.length) {
    const char = html[at];
    if (char === '>') return at + 1;
    if (isSpace(char) || char === '/') {
      at += 1;
      continue;
    }
    // An attribute name: its first character may be anything (even `=` or a quote).
    at += 1;
    while (at < html.length && !isSpace(html[at]) && html[at] !== '/' && html[at] !== '>' && html[at] !== '=') at += 1;
    while (isSpace(html[at])) at += 1;
    if (html[at] !== '=') continue;
    at += 1;
    while (isSpace(html[at])) at += 1;
    const quote = html[at];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, at + 1);
      if (close < 0) return -1;
      at = close + 1;
      continue;
    }
    while (at < html.length && !isSpace(html[at]) && html[at] !== '>') at += 1;
  }
  return -1;
}

/** What follows the document's last character to end a comment the way the end of the document does. */
function commentClose(html: string, body: number): string {
  const data = html.slice(body);
  if (data === '-') return '->';
  if (data.endsWith('--!')) return '>';
  if (data.endsWith('--')) return '>';
  return data.endsWith('-') ? '->' : '-->';
}

/**
 * The end of the comment opening at `start` (`<!--`), or, when it runs to the end of the
 * document, the text that closes it with the data the end of the document leaves it.
 */
function comment(html: string, start: number): Token {
  const body = start + 4;
  // `<!-->` and `<!--->` are complete (empty) comments.
  if (html[body] === '>') return { end: body + 1 };
  if (html.startsWith('->', body)) return { end: body + 2 };
  for (let at = html.indexOf('--', body); at >= 0; at = html.indexOf('--', at + 1)) {
    if (html[at + 2] === '>') return { end: at + 3 };
    if (html.startsWith('!>', at + 2)) return { end: at + 4 };
  }
  return { end: html.length, close: html.length === body ? '-->' : commentClose(html, body) };
}

/** A bogus comment (`<?`, `<!x`, `</#`): it ends at the first `>`, or at the end of the document. */
function bogusComment(html: string, start: number): Token {
  const close = html.indexOf('>', start);
  return close < 0 ? { end: html.length, close: '>' } : { end: close + 1 };
}

/**
 * A token the parser passes over before it creates `<head>`: where it ends, whether it is the
 * `<head>` start tag, and for a comment that runs to the end of the document, what closes it.
 */
interface Token {
  end: number;
  head?: boolean;
  close?: string;
}

/**
 * The token starting at `start` if the parser passes over it before creating `<head>` (a
 * comment, doctype, ignored end tag, `<html>` or `<head>` start tag); null for anything else, and
 * for a doctype or tag the document ends inside (a script after an open doctype would be part of
 * it; an open tag is dropped, which a script before it does not change).
 */
function skippable(html: string, start: number): Token | null {
  if (html[start] !== '<') return null;
  const next = html[start + 1];
  if (html.startsWith('!--', start + 1)) return comment(html, start);
  if (/^!doctype/i.test(html.slice(start + 1, start + 9))) {
    // A doctype ends at the first `>`, even inside its quotes.
    const close = html.indexOf('>', start);
    return close < 0 ? null : { end: close + 1 };
  }
  if (next === '!' || next === '?') return bogusComment(html, start);
  if (next === '/' && html[start + 2] === '>') return { end: start + 3 };
  if (isAlpha(next) || (next === '/' && isAlpha(html[start + 2]))) {
    const nameStart = start + (next === '/' ? 2 : 1);
    let nameEnd = nameStart;
    while (nameEnd < html.length && !isSpace(html[nameEnd]) && html[nameEnd] !== '/' && html[nameEnd] !== '>') {
      nameEnd += 1;
    }
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    // End tags other than these are ignored before `<head>`; these make the parser create it.
    const passed = next === '/' ? !['head', 'body', 'html', 'br'].includes(name) : name === 'html' || name === 'head';
    const end = passed ? tagEnd(html, nameEnd) : -1;
    return end < 0 ? null : { end, head: next !== '/' && name === 'head' };
  }
  // `</` and anything but a letter or `>` opens a bogus comment; `</` at the very end is text.
  if (next === '/' && start + 2 < html.length) return bogusComment(html, start);
  return null;
}

/** Where the client script goes, and what goes before it there (see {@link clientInsertion}). */
export interface ClientInsertion {
  /** Offset in the document. */
  at: number;
  /** Text to insert before the script: `''`, or what closes a comment left open at the end. */
  close: string;
}

/**
 * Where the client script goes in `html`: after a leading byte order mark, whitespace, comments,
 * doctypes and the `<html>` start tag, and after a `<head>` start tag when the document has one
 * there; see the module comment for why this point is safe.
 */
export function clientInsertion(html: string): ClientInsertion {
  let at = html.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    while (isSpace(html[at])) at += 1;
    const token = skippable(html, at);
    if (!token) return { at, close: '' };
    if (token.head || token.close !== undefined) return { at: token.end, close: token.close ?? '' };
    at = token.end;
  }
}
