/**
 * Runs the scripts of elements a patch or morph inserted. Scripts parsed by `innerHTML` or
 * `DOMParser` are marked as already started and never run; a fresh copy of each one does, as it
 * would have on a fresh load of the document.
 */
import { OWN_ELEMENT_ATTRIBUTE } from '../shared/protocol.js';

/** Replaces every `<script>` in or under `elements` by a copy the browser runs. */
export function runScripts(elements: Iterable<Element>): void {
  for (const element of elements) {
    const scripts = element instanceof HTMLScriptElement ? [element] : Array.from(element.querySelectorAll('script'));
    for (const script of scripts) {
      if (!script.isConnected || script.hasAttribute(OWN_ELEMENT_ATTRIBUTE)) continue;
      const copy = document.createElement('script');
      for (const { name, value } of Array.from(script.attributes)) copy.setAttribute(name, value);
      copy.text = script.text;
      // Inserted scripts are async by default; a page's scripts run in document order.
      copy.async = false;
      script.replaceWith(copy);
    }
  }
}
