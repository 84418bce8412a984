/**
 * What a Markdown module reader gets: the blocks under one `##` heading, where its values go in the
 * data, and the means to mark their lines and to stop with an error.
 *
 * @packageDocumentation
 */
import type { BlockNode } from '../markdown-tree.js';
import type { SopModuleType } from '../model.js';
import { DEFAULT_TITLES } from '../schema/modules.js';
import type { DataPath } from '../validate.js';
import type { SourceMarks } from './source-marks.js';

/** A Markdown body that cannot be read; `line` is 0-based within the body. */
export class MarkdownError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** 0-based body line of a block (0 for none). */
export const lineOf = (node: BlockNode | undefined): number => node?.map?.[0] ?? 0;

/** The section of one module, handed to its reader. */
export class ReaderContext {
  constructor(
    /** The module type the heading named. */
    readonly type: SopModuleType,
    /** The `##` heading block. */
    readonly heading: BlockNode,
    /** The blocks between this heading and the next. */
    readonly children: readonly BlockNode[],
    /** The section's Markdown source, trimmed. */
    readonly text: string,
    /** Path of the module in the data (`['modules', n]`). */
    readonly path: DataPath,
    private readonly marks: SourceMarks,
  ) {}

  /** Records that the value at `path` was written on body line `line0`, starting with `text`. */
  mark(path: DataPath, line0: number, text = ''): void {
    this.marks.mark(path, line0, text);
  }

  /** An error at `node` to throw; the loader turns it into a diagnostic. */
  error(message: string, node: BlockNode | undefined): MarkdownError {
    return new MarkdownError(message, lineOf(node));
  }

  /** The section's blocks, all of `kind`; `hint` describes what the module expects. */
  only(kind: string, hint: string): readonly BlockNode[] {
    const wrong = this.children.find((c) => c.type !== kind);
    if (wrong) {
      throw this.error(`"${DEFAULT_TITLES[this.type]}" expects ${hint}, found ${wrong.type.replace(/_/g, ' ')}`, wrong);
    }
    return this.children;
  }
}
