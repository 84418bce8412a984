/**
 * The themes `serve` and `edit` offer for a live switch (the badge menu, the editor toolbar): the
 * built-ins, plus `custom` for a `--theme` CSS file. The server serves them by name only.
 *
 * @packageDocumentation
 */
import type { ThemeChoices } from '../server/options.js';
import { CUSTOM_THEME } from '../shared/protocol.js';
import { BUILTIN_THEMES } from '../sop/render-options.js';
import { themeStylesheet } from '../sop/themes.js';

const isBuiltin = (theme: string): boolean => (BUILTIN_THEMES as readonly string[]).includes(theme);

/** The offered name of the theme documents render with (`--theme`): a built-in name or `custom`. */
export function themeChoiceName(theme?: string): string {
  if (!theme) return 'default';
  return isBuiltin(theme) ? theme : CUSTOM_THEME;
}

/** The switchable themes of a run whose documents render with `theme` (`--theme`). */
export function sopThemeChoices(theme?: string): ThemeChoices {
  const custom = theme && !isBuiltin(theme) ? theme : undefined;
  return {
    names: [...BUILTIN_THEMES, ...(custom ? [CUSTOM_THEME] : [])],
    css: (name) => themeStylesheet(name === CUSTOM_THEME && custom ? custom : name),
  };
}
