/**
 * Property: for random SOPs and random edits, the redline is valid HTML (a spec parser builds
 * exactly the tree we wrote) and, with `<del>` removed and `<ins>` unwrapped, reads exactly like
 * the new revision.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AnyNode, type Element, isTag, isText } from 'domhandler';
import fc from 'fast-check';
import { DomUtils, parseDocument } from 'htmlparser2';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { stringify } from 'yaml';
import { redlinePage } from '../../src/review/redline-page.js';
import { RedlineSession } from '../../src/review/redline-session.js';
import { redlineYaml, renderYaml } from './redline-helpers.js';

type Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['document'];
type Step = { id?: string; text: string; steps?: Step[] };
type Module =
  | { type: 'purpose' | 'scope'; text: string }
  | { type: 'materials'; items: { item: string; quantity: string }[] }
  | { type: 'procedure'; steps: Step[] }
  | { type: 'section'; title: string; text: string };

const word = fc.constantFrom(
  'rinse',
  'buffer',
  'dry',
  'the',
  'balance',
  'weigh',
  'check',
  'record',
  '5',
  'mL',
  'a',
  '&',
  '<b>',
  'pH',
  '—',
  'log',
);
const sentence = fc.array(word, { minLength: 1, maxLength: 9 }).map((words) => `${words.join(' ')}.`);
const step: fc.Arbitrary<Step> = fc.record(
  { id: fc.option(fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'), { nil: undefined }), text: sentence },
  { requiredKeys: ['text'] },
);
const steps = fc.uniqueArray(step, { minLength: 1, maxLength: 6, selector: (s) => s.id ?? s.text });
const modules = fc
  .tuple(
    sentence,
    fc.array(fc.record({ item: sentence, quantity: fc.constantFrom('1', '2 L', '5 mL') }), {
      minLength: 1,
      maxLength: 4,
    }),
    steps,
    fc.array(sentence, { minLength: 1, maxLength: 3 }),
  )
  .map(([purpose, items, procedure, section]): Module[] => [
    { type: 'purpose', text: purpose },
    { type: 'materials', items },
    { type: 'procedure', steps: procedure },
    { type: 'section', title: 'Notes', text: section.join('\n\n') },
  ]);

/** Parents whose content model has no text, so no <ins>/<del> either. */
const NO_TEXT = new Set(['ol', 'ul', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'dl']);

type Edit = (modules: Module[], pick: number, text: string) => void;
const procedureOf = (modules: Module[]) => modules.find((m) => m.type === 'procedure') as { steps: Step[] };
const edits: Edit[] = [
  (m, pick, text) => procedureOf(m).steps.splice(pick % (procedureOf(m).steps.length + 1), 0, { text: `new ${text}` }),
  (m, pick) => {
    const list = procedureOf(m).steps;
    if (list.length > 1) list.splice(pick % list.length, 1);
  },
  (m, pick, text) => {
    const target = procedureOf(m).steps[pick % procedureOf(m).steps.length] as Step;
    target.text = target.text.replace(/\w+/, text.replace(/\.$/, ''));
  },
  (m, pick, text) => {
    const materials = m.find((x) => x.type === 'materials') as { items: { item: string }[] };
    (materials.items[pick % materials.items.length] as { item: string }).item = text;
  },
  (m, pick) => {
    const [moved] = m.splice(pick % m.length, 1);
    m.splice((pick * 7) % (m.length + 1), 0, moved as Module);
  },
  (m, pick, text) => {
    const target = procedureOf(m).steps[pick % procedureOf(m).steps.length] as Step;
    target.steps = [{ text }];
  },
  (m, _pick, text) => {
    const section = m.find((x) => x.type === 'section') as { text: string };
    section.text += `\n\n${text}`;
  },
  (m, pick, text) => {
    const materials = m.find((x) => x.type === 'materials') as { items: { item: string; quantity: string }[] };
    if (pick % 2 === 0 && materials.items.length > 1) materials.items.splice(pick % materials.items.length, 1);
    else materials.items.splice(pick % (materials.items.length + 1), 0, { item: text, quantity: '9 kg' });
  },
];
const editList = fc.array(fc.tuple(fc.nat(edits.length - 1), fc.nat(50), sentence), { minLength: 1, maxLength: 4 });

function sop(modules: Module[]): string {
  return stringify({ id: 'SOP-P-1', title: 'Property', version: '1', status: 'draft', modules });
}

/** A parse5 subtree as plain data: names, sorted attributes, text (adjacent text merged). */
function shape(node: Node): unknown {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!('childNodes' in node)) return null;
  const children: unknown[] = [];
  for (const child of node.childNodes) {
    const value = shape(child);
    if (value === null) continue;
    if (typeof value === 'string' && typeof children[children.length - 1] === 'string')
      children[children.length - 1] += value;
    else children.push(value);
  }
  const attrs = 'attrs' in node ? node.attrs.map((a) => `${a.name}=${a.value}`).sort() : [];
  return { name: node.nodeName, attrs, children };
}

function find(node: Node, test: (node: Node) => boolean): Node | undefined {
  if (test(node)) return node;
  if (!('childNodes' in node)) return undefined;
  for (const child of node.childNodes) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

/** Text of a parse5 subtree with `<del>` dropped and `<ins>` read as its content. */
function acceptedText(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (node.nodeName === 'del' || !('childNodes' in node)) return '';
  return node.childNodes.map(acceptedText).join('');
}

/** The same shape from htmlparser2, which never corrects nesting: the tree as written. */
function writtenShape(node: AnyNode): unknown {
  if (isText(node)) return node.data;
  if (!isTag(node)) return null;
  const children: unknown[] = [];
  for (const child of node.children) {
    const value = writtenShape(child);
    if (value === null) continue;
    if (typeof value === 'string' && typeof children[children.length - 1] === 'string')
      children[children.length - 1] += value;
    else children.push(value);
  }
  const attrs = Object.entries(node.attribs)
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  return { name: node.name, attrs, children };
}

/**
 * The body's shape without its last text when that is blank: the spec parser moves the newline
 * after `</body>` into the body, which says nothing about the markup inside.
 */
function withoutTrailingSpace(body: unknown): unknown {
  const { children, ...rest } = body as { children: unknown[] };
  const last = children[children.length - 1];
  return { ...rest, children: typeof last === 'string' && last.trim() === '' ? children.slice(0, -1) : children };
}

/** The new revision's (or the redline's) article. */
function article(html: string): Node {
  const found = find(parse(html), (node) => node.nodeName === 'article');
  assert.ok(found, 'the page has an <article>');
  return found;
}

describe('redline property', () => {
  it('random edits: valid HTML whose accepted text is the new revision', () => {
    fc.assert(
      fc.property(modules, editList, (base, changes) => {
        const next: Module[] = structuredClone(base);
        for (const [which, pick, text] of changes) (edits[which] as Edit)(next, pick, text);
        const nextYaml = sop(next);
        const { html } = redlineYaml(sop(base), nextYaml);
        // Valid: the spec parser (which moves misplaced <ins>/<del> and closes misnested tags)
        // builds the same tree as our own non-correcting parse of the same text.
        const spec = shape(find(parse(html), (node) => node.nodeName === 'body') as Node);
        const written = writtenShape(
          DomUtils.findOne((e) => e.name === 'body', parseDocument(html).children) as Element,
        );
        assert.deepEqual(withoutTrailingSpace(spec), withoutTrailingSpace(written));
        // Valid content models too: no <ins>/<del> where only list items, rows or cells may go.
        const misplaced = DomUtils.findAll(
          (e) =>
            (e.name === 'ins' || e.name === 'del') &&
            isTag(e.parent as AnyNode) &&
            NO_TEXT.has((e.parent as Element).name),
          parseDocument(html).children,
        );
        assert.deepEqual(
          misplaced.map((e) => `${(e.parent as Element).name} > ${e.name}`),
          [],
        );
        assert.equal(acceptedText(article(html)), acceptedText(article(renderYaml(nextYaml))));
      }),
      { numRuns: 80 },
    );
  });

  it('live: redlining save after save (one session) gives the page a fresh redline gives', () => {
    fc.assert(
      fc.property(modules, editList, (base, changes) => {
        const baseHtml = renderYaml(sop(base));
        const session = new RedlineSession(baseHtml);
        const next: Module[] = structuredClone(base);
        session.redline(renderYaml(sop(next)));
        for (const [which, pick, text] of changes) {
          (edits[which] as Edit)(next, pick, text);
          const html = renderYaml(sop(next));
          assert.equal(session.redline(html).html, redlinePage(baseHtml, html).html);
        }
      }),
      { numRuns: 80 },
    );
  });
});
