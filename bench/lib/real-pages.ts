/**
 * Real documentation pages found on this machine at run time: the Rust toolchain's documentation
 * (mdBook print pages, rustdoc pages, a rustdoc source listing, mdBook chapters) under the user's
 * rustup toolchains, and Sphinx, DocBook and other pages that Debian packages install under
 * `/usr/share/doc`. Nothing is downloaded or committed; a page that is not found is reported as
 * skipped, with the reason.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';

/** A page to benchmark, or why it is missing. */
export type RealPage =
  | { label: string; found: true; source: string; html: string; bytes: number }
  | { label: string; found: false; reason: string };

/** Where Debian puts package documentation. */
const SYSTEM_DOCS = '/usr/share/doc';

/** The Rust documentation folders of the installed toolchains, stable first. */
async function rustDocRoots(): Promise<string[]> {
  const home = process.env.RUSTUP_HOME ?? join(homedir(), '.rustup');
  let toolchains: string[];
  try {
    toolchains = await readdir(join(home, 'toolchains'));
  } catch {
    return [];
  }
  const sorted = toolchains.sort((a, b) => Number(b.startsWith('stable')) - Number(a.startsWith('stable')));
  return sorted.map((name) => join(home, 'toolchains', name, 'share', 'doc', 'rust', 'html'));
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/** Every `*.html` file under `dir` (following no symlinks), with its size. */
async function htmlFiles(dir: string): Promise<{ path: string; size: number }[]> {
  const out: { path: string; size: number }[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push({ path, size: (await stat(path)).size });
  }
  return out;
}

/** A page in the Rust docs: the first of `paths` found, or the largest file matching `pattern`. */
interface RustPick {
  label: string;
  paths?: string[];
  folder?: string;
  pattern?: RegExp;
  maxBytes?: number;
}

const RUST_PAGES: RustPick[] = [
  { label: 'mdBook print page (the Rust book)', paths: ['book/print.html'] },
  { label: 'mdBook print page (the rustc book)', paths: ['rustc/print.html'] },
  { label: 'rustdoc page (std u8)', paths: ['std/primitive.u8.html'] },
  { label: 'rustdoc source listing (std path.rs)', paths: ['src/std/path.rs.html'] },
  { label: 'mdBook chapter (the Rust book)', folder: 'book', pattern: /^ch.*\.html$/, maxBytes: 300_000 },
  { label: 'rustc book page', folder: 'rustc', pattern: /^(?!print).*\.html$/, maxBytes: 300_000 },
];

/** A page under `/usr/share/doc` picked by its generator, the largest of those up to `maxBytes`. */
interface SystemPick {
  label: string;
  matches(html: string): boolean;
  maxBytes: number;
}

const GENERATORS = /sphinx|docbook|gtk-doc|doxygen|<script/i;

const SYSTEM_PAGES: SystemPick[] = [
  { label: 'Sphinx page', matches: (html) => /sphinx/i.test(html), maxBytes: 300_000 },
  { label: 'DocBook page', matches: (html) => /DocBook XSL/i.test(html), maxBytes: 200_000 },
  { label: 'plain page (no generator, no scripts)', matches: (html) => !GENERATORS.test(html), maxBytes: 150_000 },
];

/** The smallest page worth measuring: smaller ones tell nothing about size. */
const MIN_BYTES = 40_000;

async function pickRust(roots: readonly string[], pick: RustPick): Promise<RealPage> {
  if (roots.length === 0) return { label: pick.label, found: false, reason: 'no rustup toolchain with docs found' };
  for (const root of roots) {
    for (const path of pick.paths ?? []) {
      if ((await sizeOf(join(root, path))) !== undefined) return load(pick.label, join(root, path), root);
    }
    if (pick.folder && pick.pattern) {
      const pattern = pick.pattern;
      const files = (await htmlFiles(join(root, pick.folder)))
        .filter((file) => pattern.test(relative(join(root, pick.folder ?? ''), file.path)))
        .filter((file) => file.size <= (pick.maxBytes ?? Number.POSITIVE_INFINITY))
        .sort((a, b) => b.size - a.size);
      if (files[0]) return load(pick.label, files[0].path, root);
    }
  }
  return { label: pick.label, found: false, reason: 'not in the installed Rust docs' };
}

async function pickSystem(files: readonly { path: string; size: number }[], pick: SystemPick): Promise<RealPage> {
  const sized = files.filter((file) => file.size >= MIN_BYTES && file.size <= pick.maxBytes);
  for (const file of [...sized].sort((a, b) => b.size - a.size || a.path.localeCompare(b.path))) {
    if (pick.matches(await readFile(file.path, 'utf8'))) return load(pick.label, file.path, SYSTEM_DOCS);
  }
  return { label: pick.label, found: false, reason: `none under ${SYSTEM_DOCS}` };
}

async function load(label: string, path: string, root: string): Promise<RealPage> {
  const html = await readFile(path, 'utf8');
  const source = root === SYSTEM_DOCS ? `${SYSTEM_DOCS}/${relative(root, path)}` : `rust docs: ${relative(root, path)}`;
  return { label, found: true, source, html, bytes: Buffer.byteLength(html) };
}

/** Finds every page of the list, in a fixed order; pages not found say why. */
export async function findRealPages(): Promise<RealPage[]> {
  const roots = [];
  for (const root of await rustDocRoots()) if ((await sizeOf(join(root, 'index.html'))) !== undefined) roots.push(root);
  const pages: RealPage[] = [];
  for (const pick of RUST_PAGES) pages.push(await pickRust(roots, pick));
  const files = await htmlFiles(SYSTEM_DOCS);
  for (const pick of SYSTEM_PAGES) pages.push(await pickSystem(files, pick));
  return pages;
}
