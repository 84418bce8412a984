/**
 * Starts each previewer the latency and wire benchmarks compare, the way a user would run it from
 * the command line, in its own folder, on loopback. Peers keep their default settings; the only
 * flags are the port, no browser, loopback, and for browser-sync no UI server and no online check
 * (it would otherwise look up a public host name, and the benchmark never leaves the machine).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

/** Repository root, for the sop-preview CLI. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The tools compared. */
export const TOOLS = ['sop-preview', 'live-server', 'five-server', 'browser-sync'] as const;

/** One of {@link TOOLS}. */
export type ToolName = (typeof TOOLS)[number];

/**
 * The tools to run: all of {@link TOOLS}, or those named in `BENCH_TOOLS` (comma-separated), for
 * a quick look at one tool while developing. A full run always compares all of them.
 */
export function selectedTools(): readonly ToolName[] {
  const wanted = process.env.BENCH_TOOLS?.split(',').map((name) => name.trim());
  return wanted ? TOOLS.filter((tool) => wanted.includes(tool)) : TOOLS;
}

/** A running previewer. */
export interface RunningTool {
  /** Tool name. */
  tool: ToolName;
  /** URL of the previewed file. */
  url: string;
  /** Version of the tool's package. */
  version: string;
  /** Child process id, for CPU sampling. */
  pid: number;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * Path of a package's own executable. Not `node_modules/.bin`: five-server also installs a bin
 * named `live-server`, which shadows the real live-server there.
 */
function packageBin(pkg: string, bin: string): { path: string; version: string } {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    version: string;
    bin: string | Record<string, string>;
  };
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin];
  if (relative === undefined) throw new Error(`${pkg} has no bin named ${bin}`);
  return { path: join(dirname(manifestPath), relative), version: manifest.version };
}

function sopPreviewVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url, { headers: { accept: 'text/html' } });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url} after ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForOutput(pattern: RegExp, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match;
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} in output after ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function launch(args: string[], cwd: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { child, output: () => text.slice(-4000) };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
}

/**
 * Starts `tool` previewing `file` (a name inside `dir`). For peers `file` should be `index.html`
 * or any HTML file they serve from `dir`.
 */
export async function startTool(tool: ToolName, dir: string, file: string): Promise<RunningTool> {
  const timeoutMs = 20_000;
  if (tool === 'sop-preview') {
    const { child, output } = launch([join(ROOT, 'bin', 'sop-preview.js'), file, '--port', '0', '--no-open'], dir);
    try {
      const match = await waitForOutput(/Local:\s+(http:\/\/\S+)/, child, output, timeoutMs);
      const url = match[1] as string;
      await waitForHttp(url, child, output, timeoutMs);
      return { tool, url, version: sopPreviewVersion(), pid: child.pid ?? 0, output, stop: stopper(child) };
    } catch (error) {
      await stopper(child)();
      throw error;
    }
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { path, version } =
    tool === 'browser-sync' ? packageBin('browser-sync', 'browser-sync') : packageBin(tool, tool);
  const args: Record<Exclude<ToolName, 'sop-preview'>, string[]> = {
    'live-server': ['--no-browser', `--port=${port}`, '--host=127.0.0.1'],
    'five-server': ['--open=false', `--port=${port}`, '--host=127.0.0.1'],
    'browser-sync': [
      'start',
      '--server',
      '--files',
      '*.html',
      '--no-open',
      '--port',
      String(port),
      '--listen',
      '127.0.0.1',
      '--no-ui',
      '--no-online',
    ],
  };
  const { child, output } = launch([path, ...args[tool]], dir);
  const url = `${base}/${file === 'index.html' ? '' : file}`;
  try {
    await waitForHttp(url, child, output, timeoutMs);
  } catch (error) {
    await stopper(child)();
    throw error;
  }
  return { tool, url, version, pid: child.pid ?? 0, output, stop: stopper(child) };
}
