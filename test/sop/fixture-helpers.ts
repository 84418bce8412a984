/** Shared helpers of the SOP tests: fixture paths and the `<body>` of a rendered page. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the SOP fixtures. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** Repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Inner HTML of `<body>`, the part fixtures compare. */
export function bodyOf(html: string): string {
  const start = html.indexOf('>', html.indexOf('<body')) + 1;
  const end = html.lastIndexOf('</body>');
  if (start <= 0 || end < 0) throw new Error('no <body> in the output');
  return html.slice(start, end).trim();
}
