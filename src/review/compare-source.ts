/**
 * Where `--compare` reads the earlier revision from: a file (or, for a folder, the same relative
 * path under another folder), or a git revision through `git show REV:./name`, run in the
 * document's own folder, so the path is relative to the file's repository and nothing is checked
 * out.
 *
 * @packageDocumentation
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';

const run = promisify(execFile);

/** The compared revision: a path on disk or a git revision. */
export type CompareBase = { kind: 'path'; path: string; folder: boolean } | { kind: 'git'; revision: string };

/**
 * Reads a `--compare` value: an existing file or folder wins, anything else is a git revision
 * (`HEAD~1`, `v3.1`, a commit id). `cwd` resolves relative paths.
 */
export async function resolveCompareBase(value: string, cwd = process.cwd()): Promise<CompareBase> {
  if (value === '')
    throw new PreviewError(PreviewErrorCode.Compare, '--compare needs a file, a folder or a git revision');
  const path = resolve(cwd, value);
  try {
    const info = await stat(path);
    return { kind: 'path', path, folder: info.isDirectory() };
  } catch {
    // Option-looking or path-looking revisions would be read by git as something else.
    if (value.startsWith('-'))
      throw new PreviewError(PreviewErrorCode.Compare, `--compare: no such file and not a revision: ${value}`);
    return { kind: 'git', revision: value };
  }
}

/** A short name of the base for the summary ("Changes since …"). */
export function compareLabel(base: CompareBase, cwd = process.cwd()): string {
  return base.kind === 'git' ? base.revision : relative(cwd, base.path) || basename(base.path);
}

/** `git rev-parse` of `revision` as a commit, in the repository at `dir`. */
function resolveRevision(dir: string, revision: string): Promise<{ stdout: string }> {
  return run('git', ['-C', dir, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
}

const verified = new Map<string, Promise<void>>();

/** Fails early, with the git message, when `revision` is not a commit of the repository at `dir`. */
function verifyRevision(dir: string, revision: string): Promise<void> {
  const id = `${dir}\0${revision}`;
  let check = verified.get(id);
  if (!check) {
    check = resolveRevision(dir, revision).then(
      () => undefined,
      (error: Error & { stderr?: string; code?: number | string }) => {
        verified.delete(id);
        const reason =
          error.code === 'ENOENT'
            ? 'git is not installed'
            : (error.stderr ?? '').trim() || `"${revision}" is not a revision of the repository at ${dir}`;
        throw new PreviewError(PreviewErrorCode.Compare, `--compare ${revision}: ${reason}`, { cause: error });
      },
    );
    verified.set(id, check);
  }
  return check;
}

/** The base file of `file` for a path base (a folder base holds it at the same relative path). */
function basePath(base: CompareBase & { kind: 'path' }, file: string, root: string): string {
  return base.folder ? join(base.path, relative(root, file)) : base.path;
}

/** How long a git revision's commit id is trusted before `git rev-parse` is asked again. */
const REVISION_RECHECK_MS = 1000;
const commits = new Map<string, { id: Promise<string>; checked: number }>();

/**
 * The commit a revision names now. A live preview asks at every save, so the answer it gets is
 * the last one known, and at most once a second a fresh `git rev-parse` runs in the background:
 * a commit (or a moved tag) shows from the next save on, without a process per save.
 */
function revisionCommit(dir: string, revision: string): Promise<string> {
  const id = `${dir}\0${revision}`;
  const known = commits.get(id);
  if (known && Date.now() - known.checked < REVISION_RECHECK_MS) return known.id;
  const fresh = resolveRevision(dir, revision).then(
    ({ stdout }) => stdout.trim(),
    // An unknown revision: readBaseText() reports it with git's message.
    () => '',
  );
  const entry = { id: known ? known.id : fresh, checked: Date.now() };
  commits.set(id, entry);
  if (known) fresh.then((commit) => (entry.id = Promise.resolve(commit)));
  return entry.id;
}

/**
 * What identifies the base text of `file` at this moment: it changes when the base file is
 * written (its modification time and size) or the git revision moves to another commit, and
 * only then is the base read and rendered again.
 */
export async function baseVersion(base: CompareBase, file: string, root: string): Promise<string> {
  if (base.kind === 'git') return `git:${await revisionCommit(dirname(file), base.revision)}`;
  try {
    const info = await stat(basePath(base, file, root));
    return `file:${info.mtimeMs}:${info.size}`;
  } catch {
    return 'file:missing';
  }
}

/**
 * The earlier text of `file`, or `undefined` when the base has no such document (a new file:
 * everything shows as inserted). `root` is the folder being previewed or built, for folder bases.
 */
export async function readBaseText(base: CompareBase, file: string, root: string): Promise<string | undefined> {
  if (base.kind === 'path') {
    const path = basePath(base, file, root);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new PreviewError(PreviewErrorCode.Compare, `--compare: cannot read ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const dir = dirname(file);
  await verifyRevision(dir, base.revision);
  try {
    const { stdout } = await run('git', ['-C', dir, 'show', `${base.revision}:./${basename(file)}`], {
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
    return stdout;
  } catch {
    // The revision exists (checked above), so the file is new since then.
    return undefined;
  }
}
