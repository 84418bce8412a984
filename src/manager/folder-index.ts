/**
 * Folder mode's document names and its index page (doc `index`): one row per document with its
 * title, id and status, linking to the document's own page.
 *
 * @packageDocumentation
 */
import { relative, sep } from 'node:path';
import { escapeHtml } from '../sop/escape-html.js';
import { pageName } from '../sop/source-files.js';

/** One row of the index page. */
export interface FolderEntry {
  /** Document name, e.g. `lab/ph-meter-calibration.html`. */
  doc: string;
  /** Title from the last good render, else the file name. */
  title: string;
  /** SOP id, when the document has one. */
  id?: string;
  /** SOP status (draft, approved...), when the document has one. */
  status?: string;
  /** The document currently fails to render. */
  failing: boolean;
}

/**
 * The document name of `file` under `root`: its relative path with `/` separators and the
 * source extension replaced by `.html` (`lab/ph.sop.yaml` → `lab/ph.html`).
 */
export function documentName(root: string, file: string): string {
  return pageName(relative(root, file).split(sep).join('/'));
}

/** Renders the index page listing `entries`, sorted by document name. */
export function renderFolderIndex(folderName: string, entries: readonly FolderEntry[]): string {
  const rows = [...entries]
    .sort((a, b) => a.doc.localeCompare(b.doc))
    .map((entry) => {
      const href = entry.doc.split('/').map(encodeURIComponent).join('/');
      // A block per row, so adding or retitling one document patches one row.
      return (
        `<tr data-block="doc:${escapeHtml(entry.doc)}"><td><a href="/${escapeHtml(href)}">${escapeHtml(entry.title)}</a>` +
        `${entry.failing ? ' <span class="error">(error)</span>' : ''}</td><td>${escapeHtml(entry.id ?? '')}</td>` +
        `<td>${escapeHtml(entry.status ?? '')}</td><td><code>${escapeHtml(entry.doc)}</code></td></tr>`
      );
    });
  const title = `${escapeHtml(folderName)} · sop-preview`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title><style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}` +
    `table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd}` +
    `.error{color:#b91c1c}code{font-size:.85em;color:#555}</style></head><body><h1>${title}</h1>` +
    `<table><thead><tr><th>Title</th><th>ID</th><th>Status</th><th>Page</th></tr></thead>` +
    `<tbody data-block="documents">${rows.join('')}</tbody></table>` +
    `${entries.length === 0 ? '<p data-block="empty">No documents found.</p>' : ''}</body></html>`
  );
}
