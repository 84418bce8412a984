/**
 * The HTML page around a rendered body: doctype, head with the theme, body.
 *
 * @packageDocumentation
 */
import { escapeHtml } from '../escape-html.js';

/** Parts of a page. */
export interface PageParts {
  title: string;
  /** Trusted head HTML (theme, generated styles). */
  head: string;
  /** Trusted body HTML. */
  body: string;
  bodyClass: string;
}

/** Wraps a body into a complete HTML document. */
export function renderPage(parts: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sop-preview">
<title>${escapeHtml(parts.title)}</title>
${parts.head}
</head>
<body class="${parts.bodyClass}">
${parts.body}
</body>
</html>
`;
}
