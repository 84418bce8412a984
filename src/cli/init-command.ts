/**
 * `sop-preview init [dir]`: writes a sample SOP to start from and, beside it, the JSON Schema that
 * editors use to complete and check it. Never overwrites a file.
 *
 * @packageDocumentation
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { packageFile } from '../package-files.js';
import { schemaText } from './schema-command.js';
import type { CliOutput } from './serve-command.js';

const SAMPLE_NAME = 'ph-meter-calibration.sop.yaml';
/** The image the example SOP shows, relative to it. */
const SAMPLE_MEDIA = join('media', 'ph-meter-setup.svg');

/** The schema file `init` writes next to the sample; its modeline points here. */
export const SCHEMA_NAME = 'sop.schema.json';

/**
 * The first line of the sample: the YAML language server (VS Code, Neovim, Helix…) reads it and
 * validates the file against the schema beside it. Relative, so it works offline and keeps
 * working when the folder moves.
 */
export const SCHEMA_MODELINE = `# yaml-language-server: $schema=./${SCHEMA_NAME}`;

// The repository's example, when this runs from a checkout; the published package ships without
// examples and uses the embedded one.
const EXAMPLE = packageFile('examples', 'lab', SAMPLE_NAME);

const MINIMAL_SAMPLE = `# A minimal SOP. Preview it with: sop-preview ${SAMPLE_NAME}
id: SOP-LAB-001
title: pH meter calibration
version: "1.0"
status: draft
owner: Lab manager
modules:
  - type: purpose
    text: Calibrate the bench pH meter so readings are accurate to ±0.02 pH.
  - type: procedure
    steps:
      - text: Rinse the electrode with deionised water and blot it dry.
      - text: Immerse the electrode in pH 7.00 buffer and confirm the reading.
      - text: Repeat with pH 4.00 and pH 10.00 buffers.
`;

/**
 * The sample SOP: the repository's example, or the embedded minimal one. Without the schema
 * modeline, because other callers (the editor's "New SOP") write it where no schema file is.
 */
export function sampleSop(): Promise<string> {
  return readFile(EXAMPLE, 'utf8').catch(() => MINIMAL_SAMPLE);
}

/** `text` with {@link SCHEMA_MODELINE} as its first line, unless it already starts with one. */
export function withSchemaModeline(text: string): string {
  return text.startsWith('# yaml-language-server:') ? text : `${SCHEMA_MODELINE}\n${text}`;
}

/**
 * Writes `text` to `file` unless it exists; whether it wrote. Exclusive create, so a file that
 * appears meanwhile is still never replaced.
 */
async function writeNew(file: string, text: string | Uint8Array): Promise<boolean> {
  try {
    await writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

/**
 * Copies the image the example SOP shows next to it (without it the first preview opens on a
 * missing-media warning); the path written, or `undefined` when there is no example image (the npm
 * package ships the minimal sample) or a file is already there.
 */
async function copySampleMedia(dir: string): Promise<string | undefined> {
  const image = await readFile(packageFile('examples', 'lab', SAMPLE_MEDIA)).catch(() => undefined);
  if (!image) return undefined;
  const target = join(dir, SAMPLE_MEDIA);
  await mkdir(dirname(target), { recursive: true });
  return (await writeNew(target, image)) ? target : undefined;
}

/**
 * Writes the sample and the schema into `dir`; exit code 0, also when either already exists
 * (left untouched, with a note on stderr). An existing schema file that differs from this
 * version's may be the user's own, so it is kept and the command that refreshes it is named.
 */
export async function init(dir: string, output: CliOutput): Promise<number> {
  await mkdir(dir, { recursive: true });
  const shown = (file: string): string => relative(process.cwd(), file) || file;
  const target = join(dir, SAMPLE_NAME);
  const schemaFile = join(dir, SCHEMA_NAME);

  const wroteSop = await writeNew(target, withSchemaModeline(await sampleSop()));
  if (wroteSop) output.out(`wrote ${shown(target)}`);
  else output.err(`${shown(target)} already exists; left it unchanged`);
  const media = wroteSop ? await copySampleMedia(dir) : undefined;
  if (media) output.out(`wrote ${shown(media)}`);

  const schema = schemaText();
  if (await writeNew(schemaFile, schema)) {
    output.out(`wrote ${shown(schemaFile)} (the schema editors check the SOP against)`);
  } else if ((await readFile(schemaFile, 'utf8')) !== schema) {
    output.err(
      `${shown(schemaFile)} already exists and differs from this version's schema; left it unchanged ` +
        `(refresh it with: sop-preview schema --out ${shown(schemaFile)})`,
    );
  }

  if (wroteSop) output.out(`next: sop-preview ${shown(target)}`);
  return 0;
}
