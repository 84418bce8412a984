/**
 * Live theme switch of one page (the badge menu, and the editor's toolbar for its preview frame):
 * a CSS-only change in that one viewer. The page's own theme (`[data-sop-theme]`) is disabled
 * through the CSSOM (no attribute changes, so the next morph has nothing to undo) and the chosen
 * theme is linked as one of our own elements, which morphs keep.
 */
import { CUSTOM_THEME, OWN_ELEMENT_ATTRIBUTE, THEME_CSS_PATH } from '../shared/protocol.js';

const OVERRIDE = 'data-sop-theme-override';

const ownThemes = (doc: Document): Array<HTMLLinkElement | HTMLStyleElement> => [
  ...doc.querySelectorAll<HTMLLinkElement | HTMLStyleElement>('style[data-sop-theme], link[data-sop-theme]'),
];

/**
 * The offered name (one of `names`) of the theme `doc` was rendered with, or `undefined` for a
 * page without one (HTML we did not render). A CSS file given with `--theme` is `custom`.
 */
export function pageTheme(doc: Document, names: readonly string[]): string | undefined {
  const own = ownThemes(doc)[0]?.dataset.sopTheme;
  if (own === undefined) return undefined;
  if (names.includes(own)) return own;
  return names.includes(CUSTOM_THEME) ? CUSTOM_THEME : undefined;
}

const overrides = (doc: Document): HTMLLinkElement[] => [...doc.querySelectorAll<HTMLLinkElement>(`link[${OVERRIDE}]`)];

const disableOwn = (doc: Document, disabled: boolean): void => {
  for (const el of ownThemes(doc)) if (el.sheet) el.sheet.disabled = disabled;
};

/** The theme `doc` shows now, or is switching to: the last one chosen, else its own. */
export function shownTheme(doc: Document, names: readonly string[]): string | undefined {
  return overrides(doc).pop()?.getAttribute(OVERRIDE) ?? pageTheme(doc, names);
}

/**
 * Shows `doc` in theme `name`; the page's own theme name (or `''`) restores it. The theme shown
 * now stays until the new one has loaded, so the page never flashes unstyled.
 */
export function switchTheme(doc: Document, name: string, names: readonly string[]): void {
  if (name === '' || name === pageTheme(doc, names)) {
    for (const link of overrides(doc)) link.remove();
    disableOwn(doc, false);
    return;
  }
  // A switch still loading is superseded by this one.
  for (const link of overrides(doc)) if (!link.sheet) link.remove();
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${THEME_CSS_PATH}?name=${encodeURIComponent(name)}`;
  link.setAttribute(OVERRIDE, name);
  link.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
  link.addEventListener('load', () => {
    if (!link.isConnected) return;
    // A later choice was made while this one loaded: the last choice wins, whatever loads first.
    if (overrides(doc).at(-1) !== link) {
      link.remove();
      return;
    }
    for (const other of overrides(doc)) if (other !== link) other.remove();
    disableOwn(doc, true);
  });
  // An unreachable theme leaves the page as it was.
  link.addEventListener('error', () => link.remove());
  doc.head.append(link);
}

/**
 * After an update: a theme element the morph created or replaced starts enabled again, so it is
 * disabled anew while a switched-to theme is on (loaded).
 */
export function keepSwitchedTheme(doc: Document): void {
  if (overrides(doc).some((link) => link.sheet)) disableOwn(doc, true);
}
