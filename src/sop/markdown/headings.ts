/**
 * Which `##` heading starts which module type. A type's own name and its default title always
 * work; the aliases are the other headings SOP templates commonly use. Anything else starts a free
 * `section`.
 *
 * @packageDocumentation
 */
import type { SopModuleType } from '../model.js';
import { DEFAULT_TITLES, MODULE_TYPES } from '../schema/modules.js';

/** Further headings, lower-case, per module type. */
const ALIASES: { readonly [T in SopModuleType]?: readonly string[] } = {
  purpose: ['purpose and scope'],
  summary: ['summary of method'],
  responsibilities: ['roles and responsibilities'],
  definitions: ['terms and definitions'],
  safety: ['health and safety', 'safety precautions'],
  materials: ['equipment', 'equipment and supplies'],
};

const HEADINGS = new Map<string, SopModuleType>();
for (const type of MODULE_TYPES) {
  // A heading "Section" is a free section with that title anyway, so it needs no entry.
  if (type === 'section') continue;
  for (const heading of [type.replace(/-/g, ' '), DEFAULT_TITLES[type].toLowerCase(), ...(ALIASES[type] ?? [])]) {
    HEADINGS.set(heading, type);
  }
}

/** The module type a `##` heading starts, matched case-insensitively; `section` when none. */
export function moduleTypeOf(heading: string): SopModuleType {
  return HEADINGS.get(heading.toLowerCase()) ?? 'section';
}
