/**
 * The parts a controlled PDF adds to a rendered SOP: page margin boxes (SOP id, title, revision
 * and effective date on top; the footer line and "Page X of Y" below), an approvals page with
 * each signer's printed name, date and the meaning of the signature (the elements 21 CFR 11.50
 * asks a printed signature to show), and a revision history. The page only displays what the
 * document records; it is not an electronic signature and claims no Part 11 compliance.
 *
 * @packageDocumentation
 */
import { cssString, escapeHtml } from '../sop/escape-html.js';
import type { Approval, RevisionHistoryModule, SopDocument } from '../sop/index.js';

/** Options of {@link controlledCopy}. */
export interface ControlledCopyOptions {
  /**
   * The line at the foot of every page.
   * @default 'Uncontrolled when printed'
   */
  footer?: string;
}

/** The default footer line. */
export const DEFAULT_PDF_FOOTER = 'Uncontrolled when printed';

/** Meaning of a signature: the approval's own `meaning` when it states one, else derived from its role. */
export function signatureMeaning(approval: Approval): 'Authored' | 'Reviewed' | 'Approved' | string {
  if (approval.meaning !== undefined && approval.meaning.trim() !== '') return approval.meaning;
  if (/author|prepar|writ/i.test(approval.role)) return 'Authored';
  if (/review|check|verif/i.test(approval.role)) return 'Reviewed';
  return 'Approved';
}

function marginBoxes(doc: SopDocument, footer: string): string {
  const box = 'font: 9pt system-ui, sans-serif; color: #222;';
  const revision = `Revision ${doc.version}${doc.effectiveDate ? ` · Effective ${doc.effectiveDate}` : ''}`;
  return `<style data-sop-controlled>@page {
  @top-left { content: ${cssString(`${doc.id} · ${doc.title}`)}; ${box} }
  @top-center { content: none; }
  @top-right { content: ${cssString(revision)}; ${box} }
  @bottom-left { content: ${cssString(footer)}; ${box} }
  @bottom-center { content: none; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} }
}
.sop-approvals-page { break-after: page; }
.sop-approvals-page table { width: 100%; }
.sop-approvals-page .sop-signature-line { min-width: 10em; border-bottom: 1px solid #000; }
.sop-controlled-note { font-size: 0.85em; }
</style>`;
}

function approvalsPage(doc: SopDocument): string {
  const approvals = doc.approvals ?? [];
  const rows = approvals
    .map(
      (approval) =>
        `<tr><td>${escapeHtml(approval.name)}</td><td>${escapeHtml(approval.role)}</td><td>${escapeHtml(signatureMeaning(approval))}</td><td>${approval.date ? `<time datetime="${escapeHtml(approval.date)}">${escapeHtml(approval.date)}</time>` : ''}</td></tr>`,
    )
    .join('');
  const table = approvals.length
    ? `<table class="sop-table"><thead><tr><th scope="col">Printed name</th><th scope="col">Role</th><th scope="col">Meaning of signature</th><th scope="col">Date</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No approvals recorded.</p>';
  return `<section class="sop-approvals-page" aria-labelledby="sop-approvals-page-title"><h2 id="sop-approvals-page-title">Approvals</h2>${table}<p class="sop-controlled-note">Signatures as recorded in the document source (${escapeHtml(doc.id)}, revision ${escapeHtml(doc.version)}). This printout displays them; it is not an electronic signature record.</p></section>`;
}

function revisionHistory(doc: SopDocument): string {
  const module = doc.modules.find((m): m is RevisionHistoryModule => m.type === 'revision-history');
  // The document's own revision-history module is already in the body.
  if (module) return '';
  return '<section class="sop-revision-history-page"><h2>Revision History</h2><p>No revision history recorded.</p></section>';
}

/**
 * Adds the controlled-copy parts to `html`, a page rendered from `doc` (plain or redlined): the
 * margin boxes in the head, the approvals page before the contents, a revision history at the
 * end when the document has none.
 */
export function controlledCopy(html: string, doc: SopDocument, options: ControlledCopyOptions = {}): string {
  const footer = options.footer ?? DEFAULT_PDF_FOOTER;
  let out = html.replace('</head>', () => `${marginBoxes(doc, footer)}\n</head>`);
  const approvals = approvalsPage(doc);
  const toc = out.indexOf('<nav class="sop-toc"');
  const main = out.indexOf('<main class="sop-modules"');
  const at = toc >= 0 ? toc : main;
  out = at >= 0 ? out.slice(0, at) + approvals + out.slice(at) : out.replace('</body>', () => `${approvals}</body>`);
  const history = revisionHistory(doc);
  if (history) {
    const end = out.lastIndexOf('</main>');
    out = end >= 0 ? out.slice(0, end) + history + out.slice(end) : out.replace('</body>', () => `${history}</body>`);
  }
  return out;
}
