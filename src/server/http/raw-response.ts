/** Responses written straight to a socket, where no `ServerResponse` exists. */

// Headers of the responses written straight to a socket (refused upgrades, unparsable requests).
const RAW_HEADERS = 'Connection: close\r\nContent-Length: 0\r\nX-Content-Type-Options: nosniff\r\n';

/** A complete empty HTTP/1.1 response with `status` and its reason phrase `text`. */
export function rawResponse(status: number, text: string): string {
  return `HTTP/1.1 ${status} ${text}\r\n${RAW_HEADERS}\r\n`;
}
