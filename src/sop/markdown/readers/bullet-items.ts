/**
 * Modules written as one bullet list, an item per line (qualifications, references).
 *
 * @packageDocumentation
 */
import { inlineOf } from '../../markdown-tree.js';
import { lineOf, type ReaderContext } from '../reader-context.js';

/** The section's bullet list, each item's inline text turned into an entry of `items`. */
export function readBulletItems<V>(context: ReaderContext, hint: string, toItem: (text: string) => V): { items: V[] } {
  const list = context.only('bullet_list', hint)[0];
  return {
    items: (list?.children ?? []).map((item, i) => {
      const text = inlineOf(item).trim();
      context.mark([...context.path, 'items', i], lineOf(item), text);
      return toItem(text);
    }),
  };
}
