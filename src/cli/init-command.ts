/**
 * `sop-preview init [dir]`: writes a sample SOP to start from, never overwriting a file.
 *
 * @packageDocumentation
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CliOutput } from './serve-command.js';

const SAMPLE_NAME = 'ph-meter-calibration.sop.yaml';

// The repository's example, when this runs from a checkout; the published package ships without
// examples and uses the embedded one.
const EXAMPLE = new URL(`../../examples/lab/${SAMPLE_NAME}`, import.meta.url);

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

/** The text `init` writes: the repository's example SOP, or the embedded minimal one. */
export function sampleSop(): Promise<string> {
  return readFile(EXAMPLE, 'utf8').catch(() => MINIMAL_SAMPLE);
}

/** Writes the sample into `dir`; exit code 0, also when the file already exists (left untouched). */
export async function init(dir: string, output: CliOutput): Promise<number> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, SAMPLE_NAME);
  const sample = await sampleSop();
  try {
    await writeFile(target, sample, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    output.err(`${relative(process.cwd(), target) || target} already exists; left it unchanged`);
    return 0;
  }
  output.out(`wrote ${relative(process.cwd(), target) || target}`);
  output.out(`next: sop-preview ${relative(process.cwd(), target) || target}`);
  return 0;
}
