/**
 * Five kinds of edit an author saves one after another, applied to any HTML page: a word changed,
 * a paragraph inserted, that paragraph removed, code edited, list items added. Every edit point is
 * found once in the original page (script-free), and the document after step `n` is a pure
 * function of the page and `n`, so every tool sees exactly the same sequence of files. Each step
 * but a removal brings a new `BENCHMARK-EDIT-<n>` marker, which is how the page-side probe sees it.
 */
import { marker } from './fixtures.js';

/** The kinds, in the order they repeat. */
export const EDIT_KINDS = [
  'word changed',
  'paragraph inserted',
  'paragraph removed',
  'code edited',
  'list items added',
] as const;

/** One of {@link EDIT_KINDS}. */
export type EditKind = (typeof EDIT_KINDS)[number];

/** What the probe waits for after step `n`: a marker that appears, or one whose text goes. */
export type EditSignal = { appears: string } | { gone: string };

/** Where the edits land in a page; offsets into {@link EditablePage.html}. */
export interface EditablePage {
  /** The page with every `<script>` removed. */
  html: string;
  /**
   * The text element edited (`p`, `li`, or a `line` of a page that is one code listing): whether
   * it carries a key, the word changed, and where a new one is inserted.
   */
  target: { tag: 'p' | 'li' | 'line'; keyed: boolean; wordAt: number; wordLength: number; endAt: number };
  /** Offset in the first non-blank text of a `<pre>` near the target, if the page has one. */
  codeAt?: number;
  /** Offset right after the opening tag of a list near the target, and whether its items are keyed. */
  list?: { at: number; keyed: boolean };
  /**
   * Where a revision stamp's number is, at the top of the body, when every save also rewrites it
   * (see {@link withStamp}): each save then changes two places, the stamp and the edit below.
   */
  stamp?: { at: number; length: number };
}

/** The stamp's text after step `n`. */
const stampText = (n: number): string => `Revision ${n}`;

/**
 * `page` as a site generator writes it on every save: with a revision stamp first in the body
 * (a `<div>`, so it is never taken for the edited paragraph), rewritten by every step. A save then
 * changes the top of the page and a place 90 % of the way down. `undefined` without a `<body>` tag.
 */
export function withStamp(page: EditablePage): EditablePage | undefined {
  const body = /<body(?:\s[^>]*)?>/i.exec(page.html);
  if (!body) return undefined;
  const open = body.index + body[0].length;
  const element = `<div class="revision">${stampText(0)}</div>`;
  const textAt = open + element.indexOf(stampText(0));
  const move = (at: number): number => (at >= open ? at + element.length : at);
  return {
    html: page.html.slice(0, open) + element + page.html.slice(open),
    target: { ...page.target, wordAt: move(page.target.wordAt), endAt: move(page.target.endAt) },
    ...(page.codeAt === undefined ? {} : { codeAt: move(page.codeAt) }),
    ...(page.list ? { list: { ...page.list, at: move(page.list.at) } } : {}),
    stamp: { at: textAt, length: stampText(0).length },
  };
}

/** Removes every `<script>` element (and `<noscript>` wrappers' meaning stays as the page had it). */
export function stripScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '').replace(/<script\b[^>]*\/>/gi, '');
}

/** The start offsets of every match of `pattern` (global) in `text`. */
function offsets(text: string, pattern: RegExp): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(pattern)) found.push(match.index ?? 0);
  return found;
}

/** The offset in `list` nearest to `to`, preferring one at or after it. */
function nearest(list: readonly number[], to: number): number | undefined {
  return list.find((at) => at >= to) ?? list[list.length - 1];
}

/** Fewer text paragraphs than this, and the edits go to list items instead. */
const MIN_PARAGRAPHS = 10;

/**
 * Finds the edit points: the text paragraph (else list item) 90 % of the way down, with a word of
 * four letters or more in its first text; a `<pre>` and a list as near after it as the page has.
 * Returns `undefined` when the page has no such paragraph or list item.
 */
export function findEditPoints(original: string): EditablePage | undefined {
  const html = stripScripts(original);
  let target: EditablePage['target'] | undefined;
  for (const tag of ['p', 'li'] as const) {
    const candidates = [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([^<]*[A-Za-z]{4,}[^<]*)<`, 'g'))];
    // A page of items with a stray paragraph or two (a long list) is edited in its items.
    if (tag === 'p' && candidates.length < MIN_PARAGRAPHS) continue;
    const chosen = candidates[Math.floor(candidates.length * 0.9)];
    if (!chosen || chosen.index === undefined) continue;
    const textAt = chosen.index + chosen[0].length - 1 - (chosen[2]?.length ?? 0);
    const word = /[A-Za-z]{4,}/.exec(chosen[2] ?? '');
    const close = html.indexOf(`</${tag}>`, textAt);
    if (!word || close < 0) continue;
    target = {
      tag,
      keyed: /\sdata-block=/.test(chosen[1] ?? ''),
      wordAt: textAt + word.index,
      wordLength: word[0].length,
      endAt: close + tag.length + 3,
    };
    break;
  }
  target ??= codeListingTarget(html);
  if (!target) return undefined;
  const page: EditablePage = { html, target };
  // A <pre> start tag, any tags right inside it, then its first non-blank text.
  const code = /<pre(?:\s[^>]*)?>(?:\s*<[^>]*>)*\s*(?=[^<\s])/g;
  const pres = [...html.matchAll(code)].map((match) => (match.index ?? 0) + match[0].length);
  page.codeAt = nearest(pres, target.endAt);
  const list = nearest(offsets(html, /<(?:ul|ol)[\s>]/g), target.endAt);
  if (list !== undefined) {
    const open = html.indexOf('>', list) + 1;
    page.list = { at: open, keyed: /^\s*<li\s[^>]*data-block=/.test(html.slice(open, open + 300)) };
  }
  return page;
}

/**
 * For a page that is one code listing (a rustdoc source page): a word in the text 90 % of the way
 * through its `<pre>`, and the start of the next line, where a line is inserted.
 */
function codeListingTarget(html: string): EditablePage['target'] | undefined {
  const start = html.search(/<pre[\s>]/);
  const end = html.indexOf('</pre>', start);
  if (start < 0 || end < 0) return undefined;
  const segments = [...html.slice(start, end).matchAll(/>([^<]*?)([A-Za-z]{4,})/g)];
  const chosen = segments[Math.floor(segments.length * 0.9)];
  if (!chosen || chosen.index === undefined) return undefined;
  const wordAt = start + chosen.index + 1 + (chosen[1]?.length ?? 0);
  const lineEnd = html.indexOf('\n', wordAt);
  if (lineEnd < 0 || lineEnd > end) return undefined;
  return { tag: 'line', keyed: false, wordAt, wordLength: chosen[2]?.length ?? 0, endAt: lineEnd + 1 };
}

/** The kind of step `n` (1-based). */
export function kindOf(n: number): EditKind {
  return EDIT_KINDS[(n - 1) % EDIT_KINDS.length] as EditKind;
}

/** The kinds this page supports (no `<pre>`: no code edit; no list: no list items). */
export function supportedKinds(page: EditablePage): EditKind[] {
  return EDIT_KINDS.filter(
    (kind) => (kind !== 'code edited' || page.codeAt !== undefined) && (kind !== 'list items added' || page.list),
  );
}

/** What the probe waits for after step `n`. */
export function signalOf(n: number): EditSignal {
  return kindOf(n) === 'paragraph removed' ? { gone: marker(n - 1) } : { appears: marker(n) };
}

/** The latest step at or before `n` of `kind`, if any. */
function lastOf(kind: EditKind, n: number): number | undefined {
  for (let step = n; step >= 1; step -= 1) if (kindOf(step) === kind) return step;
  return undefined;
}

/** The page after steps 1…`n` (step 0 is the page itself, scripts removed). */
export function pageAfter(page: EditablePage, n: number): string {
  const { html, target } = page;
  const splices: { at: number; remove: number; text: string }[] = [];
  if (page.stamp) splices.push({ at: page.stamp.at, remove: page.stamp.length, text: stampText(n) });
  const word = lastOf('word changed', n);
  if (word !== undefined) splices.push({ at: target.wordAt, remove: target.wordLength, text: marker(word) });
  const inserted = lastOf('paragraph inserted', n);
  const removed = lastOf('paragraph removed', n) ?? 0;
  if (inserted !== undefined && inserted > removed) {
    const key = target.keyed ? ` data-block="bench-ins-${inserted}"` : '';
    const text = `${marker(inserted)}: a paragraph the author just wrote, with a sentence or two of ordinary text.`;
    const element = target.tag === 'line' ? `${text}\n` : `<${target.tag}${key}>${text}</${target.tag}>`;
    splices.push({ at: target.endAt, remove: 0, text: element });
  }
  const code = lastOf('code edited', n);
  if (code !== undefined && page.codeAt !== undefined)
    splices.push({ at: page.codeAt, remove: 0, text: `${marker(code)} ` });
  if (page.list) {
    const groups: string[] = [];
    for (let step = 1; step <= n; step += 1) {
      if (kindOf(step) !== 'list items added') continue;
      const item = (part: string) =>
        `<li${page.list?.keyed ? ` data-block="bench-li-${step}${part}"` : ''}>${marker(step)} added item ${part}</li>`;
      groups.push(item('a') + item('b'));
    }
    // Newest first: each step's items go above the earlier ones, so every step inserts, none rewrites.
    if (groups.length > 0) splices.push({ at: page.list.at, remove: 0, text: groups.reverse().join('') });
  }
  let out = html;
  for (const { at, remove, text } of splices.sort((a, b) => b.at - a.at)) {
    out = out.slice(0, at) + text + out.slice(at + remove);
  }
  return out;
}
