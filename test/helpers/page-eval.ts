/**
 * Page queries as expression strings: the Node tsconfig has no DOM types, and the code runs in
 * the browser anyway. Each takes anything that evaluates an expression, so the same probe works
 * on a Playwright page and on every engine's {@link EnginePage}.
 */
import type { EnginePage } from './engine.js';

/** What the probes need of a page: Playwright's `Page` and {@link EnginePage} both fit. */
export interface Evaluates {
  evaluate(expression: string): Promise<unknown>;
}

/** Evaluates `expression` in the page. */
export const inPage = <T>(page: Evaluates, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

/** The page's visible text. */
export const bodyText = (page: Evaluates): Promise<string> => inPage<string>(page, 'document.body.innerText');

/** The text of the error overlay, or undefined when none is shown. */
export const overlayText = (page: Evaluates): Promise<string | undefined> =>
  inPage<string | null>(page, "document.querySelector('sop-preview-overlay')?.shadowRoot?.textContent ?? null").then(
    (text) => text ?? undefined,
  );

/** The connection badge as a reader sees it: its state, its shadow text and its visible buttons. */
export const badge = (page: Evaluates): Promise<{ state: string | null; text: string; buttons: string[] }> =>
  inPage(
    page,
    `(() => {
      const host = document.querySelector('sop-preview-badge');
      const root = host && host.shadowRoot;
      return {
        state: host && host.getAttribute('data-state'),
        text: (root && root.textContent) || '',
        buttons: root ? Array.from(root.querySelectorAll('button:not([hidden])'), (b) => b.textContent) : [],
      };
    })()`,
  );

/** `document.querySelector(selector)` as a JS expression (the selector quoted safely). */
const query = (selector: string): string => `document.querySelector(${JSON.stringify(selector)})`;

/** The text content of the first element `selector` matches, or null when none does. */
export const textContent = (page: Evaluates, selector: string): Promise<string | null> =>
  inPage(page, `${query(selector)}?.textContent ?? null`);

/** The value of the input `selector` matches. */
export const inputValue = (page: Evaluates, selector: string): Promise<string> =>
  inPage(page, `${query(selector)}.value`);

/** An attribute of the first element `selector` matches, or null. */
export const attribute = (page: Evaluates, selector: string, name: string): Promise<string | null> =>
  inPage(page, `${query(selector)}?.getAttribute(${JSON.stringify(name)}) ?? null`);

/** How many elements match `selector`. */
export const count = (page: Evaluates, selector: string): Promise<number> =>
  inPage(page, `document.querySelectorAll(${JSON.stringify(selector)}).length`);

/**
 * Selects `values` in the `<select>` `selector` matches and fires `input` and `change`, as a
 * reader's choice does (what Playwright's `selectOption` does too).
 */
export const selectValues = (page: Evaluates, selector: string, values: readonly string[]): Promise<void> =>
  inPage(
    page,
    `(() => {
      const select = ${query(selector)};
      const wanted = ${JSON.stringify(values)};
      for (const option of select.options) option.selected = wanted.includes(option.value);
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    })()`,
  );
