/**
 * The editor page (`GET /__preview/edit`): a toolbar, a conflict bar, the source pane the editor
 * script fills, and the normal preview page in an iframe (so its styles and scripts stay
 * isolated). All state comes from the bootstrap object; the page itself holds no user text.
 *
 * @packageDocumentation
 */
import { scriptSafeJson } from '../server/http/inject-client.js';
import { EDITOR_BOOTSTRAP_GLOBAL, EDITOR_SCRIPT_PATH, type EditorBootstrap } from '../shared/protocol.js';
import { escapeHtml } from '../sop/escape-html.js';

// Colours checked for WCAG AA: #1b1f24 on #f6f8fa and #fff on #0b5cad are above 7:1, the
// conflict bar's #3d2c00 on #fff4cc above 10:1; focus rings are 2px and never removed.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html,body{height:100%;margin:0}
body{display:flex;flex-direction:column;font:14px/1.4 system-ui,sans-serif;color:#1b1f24;background:#fff}
.ed-toolbar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;padding:.4rem .6rem;background:#f6f8fa;border-bottom:1px solid #8c959f}
.ed-toolbar h1{font-size:1rem;margin:0 .5rem 0 0;font-weight:600}
.ed-toolbar button,.ed-toolbar select,.ed-conflict button{font:inherit;padding:.2rem .6rem;border:1px solid #57606a;border-radius:4px;background:#fff;color:#1b1f24;cursor:pointer}
.ed-toolbar button.ed-primary{background:#0b5cad;border-color:#0b5cad;color:#fff}
.ed-toolbar button:disabled{color:#57606a;cursor:default}
:focus-visible{outline:2px solid #0b5cad;outline-offset:2px}
.ed-status{margin-left:auto;color:#3d444d}
.ed-conflict{display:flex;gap:.5rem;align-items:center;padding:.4rem .6rem;background:#fff4cc;color:#3d2c00;border-bottom:1px solid #9a6700}
.ed-conflict[hidden]{display:none}
.ed-main{flex:1;display:flex;min-height:0}
.ed-source{flex:1 1 50%;min-width:0;border-right:1px solid #8c959f;overflow:hidden}
.ed-source .cm-editor{height:100%}
.ed-preview{flex:1 1 50%;min-width:0;border:0}
.ed-label{position:absolute;left:-9999px}
`;

/** The editor page for `bootstrap.doc`. */
export function editorPageHtml(bootstrap: EditorBootstrap): string {
  const name = bootstrap.docs.find((d) => d.doc === bootstrap.doc)?.name ?? bootstrap.doc;
  const files = bootstrap.docs
    .map(
      (d) =>
        `<option value="${escapeHtml(d.doc)}"${d.doc === bootstrap.doc ? ' selected' : ''}>${escapeHtml(d.name)}</option>`,
    )
    .join('');
  const themes = bootstrap.themes
    .map((t) => `<option value="${escapeHtml(t)}"${t === bootstrap.theme ? ' selected' : ''}>${escapeHtml(t)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(name)} — sop-preview edit</title>
<style>${STYLE}</style></head>
<body>
<div class="ed-toolbar" role="toolbar" aria-label="Editor">
<h1 id="ed-name">${escapeHtml(name)}</h1>
<label class="ed-label" for="ed-files">Document</label>
<select id="ed-files"${bootstrap.docs.length > 1 ? '' : ' hidden'}>${files}</select>
<button type="button" id="ed-new"${bootstrap.folder && bootstrap.editable ? '' : ' hidden'}>New SOP</button>
<button type="button" id="ed-save" class="ed-primary"${bootstrap.editable ? '' : ' disabled'} aria-keyshortcuts="Control+S Meta+S">Save</button>
<label for="ed-theme">Theme</label>
<select id="ed-theme">${themes}</select>
<span class="ed-status" id="ed-status" role="status" aria-live="polite">${bootstrap.editable ? 'Connecting…' : 'Read-only: editing is off on this host'}</span>
</div>
<div class="ed-conflict" id="ed-conflict" role="alert" hidden>
<span>The file changed on disk while you have unsaved changes.</span>
<button type="button" id="ed-keep">Keep mine</button>
<button type="button" id="ed-load">Load from disk</button>
</div>
<div class="ed-main">
<div class="ed-source" id="ed-source"></div>
<iframe class="ed-preview" id="ed-preview" title="Preview" src="${escapeHtml(bootstrap.previewUrl)}"></iframe>
</div>
<script>window.${EDITOR_BOOTSTRAP_GLOBAL} = ${scriptSafeJson(bootstrap)};</script>
<script src="${EDITOR_SCRIPT_PATH}"></script>
</body></html>`;
}
