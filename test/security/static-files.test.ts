/**
 * Static files (the Vite `server.fs.deny` bypass class): raw request targets that try to climb
 * out of the root, dotfiles and dot-folders, and symlinks leaving the root. Nothing outside the
 * root and no dotfile is ever served; each target is sent byte for byte over a raw socket.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { rawGet, rawRequest, statusOf } from '../helpers/raw-request.js';

const OUTSIDE = 'OUTSIDE-SECRET-5d1e';
const SIBLING = 'SIBLING-SECRET-8a2f';
const DOTFILE = 'DOTFILE-SECRET-44c0';
const GITCFG = 'GIT-CONFIG-SECRET-9e77';

describe('static files stay inside the root', () => {
  const base = mkdtempSync(join(tmpdir(), 'sop-preview-static-'));
  const root = join(base, 'site');
  const rootName = basename(root);
  let server: LivePreviewServer;

  before(async () => {
    mkdirSync(join(root, 'img'), { recursive: true });
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, '.hidden-dir'));
    mkdirSync(join(root, 'inner'));
    writeFileSync(join(root, 'img', 'ok.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'inner', 'page.txt'), 'inner page');
    // Names a URL cannot carry safely; they exist so only the explicit rule can refuse them.
    writeFileSync(join(root, 'inner', 'a#b.txt'), 'hash name');
    writeFileSync(join(root, 'inner', 'a\\b.txt'), 'backslash name');
    writeFileSync(join(root, '.env'), DOTFILE);
    writeFileSync(join(root, '.git', 'config'), GITCFG);
    writeFileSync(join(root, '.hidden-dir', 'notes.txt'), DOTFILE);
    writeFileSync(join(root, 'inner', '.npmrc'), DOTFILE);
    writeFileSync(join(base, 'x'), OUTSIDE);
    writeFileSync(join(base, 'secret.txt'), OUTSIDE);
    // Sibling-prefix: `<root>-secret` starts with the root path but is outside it.
    mkdirSync(join(base, `${rootName}-secret`));
    writeFileSync(join(base, `${rootName}-secret`, 'x'), SIBLING);
    symlinkSync(join(base, 'secret.txt'), join(root, 'file-link.txt'));
    symlinkSync(base, join(root, 'folder-link'));
    symlinkSync(join(base, `${rootName}-secret`), join(root, 'sibling-link'));
    symlinkSync('../secret.txt', join(root, 'inner', 'relative-link.txt'));
    // A symlink inside the root pointing inside the root is fine.
    symlinkSync(join(root, 'img', 'ok.svg'), join(root, 'inner', 'ok-link.svg'));
    server = new LivePreviewServer({ port: 0, root });
    await server.start();
  });
  after(async () => {
    await server.stop();
    rmSync(base, { recursive: true, force: true });
  });

  const leaked = (response: string): boolean =>
    [OUTSIDE, SIBLING, DOTFILE, GITCFG].some((secret) => response.includes(secret));

  it('serves files inside the root, also through a symlink that stays inside (control case)', async () => {
    for (const target of ['/img/ok.svg', '/inner/page.txt', '/inner/ok-link.svg', '/img/%6fk.svg']) {
      assert.equal(statusOf(await rawGet(server.port, target)), 200, target);
    }
  });

  it('refuses every traversal shape in the raw request target', async () => {
    const targets = [
      '/../x',
      '/../../x',
      '/%2e%2e/x',
      '/%2E%2E/x',
      '/.%2e/x',
      '/%2e./x',
      '/..%2fx',
      '/..%2Fx',
      '/%2e%2e%2fx',
      '/..%5cx',
      '/..%5Cx',
      '/a\\..\\..\\x',
      '/inner/..\\..\\x',
      '/..\\x',
      '/inner/../../x',
      '/inner/%2e%2e/%2e%2e/x',
      '/..%252fx',
      '/%252e%252e/x',
      '/..%c0%afx',
      '/..%u2215x',
      '/x#',
      '/inner/page.txt#/../../x',
      '/%23/../x',
      '/x%00',
      '/inner/page.txt%00',
      '/inner/page.txt%00.svg',
      '/%00/../x',
      '/inner/.',
      '/inner/page.txt/.',
      '/.',
      '/./x',
      '/inner/./../../x',
      `/../${rootName}-secret/x`,
      `/%2e%2e/${rootName}-secret/x`,
      `/..%2f${rootName}-secret%2fx`,
      '//x',
      '///../x',
      `/${'../'.repeat(20)}etc/passwd`,
      '/%E0%A4%A',
      '/%',
    ];
    for (const target of targets) {
      const response = await rawGet(server.port, target);
      const status = statusOf(response);
      assert.ok([400, 403, 404].includes(status), `${target} answered ${status}`);
      assert.ok(!leaked(response), `${target} leaked a secret`);
    }
  });

  it('refuses # and backslashes even when a file with such a name exists', async () => {
    for (const target of ['/inner/a%23b.txt', '/inner/a%5cb.txt', '/inner/a%5Cb.txt', '/inner/a\\b.txt']) {
      const response = await rawGet(server.port, target);
      assert.equal(statusOf(response), 403, target);
      assert.doesNotMatch(response, /hash name|backslash name/);
    }
  });

  it('refuses absolute-form and asterisk request targets', async () => {
    for (const target of [`http://127.0.0.1:${server.port}/../x`, 'x', '*', `file://${base}/x`]) {
      const response = await rawGet(server.port, target);
      assert.ok([400, 403, 404].includes(statusOf(response)), `${target} answered ${statusOf(response)}`);
      assert.ok(!leaked(response), `${target} leaked a secret`);
    }
  });

  it('never serves dotfiles or anything in dot-folders, however spelled', async () => {
    const targets = [
      '/.env',
      '/%2eenv',
      '/%2Eenv',
      '/.git/config',
      '/.git/',
      '/.git',
      '/%2egit/config',
      '/.git%2fconfig',
      '/.hidden-dir/notes.txt',
      '/inner/.npmrc',
      '/inner/%2enpmrc',
      '/img/../.env',
      '/folder-link/site/.env',
    ];
    for (const target of targets) {
      const response = await rawGet(server.port, target);
      assert.ok([400, 403, 404].includes(statusOf(response)), `${target} answered ${statusOf(response)}`);
      assert.ok(!leaked(response), `${target} leaked a dotfile`);
    }
  });

  it('never follows a file or folder symlink out of the root', async () => {
    const targets = [
      '/file-link.txt',
      '/folder-link/secret.txt',
      '/folder-link/x',
      `/folder-link/${rootName}-secret/x`,
      '/sibling-link/x',
      '/inner/relative-link.txt',
      '/folder-link/',
      '/folder-link',
    ];
    for (const target of targets) {
      const response = await rawGet(server.port, target);
      assert.equal(statusOf(response), 404, target);
      assert.ok(!leaked(response), `${target} leaked a secret`);
    }
  });

  it('refuses the same targets with HEAD and other methods', async () => {
    for (const method of ['HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']) {
      const response = await rawRequest(
        server.port,
        `${method} /../x HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      assert.ok(statusOf(response) >= 400, `${method} answered ${statusOf(response)}`);
      assert.ok(!leaked(response), `${method} leaked a secret`);
    }
  });
});
