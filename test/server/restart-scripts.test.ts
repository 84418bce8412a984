/**
 * Every frame that names a version a page may come to show carries the digest of that version's
 * scripts, and a page's `hello` that reports one decides, on a later run, between resuming in
 * place (same scripts) and a reload (anything else changed in them).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { PROTOCOL_VERSION, type ServerMessage } from '../../src/shared/protocol.js';
import { connectClient } from './server-helpers.js';

const page = (head: string, body: string, text: string): string =>
  `<!doctype html><html><head><title>s</title>${head}</head><body>` +
  `<main><section data-block="a"><p>${text}</p></section><section data-block="b"><p>${'stable '.repeat(40)}</p></section></main>` +
  `${body}</body></html>`;

const HEAD = '<script>window.a = 1;</script>';
const BODY = '<script src="app.js" defer></script>';

describe('scripts digest across server runs', () => {
  const servers: LivePreviewServer[] = [];
  const start = async (html: string): Promise<LivePreviewServer> => {
    const server = new LivePreviewServer({ port: 0, host: '127.0.0.1' });
    servers.push(server);
    server.updateContent(html);
    await server.start();
    return server;
  };
  after(() => Promise.all(servers.map((server) => server.stop())));

  /** The greeting a new socket gets for the current version of `index`. */
  const greeting = async (server: LivePreviewServer) => {
    const client = await connectClient(server);
    const hello = await client.waitFor((m) => m.type === 'hello', 'hello');
    client.socket.close();
    await client.closed;
    assert.ok(hello.type === 'hello');
    return hello;
  };

  /** What `server` answers a page at `lastVersion` of an earlier run that reports `scripts`. */
  const answer = async (
    server: LivePreviewServer,
    lastVersion: number,
    scripts: string | undefined,
  ): Promise<ServerMessage> => {
    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    client.socket.send(
      JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc: 'index', lastVersion, scripts }),
    );
    const message = await client.waitFor((m) => m.type === 'reload' || m.type === 'update', 'reload or update');
    client.socket.close();
    await client.closed;
    return message;
  };

  it('sends the digest with the greeting, patches and full updates; none for a page without scripts', async () => {
    const server = await start(page(HEAD, BODY, 'one'));
    const first = await greeting(server);
    assert.match(first.scripts ?? '', /^[\w-]{22}$/);

    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    // Text only: the same scripts, the same digest.
    const { version: edited } = server.updateContent(page(HEAD, BODY, 'two'));
    const patch = await client.waitFor((m) => m.type === 'patch' && m.version === edited, 'patch');
    assert.ok(patch.type === 'patch');
    assert.equal(patch.scripts, first.scripts);
    // A body script added: a patch that runs it, and a new digest.
    const added = `${BODY}<script>window.b = 2;</script>`;
    const { version: grown } = server.updateContent(page(HEAD, added, 'two'));
    const grownFrame = await client.waitFor((m) => 'version' in m && m.version === grown, 'the change');
    assert.ok(grownFrame.type === 'patch' || grownFrame.type === 'update');
    assert.ok(grownFrame.scripts && grownFrame.scripts !== first.scripts, 'a new digest');
    // A resync request answers with the whole document and its digest.
    client.socket.send(
      JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc: 'index', lastVersion: edited }),
    );
    const update = await client.waitFor((m) => m.type === 'update', 'update');
    assert.ok(update.type === 'update');
    assert.equal(update.scripts, grownFrame.scripts);
    client.socket.close();
    await client.closed;

    const plain = await start(page('', '', 'no scripts'));
    assert.equal((await greeting(plain)).scripts, undefined);
  });

  it('lets an earlier run’s page resume when its scripts are the same, and reloads it otherwise', async () => {
    const old = await start(page(HEAD, BODY, 'old run'));
    const { version: oldVersion, scripts: oldScripts } = await greeting(old);
    const plainOld = await start(page('', '', 'old run'));
    const { version: plainVersion } = await greeting(plainOld);
    await new Promise((resolve) => setTimeout(resolve, 2));

    const same = await start(page(HEAD, BODY, 'new run, other text'));
    assert.ok((await greeting(same)).version > oldVersion, 'a later run: later versions');
    const resumed = await answer(same, oldVersion, oldScripts);
    assert.equal(resumed.type, 'update');
    assert.ok(resumed.type === 'update' && resumed.html.includes('new run, other text'));
    // A page that cannot say which scripts it ran (an older client) reloads, as before.
    assert.equal((await answer(same, oldVersion, undefined)).type, 'reload');

    for (const [what, html] of [
      ['a head script edited', page('<script>window.a = 2;</script>', BODY, 'new run')],
      ['an attribute of a script changed', page(HEAD, '<script src="app.js"></script>', 'new run')],
      ['a script added', page(HEAD, `${BODY}<script>window.b = 2;</script>`, 'new run')],
      ['the scripts removed', page('', '', 'new run')],
      ['a script moved to the head', page(`${HEAD}${BODY}`, '', 'new run')],
    ] as const) {
      const changed = await start(html);
      assert.equal((await answer(changed, oldVersion, oldScripts)).type, 'reload', what);
    }

    // A page without scripts reports '' and resumes on a run without scripts, but not with some.
    const plain = await start(page('', '', 'new run'));
    assert.equal((await answer(plain, plainVersion, '')).type, 'update');
    const scripted = await start(page(HEAD, '', 'new run'));
    assert.equal((await answer(scripted, plainVersion, '')).type, 'reload');
  });

  it('within a run, lets a page from before scripts changed and changed back resume', async () => {
    const server = await start(page(HEAD, BODY, 'one'));
    const { version: first, scripts } = await greeting(server);
    server.updateContent(page('<script>window.a = 2;</script>', BODY, 'two'));
    server.updateContent(page(HEAD, BODY, 'three'));
    assert.equal((await answer(server, first, scripts)).type, 'update');
    assert.equal((await answer(server, first, 'some-other-digest')).type, 'reload');
  });
});
