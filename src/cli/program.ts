/**
 * The `sop-preview` command line: argv → library calls. Exit codes: 0 ok, 1 runtime failure,
 * 2 usage error (one line on stderr saying what is wrong).
 *
 * @packageDocumentation
 */
import { Command, CommanderError, Option } from 'commander';
import { SERVER_DEFAULTS } from '../server/options.js';
import { PreviewError } from '../shared/error-codes.js';
import type { BuildFlags } from './build-command.js';
import type { EditFlags } from './edit-command.js';
import { packageVersion } from './package-version.js';
import type { CliOutput, ServeFlags } from './serve-command.js';
import { parseCount, UsageError } from './usage-error.js';

/** Exit codes of the CLI. */
export const ExitCode = { Ok: 0, Failure: 1, Usage: 2 } as const;

const SERVE_HELP = `
Examples:
  sop-preview procedure.sop.yaml             preview one SOP, follow every save
  sop-preview docs/ --port 3000              preview a folder: an index page plus one page per document
  sop-preview serve --push --no-open page.html   accept HTML pushed by another program
  sop-preview notes.md --host 0.0.0.0        share on the LAN (URL with token and a QR code printed)

Environment:
  SOP_PREVIEW_TOKEN   fixed token instead of a random one per run (push API, LAN mode)`;

/** `--port`, shared by the commands that start a server. */
const portOption = (): Option =>
  new Option('-p, --port <port>', 'port to try first (0: any free port)')
    .default(SERVER_DEFAULTS.port)
    .argParser(parseCount('--port', 65535));

function buildProgram(output: CliOutput, setCode: (code: number) => void): Command {
  const program = new Command('sop-preview')
    .description('Instant, reload-free live preview for Standard Operating Procedures and any generated HTML.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.out(text.replace(/\n$/, '')),
      writeErr: (text) => output.err(text.replace(/\n$/, '')),
    });

  program
    .command('serve', { isDefault: true })
    .description('preview a file (.sop.yaml, .sop.md, .md, .html) or a folder, updating on every save')
    .argument('<file|folder>', 'the document, or a folder of documents')
    .addOption(portOption())
    .option('--strict-port', 'fail instead of trying the next ports when the port is taken')
    .option(
      '--host <address>',
      'address to listen on; a non-loopback address enables LAN mode (token required)',
      SERVER_DEFAULTS.host,
    )
    .option('--open', 'open the preview in a browser (default: when run in a terminal, not in CI)')
    .option('--no-open', 'do not open a browser')
    .option('--theme <name|file>', 'theme: default, print, dark, or a CSS file')
    .addOption(
      new Option('--mode <mode>', 'apply changes in place, or reload the page')
        .choices(['morph', 'reload'])
        .default(SERVER_DEFAULTS.mode),
    )
    .option(
      '--no-fallback',
      'exit with an error instead of falling back to a self-refreshing file when the server cannot start',
    )
    .addOption(
      // No default here: the manager's (render at once) applies when the flag is absent.
      new Option('--debounce <ms>', 'wait after the last save before rendering (default: 0)').argParser(
        parseCount('--debounce', 60_000),
      ),
    )
    .option('--debug', 'log every message in and out (terminal and browser console)')
    .option('--push', 'enable the push API: PUT /__preview/content with "Authorization: Bearer <token>"')
    .option('--require-token', 'require the token on every HTTP request, also on a loopback address')
    .option(
      '--exit-with-stdin',
      'stop when standard input closes (for a parent program: the preview ends when it exits or dies)',
    )
    .option('--compare <file|revision>', 'show changes against a file, a folder or a git revision (e.g. HEAD~1)')
    .addHelpText('after', SERVE_HELP)
    // Commands load on use, so `--help` and `push` do not pay for the server and the renderer.
    .action(async (target: string, flags: ServeFlags) => {
      const { serve } = await import('./serve-command.js');
      setCode(await serve(target, flags, output));
    });

  program
    .command('edit')
    .description('edit a file (or the files of a folder) in the browser beside its live preview')
    .argument('<file|folder>', 'the document, or a folder of documents')
    .addOption(portOption())
    .option('--strict-port', 'fail instead of trying the next ports when the port is taken')
    .option('--host <address>', 'address to listen on; editing is off beyond loopback', '127.0.0.1')
    .option('--allow-remote-edit', 'allow saving from other devices when --host is not a loopback address')
    .option('--open', 'open the editor in a browser (default: when run in a terminal, not in CI)')
    .option('--no-open', 'do not open a browser')
    .option('--theme <name|file>', 'theme: default, print, dark, or a CSS file')
    .option('--require-token', 'require the token on every HTTP request, also on a loopback address')
    .option('--debug', 'log every message in and out')
    .option('--compare <file|revision>', 'preview changes against a file, a folder or a git revision, as you type')
    .action(async (target: string, flags: EditFlags) => {
      const { edit } = await import('./edit-command.js');
      setCode(await edit(target, flags, output));
    });

  program
    .command('build')
    .description('write standalone HTML (theme and media embedded) for a file or a folder')
    .argument('<file|folder>', 'the document, or a folder of documents')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--embed-media', 'inline images as data: URIs (default)')
    .option('--no-embed-media', 'copy images next to the pages instead')
    .option('--theme <name|file>', 'theme: default, print, dark, or a CSS file')
    .option('--compare <file|revision>', 'write a redline against a file, a folder or a git revision')
    .option('--pdf', 'write a controlled PDF per document through Chromium (CHROMIUM_PATH or /usr/bin/chromium)')
    .option('--pdf-footer <text>', 'footer line on every PDF page', 'Uncontrolled when printed')
    .action(async (input: string, flags: BuildFlags) => {
      const { build } = await import('./build-command.js');
      setCode(await build(input, flags, output));
    });

  program
    .command('push')
    .description('send HTML to a running "sop-preview serve --push" (file, or - for stdin)')
    .argument('<file|->', 'HTML file, or - to read standard input')
    .option('--url <url>', 'address of the preview server', `http://${SERVER_DEFAULTS.host}:${SERVER_DEFAULTS.port}`)
    .option('--token <token>', 'push token (default: $SOP_PREVIEW_TOKEN)')
    .option('--doc <name>', 'document name (default: the page at /)')
    .action(async (input: string, flags: { url: string; token?: string; doc?: string }) => {
      const { push } = await import('./push-command.js');
      setCode(await push(input, flags, output));
    });

  program
    .command('init')
    .description('write a sample SOP to start from (never overwrites)')
    .argument('[dir]', 'folder to write it to', '.')
    .action(async (dir: string) => {
      const { init } = await import('./init-command.js');
      setCode(await init(dir, output));
    });

  program
    .command('schema')
    .description('print the JSON Schema of *.sop.yaml for editors (completion and checks as you type)')
    .option('-o, --out <file>', 'write it to a file instead, e.g. sop.schema.json')
    .action(async (flags: { out?: string }) => {
      const { schema } = await import('./schema-command.js');
      setCode(await schema(flags, output));
    });

  // `sop-preview --help` shows everything: `serve` is the default command, so its flags are the
  // ones people need most and would otherwise hide behind `sop-preview serve --help`.
  program.addHelpText('after', () =>
    program.commands
      .filter((command) => command.name() !== 'help')
      .map((command) => `\n${command.helpInformation().trimEnd()}`)
      .join('\n'),
  );
  return program;
}

/**
 * Runs the CLI with `argv` (as in `process.argv`) and resolves with the exit code. Long-running
 * commands (serve) resolve once stopped by SIGINT/SIGTERM.
 */
export async function runCli(argv: readonly string[], output: CliOutput): Promise<number> {
  let code: number = ExitCode.Ok;
  const program = buildProgram(output, (value) => {
    code = value;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end in "errors" with exit code 0; commander already printed its message.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof UsageError) {
      output.err(`error: ${error.message}`);
      return ExitCode.Usage;
    }
    if (error instanceof PreviewError) {
      output.err(`error: ${error.message} [${error.code}]`);
      return ExitCode.Failure;
    }
    output.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.Failure;
  }
}
