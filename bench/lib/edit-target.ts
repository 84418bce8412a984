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

/** Starts `tool` on a temp folder holding `file` with `content(0)`; edits rewrite the file. */
export async function fileTarget(tool: ToolName, file: string, content: (n: number) => string): Promise<EditTarget> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${tool}-`));
  const path = join(dir, file);
  await writeFile(path, content(0));
  try {
    const running = await startTool(tool, dir, file);
    let prepared: { n: number; bytes: Buffer } | undefined;
    return {
      url: running.url,
      version: running.version,
      prepare(n) {
        prepared = { n, bytes: Buffer.from(content(n)) };
      },
      edit(n) {
        const bytes = prepared?.n === n ? prepared.bytes : Buffer.from(content(n));
        prepared = undefined;
        return writeFile(path, bytes);
      },
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
  let prepared: { n: number; html: string } | undefined;
  return {
    url: server.url,
    prepare(n) {
      prepared = { n, html: content(n) };
    },
    async edit(n) {
      const html = prepared?.n === n ? prepared.html : content(n);
      prepared = undefined;
      await updatedVersion(server.updateContent(html));
    },
    async stop() {
      await server.stop();
    },
  };
}
