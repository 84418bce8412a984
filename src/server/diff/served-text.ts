/**
 * The served HTML of a version, kept as pieces of earlier versions' text until someone needs it
 * whole. Each save re-keys only the edited region, so the next version's text is the previous
 * one with one stretch replaced; joining that into a new string cost a copy of the whole page
 * (several milliseconds per megabyte, the largest share of a save once parsing became local).
 * The differ only reads stretches near the edit, and the page itself is only needed whole when
 * a browser loads it or a full update is sent.
 */

/** A stretch of `text` from `from`, placed at `start` in the served HTML. */
interface Piece {
  text: string;
  from: number;
  start: number;
  length: number;
}

/** Past this many pieces the text is joined: slices stay cheap and old versions' strings are let go. */
const MAX_PIECES = 32;

/** Immutable served HTML: a string, or pieces joined on first use. */
export class ServedText {
  #flat: string | null;
  #pieces: readonly Piece[];
  /** Length in UTF-16 code units. */
  readonly length: number;

  private constructor(flat: string | null, pieces: readonly Piece[], length: number) {
    this.#flat = flat;
    this.#pieces = pieces;
    this.length = length;
  }

  /** Served text that is `text` as it is. */
  static of(text: string): ServedText {
    return new ServedText(text, [{ text, from: 0, start: 0, length: text.length }], text.length);
  }

  /** The whole text (joined once, then kept). */
  toString(): string {
    if (this.#flat === null) {
      this.#flat = this.#pieces.map((piece) => piece.text.slice(piece.from, piece.from + piece.length)).join('');
      this.#pieces = [{ text: this.#flat, from: 0, start: 0, length: this.#flat.length }];
    }
    return this.#flat;
  }

  /** Index of the piece that holds offset `at` (the last one for the end of the text). */
  #pieceAt(at: number): number {
    let low = 0;
    let high = this.#pieces.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#pieces[middle] as Piece).start <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The text from `from` to `to`, like `String.prototype.slice` with in-range offsets. */
  slice(from: number, to: number): string {
    if (this.#flat !== null) return this.#flat.slice(from, to);
    if (to <= from) return '';
    const parts: string[] = [];
    for (let index = this.#pieceAt(from); index < this.#pieces.length; index += 1) {
      const piece = this.#pieces[index] as Piece;
      if (piece.start >= to) break;
      const start = Math.max(from, piece.start);
      const end = Math.min(to, piece.start + piece.length);
      parts.push(piece.text.slice(piece.from + start - piece.start, piece.from + end - piece.start));
    }
    return parts.length === 1 ? (parts[0] as string) : parts.join('');
  }

  /** A new text with `[from, to)` replaced by `text`. */
  splice(from: number, to: number, text: string): ServedText {
    const pieces: Piece[] = [];
    const keep = (start: number, end: number, shift: number): void => {
      if (end <= start) return;
      for (let index = this.#pieceAt(start); index < this.#pieces.length; index += 1) {
        const piece = this.#pieces[index] as Piece;
        if (piece.start >= end) break;
        const cutStart = Math.max(start, piece.start);
        const cutEnd = Math.min(end, piece.start + piece.length);
        if (cutEnd > cutStart) {
          pieces.push({
            text: piece.text,
            from: piece.from + cutStart - piece.start,
            start: cutStart + shift,
            length: cutEnd - cutStart,
          });
        }
      }
    };
    keep(0, from, 0);
    if (text.length > 0) pieces.push({ text, from: 0, start: from, length: text.length });
    keep(to, this.length, text.length - (to - from));
    const next = new ServedText(null, pieces, this.length - (to - from) + text.length);
    if (pieces.length > MAX_PIECES) next.toString();
    return next;
  }
}
