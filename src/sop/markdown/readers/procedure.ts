/**
 * Procedure: an ordered list of steps. A step is its first paragraph (with an optional `[ ]`
 * checkbox and a trailing `{#id duration="5 min" signoff="A; B"}`), then further paragraphs
 * (details), one image, callouts and a numbered sub-list.
 *
 * @packageDocumentation
 */
import { didYouMean } from '../../did-you-mean.js';
import { type BlockNode, inlineOf } from '../../markdown-tree.js';
import type { DataPath } from '../../validate.js';
import type { ModuleReader } from '../module-reader.js';
import { lineOf, type ReaderContext } from '../reader-context.js';
import { readCallout } from './callout.js';

const ATTRIBUTES = /\s*\{([^{}]*)\}\s*$/;
const CHECKBOX = /^\[( |x|X)\]\s+/;
const IMAGE_ONLY = /^!\[([^\]]*)\]\(\s*(\S+?)(?:\s+"([^"]*)")?\s*\)$/;

function readAttributes(
  context: ReaderContext,
  raw: string,
  node: BlockNode | undefined,
  path: DataPath,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pattern = /#([^\s"]+)|([A-Za-z]+)=(?:"([^"]*)"|(\S+))|(\S+)/g;
  for (const match of raw.matchAll(pattern)) {
    if (match[1] !== undefined) {
      out.id = match[1];
      context.mark([...path, 'id'], lineOf(node), `#${match[1]}`);
      continue;
    }
    const key = match[2];
    const value = match[3] ?? match[4] ?? '';
    if (key === 'duration') out.duration = value;
    else if (key === 'signoff')
      out.signoff = value
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    else {
      const name = key ?? match[5]!;
      throw context.error(
        `unknown step attribute "${name}"${didYouMean(name, ['duration', 'signoff'])}; use {#id duration="5 min" signoff="Performed by; Verified by"}`,
        node,
      );
    }
    context.mark([...path, key], lineOf(node), `${key}=`);
  }
  return out;
}

function readSteps(context: ReaderContext, list: BlockNode | undefined, path: DataPath): Record<string, unknown>[] {
  return (list?.children ?? []).map((item, i) => {
    const here = [...path, i];
    const step: Record<string, unknown> = {};
    const [lead, ...rest] = item.children;
    let text = lead?.type === 'paragraph' ? inlineOf(lead).trim() : '';
    context.mark(here, lineOf(item), text);
    const attributes = ATTRIBUTES.exec(text);
    if (attributes) {
      text = text.slice(0, attributes.index).trim();
      Object.assign(step, readAttributes(context, attributes[1]!, lead, here));
    }
    const checkbox = CHECKBOX.exec(text);
    if (checkbox) {
      text = text.slice(checkbox[0].length);
      step.checkbox = true;
    }
    step.text = text;
    context.mark([...here, 'text'], lineOf(item), text);
    const details: string[] = [];
    for (const child of lead?.type === 'paragraph' ? rest : item.children) {
      if (child.type === 'paragraph') {
        const inline = inlineOf(child).trim();
        const image = IMAGE_ONLY.exec(inline);
        if (image) {
          step.image = {
            src: image[2],
            ...(image[1] ? { alt: image[1] } : {}),
            ...(image[3] ? { caption: image[3] } : {}),
          };
          context.mark([...here, 'image'], lineOf(child), inline);
          context.mark([...here, 'image', 'src'], lineOf(child), image[2]);
        } else {
          if (details.length === 0) context.mark([...here, 'details'], lineOf(child), inline);
          details.push(inline);
        }
      } else if (child.type === 'blockquote') {
        if (step.callouts === undefined) step.callouts = [];
        const callouts = step.callouts as unknown[];
        callouts.push(readCallout(context, child, [...here, 'callouts', callouts.length]));
      } else if (child.type === 'ordered_list') {
        context.mark([...here, 'steps'], lineOf(child), inlineOf(child));
        step.steps = readSteps(context, child, [...here, 'steps']);
      } else {
        throw context.error(
          `a step holds paragraphs, one image, callouts and a numbered sub-list, not a ${child.type.replace(/_/g, ' ')}`,
          child,
        );
      }
    }
    if (details.length > 0) step.details = details.join('\n\n');
    return step;
  });
}

/** Reads a procedure module. */
export const readProcedure: ModuleReader<'procedure'> = (context) => {
  const list = context.only('ordered_list', 'an ordered list of steps ("1. ...")')[0];
  return { steps: readSteps(context, list, [...context.path, 'steps']) };
};
