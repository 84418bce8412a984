/**
 * Helpers of the review tests: render SOP text the way the preview does, redline two
 * revisions, and read back what the redline marked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Element, isTag } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { redlinePage } from '../../src/review/redline-page.js';
import { loadSopText, renderSop } from '../../src/sop/index.js';

/** The fixture SOP every edit starts from. */
export const BASE_SOP = readFileSync(join(import.meta.dirname, 'fixtures', 'base.sop.yaml'), 'utf8');

/** Renders SOP YAML to a page (throws on an invalid document: a test fixture bug). */
export function renderYaml(text: string): string {
  const loaded = loadSopText({ text, file: join(import.meta.dirname, 'fixtures', 'edited.sop.yaml') });
  if (!loaded.ok) throw new Error(`fixture does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return renderSop(loaded.document).html;
}

/** Redlines `edited` against `base` (both SOP YAML). */
export function redlineYaml(base: string, edited: string) {
  return redlinePage(renderYaml(base), renderYaml(edited), { baseLabel: 'v2.0' });
}

/** `text` with `from` replaced by `to`, failing loudly when `from` is not there (a stale fixture). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`edit: ${JSON.stringify(from)} not in the fixture`);
  return text.replace(from, to);
}

/** A marked element of a redline. */
export interface Mark {
  name: string;
  mark: string;
  key: string | undefined;
  element: Element;
}

/** Every element that carries a change bar (`data-rl`), in document order. */
export function marks(html: string): Mark[] {
  const document = parseDocument(html);
  return DomUtils.findAll((element) => element.attribs['data-rl'] !== undefined, document.children).map((element) => ({
    name: element.name,
    mark: element.attribs['data-rl'] as string,
    key: element.attribs['data-block'],
    element,
  }));
}

/** The inner HTML of `element`. */
export function innerHtml(element: Element): string {
  return DomUtils.getInnerHTML(element);
}

/** The texts of the `<ins>` or `<del>` elements under `element`. */
export function wrapped(element: Element, name: 'ins' | 'del'): string[] {
  return DomUtils.findAll((node) => node.name === name, element.children).map((node) => DomUtils.textContent(node));
}

/** Whether `element` is inside a `data-rl` element other than itself. */
export function insideMarked(element: Element): boolean {
  for (let at = element.parent; at && isTag(at); at = at.parent) if (at.attribs['data-rl'] !== undefined) return true;
  return false;
}
