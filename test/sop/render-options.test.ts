/**
 * Rendering options and exports: `embedMedia` yields a file with no external references
 * (acceptance 6), a missing image warns and shows a placeholder, themes link or embed,
 * `renderFile` dispatches by extension and `buildStatic` writes atomically.
 */
import assert from 'node:assert/strict';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { buildStatic, SopBuildError } from '../../src/sop/build-static.js';
import { loadSop } from '../../src/sop/load-sop.js';
import { renderFile } from '../../src/sop/render-file.js';
import { renderSop } from '../../src/sop/render-sop.js';
import { THEMES_DIR } from '../../src/sop/themes.js';
import { ROOT } from './fixture-helpers.js';

const lab = join(ROOT, 'examples', 'lab', 'ph-meter-calibration.sop.yaml');
const work = mkdtempSync(join(tmpdir(), 'sop-render-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Node {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: Node[];
  data?: string;
}

/** Every URL the page would fetch by itself: src, stylesheet links, CSS url(), @import. */
function externalReferences(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    const attribs = node.attribs ?? {};
    if (attribs.src !== undefined && !attribs.src.startsWith('data:')) found.push(`src=${attribs.src}`);
    if (node.name === 'link' && attribs.href !== undefined) found.push(`link=${attribs.href}`);
    if (node.type === 'text' && node.data !== undefined) {
      for (const m of node.data.matchAll(/url\(\s*['"]?([^'")]+)/g))
        if (!m[1]!.startsWith('data:')) found.push(`url(${m[1]})`);
      for (const m of node.data.matchAll(/@import\s+[^;]+/g)) found.push(m[0]);
    }
    if (attribs.style?.includes('url(')) found.push(`style=${attribs.style}`);
    for (const child of node.children ?? []) walk(child);
  };
  walk(parseDocument(html) as unknown as Node);
  return found;
}

test('embedMedia + embedded theme: the page has no external references', async () => {
  const linked = await renderFile(lab);
  assert.ok(linked.ok);
  assert.ok(externalReferences(linked.html).includes('src=media/ph-meter-setup.svg'), 'sanity: linked by default');
  const embedded = await renderFile(lab, { embedMedia: true, theme: 'dark' });
  assert.ok(embedded.ok);
  assert.deepEqual(externalReferences(embedded.html), []);
  assert.match(embedded.html, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
  assert.ok(embedded.assets.includes(join(ROOT, 'examples', 'lab', 'media', 'ph-meter-setup.svg')));
  assert.ok(embedded.assets.includes(join(THEMES_DIR, 'dark.css')));
  assert.ok(embedded.assets.includes(join(THEMES_DIR, 'default.css')), 'imported theme file is an asset too');
});

test('a missing image gives a located warning and a visible placeholder', async () => {
  const dir = join(work, 'missing');
  mkdirSync(dir);
  const file = join(dir, 'm.sop.yaml');
  writeFileSync(
    file,
    'id: M-1\ntitle: M\nversion: "1"\nstatus: draft\nmodules:\n  - type: procedure\n    steps:\n      - text: Look.\n        image:\n          src: gone.png\n',
  );
  for (const embedMedia of [false, true]) {
    const result = await renderFile(file, { embedMedia });
    assert.ok(result.ok);
    assert.equal(result.warnings.length, 1);
    const [warning] = result.warnings;
    assert.equal(warning!.code, 'SOP_WARN_MISSING_MEDIA');
    assert.equal(warning!.line, 10);
    assert.equal(warning!.column, 16);
    assert.match(result.html, /<div class="sop-missing-media" role="img"[^>]*>Image not available: gone\.png<\/div>/);
    assert.doesNotMatch(result.html, /<img /);
  }
});

test('embedTheme: false links the theme; embedCssAssets inlines theme icons', async () => {
  const loaded = await loadSop(lab);
  assert.ok(loaded.ok);
  const linked = renderSop(loaded.document, { embedTheme: false, theme: 'print' });
  assert.match(linked.html, /<link rel="stylesheet" data-sop-theme="print" href="[^"]*themes\/print\.css">/);
  assert.doesNotMatch(linked.html, /<style data-sop-theme/);
  const inlined = renderSop(loaded.document, { embedCssAssets: true });
  assert.match(inlined.html, /url\("data:image\/svg\+xml;base64,/);
  const notInlined = renderSop(loaded.document, { embedCssAssets: false });
  assert.match(notInlined.html, /url\("[^"]*themes\/assets\/hazard\.svg"\)/);
  assert.ok(notInlined.assets.includes(join(THEMES_DIR, 'assets', 'hazard.svg')));
});

test('a custom theme path is used; a missing one warns and falls back to the default', async () => {
  const css = join(work, 'brand.css');
  writeFileSync(css, '.sop { border-top: 7px solid rebeccapurple; }\n');
  const loaded = await loadSop(lab);
  assert.ok(loaded.ok);
  const custom = renderSop(loaded.document, { theme: css });
  assert.match(custom.html, /<style data-sop-theme="brand">\n\.sop \{ border-top: 7px solid rebeccapurple; \}/);
  assert.ok(custom.assets.includes(css));
  const missing = renderSop(loaded.document, { theme: join(work, 'nope.css') });
  assert.equal(missing.warnings[0]?.code, 'SOP_WARN_MISSING_MEDIA');
  assert.match(missing.html, /data-sop-theme="default"/);
});

test('renderFile dispatches by extension', async () => {
  const markdown = await renderFile(join(ROOT, 'examples', 'notes.md'));
  assert.ok(markdown.ok);
  assert.equal(markdown.title, 'Lab notes: electrode maintenance');
  assert.match(
    markdown.html,
    /<section class="sop-md-section" data-block="md-weekly" id="sop-md-weekly"><h2>Weekly<\/h2>/,
  );
  assert.match(markdown.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(
    markdown.html,
    /<img src="media\/electrode\.svg" alt="Electrode stored upright in its buffer" loading="lazy">/,
  );
  const embeddedMarkdown = await renderFile(join(ROOT, 'examples', 'notes.md'), { embedMedia: true });
  assert.ok(embeddedMarkdown.ok);
  assert.deepEqual(externalReferences(embeddedMarkdown.html), []);
  assert.ok(embeddedMarkdown.assets.includes(join(ROOT, 'examples', 'media', 'electrode.svg')));
  const html = await renderFile(join(ROOT, 'examples', 'plain.html'));
  assert.ok(html.ok);
  assert.equal(html.title, 'Shift handover board');
  assert.equal(html.html, readFileSync(join(ROOT, 'examples', 'plain.html'), 'utf8'));
  const sop = await renderFile(join(ROOT, 'examples', 'it', 'database-failover.sop.md'));
  assert.ok(sop.ok);
  assert.deepEqual(sop.meta, { id: 'SOP-IT-042', status: 'approved' });
  const missing = await renderFile(join(work, 'absent.sop.yaml'));
  assert.ok(!missing.ok);
  assert.equal(missing.errors[0]?.code, 'SOP_ERR_READ');
  await assert.rejects(renderFile(join(work, 'x.txt')), TypeError);
});

test('buildStatic exports a folder: standalone pages by default, copies when not embedded', async () => {
  const out = join(work, 'out');
  const report = await buildStatic(join(ROOT, 'examples'), { outDir: out });
  assert.deepEqual(report.failed, []);
  // x.sop.md and x.sop.yaml both map to x.html: the first (by name) wins, the other is reported.
  assert.equal(report.skipped.length, 3);
  assert.match(report.skipped[0]!.reason, /\.sop\.md already writes .*\.html$/);
  const names = report.written.map((file) => file.slice(out.length + 1)).sort();
  assert.deepEqual(names, [
    'it/database-failover.html',
    'lab/ph-meter-calibration.html',
    'manufacturing/line-clearance.html',
    'notes.html',
    'plain.html',
  ]);
  const page = readFileSync(join(out, 'lab', 'ph-meter-calibration.html'), 'utf8');
  assert.deepEqual(externalReferences(page), []);
  assert.deepEqual(report.copied, []);

  const linkedOut = join(work, 'linked');
  const linked = await buildStatic(lab, { outDir: linkedOut, embedMedia: false, embedTheme: false });
  assert.ok(existsSync(join(linkedOut, 'media', 'ph-meter-setup.svg')));
  assert.ok(existsSync(join(linkedOut, 'sop-theme', 'default.css')));
  assert.ok(existsSync(join(linkedOut, 'sop-theme', 'assets', 'hazard.svg')));
  const linkedPage = readFileSync(join(linkedOut, 'ph-meter-calibration.html'), 'utf8');
  assert.match(linkedPage, /href="sop-theme\/default\.css"/);
  assert.match(linkedPage, /src="media\/ph-meter-setup\.svg"/);
  assert.equal(linked.written.length, 1);
  // Temp files of the atomic writes are gone.
  assert.deepEqual(
    readdirSync(linkedOut).filter((name) => name.endsWith('.tmp')),
    [],
  );
});

test('buildStatic reports an unwritable output folder with SOP_ERR_WRITE and leaves no partial file', async () => {
  const blocker = join(work, 'a-file');
  writeFileSync(blocker, 'not a folder');
  await assert.rejects(buildStatic(lab, { outDir: join(blocker, 'out') }), (error: unknown) => {
    assert.ok(error instanceof SopBuildError);
    assert.equal(error.code, 'SOP_ERR_WRITE');
    assert.match(error.message, /cannot create the output folder/);
    return true;
  });
  // A target that cannot be replaced (a folder in its place) fails the write, not the process.
  const out = join(work, 'blocked');
  mkdirSync(join(out, 'ph-meter-calibration.html'), { recursive: true });
  copyFileSync(lab, join(work, 'ph-meter-calibration.sop.yaml'));
  chmodSync(out, 0o755);
  await assert.rejects(buildStatic(join(work, 'ph-meter-calibration.sop.yaml'), { outDir: out }), {
    code: 'SOP_ERR_WRITE',
  });
  assert.deepEqual(readdirSync(out), ['ph-meter-calibration.html']);
});
