/**
 * The contract of a Markdown module reader: one function per module type, looked up by `type`,
 * like the renderers.
 *
 * @packageDocumentation
 */
import type { z } from 'zod';
import type { SopModuleType } from '../model.js';
import type { ModuleSchema } from '../schema/modules.js';
import type { ReaderContext } from './reader-context.js';

/**
 * The fields a reader produces for a module of type `T`: only the module's own keys (`type` and
 * `title` come from the heading), values still unvalidated.
 */
export type ReadFields<T extends SopModuleType> = {
  [K in Exclude<keyof z.input<ModuleSchema<T>>, 'type' | 'title'>]?: unknown;
};

/** Reads the section under one `##` heading into the fields of a module of type `T`. */
export type ModuleReader<T extends SopModuleType> = (context: ReaderContext) => ReadFields<T>;
