/**
 * Reads the files a preview renders again and again, and says when a read found the same bytes
 * as the last one.
 *
 * Two things make a plain `readFile` per save costly for a 1 MB page: each read allocates a
 * fresh buffer, which the system must map and zero page by page (about 3 ms per MB on a small
 * virtual machine, more than the read itself), and a save usually fires several watch events
 * (truncate, then each written chunk), so the same bytes are read and rendered twice. Here each
 * file's last bytes are kept and reads go into a buffer that is reused: a read of unchanged bytes
 * costs a compare, and a changed file swaps buffers instead of allocating.
 *
 * @packageDocumentation
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** What one {@link SourceReader.read} found. */
export type SourceRead =
  | { kind: 'missing' }
  | { kind: 'empty' }
  /** The bytes equal those of the previous read of this file. */
  | { kind: 'same'; text: string; bytes: number }
  /** New bytes. `settled`: see {@link ReadProbe}. */
  | { kind: 'text'; text: string; bytes: number; settled: boolean }
  /** The caller's `accept` turned the read down; nothing was decoded or remembered. */
  | { kind: 'declined'; settled: boolean }
  | { kind: 'failed'; error: NodeJS.ErrnoException };

/** What a caller learns of a read before its bytes are decoded. */
export interface ReadProbe {
  /**
   * The file's size and modification time were the same before and after the read, and the read
   * got all of it; otherwise a write was under way and this is part of it.
   */
  settled: boolean;
  /** The last bytes read (up to 64), decoded: enough to see how the file ends. */
  tail: string;
}

/** Options of {@link SourceReader.read}. */
export interface ReadOptions {
  /** Whether to decode the read; default: when it is settled. */
  accept?: (probe: ReadProbe) => boolean;
}

interface LastRead {
  bytes: Buffer;
  length: number;
  text: string;
}

/** How many of a read's last bytes {@link ReadProbe.tail} holds. */
const TAIL_BYTES = 64;

/** First size of the shared read buffer; it grows to the largest file read. */
const INITIAL_BYTES = 64 * 1024;

/** Reads files as UTF-8 text, remembering each file's last bytes. */
export class SourceReader {
  #scratch: Buffer = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  #spare: Buffer | undefined;
  readonly #last = new Map<string, LastRead>();

  /**
   * Reads `file`; never throws. A read that `accept` turns down (by default, one the file changed
   * under) is answered `declined` before it is decoded: decoding 2 MB of text that is not all
   * ASCII takes 15-20 ms here, a read 0.5 ms, and a large save fires a watch event per chunk.
   */
  async read(file: string, options: ReadOptions = {}): Promise<SourceRead> {
    let length: number;
    let settled: boolean;
    try {
      ({ length, settled } = this.#readIntoScratch(file));
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      return failure.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', error: failure };
    }
    if (length === 0) return { kind: 'empty' };
    const accepted = options.accept
      ? options.accept({ settled, tail: this.#scratch.toString('utf8', Math.max(0, length - TAIL_BYTES), length) })
      : settled;
    if (!accepted) return { kind: 'declined', settled };
    const last = this.#last.get(file);
    if (last && last.length === length && this.#scratch.compare(last.bytes, 0, length, 0, length) === 0) {
      return { kind: 'same', text: last.text, bytes: length };
    }
    const text = this.#scratch.toString('utf8', 0, length);
    const spare = last?.bytes ?? this.#takeSpare();
    this.#last.set(file, { bytes: this.#scratch, length, text });
    this.#scratch = spare;
    return { kind: 'text', text, bytes: length, settled };
  }

  /** Forgets `file`'s last bytes: its next read counts as changed. Its buffer is kept for reuse. */
  forget(file: string): void {
    const last = this.#last.get(file);
    if (!last) return;
    this.#last.delete(file);
    if (!this.#spare || this.#spare.length < last.bytes.length) this.#spare = last.bytes;
  }

  /** A buffer no file's last read holds: the one a forgotten file left, or a new small one. */
  #takeSpare(): Buffer {
    const spare = this.#spare ?? Buffer.allocUnsafeSlow(INITIAL_BYTES);
    this.#spare = undefined;
    return spare;
  }

  /**
   * Reads the whole file into the scratch buffer, sized from the file's size up front (growing
   * it by doubling would allocate, and fault in, a new buffer per step); returns the length and
   * whether the file held still during the read.
   */
  #readIntoScratch(file: string): { length: number; settled: boolean } {
    // Synchronous on purpose: a read here is four file-system calls (open, stat, read, stat) of
    // well under a millisecond each, and every awaited call waits for a thread-pool hop and the
    // event loop's next turn, which cost 0.3-1 ms each on a busy two-core machine: a 100 KB save
    // spent 1-3 ms reading. The render that follows is synchronous work on the same thread anyway.
    const fd = openSync(file, 'r');
    try {
      const before = fstatSync(fd);
      // One byte more than the size, so a read that ends short proves the end was reached.
      if (this.#scratch.length <= before.size) {
        this.#scratch = Buffer.allocUnsafeSlow(Math.max(INITIAL_BYTES, before.size + (before.size >> 3) + 1));
      }
      let length = 0;
      for (;;) {
        if (length === this.#scratch.length) {
          const bigger = Buffer.allocUnsafeSlow(this.#scratch.length * 2);
          this.#scratch.copy(bigger, 0, 0, length);
          this.#scratch = bigger;
        }
        const wanted = this.#scratch.length - length;
        const bytesRead = readSync(fd, this.#scratch, length, wanted, length);
        length += bytesRead;
        if (bytesRead < wanted) break;
      }
      const after = fstatSync(fd);
      const settled = before.size === length && after.size === length && after.mtimeMs === before.mtimeMs;
      return { length, settled };
    } finally {
      closeSync(fd);
    }
  }
}
