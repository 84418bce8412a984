/**
 * Where model objects came from, kept beside the model (not in it) so renders stay pure data and
 * render-time warnings, such as a missing image, can still point at a line.
 *
 * @packageDocumentation
 */
import type { SourcePosition } from './diagnostic.js';

/** A position plus the code frame to show with it. */
export interface SourceOrigin extends SourcePosition {
  file?: string;
  frame?: string;
}

type LazyOrigin = () => SourceOrigin | undefined;

const origins = new WeakMap<object, SourceOrigin | LazyOrigin>();

/**
 * Records where `node` was written. A function is called (once) only when the origin is asked
 * for: finding a position can mean parsing the source again with positions, which a valid
 * document should never pay for.
 */
export function setOrigin(node: object, origin: SourceOrigin | LazyOrigin): void {
  origins.set(node, origin);
}

/** Where `node` was written, when a loader recorded it. */
export function getOrigin(node: object): SourceOrigin | undefined {
  const origin = origins.get(node);
  if (typeof origin !== 'function') return origin;
  const resolved = origin();
  if (resolved) origins.set(node, resolved);
  else origins.delete(node);
  return resolved;
}
