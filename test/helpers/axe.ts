/**
 * Runs axe-core (the accessibility rules engine) in a real page: its source is evaluated in the
 * page and every child frame, then one `axe.run` from the top covers the frames and open shadow
 * roots too. Only the WCAG 2.0/2.1 A and AA rules run, the level our standard promises.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** The WCAG levels checked: 2.0 and 2.1, A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** One failed axe rule and where it failed. */
export interface AxeViolation {
  /** The rule id, e.g. `color-contrast`. */
  id: string;
  /** How much it hurts: `minor`, `moderate`, `serious` or `critical`. */
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  /** Selectors of the failing elements (shadow and frame paths joined with ` >> `). */
  targets: string[];
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What one axe run found. */
export interface AxeReport {
  /** Rules that failed. */
  violations: AxeViolation[];
  /** Rules axe could not decide (e.g. contrast over a background image), for a human to review. */
  incomplete: AxeViolation[];
}

/** Runs the WCAG 2.1 AA rules on `page` and its frames. */
export async function runAxe(page: Page): Promise<AxeReport> {
  const source = await axeSource;
  // Playwright's evaluate is not subject to the page's Content-Security-Policy, so no nonce is needed.
  for (const frame of page.frames()) await frame.evaluate(source);
  // An expression string, not a function: the Node tsconfig has no DOM types, and the test
  // transpiler's name helpers do not exist in the page. Only plain data crosses back.
  return (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } }).then((r) => {
      const plain = (v) => ({ id: v.id, impact: v.impact || null, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' >> ')) });
      return { violations: r.violations.map(plain), incomplete: r.incomplete.map(plain) };
    })`,
  )) as AxeReport;
}

/** Splits violations into those that block (serious, critical) and the rest, as one line each. */
export function byImpact(violations: AxeViolation[]): { blocking: string[]; minor: string[] } {
  const line = (v: AxeViolation): string => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`;
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return { blocking: blocking.map(line), minor: violations.filter((v) => !blocking.includes(v)).map(line) };
}
