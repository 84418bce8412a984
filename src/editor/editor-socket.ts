/**
 * The editor page's socket: the preview's WebSocket path with `editor=1`, the token and the
 * document; reconnects with a capped backoff while the page is open.
 */
import { EDITOR_QUERY, type EditorClientMessage, type EditorServerMessage, WS_PATH } from '../shared/protocol.js';

/** A reconnecting editor socket. */
export interface EditorSocket {
  /** Sends `message`; `false` when not connected (the caller keeps its state and retries on open). */
  send(message: EditorClientMessage): boolean;
}

/** Connects and calls `onMessage` for every server message, `onState` on every (dis)connect. */
export function connectEditor(
  token: string,
  doc: string,
  onMessage: (message: EditorServerMessage) => void,
  onState: (open: boolean) => void,
): EditorSocket {
  let socket: WebSocket | null = null;
  let delay = 250;
  const url = new URL(WS_PATH, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  url.searchParams.set('doc', doc);
  url.searchParams.set(EDITOR_QUERY, '1');
  const open = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      delay = 250;
      onState(true);
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      try {
        onMessage(JSON.parse(event.data) as EditorServerMessage);
      } catch {
        // A frame from a newer server that this page cannot read is skipped, not fatal.
      }
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      onState(false);
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 5000);
    });
  };
  open();
  return {
    send(message) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
  };
}
