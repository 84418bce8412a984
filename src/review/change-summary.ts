/**
 * The change summary at the top of a redline: one line per changed section with counts of added,
 * removed, changed and moved steps, each linking to its place, and the "Show changes" switch.
 *
 * @packageDocumentation
 */
import { type Element, isTag } from 'domhandler';
import { escapeHtml } from '../sop/escape-html.js';
import { textOf } from './html-source.js';
import type { BlockChange, ChangeMark } from './redline-tree.js';

/** Changes of one section, counted. */
export interface SectionSummary {
  /** The section's `data-block` key; `''` for changes outside any keyed block. */
  key: string;
  /** Its heading text. */
  title: string;
  /** Fragment of its place in the page, without `#` (absent for a removed section without id). */
  anchor?: string;
  /** How the section itself changed (`inserted`, `removed`, `moved`), or `changed` for its content. */
  mark: ChangeMark;
  added: number;
  removed: number;
  changed: number;
  moved: number;
  /** Table rows added, removed and changed. */
  rows: { added: number; removed: number; changed: number };
}

/** Sections whose changes are navigation, not content: the table of contents follows the modules. */
const NOT_LISTED = new Set(['toc', 'rl-summary']);

const HEADINGS = ['h1', 'h2', 'h3'];

/** The text of the section's first `h1`, else its first `h2`, else its first `h3`. */
function headingOf(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  // One walk, not one per level: a procedure of thousands of steps has no h1 to find.
  const first: (Element | undefined)[] = [];
  const visit = (at: Element): boolean => {
    for (const child of at.children) {
      if (!isTag(child)) continue;
      const level = HEADINGS.indexOf(child.name);
      if (level >= 0) first[level] ??= child;
      if (level === 0 || visit(child)) return true;
    }
    return false;
  };
  visit(element);
  const heading = first.find((found) => found !== undefined);
  return heading ? textOf(heading).trim().replace(/\s+/g, ' ') : undefined;
}

/**
 * Counts the changes per section. `lookup` finds a section's element (in the new revision, else
 * the old one) for its heading and anchor.
 */
export function summarize(
  changes: readonly BlockChange[],
  lookup: (key: string) => Element | undefined,
): SectionSummary[] {
  const sections = new Map<string, SectionSummary>();
  for (const change of changes) {
    // Changes outside any keyed block (a page without keys, a document new since the base)
    // count for the document as a whole.
    const key = change.section ?? '';
    if (NOT_LISTED.has(key)) continue;
    let section = sections.get(key);
    if (!section) {
      const element = key === '' ? undefined : lookup(key);
      section = {
        key,
        title: key === '' ? 'Document' : (headingOf(element) ?? key),
        mark: 'changed',
        added: 0,
        removed: 0,
        changed: 0,
        moved: 0,
        rows: { added: 0, removed: 0, changed: 0 },
      };
      const id = element?.attribs.id;
      if (id !== undefined) section.anchor = id;
      sections.set(key, section);
    }
    const field = change.mark === 'inserted' ? 'added' : change.mark;
    if (change.key === key || (key === '' && change.key === undefined && change.name !== 'tr'))
      section.mark = change.mark;
    else if (change.key !== undefined) section[field] += 1;
    else if (change.name === 'tr' && field !== 'moved') section.rows[field] += 1;
  }
  return [...sections.values()];
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function describe(section: SectionSummary): string {
  const what = section.key === '' ? 'document' : 'section';
  if (section.mark === 'inserted') return `new ${what}`;
  if (section.mark === 'removed') return `${what} removed`;
  const parts: string[] = [];
  if (section.mark === 'moved') parts.push('section moved');
  if (section.added) parts.push(`${plural(section.added, 'step')} added`);
  if (section.removed) parts.push(`${plural(section.removed, 'step')} removed`);
  if (section.changed) parts.push(`${plural(section.changed, 'step')} changed`);
  if (section.moved) parts.push(`${plural(section.moved, 'step')} moved`);
  if (section.rows.added) parts.push(`${plural(section.rows.added, 'row')} added`);
  if (section.rows.removed) parts.push(`${plural(section.rows.removed, 'row')} removed`);
  if (section.rows.changed) parts.push(`${plural(section.rows.changed, 'row')} changed`);
  return parts.length > 0 ? parts.join(', ') : 'text changed';
}

/**
 * The summary panel. It is a keyed block, so the live preview patches it like any other; the
 * switch is a checkbox the client keeps across patches, and the theme hides the marks when it is
 * off (`:has()`), so "clean" needs no script.
 */
export function renderSummary(sections: readonly SectionSummary[], baseLabel: string): string {
  const items = sections
    .map((section) => {
      const title = escapeHtml(section.title);
      const link = section.anchor === undefined ? title : `<a href="#${escapeHtml(section.anchor)}">${title}</a>`;
      return `<li class="rl-summary-item rl-summary-item--${section.mark}">${link}: ${describe(section)}</li>`;
    })
    .join('');
  const body = items ? `<ul class="rl-summary-list">${items}</ul>` : '<p class="rl-summary-none">No changes.</p>';
  return `<aside class="rl-summary" data-block="rl-summary" id="rl-summary" aria-labelledby="rl-summary-title"><div class="rl-summary-head"><h2 class="rl-summary-title" id="rl-summary-title">Changes since ${escapeHtml(baseLabel)}</h2><span class="rl-switch"><input type="checkbox" class="rl-toggle" id="rl-show" role="switch" checked><label for="rl-show">Show changes</label></span></div>${body}</aside>`;
}
