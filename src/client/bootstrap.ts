/**
 * Reads the bootstrap object the server injects with the client script. The page may be
 * served by an older or foreign server, so every field falls back to a safe default.
 */
import { BOOTSTRAP_ATTRIBUTE, type ClientBootstrap, DEFAULT_DOC } from '../shared/protocol.js';

/** Every default in one place; visual aids are on unless the server turns them off. */
const DEFAULTS: ClientBootstrap = {
  token: '',
  doc: DEFAULT_DOC,
  version: 0,
  mode: 'morph',
  badge: true,
  flash: true,
  highlight: true,
  overlay: true,
  debug: false,
  themes: [],
};

const pick = <T>(value: unknown, fallback: T): T => (typeof value === typeof fallback ? (value as T) : fallback);

/**
 * Resolves `raw` (normally the parsed {@link BOOTSTRAP_ATTRIBUTE} of the client script) into a complete {@link ClientBootstrap}.
 * Fields of the wrong type are replaced by their defaults rather than trusted.
 */
export function resolveBootstrap(raw: unknown): ClientBootstrap {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    token: pick(source.token, DEFAULTS.token),
    doc: pick(source.doc, DEFAULTS.doc),
    version: pick(source.version, DEFAULTS.version),
    mode: source.mode === 'reload' ? 'reload' : DEFAULTS.mode,
    badge: pick(source.badge, DEFAULTS.badge),
    flash: pick(source.flash, DEFAULTS.flash),
    highlight: pick(source.highlight, DEFAULTS.highlight),
    overlay: pick(source.overlay, DEFAULTS.overlay),
    debug: pick(source.debug, DEFAULTS.debug),
    themes:
      Array.isArray(source.themes) && source.themes.every((name) => typeof name === 'string')
        ? [...(source.themes as string[])]
        : DEFAULTS.themes,
  };
}

/**
 * Reads the bootstrap from the running client script's attribute; call it while the bundle's
 * top level runs (`document.currentScript` is null afterwards). Unreadable JSON gives defaults.
 */
export function readBootstrap(): ClientBootstrap {
  const script = document.currentScript ?? document.querySelector(`script[${BOOTSTRAP_ATTRIBUTE}]`);
  let raw: unknown;
  try {
    raw = JSON.parse(script?.getAttribute(BOOTSTRAP_ATTRIBUTE) ?? 'null');
  } catch {
    raw = undefined;
  }
  return resolveBootstrap(raw);
}
