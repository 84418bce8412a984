/**
 * What a result was measured on: machine, Node and Chromium versions. Every results file carries
 * it so numbers from different machines are never mixed up silently.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { CHROMIUM_PATH } from '../../test/helpers/browser.js';

/** The machine a benchmark ran on. */
export interface MachineInfo {
  /** CPU model string. */
  cpu: string;
  /** Logical cores. */
  cores: number;
  /** Total memory, e.g. `23.6 GiB`. */
  memory: string;
  /** OS type, release and architecture. */
  os: string;
}

/** Describes the current machine. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/**
 * The Chromium version the browser benchmarks use, asked from the binary itself, so benchmarks
 * that never open a page still record it. `unknown` when the binary is missing.
 */
export async function chromiumVersion(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(CHROMIUM_PATH, ['--version'], { timeout: 10_000 });
    return stdout.trim().split('\n')[0] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
