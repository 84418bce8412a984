/**
 * References: a bullet list; an item that is only a link gives the title and the URL.
 *
 * @packageDocumentation
 */
import type { ModuleReader } from '../module-reader.js';
import { readBulletItems } from './bullet-items.js';

const LINK_ONLY = /^\[([^\]]+)\]\(\s*(\S+?)\s*\)$/;

/** Reads a references module. */
export const readReferences: ModuleReader<'references'> = (context) =>
  readBulletItems(context, 'a bullet list of references', (text) => {
    const link = LINK_ONLY.exec(text);
    return link ? { title: link[1], url: link[2] } : { title: text };
  });
