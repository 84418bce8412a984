/**
 * Host elements for sop-preview's own UI. Each is a custom-named element with a shadow root, so
 * document CSS cannot restyle its insides and its CSS cannot leak into the document. Hosts are
 * appended to `<html>`, after `<body>`, so body morphs never even see them.
 */
import { OWN_ELEMENT_ATTRIBUTE } from '../shared/protocol.js';

/** A host element and its shadow root. */
export interface OwnHost {
  host: HTMLElement;
  root: ShadowRoot;
}

/**
 * Creates `<tag data-sop-preview>` with an open shadow root holding `css`, and attaches it.
 * Inline `!important` styles keep page rules such as `html > * { display: none }` off the host.
 */
export function createOwnHost(tag: string, css: string): OwnHost {
  const host = document.createElement(tag);
  host.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
  host.style.setProperty('display', 'block', 'important');
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  document.documentElement.append(host);
  return { host, root };
}
