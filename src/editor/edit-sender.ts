/**
 * Preview as you type: every change sends the whole buffer, but at most one edit is in flight;
 * changes made meanwhile collapse into one more send when the answer arrives, so the last edit
 * always wins and a fast typist never queues stale renders.
 */
import type { EditorSocket } from './editor-socket.js';

/** Coalescing sender of `edit` messages. */
export class EditSender {
  #seq = 0;
  #inFlight = 0;
  #pending = false;

  /**
   * @param socket - the editor socket
   * @param text - reads the current buffer
   */
  constructor(
    private readonly socket: EditorSocket,
    private readonly text: () => string,
  ) {}

  /** Sequence number of the last edit sent (0 before any). */
  get latest(): number {
    return this.#seq;
  }

  /** Whether the buffer changed after the last edit sent. */
  get behind(): boolean {
    return this.#pending || this.#inFlight !== 0;
  }

  /** The buffer changed. */
  changed(): void {
    if (this.#inFlight !== 0) this.#pending = true;
    else this.#send();
  }

  /** The server answered edit `seq` (its diagnostics arrived). */
  answered(seq: number): void {
    if (seq !== this.#inFlight) return;
    this.#inFlight = 0;
    if (this.#pending) this.#send();
  }

  /** The socket (re)connected: nothing is in flight any more; resend when the buffer is ahead. */
  reset(resend: boolean): void {
    this.#inFlight = 0;
    this.#pending = false;
    if (resend) this.#send();
  }

  #send(): void {
    this.#pending = false;
    this.#seq += 1;
    if (this.socket.send({ type: 'edit', seq: this.#seq, text: this.text() })) this.#inFlight = this.#seq;
  }
}
