/**
 * Callouts (danger/warning/caution/note), used by the safety module and by steps.
 *
 * @packageDocumentation
 */
import { renderInlineMarkdown } from '../markdown-text.js';
import type { Callout } from '../model.js';

const LABELS: Record<Callout['level'], string> = {
  danger: 'Danger',
  warning: 'Warning',
  caution: 'Caution',
  note: 'Note',
};

/** One callout as an `<aside>`; `text` is inline Markdown. */
export function renderCallout(callout: Callout): string {
  const role = callout.level === 'note' ? 'note' : 'alert';
  return `<aside class="sop-callout sop-callout--${callout.level}" role="${role}"><strong class="sop-callout-label">${LABELS[callout.level]}:</strong> ${renderInlineMarkdown(callout.text)}</aside>`;
}
