/**
 * A callout, in a safety module or a step: `> **Warning:** text`. The levels come from the schema's
 * word list.
 *
 * @packageDocumentation
 */
import { didYouMean } from '../../did-you-mean.js';
import { type BlockNode, inlineOf } from '../../markdown-tree.js';
import { CALLOUT_LEVELS } from '../../schema/vocabulary.js';
import type { DataPath } from '../../validate.js';
import { lineOf, type ReaderContext } from '../reader-context.js';

const LEVELS = Object.keys(CALLOUT_LEVELS);
const CALLOUT = new RegExp(`^\\*\\*(${LEVELS.join('|')})\\s*:?\\s*\\*\\*\\s*:?\\s*`, 'i');
const CALLOUT_LABEL = /^\*\*([^*]+?)\s*:?\s*\*\*\s*:?/;
const LABELS = LEVELS.map((level) => level[0]!.toUpperCase() + level.slice(1));
const EXPECTED = `${LABELS.slice(0, -1)
  .map((label) => `**${label}:**`)
  .join(', ')} or **${LABELS.at(-1)}:**`;

/** Reads the blockquote `quote` as the callout at `path`. */
export function readCallout(context: ReaderContext, quote: BlockNode, path: DataPath): { level: string; text: string } {
  const text = quote.children
    .map((c) => inlineOf(c))
    .join(' ')
    .trim();
  const match = CALLOUT.exec(text);
  if (!match) {
    const label = CALLOUT_LABEL.exec(text)?.[1];
    const hint = label ? ` "${label}"${didYouMean(label, LABELS)}` : '';
    throw context.error(`a callout starts with ${EXPECTED}, found${hint || ' none'}`, quote);
  }
  context.mark(path, lineOf(quote), text);
  context.mark([...path, 'text'], lineOf(quote), text.slice(match[0].length));
  return { level: match[1]!.toLowerCase(), text: text.slice(match[0].length).trim() };
}
