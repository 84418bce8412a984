/**
 * Small patches for any HTML (issue 9 item 2): a one-paragraph edit in a 1 MB page with no
 * `data-block` keys sends at most 4 KB on the wire (compare `test/server/frame-size.test.ts`,
 * the keyed version), and so does a line edited in a long code listing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { poll } from '../helpers/poll.js';
import { connectClient } from '../server/server-helpers.js';

/** ~1 MB of plain HTML as a documentation generator writes it: sections of headings, paragraphs, code and lists. */
function plainDocument(edited: number, text: string): string {
  const sections: string[] = [];
  for (let s = 0; s < 220; s += 1) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 8; p += 1) {
      const index = s * 8 + p;
      paragraphs.push(
        `<p>${index === edited ? text : `Paragraph ${index}. ${'The quick brown fox jumps over the lazy dog. '.repeat(12)}`}</p>`,
      );
    }
    sections.push(
      `<section id="index-0" class="section"><h2 id="index-0">Section ${s}</h2>\n${paragraphs.join('\n')}\n` +
        `<pre><code>fn main() { println!("{}", ${s}); }</code></pre>\n<ul><li>one</li><li>two</li></ul></section>`,
    );
  }
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Plain</title></head>\n<body>\n<div class="document"><div class="body" role="main">\n${sections.join('\n')}\n</div></div>\n</body>\n</html>\n`;
}

describe('frame size without data-block keys', () => {
  const server = new LivePreviewServer({ port: 0 });
  before(() => server.start());
  after(() => server.stop());

  it('sends at most 4 KB for a one-paragraph edit in a 1 MB page with repeated ids and no keys', async () => {
    const original = plainDocument(-1, '');
    assert.ok(original.length >= 1_000_000, `document is ${original.length} bytes`);
    server.updateContent(original);
    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    const { version } = server.updateContent(plainDocument(777, 'Paragraph 777, rewritten by the author.'));
    const frame = await poll(() => client.frames.find((f) => f.includes(`"version":${version}`)), {
      message: 'the change',
    });
    const bytes = Buffer.byteLength(frame);
    assert.ok(bytes <= 4096, `frame is ${bytes} bytes`);
    console.log(`one-paragraph edit in ${original.length} B without keys: ${bytes} B frame`);
    const message = JSON.parse(frame);
    assert.equal(message.type, 'patch');
    assert.equal(message.ops.length, 1);
    assert.match(message.ops[0].html, /Paragraph 777, rewritten/);
    client.socket.close();
    await client.closed;
  });

  /** A source listing as rustdoc writes it: one `<pre><code>` of numbered lines. */
  const listing = (lines: number, edited: number, lead = ''): string => {
    const rows: string[] = [];
    for (let n = 1; n <= lines; n += 1) {
      // The edited line loses its keyword span, which every other line repeats: only that line changes.
      const body = n === edited ? 'let edited_line = true;' : `<span class="kw">fn</span> line_${n}() {}`;
      rows.push(`<a href=#${n} id=${n} data-nosnippet>${n}</a>${body}\n`);
    }
    return `<!DOCTYPE html><html><head><title>src</title></head><body><main><pre class="rust">${lead}<code>${rows.join('')}</code></pre></main></body></html>`;
  };

  it('sends a small patch for a line edited in a 400 KB code listing (a repeated span removed), leaving out the newline a parser drops after <pre>', async () => {
    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    const send = async (html: string): Promise<{ bytes: number; ops: Array<{ html: string }> }> => {
      const { version } = server.updateContent(html);
      const frame = await poll(() => client.frames.find((f) => f.includes(`"version":${version}`)), {
        message: 'the change',
      });
      const message = JSON.parse(frame);
      assert.equal(message.type, 'patch', frame.slice(0, 200));
      return { bytes: Buffer.byteLength(frame), ops: message.ops };
    };
    const original = listing(8000, -1);
    assert.ok(original.length >= 400_000, `listing is ${original.length} bytes`);
    server.updateContent(original);
    const line = await send(listing(8000, 4000));
    assert.ok(line.bytes <= 4096, `frame is ${line.bytes} bytes`);
    assert.match(line.ops[0]?.html ?? '', /edited_line/);
    // Text first in a <pre>, after a newline: a splice at its start must not bring the newline back.
    server.updateContent(listing(8000, -1, '\nlisting: '));
    const first = await send(listing(8000, -1, '\nsource listing: '));
    assert.ok(first.bytes <= 4096, `frame is ${first.bytes} bytes`);
    assert.equal(first.ops[0]?.html.startsWith('source listing: '), true, JSON.stringify(first.ops[0]));
    client.socket.close();
    await client.closed;
  });
});
