/**
 * Responsibilities: a bullet list of roles (`**Role:** first duty`), duties as a nested list.
 *
 * @packageDocumentation
 */
import { inlineOf } from '../../markdown-tree.js';
import type { ModuleReader } from '../module-reader.js';
import { lineOf } from '../reader-context.js';

/** Reads a responsibilities module. */
export const readResponsibilities: ModuleReader<'responsibilities'> = (context) => {
  const list = context.only('bullet_list', 'a bullet list of roles with their duties as a nested list')[0];
  const path = context.path;
  return {
    items: (list?.children ?? []).map((item, i) => {
      const head = inlineOf(item).trim();
      const match = /^\*\*(.+?):?\*\*:?\s*(.*)$/.exec(head);
      const role = (match ? match[1]! : head).trim();
      const duties: string[] = match?.[2] ? [match[2]] : [];
      const nested = item.children.find((c) => c.type === 'bullet_list');
      for (const duty of nested?.children ?? []) {
        context.mark([...path, 'items', i, 'duties', duties.length], lineOf(duty), inlineOf(duty));
        duties.push(inlineOf(duty).trim());
      }
      context.mark([...path, 'items', i], lineOf(item), head);
      context.mark([...path, 'items', i, 'role'], lineOf(item), head);
      return { role, duties };
    }),
  };
};
