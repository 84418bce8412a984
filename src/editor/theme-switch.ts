/**
 * Live theme switch for the preview iframe: a CSS-only change in that one viewer. The page's own
 * theme (`[data-sop-theme]`) is disabled through the CSSOM (no attribute changes, so the next
 * morph has nothing to undo) and the chosen theme is linked as an element the morphs keep.
 */
import { OWN_ELEMENT_ATTRIBUTE, THEME_CSS_PATH } from '../shared/protocol.js';

const OVERRIDE = 'data-sop-theme-override';

/** Shows `frame`'s document in theme `name` (`''` or the page's own theme name restores it). */
export function switchTheme(frame: HTMLIFrameElement, name: string): void {
  const doc = frame.contentDocument;
  if (!doc) return;
  const own = [
    ...doc.querySelectorAll<HTMLLinkElement | HTMLStyleElement>('style[data-sop-theme], link[data-sop-theme]'),
  ];
  const restore = name === '' || own.some((el) => el.dataset.sopTheme === name);
  doc.querySelector(`link[${OVERRIDE}]`)?.remove();
  for (const el of own) if (el.sheet) el.sheet.disabled = !restore;
  if (restore) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${THEME_CSS_PATH}?name=${encodeURIComponent(name)}`;
  link.setAttribute(OVERRIDE, name);
  link.setAttribute(OWN_ELEMENT_ATTRIBUTE, '');
  doc.head.append(link);
}
