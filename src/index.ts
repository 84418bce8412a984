/**
 * sop-preview: instant, reload-free live preview for SOP documents and any generated HTML.
 *
 * @packageDocumentation
 */

export * from './shared/error-codes.js';
export * from './shared/protocol.js';
