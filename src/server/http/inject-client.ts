/** Adds the client script to a document on its way to the browser. */
import {
  BOOTSTRAP_ATTRIBUTE,
  CLIENT_PATH,
  type ClientBootstrap,
  OWN_ELEMENT_ATTRIBUTE,
} from '../../shared/protocol.js';
import { clientInsertion } from './client-insertion-point.js';

/**
 * Serialises a value for an inline `<script>`: `<`, `>` and `&` are escaped so no string in
 * it can close the script element, U+2028/U+2029 so old parsers do not see a line break.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The one script element sop-preview adds to every served document: the client bundle, with its
 * bootstrap in an attribute (`&` and `"` escaped, so no value can end it; `<` and `>` too, so no
 * tool that looks for tags sees one in it). `defer` runs it once the page is parsed, as it ran
 * at the end of `<body>` before it moved to the start of the head.
 */
export function clientScript(bootstrap: ClientBootstrap): string {
  const json = JSON.stringify(bootstrap)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return `<script ${OWN_ELEMENT_ATTRIBUTE} defer src="${CLIENT_PATH}" ${BOOTSTRAP_ATTRIBUTE}="${json}"></script>`;
}

/**
 * Inserts the client script where no markup of the page can swallow it and the page parses as
 * it would without it: the start of the head (see {@link clientInsertion}).
 */
export function injectClient(html: string, bootstrap: ClientBootstrap): string {
  const { at, close } = clientInsertion(html);
  return html.slice(0, at) + close + clientScript(bootstrap) + html.slice(at);
}
