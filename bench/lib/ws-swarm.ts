/**
 * Child process of the fan-out and soak benchmarks: opens many WebSocket clients to a preview
 * server and reports, over IPC, when the last of them has received a version. Kept out of the
 * server's process so the server's RSS and event loop are measured alone.
 *
 * Started with `node --import tsx bench/lib/ws-swarm.ts` and the {@link SwarmConfig} as JSON in
 * `argv[2]`.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type ServerMessage } from '../../src/shared/protocol.js';
import { wallClockMs } from './wall-clock.js';

/** What the swarm connects to. */
export interface SwarmConfig {
  /** `ws://…/__preview/ws?token=…&doc=…` */
  url: string;
  /** The server's own origin; the server refuses others. */
  origin: string;
  /** Document name. */
  doc: string;
  /** Number of clients. */
  clients: number;
}

/** Messages the swarm sends its parent. */
export type SwarmReport =
  /** Every client is connected and has said hello. */
  | { type: 'ready'; clients: number }
  /** The last client reached `version` (or a later one) at wall time `at`. */
  | { type: 'reached'; version: number; at: number }
  /** Something went wrong; the benchmark stops. */
  | { type: 'failed'; message: string };

/** Messages the parent sends the swarm. */
export type SwarmCommand = { type: 'close' };

function report(message: SwarmReport): void {
  process.send?.(message);
}

/**
 * Tracks the lowest version any client has. A slow client may skip versions (the server sends it
 * only the latest), so "every client has version v" means "the lowest version is at least v".
 */
class VersionFloor {
  private readonly atVersion = new Map<number, number>();
  private floor = -1;

  constructor(private readonly onRaise: (floor: number) => void) {}

  add(version: number): void {
    this.atVersion.set(version, (this.atVersion.get(version) ?? 0) + 1);
  }

  move(from: number, to: number): void {
    const left = (this.atVersion.get(from) ?? 1) - 1;
    if (left === 0) this.atVersion.delete(from);
    else this.atVersion.set(from, left);
    this.add(to);
    if (this.floor >= 0) this.check();
  }

  /** Starts reporting once every client is counted. */
  arm(): void {
    this.floor = Math.min(...this.atVersion.keys());
  }

  private check(): void {
    // Clients are never far apart, so the map holds a handful of versions.
    const lowest = Math.min(...this.atVersion.keys());
    if (lowest > this.floor) {
      this.floor = lowest;
      this.onRaise(lowest);
    }
  }
}

async function run(config: SwarmConfig): Promise<void> {
  const floor = new VersionFloor((version) => report({ type: 'reached', version, at: wallClockMs() }));
  const sockets: WebSocket[] = [];
  const connect = () =>
    new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(config.url, { headers: { origin: config.origin }, perMessageDeflate: false });
      sockets.push(socket);
      let version = -1;
      socket.on('message', (data) => {
        // Parsing every frame is part of what "has the version" costs a client.
        const message = JSON.parse(data.toString()) as ServerMessage;
        if (message.type === 'hello' && version < 0) {
          version = message.version;
          floor.add(version);
          socket.send(
            JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc: config.doc, lastVersion: version }),
          );
          resolve();
        } else if (
          (message.type === 'update' || message.type === 'patch') &&
          message.version > version &&
          version >= 0
        ) {
          floor.move(version, message.version);
          version = message.version;
        }
      });
      socket.once('error', reject);
      socket.once('close', (code) => {
        if (version < 0) reject(new Error(`closed with ${code} before hello`));
      });
    });
  // In batches, as a crowd of real viewers would not all arrive in the same millisecond.
  for (let i = 0; i < config.clients; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, config.clients - i) }, connect));
  }
  floor.arm();
  process.on('message', (command: SwarmCommand) => {
    if (command.type !== 'close') return;
    for (const socket of sockets) socket.terminate();
    process.disconnect?.();
  });
  report({ type: 'ready', clients: sockets.length });
}

run(JSON.parse(process.argv[2] ?? '{}') as SwarmConfig).catch((error: Error) => {
  report({ type: 'failed', message: error.message });
  process.exitCode = 1;
  process.disconnect?.();
});
