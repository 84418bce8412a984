/**
 * The DOM as the exactness rule compares it: element names, attributes, text and comments, with
 * sop-preview's own elements (`data-sop-preview`) and reserved attribute (`data-sop-key`) left
 * out, and adjacent text nodes joined (a browser may split long text; the reader cannot tell).
 */
import { type Evaluates, inPage } from '../helpers/page-eval.js';

// Browser-side source: the Node tsconfig has no DOM types, and the code runs in the page anyway.
const SNAPSHOT = `(root) => {
  const out = [];
  const text = (data) => {
    if (out.length > 0 && out[out.length - 1].startsWith('#')) out[out.length - 1] = '#' + out[out.length - 1].slice(1) + data;
    else out.push('#' + data);
  };
  const walk = (node) => {
    if (node.nodeType === 1) {
      if (node.hasAttribute('data-sop-preview')) return;
      const attributes = Array.from(node.attributes)
        .filter((a) => a.name !== 'data-sop-key')
        .map((a) => a.name + '=' + JSON.stringify(a.value))
        .sort();
      out.push('<' + node.localName + (attributes.length ? ' ' + attributes.join(' ') : '') + '>');
      if (node.localName === 'template' && node.content) walk(node.content);
      for (const child of Array.from(node.childNodes)) walk(child);
      out.push('</' + node.localName + '>');
    } else if (node.nodeType === 3) text(node.data);
    else if (node.nodeType === 8) out.push('<!--' + node.data + '-->');
    else if (node.nodeType === 10) out.push('<!DOCTYPE ' + node.name + ' ' + JSON.stringify(node.publicId) + ' ' + JSON.stringify(node.systemId) + '>');
    else if (node.nodeType === 11 || node.nodeType === 9) for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(root);
  return out.map((line) => (line.startsWith('#') ? JSON.stringify(line.slice(1)) : line)).join('\\n');
}`;

/**
 * Browser-side source of a function from a `Document` to the mode its parser chose. `compatMode`
 * says `CSS1Compat` for limited-quirks too; an image alone in a table cell tells them apart (the
 * cell is as tall as the image in quirks and limited-quirks mode, a line taller in no-quirks). The
 * probe sits in a shadow root of one of our own elements, so page CSS cannot reach it and no
 * snapshot sees it; where nothing after `<body>` is rendered (a `<frameset>` page) it says `unknown`.
 */
const MODE = `(doc) => {
  if (doc.compatMode === 'BackCompat') return 'quirks';
  const host = doc.createElement('div');
  host.setAttribute('data-sop-preview', '');
  host.style.setProperty('display', 'block', 'important');
  host.attachShadow({ mode: 'open' }).innerHTML =
    '<table cellpadding=0 cellspacing=0><tr><td><img style="display:inline-block;width:1px;height:1px"></td></tr></table>';
  doc.documentElement.append(host);
  const height = host.shadowRoot.querySelector('td').offsetHeight;
  host.remove();
  return height === 0 ? 'unknown' : height === 1 ? 'limited-quirks' : 'no-quirks';
}`;

/**
 * Browser-side source of a function from a `Document` to its snapshot as a whole: its mode
 * (quirks, limited-quirks or no-quirks), then everything the document holds, doctype and the
 * comments around `<html>` included.
 */
export const DOCUMENT_SNAPSHOT = `(doc) => (${MODE})(doc) + '\\n' + (${SNAPSHOT})(doc)`;

/** Snapshot of the live page's mode (quirks or standards) and `<html>`. */
export const liveSnapshot = (page: Evaluates): Promise<string> =>
  inPage(page, `document.compatMode + '\\n' + (${SNAPSHOT})(document.documentElement)`);

/** Whether `html` loads in another mode (quirks or standards) than the page's: the client then reloads. */
export const changesMode = (page: Evaluates, html: string): Promise<boolean> =>
  inPage(
    page,
    `new DOMParser().parseFromString(${JSON.stringify(html)}, 'text/html').compatMode !== document.compatMode`,
  );

/**
 * Waits (in the page, polling each millisecond) until the page shows `version`, then returns the
 * snapshots of the live page and of a fresh parse of `html` (DOMParser: scripts never run).
 */
export const snapshotsAt = (page: Evaluates, version: number, html: string): Promise<{ live: string; fresh: string }> =>
  inPage(
    page,
    `(async () => {
      const snapshot = ${SNAPSHOT};
      const deadline = Date.now() + 20000;
      while (window.__SOP_PREVIEW_STATE__.version !== ${version}) {
        if (Date.now() > deadline) throw new Error('timed out waiting for version ${version}');
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const fresh = new DOMParser().parseFromString(${JSON.stringify(html)}, 'text/html');
      // The mode (quirks or standards) first: the layout follows it, and a morph cannot change it.
      return {
        live: document.compatMode + '\\n' + snapshot(document.documentElement),
        fresh: fresh.compatMode + '\\n' + snapshot(fresh.documentElement),
      };
    })()`,
  );

/** Where two snapshots first differ, with a few lines of context, for assertion messages. */
export function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const b = expected.split('\n');
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at += 1;
  return `line ${at}:\n  live:  ${a.slice(Math.max(0, at - 2), at + 3).join(' | ')}\n  fresh: ${b.slice(Math.max(0, at - 2), at + 3).join(' | ')}`;
}
