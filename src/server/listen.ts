/** Binds a server to the first free port of a range. */
import type { Server } from 'node:net';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';

/** How far past the requested port the search goes. */
export const PORT_SEARCH_SPAN = 100;

function listenOnce(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host });
  });
}

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

/**
 * Listens on `port`, or with `strictPort` off on the next free one up to `port + 100` (never past
 * 65535). Only `EADDRINUSE` moves on; `EACCES` is reported at once, since a higher port would not
 * fix a missing privilege in a way the user expects. Port 0 lets the OS pick.
 */
export async function listenWithSearch(server: Server, port: number, host: string, strictPort: boolean): Promise<void> {
  const last = port === 0 || strictPort ? port : Math.min(port + PORT_SEARCH_SPAN, 65535);
  for (let candidate = port; candidate <= last; candidate += 1) {
    try {
      await listenOnce(server, candidate, host);
      return;
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EACCES') {
        throw new PreviewError(
          PreviewErrorCode.Permission,
          `Not allowed to listen on ${host}:${candidate}; choose a port above 1024 or another host.`,
          { cause: error },
        );
      }
      if (code !== 'EADDRINUSE') throw error;
      if (strictPort) {
        throw new PreviewError(
          PreviewErrorCode.PortInUse,
          `Port ${port} on ${host} is in use; free it, pick another port, or drop strictPort to search.`,
          { cause: error },
        );
      }
    }
  }
  throw new PreviewError(
    PreviewErrorCode.NoFreePort,
    `No free port between ${port} and ${last} on ${host}; free one or choose another port.`,
  );
}
