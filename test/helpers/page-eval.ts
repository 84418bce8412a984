/**
 * Page queries as expression strings: the Node tsconfig has no DOM types, and the code runs in
 * the browser anyway.
 */
import type { Page } from 'playwright-core';

/** Evaluates `expression` in the page. */
export const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

/** The page's visible text. */
export const bodyText = (page: Page): Promise<string> => inPage<string>(page, 'document.body.innerText');

/** The text of the error overlay, or undefined when none is shown. */
export const overlayText = (page: Page): Promise<string | undefined> =>
  inPage<string | null>(page, "document.querySelector('sop-preview-overlay')?.shadowRoot?.textContent ?? null").then(
    (text) => text ?? undefined,
  );

/** The connection badge as a reader sees it: its state, its shadow text and its visible buttons. */
export const badge = (page: Page): Promise<{ state: string | null; text: string; buttons: string[] }> =>
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
