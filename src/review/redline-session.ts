/**
 * `RedlineSession`: the redlines of one document, save after save, against one base. The base
 * is parsed and indexed once; each new version is parsed by re-parsing only the element the save
 * changed (`reparse()`), and word diffs of blocks the save did not touch are reused, so a save's
 * cost follows the size of the edit more than the size of the page. The output is the same as
 * `redlinePage()`'s.
 *
 * @packageDocumentation
 */
import { type HtmlSource, parseSource } from './html-source.js';
import { reparse } from './incremental-parse.js';
import { type RedlinePage, type RedlinePageOptions, redlineParsed } from './redline-page.js';
import { WordDiffMemo } from './word-diff.js';

/** Redlines successive versions of one document against one base revision. */
export class RedlineSession {
  /** The base page as given. */
  readonly baseHtml: string;
  readonly #base: HtmlSource;
  #last: HtmlSource | undefined;
  readonly #memo = new WordDiffMemo();

  /** @param baseHtml - the rendered base revision (parsed here, once) */
  constructor(baseHtml: string) {
    this.baseHtml = baseHtml;
    this.#base = parseSource(baseHtml);
  }

  /** Redlines `newHtml`, the document's current render, against the base. */
  redline(newHtml: string, options: RedlinePageOptions = {}): RedlinePage {
    const last = this.#last;
    // reparse() reuses (changes) the last tree: if anything below throws, none is kept.
    this.#last = undefined;
    const next = last ? reparse(last, newHtml) : parseSource(newHtml);
    this.#memo.nextRedline();
    const page = redlineParsed(this.#base, next, options, this.#memo);
    this.#last = next;
    return page;
  }
}
