/** Element-name facts of HTML that several parts of the code need (the differ, the redline). */

/** The heading elements, in rank order. */
export const HEADING_NAMES = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

/**
 * Elements with no content and no end tag (WHATWG HTML's void elements plus the legacy ones
 * parsers still treat as void).
 */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
