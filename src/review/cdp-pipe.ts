/**
 * The Chrome DevTools Protocol over the pipe Chromium opens with `--remote-debugging-pipe`: it
 * reads commands from its file descriptor 3 and writes answers and events to 4, each message a
 * JSON text followed by a NUL byte.
 *
 * Printing needs five commands, and a one-shot `build --pdf` is timed from the command's start:
 * loading a browser-automation library (playwright-core) took half a second of it before
 * Chromium could even start, so the transport is written here.
 *
 * @packageDocumentation
 */
import type { Readable, Writable } from 'node:stream';

/** A command the browser answered with an error, or one it can no longer answer. */
export class CdpError extends Error {
  override readonly name = 'CdpError';
}

interface PendingCommand {
  method: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Answer {
  id?: number;
  result?: unknown;
  error?: { message?: string };
}

/** One protocol connection: commands out, answers in, by id. Events are not used and dropped. */
export class CdpPipe {
  #nextId = 1;
  readonly #pending = new Map<number, PendingCommand>();
  /** The bytes of a message whose NUL has not arrived yet. */
  #partial: Buffer[] = [];
  #failure: Error | undefined;
  readonly #out: Writable;

  /** @param out - Chromium's fd 3; @param input - Chromium's fd 4. */
  constructor(out: Writable, input: Readable) {
    this.#out = out;
    input.on('data', (chunk: Buffer) => this.#receive(chunk));
    input.on('close', () => this.fail(new CdpError('the browser closed its protocol pipe')));
    input.on('error', (error) => this.fail(error));
    out.on('error', (error) => this.fail(error));
  }

  /**
   * Sends `method` (to the page of `sessionId`, when given) and resolves with its result.
   * Rejects with {@link CdpError} when the browser answers with an error or goes away first.
   */
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const message = JSON.stringify(
      sessionId === undefined ? { id, method, params } : { id, method, params, sessionId },
    );
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject });
      this.#out.write(`${message}\0`);
    });
  }

  /** Fails every command waiting for an answer, and every later one, with `error` (the first reason wins). */
  fail(error: Error): void {
    this.#failure ??= error instanceof CdpError ? error : new CdpError(error.message, { cause: error });
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }

  #receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      const tail = chunk.subarray(start, end);
      const whole = this.#partial.length > 0 ? Buffer.concat([...this.#partial, tail]) : tail;
      this.#partial = [];
      start = end + 1;
      this.#dispatch(whole.toString('utf8'));
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start));
  }

  #dispatch(text: string): void {
    let message: Answer;
    try {
      message = JSON.parse(text) as Answer;
    } catch {
      this.fail(new CdpError('the browser sent a message that is not JSON'));
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.error) pending.reject(new CdpError(`${pending.method}: ${message.error.message ?? 'failed'}`));
    else pending.resolve(message.result ?? {});
  }
}
