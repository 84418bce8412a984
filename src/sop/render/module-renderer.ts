/**
 * The contract of a module renderer: one function per module type, looked up by `type`.
 *
 * @packageDocumentation
 */
import type { SopModule } from '../model.js';
import type { RenderContext } from './context.js';

/** Renders the body of one module (the heading and the keyed wrapper are added around it). */
export type ModuleRenderer<M extends SopModule = SopModule> = (module: M, context: RenderContext) => string;
