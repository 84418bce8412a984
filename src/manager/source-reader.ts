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
import { open } from 'node:fs/promises';

/** What one {@link SourceReader.read} found. */
export type SourceRead =
  | { kind: 'missing' }
  | { kind: 'empty' }
  /** The bytes equal those of the previous read of this file. */
  | { kind: 'same'; text: string; bytes: number }
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'failed'; error: NodeJS.ErrnoException };

interface LastRead {
  bytes: Buffer;
  length: number;
  text: string;
}

/** First size of the shared read buffer; it grows to the largest file read. */
const INITIAL_BYTES = 64 * 1024;

/** Reads files as UTF-8 text, remembering each file's last bytes. */
export class SourceReader {
  #scratch: Buffer = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  readonly #last = new Map<string, LastRead>();

  /** Reads `file`; never throws. */
  async read(file: string): Promise<SourceRead> {
    let length: number;
    try {
      length = await this.#readIntoScratch(file);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      return failure.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', error: failure };
    }
    if (length === 0) return { kind: 'empty' };
    const last = this.#last.get(file);
    if (last && last.length === length && this.#scratch.compare(last.bytes, 0, length, 0, length) === 0) {
      return { kind: 'same', text: last.text, bytes: length };
    }
    const text = this.#scratch.toString('utf8', 0, length);
    // The read buffer becomes this file's last bytes and the old last bytes the next read buffer.
    const spare = last?.bytes ?? Buffer.allocUnsafeSlow(INITIAL_BYTES);
    this.#last.set(file, { bytes: this.#scratch, length, text });
    this.#scratch = spare;
    return { kind: 'text', text, bytes: length };
  }

  /** Forgets `file`'s last bytes: its next read counts as changed. */
  forget(file: string): void {
    this.#last.delete(file);
  }

  /** Reads the whole file into the scratch buffer, growing it as needed; returns the length. */
  async #readIntoScratch(file: string): Promise<number> {
    const handle = await open(file, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.#scratch.length) {
          const bigger = Buffer.allocUnsafeSlow(this.#scratch.length * 2);
          this.#scratch.copy(bigger, 0, 0, length);
          this.#scratch = bigger;
        }
        const wanted = this.#scratch.length - length;
        const { bytesRead } = await handle.read(this.#scratch, length, wanted, length);
        length += bytesRead;
        // A regular file reads short only at its end.
        if (bytesRead < wanted) return length;
      }
    } finally {
      // Closing is not waited for: the bytes are in, and a failed close changes nothing here.
      handle.close().catch(() => undefined);
    }
  }
}
