/**
 * Entry point of the `sop-preview` command (bin/sop-preview.js imports the built copy).
 *
 * @packageDocumentation
 */
import { runCli } from './program.js';

const code = await runCli(process.argv, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
// exitCode rather than exit(): lets stdout drain when piped, and nothing else keeps us alive.
process.exitCode = code;
