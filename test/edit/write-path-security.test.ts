/**
 * The editor's write path refuses, and changes nothing, for: a socket from another origin, a
 * socket without the token, a document name or new-file name that walks out of the root, a file
 * that is a symlink out of the root, and a session where editing is off (non-loopback host).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { editingAllowed } from '../../src/cli/edit-command.js';
import { EditSession } from '../../src/edit/edit-session.js';
import { checkWritable } from '../../src/edit/write-path.js';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import type { EditorServerMessage } from '../../src/shared/protocol.js';

const SOP = 'id: SOP-1\ntitle: T\nversion: "1"\nstatus: draft\nmodules:\n  - type: purpose\n    text: Hello.\n';

interface Setup {
  server: LivePreviewServer;
  session: EditSession;
}

async function start(root: string, files: Array<{ doc: string; file: string }>, editable = true): Promise<Setup> {
  let server: LivePreviewServer | undefined;
  const session = new EditSession({
    root,
    folder: true,
    documents: () => files,
    target: () => server,
    editable,
    template: async () => SOP,
  });
  server = new LivePreviewServer({ port: 0, root, extension: session });
  await server.start();
  return { server, session };
}

/** Opens an editor socket; resolves with the socket once open, or the refusal status. */
function connect(
  setup: Setup,
  doc: string,
  { origin, token }: { origin?: string; token?: string } = {},
): Promise<{ ws?: WebSocket; status?: number; messages: EditorServerMessage[] }> {
  const base = new URL(setup.server.url);
  const url = `ws://${base.host}/__preview/ws?editor=1&doc=${encodeURIComponent(doc)}&token=${encodeURIComponent(token ?? setup.server.token)}`;
  const ws = new WebSocket(url, { headers: { origin: origin ?? base.origin } });
  const messages: EditorServerMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as EditorServerMessage));
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode, messages }));
    ws.once('error', () => resolve({ messages }));
  });
}

async function waitForMessage(messages: EditorServerMessage[], type: string): Promise<EditorServerMessage> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = messages.find((m) => m.type === type);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('editor write path security', () => {
  let dir: string;
  let root: string;
  let outside: string;
  const setups: Setup[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-edit-sec-'));
    root = join(dir, 'root');
    outside = join(dir, 'outside');
    await mkdir(root);
    await mkdir(outside);
    await writeFile(join(root, 'a.sop.yaml'), SOP);
    await writeFile(join(outside, 'victim.sop.yaml'), SOP);
    await symlink(join(outside, 'victim.sop.yaml'), join(root, 'link.sop.yaml'));
  });
  after(async () => {
    for (const { server, session } of setups) await Promise.all([server.stop(), session.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  const setup = async (files: Array<{ doc: string; file: string }>, editable = true): Promise<Setup> => {
    const s = await start(root, files, editable);
    setups.push(s);
    return s;
  };
  const unchanged = async (): Promise<void> => {
    assert.equal(await readFile(join(root, 'a.sop.yaml'), 'utf8'), SOP);
    assert.equal(await readFile(join(outside, 'victim.sop.yaml'), 'utf8'), SOP);
    assert.deepEqual((await readdir(outside)).sort(), ['victim.sop.yaml']);
  };

  it('refuses an editor socket from another origin, and one without the right token', async () => {
    const s = await setup([{ doc: 'a.html', file: join(root, 'a.sop.yaml') }]);
    assert.equal((await connect(s, 'a.html', { origin: 'http://evil.example' })).status, 403);
    assert.equal((await connect(s, 'a.html', { token: 'wrong-token-123' })).status, 403);
    const good = await connect(s, 'a.html');
    assert.ok(good.ws, 'a same-origin socket with the token opens');
    good.ws?.close();
    await unchanged();
  });

  it('refuses a document name that walks out of the root, and a new file named with a path', async () => {
    const s = await setup([{ doc: 'a.html', file: join(root, 'a.sop.yaml') }]);
    const bad = await connect(s, '../outside/victim.sop.yaml');
    const closed = await new Promise<number>((resolve) => bad.ws?.once('close', (code) => resolve(code)));
    assert.equal(closed, 1008);
    const good = await connect(s, 'a.html');
    for (const name of ['../outside/evil', '..', '/etc/evil', 'sub/evil', '.hidden']) {
      good.messages.length = 0;
      good.ws?.send(JSON.stringify({ type: 'create', name }));
      const answer = await waitForMessage(good.messages, 'created');
      assert.equal(answer.type === 'created' && answer.ok, false, `"${name}" must be refused`);
    }
    good.ws?.close();
    await unchanged();
    assert.deepEqual((await readdir(root)).sort(), ['a.sop.yaml', 'link.sop.yaml']);
  });

  it('refuses to save through a symlink that points out of the root', async () => {
    const s = await setup([{ doc: 'link.html', file: join(root, 'link.sop.yaml') }]);
    const tab = await connect(s, 'link.html');
    const open = await waitForMessage(tab.messages, 'editor-open');
    assert.ok(open.type === 'editor-open');
    tab.ws?.send(JSON.stringify({ type: 'save', text: 'owned', base: open.hash }));
    const answer = await waitForMessage(tab.messages, 'saved');
    assert.ok(
      answer.type === 'saved' && !answer.ok && /symbolic link|outside/.test(answer.message ?? ''),
      JSON.stringify(answer),
    );
    await assert.rejects(checkWritable(root, join(root, '..', 'outside', 'victim.sop.yaml')), /outside/);
    tab.ws?.close();
    await unchanged();
  });

  it('refuses edits and saves when editing is off (non-loopback host without --allow-remote-edit)', async () => {
    assert.equal(editingAllowed('0.0.0.0', false), false);
    assert.equal(editingAllowed('192.168.1.20', false), false);
    assert.equal(editingAllowed('0.0.0.0', true), true);
    assert.equal(editingAllowed('127.0.0.1', false), true);
    const s = await setup([{ doc: 'a.html', file: join(root, 'a.sop.yaml') }], false);
    const tab = await connect(s, 'a.html');
    const open = await waitForMessage(tab.messages, 'editor-open');
    assert.ok(open.type === 'editor-open');
    tab.ws?.send(JSON.stringify({ type: 'save', text: 'changed', base: open.hash }));
    const answer = await waitForMessage(tab.messages, 'saved');
    assert.equal(answer.type === 'saved' && answer.ok, false);
    tab.ws?.send(JSON.stringify({ type: 'create', name: 'new-one' }));
    await waitForMessage(tab.messages, 'created');
    tab.ws?.close();
    await unchanged();
    assert.deepEqual((await readdir(root)).sort(), ['a.sop.yaml', 'link.sop.yaml']);
  });
});
