/**
 * Coalescing render scheduler: a change while idle renders at once; changes during a render
 * collapse into exactly one more render after it, so there is never more than one render in
 * flight and the last state always wins.
 *
 * @packageDocumentation
 */

/** Counters a test or dashboard can read. */
export interface SchedulerCounters {
  /** Renders started so far. */
  renders: number;
  /** Renders running right now (0 or 1). */
  inFlight: number;
  /** The most renders ever running at once; stays 1 unless coalescing is broken. */
  maxInFlight: number;
  /** Requests that were folded into a pending render instead of starting one. */
  coalesced: number;
}

/** Runs a task on request, at most one at a time, with an optional trailing debounce. */
export class RenderScheduler {
  readonly #task: () => Promise<void>;
  readonly #debounceMs: number;
  #running = false;
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #idleWaiters: Array<() => void> = [];
  readonly #counters: SchedulerCounters = { renders: 0, inFlight: 0, maxInFlight: 0, coalesced: 0 };

  /**
   * @param task - the render; its rejections are the task's own business (it should catch them)
   * @param debounceMs - wait this long after the last request before starting; 0 starts at once
   */
  constructor(task: () => Promise<void>, debounceMs = 0) {
    if (!Number.isFinite(debounceMs) || debounceMs < 0) {
      throw new RangeError(`debounceMs must be a finite number >= 0, got ${debounceMs}`);
    }
    this.#task = task;
    this.#debounceMs = debounceMs;
  }

  /** Whether another run is already due: a request arrived while the current run was going. */
  get superseded(): boolean {
    return this.#running && this.#dirty;
  }

  /** A snapshot of the counters. */
  get counters(): SchedulerCounters {
    return { ...this.#counters };
  }

  /** Asks for a render. Never runs two at once; requests during a render coalesce into one more. */
  request(): void {
    if (this.#stopped) return;
    if (this.#running) {
      if (this.#dirty) this.#counters.coalesced += 1;
      this.#dirty = true;
      return;
    }
    if (this.#debounceMs > 0) {
      if (this.#timer) this.#counters.coalesced += 1;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#start();
      }, this.#debounceMs);
      return;
    }
    this.#start();
  }

  /** Resolves once no render is running or pending. */
  idle(): Promise<void> {
    if (!this.#running && !this.#timer) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops pending requests and refuses new ones; a running render finishes on its own. */
  stop(): void {
    this.#stopped = true;
    this.#dirty = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#running) this.#flushIdle();
  }

  /** Accepts requests again after {@link stop}. */
  resume(): void {
    this.#stopped = false;
  }

  #start(): void {
    this.#running = true;
    this.#dirty = false;
    this.#counters.renders += 1;
    this.#counters.inFlight += 1;
    this.#counters.maxInFlight = Math.max(this.#counters.maxInFlight, this.#counters.inFlight);
    const finish = (): void => {
      this.#counters.inFlight -= 1;
      this.#running = false;
      if (this.#dirty && !this.#stopped) {
        this.#start();
        return;
      }
      if (!this.#timer) this.#flushIdle();
    };
    // A task that throws synchronously must not leave the scheduler stuck in "running".
    Promise.resolve()
      .then(() => this.#task())
      .then(finish, finish);
  }

  #flushIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
