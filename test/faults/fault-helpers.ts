/** Helpers for the fault suites: waiting is `poll()` from `test/helpers/poll.ts`, never a fixed sleep. */
export { within } from '../server/server-helpers.js';
