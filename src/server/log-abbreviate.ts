/** Shortening of frames and paths for the optional log, so one huge document cannot flood it. */

/** Longest text logged as is; longer text is cut and its length noted. */
const MAX_LOGGED_CHARS = 160;

/** `text` when short, else its first {@link MAX_LOGGED_CHARS} characters and its length. */
export function abbreviate(text: string): string {
  return text.length > MAX_LOGGED_CHARS ? `${text.slice(0, MAX_LOGGED_CHARS)}… (${text.length} chars)` : text;
}
