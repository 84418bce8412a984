/**
 * A fast 64-bit non-cryptographic hash of a stretch of a string, for implicit keys. It reads the
 * characters in place: slicing each unit's outer HTML and feeding it to MD5 cost more than the
 * parse of the whole page. A collision between siblings only costs a bigger patch (the differ
 * compares the HTML of units with equal keys), but the client finds a unit by its key anywhere in
 * the page, so the hash keeps two independent 32-bit lanes to make a clash between any two of a
 * page's units negligible (about n²/2⁶⁵).
 */

/** Two 32-bit lanes: FNV-1a, and a multiply-rotate lane with another prime so the two do not move together. */
interface Lanes {
  a: number;
  b: number;
}

function mix(lanes: Lanes, text: string, from: number, to: number): void {
  let a = lanes.a;
  let b = lanes.b;
  for (let at = from; at < to; at += 1) {
    const code = text.charCodeAt(at);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b + code, 0x9e3779b1);
    b = (b << 13) | (b >>> 19);
  }
  lanes.a = a;
  lanes.b = b;
}

/** MurmurHash3's finaliser: spreads the last characters' influence over all 32 bits. */
function finish(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// URL-safe base 64 digits, valid in an attribute and in a CSS attribute selector once escaped.
const DIGITS = Array.from('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_', (c) => c.charCodeAt(0));

function digit(bits: number): number {
  return DIGITS[bits & 63] as number;
}

/** 64 bits as 11 base-64 digits, built from char codes: `toString(36)` cost more than the hash itself. */
function encode(a: number, b: number): string {
  return String.fromCharCode(
    digit(a),
    digit(a >>> 6),
    digit(a >>> 12),
    digit(a >>> 18),
    digit(a >>> 24),
    digit((a >>> 30) | (b << 2)),
    digit(b >>> 4),
    digit(b >>> 10),
    digit(b >>> 16),
    digit(b >>> 22),
    digit(b >>> 28),
  );
}

/**
 * Hash of `seed` followed by `text[from, to)`, as 11 base-64 digits. The seed separates units by
 * kind and parent, so equal HTML in two places gets two keys.
 */
export function hashRange(seed: string, text: string, from: number, to: number): string {
  const lanes: Lanes = { a: 0x811c9dc5, b: 0x2545f491 };
  mix(lanes, seed, 0, seed.length);
  // A separator, so that seed "ab" + text "c" and seed "a" + text "bc" differ.
  mix(lanes, '\u0000', 0, 1);
  mix(lanes, text, from, to);
  return encode(finish(lanes.a), finish(lanes.b));
}
