/**
 * The word-level diff inside a changed block: the inner HTML of both revisions is cut into
 * words, spaces, punctuation, entities and tags; `diffArrays` (jsdiff's Myers diff) aligns them.
 * The output keeps every tag of the new revision in order and wraps only text (and images) in
 * `<ins>`/`<del>`, so it is as well-formed as the new revision itself.
 *
 * @packageDocumentation
 */
import { diffArrays } from 'diff';

const TOKEN = /<!--[\s\S]*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>|&#?\w+;|\s+|[\p{L}\p{N}_]+|[^\s<]|[\s\S]/gu;
const UNIT_TAG = /^<(img|svg|input|video|audio|iframe|canvas|embed|object)\b/i;

const isTagToken = (token: string): boolean => token.startsWith('<');
const isBlank = (token: string): boolean => token.trim() === '';

/** Result of a word diff: the merged inner HTML and whether anything but whitespace changed. */
export interface WordDiff {
  html: string;
  changed: boolean;
}

type Op = { kind: 'same' | 'del' | 'ins'; tokens: string[] };

/** Removed tokens as one `<del>`: text and images only (the old tags have no place in the new tree). */
function deleted(tokens: string[]): string {
  const kept = tokens.filter((token) => !isTagToken(token) || UNIT_TAG.test(token)).join('');
  return kept.trim() === '' ? '' : `<del>${kept}</del>`;
}

/** Inserted tokens: tags as they are, each run of text (or an image) inside an `<ins>`. */
function inserted(tokens: string[]): string {
  let out = '';
  let run = '';
  const flush = (): void => {
    if (run !== '') out += isBlank(run) ? run : `<ins>${run}</ins>`;
    run = '';
  };
  for (const token of tokens) {
    if (isTagToken(token) && !UNIT_TAG.test(token)) {
      flush();
      out += token;
    } else run += token;
  }
  flush();
  return out;
}

/** Splits the ops into same / changed groups, folding a lone space between two changes into the change. */
function groupOps(ops: Op[]): Op[][] {
  const groups: Op[][] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Op;
    const glue =
      op.kind === 'same' &&
      op.tokens.every(isBlank) &&
      i > 0 &&
      i < ops.length - 1 &&
      groups[groups.length - 1]?.[0]?.kind !== 'same';
    if (glue) {
      const last = groups[groups.length - 1] as Op[];
      last.push({ kind: 'del', tokens: op.tokens }, { kind: 'ins', tokens: op.tokens });
      continue;
    }
    const last = groups[groups.length - 1];
    const lastIsSame = last?.[0]?.kind === 'same';
    if (last && (op.kind === 'same') === lastIsSame) last.push(op);
    else groups.push([op]);
  }
  return groups;
}

/**
 * Diffs two inline HTML fragments (the inner HTML of a paragraph, a cell, a step's head).
 *
 * @example
 * wordDiff('Rinse twice.', 'Rinse three times.').html
 * // 'Rinse <del>twice</del><ins>three times</ins>.'
 */
export function wordDiff(oldHtml: string, newHtml: string): WordDiff {
  const oldTokens = oldHtml.match(TOKEN) ?? [];
  const newTokens = newHtml.match(TOKEN) ?? [];
  const ops: Op[] = diffArrays(oldTokens, newTokens).map((change) => ({
    kind: change.added ? 'ins' : change.removed ? 'del' : 'same',
    tokens: change.value,
  }));
  let html = '';
  let changed = false;
  for (const group of groupOps(ops)) {
    if (group[0]?.kind === 'same') {
      for (const op of group) html += op.tokens.join('');
      continue;
    }
    const removed = group.filter((op) => op.kind === 'del').flatMap((op) => op.tokens);
    const added = group.filter((op) => op.kind === 'ins').flatMap((op) => op.tokens);
    const visible =
      [...removed, ...added].some((token) => !isBlank(token) && !isTagToken(token)) ||
      [...removed, ...added].some((token) => UNIT_TAG.test(token));
    if (!visible) {
      // Only whitespace or markup moved: keep the new revision's version, unmarked.
      html += added.join('');
      if (removed.length + added.length > 0 && [...removed, ...added].some(isTagToken)) changed = true;
      continue;
    }
    changed = true;
    // Spaces at the edges of a change are not part of it: the new ones stay as plain text.
    let lead = '';
    while (added.length && isBlank(added[0] as string)) lead += added.shift();
    while (removed.length && isBlank(removed[0] as string)) removed.shift();
    let trail = '';
    while (added.length && isBlank(added.at(-1) as string)) trail = (added.pop() as string) + trail;
    while (removed.length && isBlank(removed.at(-1) as string)) removed.pop();
    html += lead + deleted(removed) + inserted(added) + trail;
  }
  return { html, changed };
}

/**
 * Word diffs of a document's previous redline, reused by the next one: while the preview runs,
 * every save is redlined again, and a block changed since the base but not by this save would
 * otherwise be diffed again. Only what the last redline used is kept, so memory follows the page.
 */
export class WordDiffMemo {
  #previous = new Map<string, WordDiff>();
  #current = new Map<string, WordDiff>();

  /** {@link wordDiff}, or its result from the previous redline for the same two fragments. */
  diff(oldHtml: string, newHtml: string): WordDiff {
    const key = `${oldHtml}\u0000${newHtml}`;
    const result = this.#current.get(key) ?? this.#previous.get(key) ?? wordDiff(oldHtml, newHtml);
    this.#current.set(key, result);
    return result;
  }

  /** Starts the next redline: forgets the diffs the last one did not use. */
  nextRedline(): void {
    this.#previous = this.#current;
    this.#current = new Map();
  }
}
