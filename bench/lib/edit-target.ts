/**
 * Something a benchmark edits and a page previews: a previewer watching a file (sop-preview's CLI
 * or a peer), or sop-preview's library fed through `updateContent`. Both benchmarks that drive a
 * browser use it, so every tool is edited the same way.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLivePreviewServer, updatedVersion } from './sop-preview-library.js';
import { startTool, type ToolName } from './tool-launchers.js';

/** A running preview to edit. */
export interface EditTarget {
  /** URL to open. */
  url: string;
  /** Tool version, when it has its own. */
  version?: string;
  /**
   * Builds edit `n` ahead of its save: the bytes an editor has in hand when it starts writing.
   * Benchmarks call it before their clock starts (encoding a 1.9 MB page takes this machine's
   * benchmark process 8-15 ms, which no previewer sees).
   */
  prepare(n: number): void;
  /** Makes edit `n`: its content is `content(n)` (prepared, when `prepare(n)` came first). */
  edit(n: number): Promise<void>;
  /** Stops the previewer and removes its files. */
  stop(): Promise<void>;
}

/** Edit `n`'s content built ahead by `prepare(n)`; `take(n)` hands it over once, or builds it then. */
function preparedEdits<T>(build: (n: number) => T): { prepare(n: number): void; take(n: number): T } {
  let prepared: { n: number; value: T } | undefined;
  return {
    prepare(n) {
      prepared = { n, value: build(n) };
    },
    take(n) {
      const value = prepared?.n === n ? prepared.value : build(n);
      prepared = undefined;
      return value;
    },
  };
}

/** Starts `tool` on a temp folder holding `file` with `content(0)`; edits rewrite the file. */
export async function fileTarget(tool: ToolName, file: string, content: (n: number) => string): Promise<EditTarget> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${tool}-`));
  const path = join(dir, file);
  await writeFile(path, content(0));
  try {
    const running = await startTool(tool, dir, file);
    const edits = preparedEdits((n) => Buffer.from(content(n)));
    return {
      url: running.url,
      version: running.version,
      prepare: edits.prepare,
      edit: (n) => writeFile(path, edits.take(n)),
      async stop() {
        await running.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Starts a `LivePreviewServer` holding `content(0)`; edits call `updateContent`. */
export async function libraryTarget(content: (n: number) => string): Promise<EditTarget> {
  const loaded = await loadLivePreviewServer();
  if (!loaded.ok) throw new Error(loaded.reason);
  const server = loaded.create({ port: 0, host: '127.0.0.1' });
  await updatedVersion(server.updateContent(content(0)));
  await server.start();
  const edits = preparedEdits(content);
  return {
    url: server.url,
    prepare: edits.prepare,
    async edit(n) {
      await updatedVersion(server.updateContent(edits.take(n)));
    },
    async stop() {
      await server.stop();
    },
  };
}
