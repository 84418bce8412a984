/**
 * The test process's own descendants, read from `/proc`: after a browser closes, none of its
 * browser, driver or display processes may still run. Linux only, like the browsers we drive.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One running process. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Executable name as the kernel reports it (at most 15 characters). */
  name: string;
}

/** Names of the processes a browser adapter may start (as `/proc/<pid>/stat` truncates them). */
const BROWSER_PROCESS =
  /chrom|firefox|webkit|minibrowser|xvfb|crashhelper|geckodriver|^web content|^isolated|^privileged|^rdd process|^socket process|^utility process|^forkserver/i;

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may itself contain spaces or parentheses: split at the last ')'.
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    // A zombie has exited; it only waits for its parent to read its status.
    if (state === 'Z' || state === 'X') return undefined;
    return { pid, ppid: Number(ppid), name };
  } catch {
    return undefined; // it exited while we were reading
  }
}

/** Every live process that descends from `root` (default: this process). */
export function descendants(root = process.pid): ProcessInfo[] {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProcess(Number(entry)))
    .filter((info): info is ProcessInfo => info !== undefined);
  const children = new Map<number, ProcessInfo[]>();
  for (const info of all) children.set(info.ppid, [...(children.get(info.ppid) ?? []), info]);
  const found: ProcessInfo[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** The descendants of this process that are browsers, browser drivers or X servers. */
export function browserDescendants(root = process.pid): ProcessInfo[] {
  return descendants(root).filter((info) => BROWSER_PROCESS.test(info.name));
}

/** Which of `pids` still run (not counting zombies): a process that was orphaned leaves our tree. */
export function stillRunning(pids: readonly number[]): ProcessInfo[] {
  return pids.map(readProcess).filter((info): info is ProcessInfo => info !== undefined);
}

/** `name (pid)` list for assertion messages. */
export const describeProcesses = (list: readonly ProcessInfo[]): string =>
  list.map((info) => `${info.name} (${info.pid})`).join(', ');
