/**
 * Exact on real documents (issue 9 item 1): pages the suite carries (`test/fixtures/real-world`)
 * and pages found on the machine at run time (the Rust toolchain's docs: mdBook print pages,
 * rustdoc pages, rustc lint listings; HTML under the system's doc folder) get five kinds of edit
 * in sequence through the real server, and after each the live page must equal a fresh load.
 * Scripts are removed from every page first (pages with scripts: `script-pages.test.ts`).
 * `ANYHTML_CORPUS_MAX` sets how many found pages are used (default 4; 0 = carried pages only).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked } from '../helpers/browser.js';
import { inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';
import { previewSession } from '../helpers/preview-session.js';
import { firstDifference, liveSnapshot } from './dom-snapshot.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'real-world');
const FOUND_MAX = Number(process.env.ANYHTML_CORPUS_MAX ?? 4);
const MAX_BYTES = 2_500_000;

/** Pages found on this machine, best-known shapes first; none is required. */
function foundPages(): string[] {
  const found: string[] = [];
  const toolchains = join(homedir(), '.rustup', 'toolchains');
  if (existsSync(toolchains)) {
    for (const toolchain of readdirSync(toolchains)) {
      const html = join(toolchains, toolchain, 'share', 'doc', 'rust', 'html');
      for (const page of [
        'book/print.html',
        'std/vec/struct.Vec.html',
        'rustc/lints/listing/warn-by-default.html',
        'src/alloc/vec/mod.rs.html',
      ]) {
        if (existsSync(join(html, page))) found.push(join(html, page));
      }
    }
  }
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || found.length > 40) return;
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (entry.endsWith('.html') && statSync(path).size > 20_000) found.push(path);
      else if (!entry.includes('.')) walk(path, depth + 1);
    }
  };
  walk('/usr/share/doc', 0);
  return found.filter((path) => statSync(path).size <= MAX_BYTES).slice(0, FOUND_MAX);
}

const withoutScripts = (html: string): string => html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '');

/** One edit: a name and a function from the current HTML to the edited one (unchanged when it finds no place). */
interface Edit {
  name: string;
  apply(html: string): string;
}

/** Replaces the first match of `pattern` (which must match inside `<body>`) with `replace`. */
function inBody(html: string, pattern: RegExp, replace: (match: RegExpExecArray) => string): string {
  const body = html.search(/<body\b/i);
  const match = pattern.exec(html.slice(Math.max(0, body)));
  if (!match) return html;
  const at = Math.max(0, body) + match.index;
  return html.slice(0, at) + replace(match) + html.slice(at + match[0].length);
}

const EDITS: Edit[] = [
  {
    name: 'a word changed',
    apply: (html) => inBody(html, /(<p\b[^>]*>[^<]*?)\b([A-Za-z]{4,})\b/, (m) => `${m[1]}${m[2]}ish`),
  },
  {
    name: 'a paragraph inserted',
    apply: (html) => inBody(html, /<\/p>/, () => '</p>\n<p>An inserted paragraph, as an author would type it.</p>'),
  },
  {
    name: 'a paragraph removed',
    apply: (html) => inBody(html, /<p\b[^>]*>(?:(?!<\/?p\b)[\s\S])*?<\/p>\s*(?=[\s\S]*<p\b)/, () => ''),
  },
  {
    name: 'code edited',
    apply: (html) =>
      inBody(html, /(<(?:pre|code)\b[^>]*>)([^<]*?)([A-Za-z_]{2,})/, (m) => `${m[1]}${m[2]}edited_${m[3]}`),
  },
  {
    name: 'list items added',
    apply: (html) => inBody(html, /<\/li>/, () => '</li>\n<li>An added item</li>\n<li>Another added item</li>'),
  },
];

describe('exact on real documents: five edits each, compared with a fresh load', () => {
  const session = previewSession();
  const carried = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(FIXTURES, name));
  const pages = [...carried, ...foundPages()];

  for (const path of pages) {
    it(path.slice(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1), { timeout: 600_000 }, async () => {
      const server = session.track(
        new LivePreviewServer({ port: 0, client: { badge: false, flash: false, highlight: false, overlay: false } }),
      );
      await server.start();
      let html = withoutScripts(readFileSync(path, 'utf8'));
      server.updateContent(html);
      const frames: string[] = [];
      server.on('update', (event: { kind: string; bytes: number }) => frames.push(`${event.kind} ${event.bytes} B`));
      const tracked = await openTracked(session.browser, server.url);
      const fresh = await session.browser.newPage();
      try {
        for (const edit of EDITS) {
          const next = edit.apply(html);
          if (next === html) continue;
          html = next;
          const { version } = server.updateContent(html);
          await poll(
            () => inPage<number>(tracked.page, 'window.__SOP_PREVIEW_STATE__.version').then((v) => v === version),
            { timeout: 60_000, message: `${edit.name} applied` },
          );
          await fresh.goto(server.url);
          const live = await liveSnapshot(tracked.page);
          const expected = await liveSnapshot(fresh);
          assert.ok(live === expected, `after "${edit.name}": ${firstDifference(live, expected)}`);
        }
        assert.equal(tracked.navigations(), 0, 'no reloads');
        console.log(`${path}: ${html.length} B, frames: ${frames.join(', ')}`);
      } finally {
        await fresh.close();
        await tracked.page.close();
      }
    });
  }
});
