/** The per-run secret that guards the WebSocket, the push API and LAN-mode HTTP. */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token (192 bits, URL-safe). */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares a presented token with the expected one in constant time, so response timing does
 * not leak how many leading characters were right. The length check first is required by
 * `timingSafeEqual`; the length of a random token is not a secret.
 */
export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
