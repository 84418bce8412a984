/**
 * Property: after any edit of a page, `reparse()` (the previous tree with only the edited element
 * parsed again) builds exactly the tree a full parse builds: same nodes, attributes, text and
 * source offsets. The edits include ones that break the structure (stray end tags, unclosed
 * elements, comments, quotes), where it must fall back rather than guess.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ChildNode, isTag, isText } from 'domhandler';
import fc from 'fast-check';
import { parseSource } from '../../src/review/html-source.js';
import { reparse } from '../../src/review/incremental-parse.js';
import { BASE_SOP, renderYaml } from './redline-helpers.js';

/** Every node of the tree with what it is, where it is and what it holds, in document order. */
function dump(nodes: ChildNode[], out: string[] = []): string[] {
  for (const node of nodes) {
    const where = `${node.startIndex}-${node.endIndex}`;
    if (isTag(node)) {
      out.push(`<${node.name} ${JSON.stringify(node.attribs)} ${where}`);
      dump(node.children, out);
      out.push(`</${node.name}>`);
    } else out.push(`${node.type} ${isText(node) ? JSON.stringify(node.data) : ''} ${where}`);
  }
  return out;
}

const PAGE = renderYaml(BASE_SOP);
/** Half the edits land in the body, where the blocks are (the head is mostly the theme's CSS). */
const position = fc.oneof(fc.nat({ max: PAGE.length }), fc.integer({ min: PAGE.indexOf('<body'), max: PAGE.length }));

const inserted = fc.constantFrom(
  'x',
  'two words',
  '',
  '<li>',
  '</li>',
  '</div>',
  '</p>',
  '<p>',
  '<td>',
  '</ol>',
  '"',
  '<!--',
  '-->',
  '<script>',
  '<b>bold</b>',
  '<li data-block="new">new step</li>',
  '&amp;',
  '<',
);

describe('reparse() after an edit', () => {
  it('builds the tree a full parse builds, for any edit of a rendered SOP', () => {
    fc.assert(
      fc.property(
        position,
        fc.nat({ max: 40 }),
        fc.array(inserted, { maxLength: 3 }),
        position,
        (at, removed, parts, secondAt) => {
          const once = PAGE.slice(0, at) + parts.join('') + PAGE.slice(at + removed);
          const twice = `${once.slice(0, secondAt)}y${once.slice(secondAt)}`;
          let previous = parseSource(PAGE);
          for (const html of [once, twice]) {
            previous = reparse(previous, html);
            assert.deepEqual(dump(previous.document.children), dump(parseSource(html).document.children));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parses only the edited element when a step changes', () => {
    const previous = parseSource(PAGE);
    const edited = PAGE.replace('Let them dry for five minutes.', 'Let them dry for ten minutes.');
    assert.notEqual(edited, PAGE);
    const untouched = previous.document.children.find(isTag);
    const next = reparse(previous, edited);
    // The tree is the previous one, changed in place: its root element is the same object.
    assert.equal(next.document.children.find(isTag), untouched);
    assert.deepEqual(dump(next.document.children), dump(parseSource(edited).document.children));
  });
});
