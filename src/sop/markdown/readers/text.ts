/**
 * Purpose, scope, summary, quality control and free sections: the section's Markdown, as written.
 *
 * @packageDocumentation
 */
import { lineOf, type ReaderContext } from '../reader-context.js';

/** Reads a text module; an empty section gives no `text`, which validation reports. */
export function readText(context: ReaderContext): { text?: string } {
  const first = context.children[0];
  context.mark([...context.path, 'text'], lineOf(first ?? context.heading), context.text);
  return context.text ? { text: context.text } : {};
}
