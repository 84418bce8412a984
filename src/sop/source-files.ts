/**
 * Which files sop-preview reads, in one table: the kind of each source file (SOP, Markdown page,
 * HTML), the SOP format its extension implies, the page it becomes (`x.sop.yaml` → `x.html`),
 * and the one walk that lists them under a folder. The preview, the folder index, the static
 * export and the CLI all ask here, so a new extension is added in one place.
 *
 * @packageDocumentation
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** Kind of file, by name: an SOP, a Markdown page, an HTML page, or something not previewable. */
export type FileKind = 'sop' | 'markdown' | 'html' | 'unsupported';

/** Source format of an SOP. */
export type SopFormat = 'yaml' | 'markdown';

/** The extensions people are told about when a file is not previewable. */
export const PREVIEWABLE_EXTENSIONS = '.sop.yaml, .sop.yml, .sop.md, .md, .html';

interface SourceType {
  /** Matches the end of the file name, extension included. */
  suffix: RegExp;
  kind: FileKind;
  /** How an SOP with this extension is parsed (plain `.yaml` too, for `loadSop`). */
  format?: SopFormat;
}

// First match wins, so the `.sop.*` forms come before the bare extensions they end with.
const SOURCE_TYPES: readonly SourceType[] = [
  { suffix: /\.sop\.ya?ml$/i, kind: 'sop', format: 'yaml' },
  { suffix: /\.sop\.md$/i, kind: 'sop', format: 'markdown' },
  { suffix: /\.(md|markdown)$/i, kind: 'markdown', format: 'markdown' },
  { suffix: /\.html?$/i, kind: 'html' },
  { suffix: /\.ya?ml$/i, kind: 'unsupported', format: 'yaml' },
];

const sourceType = (path: string): SourceType | undefined =>
  SOURCE_TYPES.find((type) => type.suffix.test(basename(path)));

/** `sop` for `*.sop.yaml|yml|md`, `markdown` for other `.md`, `html` for `.html`/`.htm`. */
export function fileKind(path: string): FileKind {
  return sourceType(path)?.kind ?? 'unsupported';
}

/** `markdown` for `.md` names, `yaml` for `.yaml`/`.yml`, else `undefined`. */
export function formatOf(path: string): SopFormat | undefined {
  return sourceType(path)?.format;
}

/** The page a previewable source becomes: its source extension replaced by `.html`. */
export function pageName(path: string): string {
  const type = sourceType(path);
  return type && type.kind !== 'unsupported' ? path.replace(type.suffix, '.html') : path;
}

/**
 * Every previewable file under `root`, depth first and sorted by name within each folder (so
 * every caller picks the same file when two map to one page), skipping dotfiles,
 * `node_modules` and the folder `skip` (an export's output inside its input).
 */
export async function listSourceFiles(root: string, skip?: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(root, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || path === skip) continue;
    if (entry.isDirectory()) found.push(...(await listSourceFiles(path, skip)));
    else if (entry.isFile() && fileKind(path) !== 'unsupported') found.push(path);
  }
  return found;
}
