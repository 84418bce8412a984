/**
 * The editor's only way to the disk: a file is written only when it resolves, symlinks followed,
 * to a regular file inside the opened root, and always atomically (a temp file beside it, then a
 * rename), so a crash mid-save leaves the old file whole and watchers see one replace.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, realpath, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** Why a write was refused; the message is shown in the editor. */
export class WriteRefusedError extends Error {
  override readonly name = 'WriteRefusedError';
}

/** Whether `path` is `root` itself or below it (both already resolved). */
function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Checks that `file` may be written for a session opened on `root`: inside it both as written and
 * with symlinks resolved, not a symlink itself, and (when it exists) a regular file.
 * @throws WriteRefusedError naming the rule that failed
 */
export async function checkWritable(root: string, file: string): Promise<string> {
  const realRoot = await realpath(root);
  const target = resolve(file);
  if (!isInside(resolve(root), target) && !isInside(realRoot, target)) {
    throw new WriteRefusedError(`refused: ${basename(target)} is outside the opened folder`);
  }
  // The folder the file lands in must itself resolve inside the root (a symlinked folder must not
  // carry a save elsewhere).
  const realFolder = await realpath(dirname(target)).catch(() => {
    throw new WriteRefusedError(`refused: the folder of ${basename(target)} does not exist`);
  });
  if (!isInside(realRoot, realFolder)) {
    throw new WriteRefusedError(`refused: ${basename(target)} resolves outside the opened folder`);
  }
  const stats = await lstat(target).catch(() => undefined);
  if (stats?.isSymbolicLink()) throw new WriteRefusedError(`refused: ${basename(target)} is a symbolic link`);
  if (stats && !stats.isFile()) throw new WriteRefusedError(`refused: ${basename(target)} is not a regular file`);
  return join(realFolder, basename(target));
}

/**
 * Writes `text` to `file` atomically after {@link checkWritable}. With `exclusive`, refuses to
 * replace an existing file (for new documents).
 */
export async function writeAtomic(root: string, file: string, text: string, exclusive = false): Promise<void> {
  const target = await checkWritable(root, file);
  if (exclusive && (await lstat(target).catch(() => undefined))) {
    throw new WriteRefusedError(`refused: ${basename(target)} already exists`);
  }
  // A dotfile, so folder watchers (which skip dotfiles) never list the half-written temp file.
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
