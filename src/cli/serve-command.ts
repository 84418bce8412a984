/**
 * `sop-preview [serve] <file|folder>`: previews a document (or a folder of them) and follows
 * every save. Wires `SopFileSource` to `PreviewManager`; all behaviour lives in the library.
 *
 * @packageDocumentation
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import qrcode from 'qrcode-terminal';
import { PreviewManager } from '../manager/preview-manager.js';
import type { RenderCallback } from '../manager/render-outcome.js';
import { SopFileSource } from '../manager/sop-file-source.js';
import { sopThemeChoices } from '../manager/theme-choices.js';
import type { RedlineRenderer } from '../review/index.js';
import type { LivePreviewServer } from '../server/live-preview-server.js';
import type { ServerExtension } from '../server/server-extension.js';
import { PreviewErrorCode } from '../shared/error-codes.js';
import { DEFAULT_DOC, PUSH_PATH } from '../shared/protocol.js';
import { fileKind, formatDiagnostic, PREVIEWABLE_EXTENSIONS, type SopDiagnostic } from '../sop/index.js';
import { UsageError } from './usage-error.js';

/** Options of the serve command, as commander parses them. */
export interface ServeFlags {
  port: number;
  strictPort?: boolean;
  host: string;
  open?: boolean;
  theme?: string;
  mode: string;
  fallback: boolean;
  debounce?: number;
  debug?: boolean;
  push?: boolean;
  requireToken?: boolean;
  exitWithStdin?: boolean;
  /** `--compare <file|folder|revision>`: show the document as a redline against it. */
  compare?: string;
}

/**
 * What another command (`edit`) adds to a preview run: server routes and sockets, lines printed
 * after the addresses, and the URL `--open` opens.
 */
export interface ServeAttachment {
  extension: ServerExtension;
  /** Lines printed after the preview's addresses, given the server's base URL. */
  describe(url: string): string[];
  /** The URL to open instead of the preview's. */
  openUrl(url: string): string;
  close(): Promise<void>;
}

/**
 * Builds a {@link ServeAttachment} once the document source exists; `redliner` is the run's
 * `--compare` redliner, if any, so an attachment's own renders show the same redline.
 */
export type ServeAttach = (
  source: SopFileSource,
  server: () => LivePreviewServer | undefined,
  redliner?: RedlineRenderer,
) => ServeAttachment;

/** Where the command writes; tests and embedders can capture it. */
export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Default `--open`: only for a person at a terminal, never in CI or when piped. */
export function defaultOpen(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.CI;
}

/** Prints diagnostics, repeating warnings only when they changed since the last render of that file. */
function diagnosticPrinter(output: CliOutput): (file: string, diagnostics: readonly SopDiagnostic[]) => void {
  const lastWarnings = new Map<string, string>();
  return (file, diagnostics) => {
    const warnings = diagnostics
      .filter((d) => d.severity === 'warning')
      .map(formatDiagnostic)
      .join('\n');
    for (const diagnostic of diagnostics) if (diagnostic.severity === 'error') output.err(formatDiagnostic(diagnostic));
    if (warnings && lastWarnings.get(file) !== warnings) output.err(warnings);
    lastWarnings.set(file, warnings);
  };
}

/**
 * Runs the preview until SIGINT/SIGTERM. Resolves with the exit code once stopped; rejects with
 * a `UsageError` for bad input and a `PreviewError` when the server cannot start.
 */
export async function serve(
  target: string,
  flags: ServeFlags,
  output: CliOutput,
  attach?: ServeAttach,
): Promise<number> {
  if (flags.mode !== 'morph' && flags.mode !== 'reload') {
    throw new UsageError(`--mode expects "morph" or "reload", got "${flags.mode}"`);
  }
  const path = resolve(target);
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch {
    throw new UsageError(`no such file or folder: ${target}`);
  }
  if (!isFolder && fileKind(path) === 'unsupported') {
    throw new UsageError(`cannot preview ${target}: expected ${PREVIEWABLE_EXTENSIONS} or a folder`);
  }
  // The manager is built after the source (it needs the source's root), so removals reach it late-bound.
  let manager: PreviewManager | undefined;
  const sourceOptions = {
    ...(flags.theme ? { theme: flags.theme } : {}),
    onDiagnostics: diagnosticPrinter(output),
    onRemoved: (doc: string) => manager?.removeDocument(doc),
  };
  const source = isFolder
    ? await SopFileSource.forFolder(path, sourceOptions)
    : await SopFileSource.forFile(path, sourceOptions);
  for (const { file, reason } of source.skipped()) output.err(`skipped ${file}: ${reason}`);
  const debug = flags.debug ? (line: string) => output.err(`[debug] ${line}`) : false;
  const open = flags.open ?? defaultOpen();
  const compared = flags.compare ? await redlined(source, flags) : undefined;
  const render = compared?.render ?? source.render;
  const attachment = attach?.(source, () => manager?.server ?? undefined, compared?.redliner);
  manager = new PreviewManager({
    render,
    server: {
      port: flags.port,
      host: flags.host,
      strictPort: Boolean(flags.strictPort),
      root: source.root,
      mode: flags.mode,
      push: Boolean(flags.push),
      ...(flags.requireToken ? { requireToken: true } : {}),
      debug,
      client: { debug: Boolean(flags.debug) },
      // Any page rendered from an SOP source can switch theme from its badge; other pages show no menu.
      themes: sopThemeChoices(flags.theme),
      ...(attachment ? { extension: attachment.extension } : {}),
    },
    fallbackOnFailure: flags.fallback,
    debounceMs: flags.debounce,
    ...(open
      ? {
          openBrowser: async (url: string) => {
            const { default: openUrl } = await import('open');
            await openUrl(attachment?.openUrl(url) ?? url).catch((error: Error) =>
              output.err(`could not open a browser: ${error.message}`),
            );
          },
        }
      : {}),
  });
  manager.on('status', ({ level, message, error }) => {
    // Document errors are already printed with their code frame by the diagnostic printer; only
    // a render that threw (a bug or an unreadable theme, say) reaches the terminal from here.
    if (level === 'warn') output.err(`warning: ${message}`);
    else if (level === 'error' && error?.code === PreviewErrorCode.Render)
      output.err(`error: ${message} [${error.code}]`);
    else if (level === 'info' && flags.debug) output.err(`[status] ${message}`);
  });

  await source.watch(() => manager.requestUpdate());
  try {
    await manager.open();
  } catch (error) {
    await source.close();
    throw error;
  }
  printAddresses(manager, flags, output, isFolder ? source.documents().length : undefined);
  if (attachment && manager.server) for (const line of attachment.describe(manager.server.url)) output.out(line);

  return new Promise<number>((done) => {
    let stopping = false;
    let releaseStdin = (): void => undefined;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      releaseStdin();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      Promise.all([source.close(), manager.close(), attachment?.close()]).then(
        () => done(0),
        (error: Error) => {
          output.err(`error while stopping: ${error.message}`);
          done(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (flags.exitWithStdin) releaseStdin = stopWhenStdinCloses(stop);
  });
}

/**
 * `--exit-with-stdin`: a program that spawns the CLI keeps the write end of its standard input;
 * when that program exits, or is killed and cannot clean up, the pipe closes and the preview
 * stops with it. Opt-in, because a CLI started with no input (CI, a service) would stop at once.
 */
function stopWhenStdinCloses(stop: () => void): () => void {
  const { stdin } = process;
  const drop = (): void => undefined;
  const release = (): void => {
    stdin.off('end', stop);
    stdin.off('close', stop);
    stdin.off('error', stop);
    stdin.off('data', drop);
    // A stdin still open would keep the process alive after a stop by signal.
    stdin.pause();
    stdin.destroy();
  };
  stdin.on('end', stop);
  stdin.on('close', stop);
  stdin.on('error', stop);
  // Whatever arrives is read and dropped: the stream is only a lifeline.
  stdin.on('data', drop);
  stdin.resume();
  return release;
}

/** `--compare`: the source's renders, redlined against the compared revision, and the redliner. */
async function redlined(
  source: SopFileSource,
  flags: ServeFlags,
): Promise<{ render: RenderCallback; redliner: RedlineRenderer }> {
  const { createRedlineRenderer, redlineRenderCallback } = await import('../review/index.js');
  const redliner = await createRedlineRenderer({
    compare: flags.compare ?? '',
    root: source.root,
    // As SopFileSource renders, so the earlier revision differs only where the document does.
    render: { ...(flags.theme ? { theme: flags.theme } : {}), embedMedia: false, embedTheme: true },
  });
  const files = (): Map<string, string> => new Map(source.documents().map(({ doc, file }) => [doc, file]));
  return { render: redlineRenderCallback(source.render, (doc) => files().get(doc ?? DEFAULT_DOC), redliner), redliner };
}

function printAddresses(manager: PreviewManager, flags: ServeFlags, output: CliOutput, documents?: number): void {
  const server = manager.server;
  if (!server) {
    output.out(`Fallback: ${manager.url ?? ''}`);
    output.out(`  (a self-refreshing file preview; ${manager.fallbackFolder ?? ''} is removed on exit)`);
    return;
  }
  output.out(`Local: ${server.url}`);
  const network = server.networkUrls();
  // A loopback alias with --require-token (e.g. 127.0.0.2 to rehearse LAN mode) has no LAN
  // address, but the page still needs the token: print the URL that carries it.
  if (network.length === 0 && flags.requireToken)
    network.push(`${server.url}?token=${encodeURIComponent(server.token)}`);
  for (const url of network) output.out(`Network: ${url}`);
  const first = network[0];
  // The QR code is for a phone on the LAN; it is printed for the loopback rehearsal too, so what
  // the author sees there is what a LAN run prints.
  if (first) qrcode.generate(first, { small: true }, (code) => output.out(code));
  if (flags.push) {
    output.out(`Push: PUT ${new URL(PUSH_PATH, server.url).href}[?doc=NAME] with "Authorization: Bearer <token>"`);
    output.out(`Token: ${server.token}`);
  }
  if (documents !== undefined) output.out(`Documents: ${documents}`);
  output.out('Press Ctrl+C to stop.');
}
