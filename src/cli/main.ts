/**
 * Entry point of the `sop-preview` command (bin/sop-preview.js imports the built copy).
 *
 * @packageDocumentation
 */
import { packageVersion } from './package-version.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Programs call `--version` to find out what is installed: answered without loading the
  // command line (commander and every command's options), about a quarter of its start-up.
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { runCli } = await import('./program.js');
  const code = await runCli(process.argv, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  // exitCode rather than exit(): lets stdout drain when piped, and nothing else keeps us alive.
  process.exitCode = code;
}
