/**
 * Runs the built CLI (`node bin/sop-preview.js`) as a child process for end-to-end tests: waits
 * for its printed lines by polling, and stops it with SIGTERM like a user pressing Ctrl+C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { poll } from '../helpers/poll.js';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI entry point. */
export const BIN = join(ROOT, 'bin', 'sop-preview.js');

/** A running CLI process and what it printed so far. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal name) once the process ends. */
  exited: Promise<number | string>;
  /** Polls stdout until `pattern` matches and returns its first group (or the whole match). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | string>;
}

/** How to start the CLI: folder, extra environment variables, and another entry point than {@link BIN}. */
export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** The `bin/sop-preview.js` of another install (an installed npm tarball, say). */
  bin?: string;
}

/** Starts `sop-preview ...args`. */
export function startCli(args: string[], options: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, CI: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = outputEnded(child);
  let done = false;
  void exited.then(() => {
    done = true;
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(pattern, timeoutMs = 10_000) {
      const failure = (): string => `a line matching ${pattern} (exited: ${done})\nstdout:\n${out}\nstderr:\n${err}`;
      return poll(
        () => {
          const match = pattern.exec(out);
          if (match) return match[1] ?? match[0];
          // A process that ended will never print the line: fail now instead of at the timeout.
          if (done) throw new Error(`no ${failure()}`);
          return undefined;
        },
        { timeout: timeoutMs, message: failure },
      );
    },
    async stop() {
      if (!done) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Resolves with the exit code (or signal name) once the process has ended and its output has
 * been read: 'exit' can fire before the last bytes on the pipes arrive, so a test reading stderr
 * right after it would sometimes see nothing. A grandchild that keeps the pipes open must not
 * hold the test, so the wait for 'close' after 'exit' is bounded.
 */
export function outputEnded(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => {
    let code: number | string = -1;
    let timer: NodeJS.Timeout | undefined;
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve(exitCode ?? signal ?? code);
    });
    child.once('exit', (exitCode, signal) => {
      code = exitCode ?? signal ?? -1;
      timer = setTimeout(() => resolve(code), 2000);
    });
  });
}

/** Runs the CLI to completion. */
export async function runCli(
  args: string[],
  options: CliOptions & { input?: string } = {},
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const cli = startCli(args, options);
  cli.child.stdin?.end(options.input ?? '');
  const code = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** Copies the repository's examples into a fresh temp folder, so tests never touch the repo. */
export async function copyExamples(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sop-preview-cli-'));
  await cp(join(ROOT, 'examples'), dir, { recursive: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
