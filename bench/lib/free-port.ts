/** A free loopback TCP port for the peer servers, which cannot listen on port 0 and report it. */
import { createServer } from 'node:net';

/** Asks the OS for a free port on 127.0.0.1 and releases it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
