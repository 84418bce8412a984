// A reporter for Node's test runner (used beside `spec` by run-tests.mjs): writes one JSON array
// of `{ file, ms, passed }`, one entry per test file, to its destination. A file's time is what
// the runner measured for the file's own process, start-up and imports included; the per-test
// durations the spec reporter shows leave those out, and they are a large part of a browser file.

/**
 * @param {AsyncIterable<{ type: string, data: { name?: string, file?: string, nesting?: number, details?: { duration_ms?: number, passed?: boolean } } }>} source
 */
export default async function* fileDurations(source) {
  /** @type {{ file: string, ms: number, passed: boolean }[]} */
  const files = [];
  for await (const event of source) {
    const { data } = event;
    // Node 20 reports each file as a test of nesting 0 named after the file's path.
    if (event.type !== 'test:complete' || data.nesting !== 0 || !data.file || data.name !== data.file) continue;
    files.push({ file: data.file, ms: data.details?.duration_ms ?? 0, passed: data.details?.passed ?? false });
  }
  yield `${JSON.stringify(files)}\n`;
}
