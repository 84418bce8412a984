/** Closing a WebSocket politely, with a deadline. */
import { WebSocket } from 'ws';

/**
 * Closes `socket` with `code` and resolves once it is closed; a peer that does not finish the
 * closing handshake within `graceMs` (a frozen tab, a dead link) is terminated, so `stop()` never
 * waits on it.
 */
export function closeSocket(socket: WebSocket, code: number, reason: string, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) {
      resolve();
      return;
    }
    const timer = setTimeout(() => socket.terminate(), graceMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      socket.close(code, reason);
    } catch {
      socket.terminate();
    }
  });
}
