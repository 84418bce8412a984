/** The parent side of `ws-swarm.ts`: start it, wait for versions, close it. */
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SwarmCommand, SwarmConfig, SwarmReport } from './ws-swarm.js';

const SWARM = join(dirname(fileURLToPath(import.meta.url)), 'ws-swarm.ts');

/** A running swarm of WebSocket clients in a child process. */
export interface Swarm {
  /** Child process id. */
  pid: number;
  /** Resolves with the wall time at which the last client reached `version` (or a later one). */
  reached(version: number, timeoutMs?: number): Promise<number>;
  /** Closes every client and waits for the process to exit. */
  close(): Promise<void>;
}

/** The WebSocket URL and origin of a preview server at `url` with `token`. */
export function swarmTarget(url: string, token: string, doc: string, clients: number): SwarmConfig {
  const base = new URL(url);
  const ws = new URL('/__preview/ws', base);
  ws.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  ws.searchParams.set('token', token);
  ws.searchParams.set('doc', doc);
  return { url: ws.href, origin: base.origin, doc, clients };
}

/** Starts a swarm and resolves once every client is connected. */
export async function startSwarm(config: SwarmConfig): Promise<Swarm> {
  const child: ChildProcess = fork(SWARM, [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let floor = -1;
  let floorAt = 0;
  const waiters = new Map<number, (at: number) => void>();
  let failure: string | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: SwarmReport) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'failed') {
        failure = message.message;
        reject(new Error(`client swarm failed: ${message.message}`));
      } else {
        floor = message.version;
        floorAt = message.at;
        for (const [version, wake] of waiters) if (version <= floor) wake(message.at);
      }
    });
    child.once('exit', (code) => reject(new Error(`client swarm exited with ${code}`)));
  });
  await ready;
  return {
    pid: child.pid ?? 0,
    reached(version, timeoutMs = 30_000) {
      if (version <= floor) return Promise.resolve(floorAt);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(version);
          reject(new Error(failure ?? `not every client received version ${version} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(version, (at) => {
          clearTimeout(timer);
          waiters.delete(version);
          resolve(at);
        });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' } satisfies SwarmCommand);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
