/**
 * The package's version, read from its `package.json`: what `--version` prints.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { packageFile } from '../package-files.js';

/** The version of this installation of sop-preview. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
