/**
 * The addresses a preview server is reachable at: the URL shown to the user, the LAN URLs for
 * other devices, and the Host names it answers to.
 */
import { isIPv6 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { isLoopbackBindHost, type ResolvedServerOptions } from './options.js';
import { normalizeAllowedHost } from './security/host-check.js';

/** Local URL of the default document for a server bound to `host` and `port`. */
export function localUrl(host: string, port: number): string {
  let shown = host;
  // A wildcard bind is not an address a browser can open; its loopback twin is.
  if (host === '0.0.0.0') shown = '127.0.0.1';
  else if (host === '::') shown = '[::1]';
  // includes() first: Node's isIPv6 compiles a large regex on its first call (~10 ms of start-up).
  else if (host.includes(':') && isIPv6(host)) shown = `[${host}]`;
  return `http://${shown}:${port}/`;
}

/**
 * URLs other devices can open when the server listens beyond loopback, each with the token
 * (LAN mode); empty in loopback mode.
 */
export function networkUrls(host: string, port: number, token: string): string[] {
  if (isLoopbackBindHost(host)) return [];
  const wildcard = host === '0.0.0.0' || host === '::';
  const addresses = wildcard ? interfaceAddresses().filter((address) => !isLoopbackBindHost(address)) : [host];
  const encoded = encodeURIComponent(token);
  return addresses.map((address) => {
    const shown = isIPv6(address) ? `[${address}]` : address;
    return `http://${shown}:${port}/?token=${encoded}`;
  });
}

/**
 * Normalised Host names the server answers to: `allowedHosts`, the bound address, and beyond
 * loopback the machine's own addresses (what LAN devices type).
 */
export function buildAllowedHosts(options: Pick<ResolvedServerOptions, 'allowedHosts' | 'host'>): Set<string> {
  const hosts = new Set<string>(options.allowedHosts.map(normalizeAllowedHost));
  hosts.add(normalizeAllowedHost(options.host));
  if (!isLoopbackBindHost(options.host)) {
    for (const address of interfaceAddresses()) hosts.add(address.toLowerCase());
  }
  return hosts;
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((info) => info.address));
}
