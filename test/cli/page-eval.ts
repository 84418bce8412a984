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
