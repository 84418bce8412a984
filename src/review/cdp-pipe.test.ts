import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { CdpError, CdpPipe } from './cdp-pipe.js';

/** A pipe whose browser side the test plays: what was sent, and a way to answer. */
function fakeBrowser() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const sent: { id: number; method: string; params: unknown; sessionId?: string }[] = [];
  let pending = '';
  toBrowser.setEncoding('utf8').on('data', (text: string) => {
    pending += text;
    for (let end = pending.indexOf('\0'); end !== -1; end = pending.indexOf('\0')) {
      sent.push(JSON.parse(pending.slice(0, end)));
      pending = pending.slice(end + 1);
    }
  });
  return { cdp: new CdpPipe(toBrowser, fromBrowser), sent, fromBrowser };
}

const tick = () => new Promise((done) => setImmediate(done));

describe('CdpPipe', () => {
  it('sends NUL-ended JSON with ids and a session, and pairs answers by id in any order and framing', async () => {
    const { cdp, sent, fromBrowser } = fakeBrowser();
    const first = cdp.send('Browser.getVersion');
    const second = cdp.send('Page.printToPDF', { scale: 1 }, 'S1');
    await tick();
    assert.deepEqual(sent, [
      { id: 1, method: 'Browser.getVersion', params: {} },
      { id: 2, method: 'Page.printToPDF', params: { scale: 1 }, sessionId: 'S1' },
    ]);
    // The second answer first, an event between, and a message split across chunks (a multi-byte
    // character split too).
    const text = `${JSON.stringify({ id: 2, result: { stream: 'µ-stream' } })}\0${JSON.stringify({ method: 'Page.loadEventFired', params: {} })}\0${JSON.stringify({ id: 1, result: { product: 'Chrome' } })}\0`;
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('µ')) + 1;
    fromBrowser.write(bytes.subarray(0, cut));
    await tick();
    fromBrowser.write(bytes.subarray(cut));
    assert.deepEqual(await second, { stream: 'µ-stream' });
    assert.deepEqual(await first, { product: 'Chrome' });
  });

  it('rejects a command the browser answers with an error, naming the command', async () => {
    const { cdp, fromBrowser } = fakeBrowser();
    const answer = cdp.send('Page.setDocumentContent', { frameId: 'x', html: '' }, 'S');
    fromBrowser.write(
      `${JSON.stringify({ id: 1, error: { code: -32000, message: 'No frame for given id found' } })}\0`,
    );
    await assert.rejects(answer, (error: Error) => {
      assert.ok(error instanceof CdpError);
      assert.equal(error.message, 'Page.setDocumentContent: No frame for given id found');
      return true;
    });
  });

  it('fails waiting and later commands when the browser goes away', async () => {
    const { cdp, fromBrowser } = fakeBrowser();
    const waiting = cdp.send('Page.printToPDF');
    fromBrowser.destroy();
    await assert.rejects(waiting, /closed its protocol pipe/);
    await assert.rejects(cdp.send('Browser.close'), /closed its protocol pipe/);
  });
});
