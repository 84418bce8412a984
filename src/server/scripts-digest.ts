/**
 * A short digest of a document's scripts, so a page can tell a later server run which scripts it
 * has run: the server sends it with every version and the page echoes it in its `hello`. Only the
 * server computes it; the page never needs to.
 */
import { createHash } from 'node:crypto';

/**
 * Digest of the scripts in `<head>` and after it, in order, as written; `undefined` when there is
 * none. Any change of text, attributes, order or place changes it, since any of them changes what
 * a fresh load runs.
 */
export function scriptsDigest(headScripts: readonly string[], bodyScripts: readonly string[]): string | undefined {
  if (headScripts.length === 0 && bodyScripts.length === 0) return undefined;
  const hash = createHash('sha256');
  // Each script with its place and length in front, so no two lists hash the same input.
  for (const [place, scripts] of [
    ['h', headScripts],
    ['b', bodyScripts],
  ] as const) {
    for (const script of scripts) hash.update(`${place}${script.length}:`).update(script);
  }
  // 128 bits: a page never meets enough script versions for a collision to matter.
  return hash.digest('base64url').slice(0, 22);
}
