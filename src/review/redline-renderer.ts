/**
 * `createRedlineRenderer()`: what `serve`, `build` and `edit` call to show a document against the
 * revision named by `--compare`. The earlier revision is rendered once per file (again only when
 * the base file or the revision's commit changes) with the same options as the current one (same
 * theme, same media handling), then every new render of the file is redlined against it.
 *
 * @packageDocumentation
 */
import { basename, dirname, resolve } from 'node:path';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import type { RenderSopOptions } from '../sop/index.js';
import { renderText } from '../sop/render-file.js';
import { baseVersion, type CompareBase, compareLabel, readBaseText, resolveCompareBase } from './compare-source.js';
import type { RedlinePage } from './redline-page.js';
import { RedlineSession } from './redline-session.js';

/** Options of {@link createRedlineRenderer}. */
export interface RedlineRendererOptions {
  /** The `--compare` value: a file, a folder (for a folder of documents) or a git revision. */
  compare: string;
  /**
   * The folder being previewed or built; a folder base is matched by paths relative to it.
   * @default the folder of each file
   */
  root?: string;
  /**
   * Render options of the current revision (theme, `embedMedia`, `embedTheme`): the earlier one
   * is rendered the same way so only the document's own changes show.
   * @default {}
   */
  render?: RenderSopOptions;
  /**
   * Working folder for relative `compare` paths.
   * @default process.cwd()
   */
  cwd?: string;
}

/** Redlines rendered pages against the compared revision. */
export interface RedlineRenderer {
  /** How the summary names the compared revision. */
  readonly label: string;
  /**
   * Redlines `html`, the current render of `file`, against the compared revision of that file.
   * Rejects with `PREVIEW_ERR_COMPARE` when the earlier revision cannot be read or rendered.
   */
  redline(file: string, html: string): Promise<RedlinePage>;
}

/** A page with nothing in it: a document the base does not have shows as inserted whole. */
const EMPTY_PAGE = '<!doctype html><html><head></head><body></body></html>';

/** `src="x.png?v=123"`: the preview's cache buster, not a change of the image. */
const CACHE_BUSTED = /src="([^"?]+)\?v=(\d+)"/g;
const PLAIN_SRC = /src="([^"?]+)"/g;

/** The base page with the current page's cache busters on the same images (one pass, however many images). */
function carryCacheBusters(baseHtml: string, html: string): string {
  const versions = new Map<string, string>();
  for (const [, url, version] of html.matchAll(CACHE_BUSTED))
    if (!versions.has(url as string)) versions.set(url as string, version as string);
  if (versions.size === 0) return baseHtml;
  return baseHtml.replace(PLAIN_SRC, (whole, url: string) => {
    const version = versions.get(url);
    return version === undefined ? whole : `src="${url}?v=${version}"`;
  });
}

/** Renders `text` as the earlier revision of `file`, media resolved against the current file's folder. */
function renderBase(text: string, file: string, options: RenderSopOptions): string {
  // The file's own name selects the format and names it in messages; nothing is read from it.
  const result = renderText(file, text, { ...options, baseDir: options.baseDir ?? dirname(file) });
  if (!result.ok) {
    const first = result.errors[0];
    throw new PreviewError(
      PreviewErrorCode.Compare,
      `--compare: the earlier revision of ${basename(file)} does not render: ${first ? `${first.code} ${first.message}` : 'unknown error'}`,
    );
  }
  return result.html;
}

/**
 * Creates a redline renderer for the `--compare` value. The `edit` command and any embedder use
 * it like `serve` does: render the current document as usual, then pass the HTML through
 * `redline()`.
 *
 * @example
 * ```ts
 * const redliner = await createRedlineRenderer({ compare: 'HEAD', render: { theme: 'default' } });
 * const current = await renderFile(file, { theme: 'default' });
 * if (current.ok) server.updateContent((await redliner.redline(file, current.html)).html);
 * ```
 */
export async function createRedlineRenderer(options: RedlineRendererOptions): Promise<RedlineRenderer> {
  const cwd = options.cwd ?? process.cwd();
  const base: CompareBase = await resolveCompareBase(options.compare, cwd);
  const renderOptions = options.render ?? {};
  const root = (file: string): string => options.root ?? dirname(file);
  /**
   * Per file: the base as rendered for one version of the base (file times, commit id) and the
   * session that redlines against it. The base is read and rendered again only when that
   * version changes.
   */
  const documents = new Map<string, { version: string; html: Promise<string>; session?: RedlineSession }>();
  const label = compareLabel(base, cwd);
  return {
    label,
    async redline(file, html) {
      const path = resolve(cwd, file);
      const version = await baseVersion(base, path, root(path));
      let document = documents.get(path);
      if (document?.version !== version) {
        const rendered = readBaseText(base, path, root(path)).then((text) =>
          text === undefined ? EMPTY_PAGE : renderBase(text, path, renderOptions),
        );
        const entry = { version, html: rendered };
        // A failure is not kept: the next render tries again (e.g. after `git fetch`).
        rendered.catch(() => {
          if (documents.get(path) === entry) documents.delete(path);
        });
        documents.set(path, entry);
        document = entry;
      }
      const baseHtml = carryCacheBusters(await document.html, html);
      if (document.session?.baseHtml !== baseHtml) document.session = new RedlineSession(baseHtml);
      return document.session.redline(html, { baseLabel: label });
    },
  };
}
