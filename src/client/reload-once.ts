/**
 * Reloads the page for a version at most once per tab. A page that reloads and comes back still
 * behind the version it reloaded for (its bootstrap lost, as when a half-typed `<script>` at the
 * end of the page swallowed it) would be told to reload again on every greeting: a reload loop
 * that only closing the tag ended. The version the tab last reloaded for is kept in
 * `sessionStorage`, which a reload keeps; asked again for the same one, the page stays and warns.
 */

/** `sessionStorage` key; its value is `doc@version`. */
const RELOADED_KEY = 'sop-preview:reloaded-for';

/**
 * Reloads the page to show `version` of `doc`, unless this tab already reloaded for it.
 * Returns whether it reloads. Without storage (a sandboxed frame), it always reloads.
 */
export function reloadOnce(doc: string, version: number): boolean {
  const mark = `${doc}@${version}`;
  try {
    if (sessionStorage.getItem(RELOADED_KEY) === mark) {
      console.warn(
        `[sop-preview] version ${version} was loaded once already and the page still shows another: not reloading again`,
      );
      return false;
    }
    sessionStorage.setItem(RELOADED_KEY, mark);
  } catch {
    // Storage is unavailable: one reload per request, as before.
  }
  location.reload();
  return true;
}
