/**
 * The document-control header: id, title, version, status, dates, owner, approvals.
 *
 * @packageDocumentation
 */
import { escapeHtml } from '../escape-html.js';
import type { SopDocument } from '../model.js';

const STATUS_LABELS: Record<SopDocument['status'], string> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  obsolete: 'Obsolete',
};

const time = (date: string) => `<time datetime="${escapeHtml(date)}">${escapeHtml(date)}</time>`;

/** Renders the header block (key `meta`). */
export function renderHeader(doc: SopDocument): string {
  const fields: [string, string][] = [
    ['Version', escapeHtml(doc.version)],
    ['Status', `<span class="sop-status sop-status--${doc.status}">${STATUS_LABELS[doc.status]}</span>`],
  ];
  if (doc.effectiveDate) fields.push(['Effective', time(doc.effectiveDate)]);
  if (doc.reviewDate) fields.push(['Next review', time(doc.reviewDate)]);
  if (doc.owner) fields.push(['Owner', escapeHtml(doc.owner)]);
  if (doc.department) fields.push(['Department', escapeHtml(doc.department)]);
  const meta = fields.map(([label, value]) => `<div><dt>${label}</dt><dd>${value}</dd></div>`).join('');
  let approvals = '';
  if (doc.approvals && doc.approvals.length > 0) {
    const rows = doc.approvals
      .map(
        (a) =>
          `<tr><td>${escapeHtml(a.role)}</td><td>${escapeHtml(a.name)}</td><td>${a.date ? time(a.date) : ''}</td></tr>`,
      )
      .join('');
    approvals = `<table class="sop-table sop-approvals"><caption>Approvals</caption><thead><tr><th scope="col">Role</th><th scope="col">Name</th><th scope="col">Date</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
  return `<header class="sop-header" data-block="meta" id="sop-meta"><p class="sop-id">${escapeHtml(doc.id)}</p><h1 class="sop-title">${escapeHtml(doc.title)}</h1><dl class="sop-meta">${meta}</dl>${approvals}</header>`;
}
