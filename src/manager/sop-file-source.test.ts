import assert from 'node:assert/strict';
import { cp, mkdtemp, open, readFile, rm, truncate, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RenderCallbackResult, RenderOutcome } from './render-outcome.js';
import { SopFileSource } from './sop-file-source.js';

const examplesDir = fileURLToPath(new URL('../../examples', import.meta.url));

const list = (result: RenderCallbackResult): RenderOutcome[] =>
  result === null ? [] : Array.isArray(result) ? [...result] : [result as RenderOutcome];

describe('SopFileSource', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-source-'));
    await cp(examplesDir, dir, { recursive: true });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders a single file as doc index, then only again when something changed', async () => {
    const source = await SopFileSource.forFile(join(dir, 'notes.md'));
    const [first] = list(await source.render());
    assert.equal(first?.ok, true);
    assert.equal(first?.doc, 'index');
    assert.equal(await source.render(), null, 'nothing dirty, nothing rendered');
  });

  it('skips an empty file after retrying and a missing one, instead of rendering them', async () => {
    const path = join(dir, 'empty.md');
    await writeFile(path, '');
    const seen: unknown[] = [];
    const source = await SopFileSource.forFile(path, {
      emptyRetries: 3,
      emptyRetryMs: 5,
      onDiagnostics: (_file, d) => seen.push(d),
    });
    assert.equal(await source.render(), null);
    assert.deepEqual(seen, []);

    // An empty read returns at once (no render waits on a retry) and asks for another render a
    // little later, in case the write that follows is never reported on its own.
    const refilled = await SopFileSource.forFile(path, { emptyRetries: 20, emptyRetryMs: 10 });
    let retries = 0;
    await refilled.watch(() => {
      retries += 1;
    });
    await truncate(path, 0);
    const started = performance.now();
    assert.equal(await refilled.render(), null);
    assert.ok(performance.now() - started < 10, 'an empty read does not wait for its retry');
    await writeFile(path, '# Refilled while retrying');
    const deadline = Date.now() + 2000;
    while (retries === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 5));
    assert.ok(retries > 0, 'the empty read asked for a retry');
    const [outcome] = list(await refilled.render());
    assert.ok(outcome?.ok && outcome.html.includes('Refilled while retrying'), 'the retry picks up the write');
    await refilled.close();

    await unlink(path);
    const gone = await SopFileSource.forFile(path);
    assert.equal(await gone.render(), null);
  });

  it('reports a document error with file:line:col and a code frame', async () => {
    const path = join(dir, 'broken.sop.yaml');
    await writeFile(path, 'id: X-1\ntitle: [unclosed\n');
    const printed: string[] = [];
    const source = await SopFileSource.forFile(path, { onDiagnostics: (file) => printed.push(file) });
    const [outcome] = list(await source.render());
    assert.equal(outcome?.ok, false);
    if (outcome?.ok !== false) return;
    assert.equal(outcome.error.file, path);
    assert.ok(outcome.error.line && outcome.error.column, JSON.stringify(outcome.error));
    assert.deepEqual(printed, [path]);
  });

  it('versions linked images by mtime, so an edited image changes the HTML', async () => {
    const path = join(dir, 'lab', 'ph-meter-calibration.sop.yaml');
    const image = join(dir, 'lab', 'media', 'ph-meter-setup.svg');
    await utimes(image, new Date(1_000_000), new Date(1_000_000));
    const source = await SopFileSource.forFile(path);
    const [first] = list(await source.render());
    assert.ok(first?.ok);
    assert.match(first.html, /src="media\/ph-meter-setup\.svg\?v=1000000"/);
    await utimes(image, new Date(2_000_000), new Date(2_000_000));
    // Re-render as the watcher would after the image event.
    const again = await SopFileSource.forFile(path);
    const [second] = list(await again.render());
    assert.ok(second?.ok);
    assert.match(second.html, /src="media\/ph-meter-setup\.svg\?v=2000000"/);
  });

  it('a watch event with the same bytes renders nothing new; a changed image still renders', async () => {
    const path = join(dir, 'lab', 'ph-meter-calibration.sop.yaml');
    const image = join(dir, 'lab', 'media', 'ph-meter-setup.svg');
    const source = await SopFileSource.forFile(path);
    let events = 0;
    await source.watch(() => {
      events += 1;
    });
    // The change is made inside: its event can arrive before the write's own promise settles.
    const withEvent = async (change: () => Promise<void>): Promise<void> => {
      const before = events;
      await change();
      const deadline = Date.now() + 5000;
      while (events === before && Date.now() < deadline) await new Promise((done) => setTimeout(done, 5));
      assert.ok(events > before, 'the watcher reported the change');
    };
    try {
      const [first] = list(await source.render());
      assert.ok(first?.ok);
      // A save's second event (or a touch) brings the same bytes: nothing to render again.
      await withEvent(() => utimes(path, new Date(3_000_000), new Date(3_000_000)));
      assert.equal(await source.render(), null);
      // The document's bytes are the same, but an image it shows changed: it renders.
      await withEvent(() => utimes(image, new Date(4_000_000), new Date(4_000_000)));
      const [second] = list(await source.render());
      assert.ok(second?.ok, 'an image change renders although the source did not change');
      assert.match(second.html, /src="media\/ph-meter-setup\.svg\?v=4000000"/);
      // Rewritten with different bytes, it renders again.
      const text = await readFile(path, 'utf8');
      await withEvent(() => writeFile(path, `${text}\n# edited\n`));
      const [third] = list(await source.render());
      assert.ok(third?.ok, 'changed bytes render');
    } finally {
      await source.close();
    }
  });

  it('sets aside a page that lost its </html>, and shows it after 100 ms when nothing follows', async () => {
    const path = join(dir, 'cut.html');
    const whole = `<!doctype html><html><body>${'<p>text</p>'.repeat(100)}</body></html>\n`;
    await writeFile(path, whole);
    const source = await SopFileSource.forFile(path);
    let changes = 0;
    await source.watch(() => {
      changes += 1;
    });
    try {
      assert.ok(list(await source.render())[0]?.ok);
      // What a read between two chunks of a save sees: the start of the new page.
      const before = changes;
      await writeFile(path, whole.slice(0, 500));
      while (changes === before) await new Promise((done) => setTimeout(done, 5));
      // The truncation and the write may come as two events.
      await new Promise((done) => setTimeout(done, 30));
      const setAsideAt = Date.now();
      assert.equal(await source.render(), null, 'set aside');
      const afterSetAside = changes;
      while (changes === afterSetAside && Date.now() - setAsideAt < 1000)
        await new Promise((done) => setTimeout(done, 5));
      assert.ok(Date.now() - setAsideAt >= 95, 'the next render is due after the wait, not before');
      const [shown] = list(await source.render());
      assert.ok(shown?.ok, 'a page that really lost its end shows');
      assert.equal(shown.html.includes('</html>'), false);
    } finally {
      await source.close();
    }
  });

  it('never renders part of a 2 MB page saved in chunks, and ends on the last save', async () => {
    const CHUNK = 512 * 1024;
    const path = join(dir, 'big.html');
    const page = (n: number) =>
      `<!doctype html><html><body><p>save ${n}</p>${'<p>A paragraph of a large page.</p>'.repeat(60_000)}<p>end ${n}</p></body></html>\n`;
    await writeFile(path, page(0));
    const source = await SopFileSource.forFile(path);
    const shown: string[] = [];
    let rendering = Promise.resolve();
    const render = () => {
      rendering = rendering.then(async () => {
        for (const outcome of list(await source.render())) if (outcome.ok) shown.push(outcome.html);
      });
    };
    await source.watch(render);
    try {
      render();
      await rendering;
      assert.equal(shown.length, 1, 'the page as it was at the start');
      for (let n = 1; n <= 8; n += 1) {
        // As `writeFile` does, 512 KB at a time (four chunks, each with its own watch event), but
        // with a pause after each, so that reads fall between chunks.
        const bytes = Buffer.from(page(n));
        const handle = await open(path, 'w');
        for (let at = 0; at < bytes.length; at += CHUNK) {
          await handle.write(bytes, at, Math.min(CHUNK, bytes.length - at), at);
          await new Promise((done) => setTimeout(done, 8));
        }
        await handle.close();
        await new Promise((done) => setTimeout(done, 40));
      }
      await new Promise((done) => setTimeout(done, 200));
      await rendering;
      const cut = shown.filter((html) => !/<p>end \d+<\/p><\/body><\/html>/.test(html));
      assert.equal(cut.length, 0, `${cut.length} of ${shown.length} renders were cut short`);
      assert.match(shown.at(-1) ?? '', /<p>save 8<\/p>/);
    } finally {
      await source.close();
    }
  });

  it('folder mode: one doc per file, an index page, and x.sop.md next to x.sop.yaml skipped', async () => {
    const source = await SopFileSource.forFolder(dir);
    const docs = source.documents().map((d) => d.doc);
    assert.ok(docs.includes('lab/ph-meter-calibration.html'));
    assert.ok(docs.includes('notes.html'));
    assert.equal(new Set(docs).size, docs.length, 'document names are unique');
    assert.ok(source.skipped().some((s) => s.file.endsWith('ph-meter-calibration.sop.yaml')));
    const outcomes = list(await source.render());
    const index = outcomes.find((o) => o.doc === 'index');
    assert.ok(index?.ok);
    assert.match(index.html, /SOP-LAB-014/);
    assert.equal(outcomes.length, docs.length + 1);
  });

  it('refuses a file it cannot preview', async () => {
    await assert.rejects(SopFileSource.forFile(join(dir, 'notes.txt')), TypeError);
  });
});
