/**
 * Escaping for text and attribute values; every user string goes through here or through the
 * Markdown renderer (which escapes itself).
 *
 * @packageDocumentation
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '`, safe in text and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A CSS string literal (with quotes) for generated `content:` values. Everything outside a small
 * safe set becomes a hex escape, so no value can close the string or the `<style>` element.
 */
export function cssString(value: string): string {
  return `"${value.replace(/[^\w .,:;!?()/+-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}
