/**
 * Host header allow-list. It defeats DNS rebinding: a hostile site whose name resolves to
 * 127.0.0.1 still sends its own name in `Host`, and is refused.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A `Host` header split into its parts; `hostname` is lower-case, without brackets. */
export interface ParsedHost {
  hostname: string;
  port: number | null;
}

const NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?$/;
const PORT = /^\d{1,5}$/;

/** Parses a `Host` header value; `null` when it is missing or malformed. */
export function parseHostHeader(value: string | undefined): ParsedHost | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 300) return null;
  const lower = value.toLowerCase();
  let hostname: string;
  let rest: string;
  if (lower.startsWith('[')) {
    const close = lower.indexOf(']');
    if (close < 0) return null;
    hostname = lower.slice(1, close);
    if (!isIPv6(hostname)) return null;
    rest = lower.slice(close + 1);
  } else {
    const colon = lower.indexOf(':');
    hostname = colon < 0 ? lower : lower.slice(0, colon);
    rest = colon < 0 ? '' : lower.slice(colon);
    if (!NAME.test(hostname)) return null;
  }
  if (rest === '') return { hostname, port: null };
  if (!rest.startsWith(':') || !PORT.test(rest.slice(1))) return null;
  const port = Number(rest.slice(1));
  return port <= 65535 ? { hostname, port } : null;
}

/** Whether `hostname` (lower-case, no brackets) is a loopback address or a `localhost` name. */
export function isLoopbackHostname(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (isIPv4(hostname)) return hostname.startsWith('127.');
  return hostname === '::1' || hostname === '0:0:0:0:0:0:0:1';
}

/** Normalises an allow-list entry: lower-case, brackets and port removed. */
export function normalizeAllowedHost(entry: string): string {
  const parsed = parseHostHeader(entry);
  return parsed ? parsed.hostname : entry.toLowerCase();
}

/**
 * Whether a request's `Host` header is allowed: loopback names and addresses always, plus
 * `extra` (the bound address, `allowedHosts`, and in LAN mode the machine's addresses).
 */
export function isHostAllowed(value: string | undefined, extra: ReadonlySet<string>): boolean {
  const parsed = parseHostHeader(value);
  if (!parsed) return false;
  return isLoopbackHostname(parsed.hostname) || extra.has(parsed.hostname);
}
