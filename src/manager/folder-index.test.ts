import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { documentName, renderFolderIndex } from './folder-index.js';

describe('documentName', () => {
  it('replaces the source extension with .html and uses / separators', () => {
    const root = join('/', 'docs');
    assert.equal(documentName(root, join(root, 'lab', 'ph.sop.yaml')), 'lab/ph.html');
    assert.equal(documentName(root, join(root, 'lab', 'ph.sop.yml')), 'lab/ph.html');
    assert.equal(documentName(root, join(root, 'it', 'failover.sop.md')), 'it/failover.html');
    assert.equal(documentName(root, join(root, 'notes.md')), 'notes.html');
    assert.equal(documentName(root, join(root, 'plain.htm')), 'plain.html');
    assert.equal(documentName(root, join(root, 'plain.html')), 'plain.html');
  });
});

describe('renderFolderIndex', () => {
  it('lists title, id, status and a link per document, escaped, one block per row', () => {
    const html = renderFolderIndex('docs', [
      { doc: 'b/z.html', title: 'Zeta <b>bold</b>', id: 'SOP-2', status: 'draft', failing: false },
      { doc: 'a.html', title: 'Alpha', failing: true },
    ]);
    assert.ok(html.indexOf('href="/a.html"') < html.indexOf('href="/b/z.html"'), 'sorted by document name');
    assert.match(html, /Zeta &lt;b&gt;bold&lt;\/b&gt;/);
    assert.match(html, /<td>SOP-2<\/td><td>draft<\/td>/);
    assert.match(html, /data-block="doc:a\.html"/);
    assert.match(html, /Alpha<\/a> <span class="error">\(error\)<\/span>/);
    assert.doesNotMatch(renderFolderIndex('x', []), /<tr data-block/);
    assert.match(renderFolderIndex('x', []), /No documents found/);
  });
});
