/** Adds the bootstrap and client scripts to a document on its way to the browser. */
import { BOOTSTRAP_GLOBAL, CLIENT_PATH, type ClientBootstrap, OWN_ELEMENT_ATTRIBUTE } from '../../shared/protocol.js';

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

/** The two script tags sop-preview adds to every served document. */
export function clientScripts(bootstrap: ClientBootstrap): string {
  return (
    `<script ${OWN_ELEMENT_ATTRIBUTE}>window.${BOOTSTRAP_GLOBAL}=${scriptSafeJson(bootstrap)}</script>` +
    `<script ${OWN_ELEMENT_ATTRIBUTE} src="${CLIENT_PATH}"></script>`
  );
}

/** Inserts the client scripts right before the last `</body>`, or appends them when there is none. */
export function injectClient(html: string, bootstrap: ClientBootstrap): string {
  const scripts = clientScripts(bootstrap);
  const index = html.toLowerCase().lastIndexOf('</body');
  return index < 0 ? html + scripts : html.slice(0, index) + scripts + html.slice(index);
}
