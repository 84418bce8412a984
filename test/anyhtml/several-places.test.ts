/**
 * A save that changes several places apart (a generator stamping a revision at the top of the page
 * and the author editing a paragraph further down) is sent as small as its changes, on pages with
 * and without `data-block` keys, and the page then equals a fresh load of the new version.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked } from '../helpers/browser.js';
import { poll } from '../helpers/poll.js';
import { previewSession } from '../helpers/preview-session.js';
import { connectClient } from '../server/server-helpers.js';
import { firstDifference, snapshotsAt } from './dom-snapshot.js';

/** A page of about 1 MB: a revision stamp at the top, then 2,000 paragraphs, those in `edited` rewritten. */
type Page = (revision: number, edited: ReadonlyMap<number, string>) => string;

const SENTENCE = 'Record the reading, the operator initials and the time in the batch record. ';

/** Without keys, as a documentation generator writes it: sections of a heading, paragraphs and a list. */
const unkeyed: Page = (revision, edited) => {
  const sections: string[] = [];
  for (let s = 0; s < 500; s += 1) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 4; p += 1) {
      const index = s * 4 + p;
      paragraphs.push(`<p>${edited.get(index) ?? `Paragraph ${index}. ${SENTENCE.repeat(6)}`}</p>`);
    }
    sections.push(
      `<section class="section"><h2>Section ${s}</h2>\n${paragraphs.join('\n')}\n<ul><li>one</li><li>two</li></ul></section>`,
    );
  }
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Manual</title></head>\n<body>\n<header><p class="stamp">Revision ${revision}</p></header>\n<main>\n${sections.join('\n')}\n</main>\n</body>\n</html>\n`;
};

/** With a `data-block` key on every step, as sop-preview's own documents have. */
const keyed: Page = (revision, edited) => {
  const steps: string[] = [];
  for (let index = 0; index < 2000; index += 1) {
    const text = edited.get(index) ?? `Step ${index}. ${SENTENCE.repeat(6)}`;
    steps.push(`<li data-block="step-${index}"><p>${text}</p></li>`);
  }
  return `<!doctype html><html><head><title>SOP</title></head><body><header data-block="header"><p>Revision ${revision}</p></header><main><ol data-block="steps">\n${steps.join('\n')}\n</ol></main></body></html>`;
};

describe('a save that changes several places apart', () => {
  const session = previewSession();

  for (const [name, page] of [
    ['without keys', unkeyed],
    ['with data-block keys', keyed],
  ] as const) {
    it(`sends at most 4 KB for two to four places of a 1 MB page ${name}, and the page equals a fresh load`, async () => {
      const server = session.track(new LivePreviewServer({ port: 0, client: { badge: false, flash: false } }));
      await server.start();
      const original = page(1, new Map());
      assert.ok(original.length >= 1_000_000, `the page is ${original.length} bytes`);
      server.updateContent(original);
      const client = await connectClient(server);
      await client.waitFor((m) => m.type === 'hello', 'hello');
      const tracked = await openTracked(session.browser, server.url);
      const saves: Array<{ revision: number; edited: Map<number, string> }> = [
        // The stamp at the top and a paragraph near the bottom.
        { revision: 2, edited: new Map([[1_990, 'Paragraph 1990, rewritten by the author.']]) },
        // The stamp, a paragraph near the top, one near the bottom, and the one edited before back as it was.
        {
          revision: 3,
          edited: new Map([
            [10, 'Paragraph 10, rewritten.'],
            [1_950, 'Paragraph 1950, rewritten.'],
          ]),
        },
        // Three paragraphs apart, the stamp unchanged.
        {
          revision: 3,
          edited: new Map([
            [10, 'Paragraph 10, rewritten again.'],
            [900, 'Paragraph 900, rewritten.'],
            [1_950, 'Paragraph 1950, rewritten again.'],
          ]),
        },
      ];
      const sizes: number[] = [];
      for (const { revision, edited } of saves) {
        const html = page(revision, edited);
        const { version } = server.updateContent(html);
        const frame = await poll(() => client.frames.find((f) => f.includes(`"version":${version}`)), {
          message: `the frame of version ${version}`,
        });
        const message = JSON.parse(frame);
        assert.equal(message.type, 'patch', frame.slice(0, 200));
        const bytes = Buffer.byteLength(frame);
        assert.ok(bytes <= 4096, `version ${version}: the frame is ${bytes} bytes`);
        sizes.push(bytes);
        for (const text of edited.values()) assert.ok(frame.includes(text), `the frame brings "${text}"`);
        const { live, fresh } = await snapshotsAt(tracked.page, version, html);
        assert.ok(live === fresh, `live DOM differs from a fresh load, ${firstDifference(live, fresh)}`);
      }
      assert.equal(tracked.navigations(), 0, 'the page never reloaded');
      console.log(`${original.length} B ${name}: frames of ${sizes.join(', ')} B for 2, 4 and 3 places`);
      await tracked.page.close();
      client.socket.close();
      await client.closed;
    });
  }
});
