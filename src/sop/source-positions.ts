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

const origins = new WeakMap<object, SourceOrigin>();

/** Records where `node` was written. */
export function setOrigin(node: object, origin: SourceOrigin): void {
  origins.set(node, origin);
}

/** Where `node` was written, when a loader recorded it. */
export function getOrigin(node: object): SourceOrigin | undefined {
  return origins.get(node);
}
