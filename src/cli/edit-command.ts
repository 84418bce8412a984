/**
 * `sop-preview edit <file|folder>`: the preview plus an editor page beside it. A thin layer: the
 * preview run is `serve`'s, the editor is an `EditSession` attached to its server.
 *
 * @packageDocumentation
 */
import { EditSession } from '../edit/edit-session.js';
import { isLoopbackBindHost } from '../server/options.js';
import { sampleSop } from './init-command.js';
import { type CliOutput, type ServeFlags, serve } from './serve-command.js';

/** Options of the edit command, as commander parses them. */
export interface EditFlags extends Omit<ServeFlags, 'mode' | 'fallback' | 'debounce' | 'push'> {
  allowRemoteEdit?: boolean;
}

/**
 * Whether the editor may write: always on a loopback address; beyond it (anyone on the LAN could
 * rewrite files) only with `--allow-remote-edit`.
 */
export function editingAllowed(host: string, allowRemoteEdit: boolean): boolean {
  return isLoopbackBindHost(host) || allowRemoteEdit;
}

/** Runs the editor until SIGINT/SIGTERM; resolves with the exit code. */
export async function edit(target: string, flags: EditFlags, output: CliOutput): Promise<number> {
  const editable = editingAllowed(flags.host, Boolean(flags.allowRemoteEdit));
  // The editor needs the server: a file fallback would show a preview nobody can edit.
  const serveFlags: ServeFlags = { ...flags, mode: 'morph', fallback: false, debounce: 0 };
  return serve(target, serveFlags, output, (source, server, redliner) => {
    const session = new EditSession({
      root: source.root,
      folder: source.folder,
      documents: () => source.documents(),
      target: server,
      editable,
      ...(flags.theme ? { theme: flags.theme } : {}),
      template: sampleSop,
      ...(redliner ? { redliner } : {}),
    });
    return {
      extension: session,
      describe: (url) => [
        `Editor: ${session.editorUrl(url)}`,
        ...(editable ? [] : ['  (read-only: editing on a non-loopback host needs --allow-remote-edit)']),
      ],
      openUrl: (url) => session.editorUrl(url),
      close: () => session.close(),
    };
  });
}
