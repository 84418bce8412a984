/**
 * Loads sop-preview's `LivePreviewServer` for the in-process benchmarks. Loaded at run time and
 * checked against the few members the benchmarks use, so a benchmark can report "unavailable"
 * with the reason instead of inventing a figure when that part of the product is missing.
 */

/** The part of `LivePreviewServer` the benchmarks drive. */
export interface BenchServer {
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  updateContent(html: string, options?: { doc?: string }): unknown;
  readonly url: string;
  readonly port: number;
  readonly token: string;
}

/** Options the benchmarks pass: loopback and any free port. */
export interface BenchServerOptions {
  port: number;
  host: string;
  [option: string]: unknown;
}

/** Result of {@link loadLivePreviewServer}: the constructor, or why it is missing. */
export type LoadedServer =
  | { ok: true; create(options: BenchServerOptions): BenchServer }
  | { ok: false; reason: string };

/** Module that exports the server; a variable so the type checker does not require it to exist yet. */
const SERVER_MODULE = '../../src/server/live-preview-server.js';

const hasMembers = (value: unknown): value is BenchServer =>
  typeof value === 'object' &&
  value !== null &&
  ['start', 'stop', 'updateContent'].every(
    (name) => typeof (value as unknown as Record<string, unknown>)[name] === 'function',
  );

/** Imports `LivePreviewServer`, or explains why it cannot be used. */
export async function loadLivePreviewServer(): Promise<LoadedServer> {
  let module: Record<string, unknown>;
  try {
    module = (await import(SERVER_MODULE)) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: `LivePreviewServer not available: ${(error as Error).message.split('\n')[0]}` };
  }
  const Server = module.LivePreviewServer;
  if (typeof Server !== 'function')
    return { ok: false, reason: 'src/server/live-preview-server.ts has no LivePreviewServer export' };
  const Constructor = Server as new (options: BenchServerOptions) => unknown;
  return {
    ok: true,
    create(options) {
      const server = new Constructor(options);
      if (!hasMembers(server)) throw new Error('LivePreviewServer lacks start/stop/updateContent');
      return server;
    },
  };
}

/** The version `updateContent` returned (it may return the result directly or as a promise). */
export async function updatedVersion(result: unknown): Promise<number> {
  const value = (await result) as { version?: unknown } | undefined;
  if (typeof value?.version !== 'number') throw new Error('updateContent did not return {version}');
  return value.version;
}
