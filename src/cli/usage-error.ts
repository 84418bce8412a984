/**
 * A mistake in how the command was called: the CLI prints its one-line message and exits 2.
 *
 * @packageDocumentation
 */

/** Thrown by command handlers for bad arguments; `main` turns it into exit code 2. */
export class UsageError extends Error {
  /** @param message - one line naming the argument and what is expected */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses a whole, non-negative integer option, or throws a {@link UsageError} naming it. */
export function parseCount(flag: string, max: number): (value: string) => number {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number > max)
      throw new UsageError(`${flag} expects a whole number from 0 to ${max}, got "${value}"`);
    return number;
  };
}
