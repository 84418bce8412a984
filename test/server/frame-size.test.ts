import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { poll } from '../helpers/poll.js';
import { connectClient } from './server-helpers.js';

function bigDocument(editedStep: number, text: string): string {
  const modules: string[] = [];
  for (let m = 0; m < 20; m += 1) {
    const steps: string[] = [];
    for (let s = 0; s < 100; s += 1) {
      const index = m * 100 + s;
      const body = index === editedStep ? text : `Step ${index}: ${'Check the reading and record it. '.repeat(14)}`;
      steps.push(`<li data-block="step-${index}" id="step-${index}"><p>${body}</p></li>`);
    }
    modules.push(`<section data-block="module-${m}"><h2>Module ${m}</h2><ol>\n${steps.join('\n')}\n</ol></section>`);
  }
  return `<!doctype html><html><head><title>Big SOP</title></head><body><main>\n${modules.join('\n')}\n</main></body></html>`;
}

describe('frame size (acceptance 6)', () => {
  const server = new LivePreviewServer({ port: 0 });
  before(() => server.start());
  after(() => server.stop());

  it('sends under 4 KB on the wire for a one-block edit in a 1 MB, 2,000-block document', async () => {
    const original = bigDocument(-1, '');
    assert.ok(original.length >= 1_000_000, `document is ${original.length} bytes`);
    server.updateContent(original);
    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    const { version } = server.updateContent(bigDocument(1234, 'Step 1234: rinse twice with buffer pH 7.'));
    const frame = await poll(() => client.frames.find((f) => f.includes(`"version":${version}`)), {
      message: 'the change',
    });
    const bytes = Buffer.byteLength(frame);
    assert.ok(bytes < 4096, `frame is ${bytes} bytes`);
    const message = JSON.parse(frame);
    assert.equal(message.type, 'patch');
    assert.deepEqual(
      message.ops.map((op: { op: string; key: string }) => `${op.op}:${op.key}`),
      ['upd:step-1234'],
    );
    assert.equal(server.stats().updates.patch, 1);
    client.socket.close();
    await client.closed;
  });
});
