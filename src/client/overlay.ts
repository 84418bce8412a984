/**
 * The error overlay: the error's code, message, `file:line:column` and code frame, in a panel
 * over the last good render (which stays visible around it). Dismissable; cleared by
 * `error-cleared` or the next applied update.
 */
import type { PreviewErrorPayload } from '../shared/protocol.js';
import { createOwnHost, type OwnHost } from './own-host.js';

const CSS = `
.o{position:fixed;inset:0;z-index:2147483647;display:flex;align-items:flex-start;justify-content:center;
padding:5vh 16px;background:rgba(0,0,0,.35);font:14px/1.5 system-ui,sans-serif;overflow:auto}
.p{max-width:860px;width:100%;background:#1e1e1e;color:#eee;border-top:4px solid #e74c3c;border-radius:6px;
padding:16px 20px;box-shadow:0 8px 30px rgba(0,0,0,.4)}
.h{display:flex;justify-content:space-between;gap:12px;align-items:baseline}
.c{color:#e74c3c;font-weight:600}.m{margin:8px 0;font-size:16px;white-space:pre-wrap}
.l{color:#9cdcfe;font-family:ui-monospace,monospace}
pre{margin:12px 0 0;padding:12px;background:#111;border-radius:4px;overflow:auto;font:13px/1.45 ui-monospace,monospace}
button{font:inherit;color:#eee;background:#444;border:0;border-radius:4px;padding:2px 10px;cursor:pointer}`;

/** Formats where an error is, as `file:line:column` (parts that are unknown are left out). */
export function formatLocation(error: PreviewErrorPayload): string {
  if (!error.file) return '';
  if (error.line === undefined) return error.file;
  return error.column === undefined ? `${error.file}:${error.line}` : `${error.file}:${error.line}:${error.column}`;
}

/** The overlay; its host exists only while an error is shown. */
export class ErrorOverlay {
  private current: OwnHost | undefined;

  /** Shows `error`, replacing any error already shown. */
  show(error: PreviewErrorPayload): void {
    this.hide();
    this.current = createOwnHost('sop-preview-overlay', CSS);
    const backdrop = document.createElement('div');
    backdrop.className = 'o';
    const panel = document.createElement('div');
    panel.className = 'p';
    panel.setAttribute('role', 'alert');
    const header = document.createElement('div');
    header.className = 'h';
    const code = text('span', 'c', error.code);
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.addEventListener('click', () => this.hide());
    header.append(code, close);
    panel.append(header, text('div', 'm', error.message));
    const location = formatLocation(error);
    if (location) panel.append(text('div', 'l', location));
    if (error.frame) panel.append(text('pre', '', error.frame));
    backdrop.append(panel);
    this.current.root.append(backdrop);
  }

  /** Removes the overlay, if shown. */
  hide(): void {
    this.current?.host.remove();
    this.current = undefined;
  }
}

/** Text goes in as text, never as HTML: messages quote the author's source. */
function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = content;
  return element;
}
