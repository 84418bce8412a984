/**
 * Where two versions of a text differ, as a few disjoint edits. A save that changes a line at the
 * top and one at the bottom (a generator stamping a date in the header and editing the body)
 * should cost those two places, not the page between them; one common prefix and suffix gives
 * that whole span. A line diff (Myers) of a megabyte costs more than re-parsing the span, so the
 * middle is split at long common stretches found by probing: a piece of the old middle is looked
 * up in the new one near where it would be, and the match is extended both ways. Any common
 * stretch gives correct edits; a poor one only gives larger ones.
 */

/** One edit: `[from, oldTo)` of the old text became `delta` characters longer (shorter when negative). */
export interface TextEdit {
  from: number;
  oldTo: number;
  delta: number;
}

/** A middle shorter than this in both versions stays one edit: two region parses would cost more than one. */
const MIN_SPLIT = 1024;
/** A common stretch shorter than this does not split an edit. */
const MIN_COMMON = 256;
/** Characters looked up in the new text: long enough to be unique in repetitive markup (list items of 140). */
const PROBE = 200;
/** Where in an old middle the probes are taken, as fractions of it. */
const PROBE_AT = [0.5, 0.25, 0.75] as const;
/**
 * At most this many edits: each costs a region parse and a copy of what follows it in the tree, so
 * a save that changes hundreds of places (a search and replace) keeps its last edit as one span.
 */
const MAX_EDITS = 8;

/** Length of the common prefix of `a` from `aFrom` and `b` from `bFrom`, at most `limit`, compared a block at a time. */
export function commonPrefix(a: string, b: string, aFrom = 0, bFrom = 0, limit?: number): number {
  const most = Math.min(limit ?? Number.POSITIVE_INFINITY, a.length - aFrom, b.length - bFrom);
  let at = 0;
  // Slices compare natively; a block mismatch narrows to the next smaller block.
  for (let step = 4096; step >= 1; step >>= 4) {
    while (at + step <= most && a.slice(aFrom + at, aFrom + at + step) === b.slice(bFrom + at, bFrom + at + step)) {
      at += step;
    }
  }
  while (at < most && a.charCodeAt(aFrom + at) === b.charCodeAt(bFrom + at)) at += 1;
  return at;
}

/** Length of the common suffix of `a` before `aTo` and `b` before `bTo`, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number, aTo = a.length, bTo = b.length): number {
  const most = Math.min(limit, aTo, bTo);
  let at = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (at + step <= most && a.slice(aTo - at - step, aTo - at) === b.slice(bTo - at - step, bTo - at)) {
      at += step;
    }
  }
  while (at < most && a.charCodeAt(aTo - 1 - at) === b.charCodeAt(bTo - 1 - at)) at += 1;
  return at;
}

/** A stretch common to both texts: `[a, a + length)` of the old equals `[b, b + length)` of the new. */
interface Common {
  a: number;
  b: number;
  length: number;
}

/** The maximal common stretch through `a` in the old text and `b` in the new, inside both ranges. */
function extend(
  oldText: string,
  newText: string,
  a: number,
  b: number,
  range: { aFrom: number; aTo: number; bFrom: number; bTo: number },
): Common {
  const back = commonSuffix(oldText, newText, Math.min(a - range.aFrom, b - range.bFrom), a, b);
  const ahead = commonPrefix(oldText, newText, a, b, Math.min(range.aTo - a, range.bTo - b));
  return { a: a - back, b: b - back, length: back + ahead };
}

/**
 * A long stretch common to the old range and the new one, or `null`. Each probe is looked up at
 * its place in the new range as if the edits before it had not changed the length, the nearest
 * occurrence either way first: repeated markup has many, and the nearest is the likely one.
 */
function anchorIn(
  oldText: string,
  newText: string,
  range: { aFrom: number; aTo: number; bFrom: number; bTo: number },
): Common | null {
  const { aFrom, aTo, bFrom, bTo } = range;
  // Searched within the new range only (a slice shares the text's characters, it copies none).
  const within = newText.slice(bFrom, bTo);
  for (const fraction of PROBE_AT) {
    const at = aFrom + Math.floor((aTo - aFrom - PROBE) * fraction);
    if (at < aFrom || bTo - bFrom < PROBE) return null;
    const probe = oldText.slice(at, at + PROBE);
    const expected = Math.min(at - aFrom, bTo - bFrom - PROBE);
    const found = [within.indexOf(probe, expected), within.lastIndexOf(probe, expected)]
      .filter((b) => b >= 0)
      .sort((x, y) => Math.abs(x - expected) - Math.abs(y - expected))
      .map((b) => b + bFrom);
    for (const b of found) {
      const common = extend(oldText, newText, at, b, range);
      if (common.length >= MIN_COMMON) return common;
    }
  }
  return null;
}

/**
 * The edits that turn `oldText` into `newText`, in order, disjoint and separated by unchanged
 * text (empty when the texts are equal). The first starts at their common prefix and the last
 * ends at their common suffix, so one edit is what a common prefix and suffix give.
 */
export function editsBetween(oldText: string, newText: string): TextEdit[] {
  const edits: TextEdit[] = [];
  // Ranges still to split, last first; each lies between two common stretches (or the ends).
  const pending = [{ aFrom: 0, aTo: oldText.length, bFrom: 0, bTo: newText.length }];
  while (pending.length > 0) {
    const range = pending.pop() as (typeof pending)[number];
    const prefix = commonPrefix(
      oldText,
      newText,
      range.aFrom,
      range.bFrom,
      Math.min(range.aTo - range.aFrom, range.bTo - range.bFrom),
    );
    range.aFrom += prefix;
    range.bFrom += prefix;
    const suffix = commonSuffix(
      oldText,
      newText,
      Math.min(range.aTo - range.aFrom, range.bTo - range.bFrom),
      range.aTo,
      range.bTo,
    );
    range.aTo -= suffix;
    range.bTo -= suffix;
    if (range.aFrom === range.aTo && range.bFrom === range.bTo) continue;
    const small = range.aTo - range.aFrom < MIN_SPLIT && range.bTo - range.bFrom < MIN_SPLIT;
    // The edits found so far plus this range and the ones still pending, if this one is not split.
    const anchor = small || edits.length + pending.length + 2 > MAX_EDITS ? null : anchorIn(oldText, newText, range);
    if (anchor) {
      pending.push(
        { aFrom: anchor.a + anchor.length, aTo: range.aTo, bFrom: anchor.b + anchor.length, bTo: range.bTo },
        { aFrom: range.aFrom, aTo: anchor.a, bFrom: range.bFrom, bTo: anchor.b },
      );
      continue;
    }
    edits.push({ from: range.aFrom, oldTo: range.aTo, delta: range.bTo - range.bFrom - (range.aTo - range.aFrom) });
  }
  // The front half of a split range is popped first, so the edits come out in order.
  return edits;
}

/** Text read a stretch at a time: a string, or an {@link EditedUpTo}. */
export interface TextSlices {
  slice(from: number, to: number): string;
}

/**
 * The old text with the edits up to one applied: the new text before `cut`, the old one (moved
 * by `shift`, the edits' change in length) from there. Read in stretches, never joined.
 */
export class EditedUpTo implements TextSlices {
  constructor(
    private readonly oldText: string,
    private readonly newText: string,
    private readonly cut: number,
    private readonly shift: number,
  ) {}

  /** Like `String.prototype.slice` with in-range offsets. */
  slice(from: number, to: number): string {
    if (to <= this.cut) return this.newText.slice(from, to);
    if (from >= this.cut) return this.oldText.slice(from - this.shift, to - this.shift);
    return this.newText.slice(from, this.cut) + this.oldText.slice(this.cut - this.shift, to - this.shift);
  }
}
