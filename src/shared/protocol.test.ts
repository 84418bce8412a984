import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SCRIPTS_DIGEST, PROTOCOL_VERSION, parseClientMessage, parseServerMessage } from './protocol.js';

test('parseClientMessage accepts hello and applied', () => {
  assert.deepEqual(
    parseClientMessage(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc: 'index', lastVersion: 3 })),
    {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      doc: 'index',
      lastVersion: 3,
    },
  );
  // The digest of the scripts the page runs, '' for none, travels as is.
  for (const scripts of ['', 'rT0sM2m1nPq8vWx3yZa_-b']) {
    assert.deepEqual(
      parseClientMessage(
        JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc: 'd', lastVersion: 3, scripts }),
      ),
      { type: 'hello', protocol: PROTOCOL_VERSION, doc: 'd', lastVersion: 3, scripts },
    );
  }
  assert.deepEqual(parseClientMessage('{"type":"applied","version":2,"ms":1.5}'), {
    type: 'applied',
    version: 2,
    ms: 1.5,
  });
});

test('parseClientMessage rejects malformed and unknown frames', () => {
  for (const text of [
    '',
    'null',
    '[]',
    '{"type":"hello"}',
    '{"type":"hello","protocol":1,"doc":"x","lastVersion":-1}',
    '{"type":"hello","protocol":99,"doc":"x","lastVersion":1}',
    '{"type":"hello","protocol":1,"doc":"x","lastVersion":1,"scripts":7}',
    `{"type":"hello","protocol":1,"doc":"x","lastVersion":1,"scripts":"${'a'.repeat(MAX_SCRIPTS_DIGEST + 1)}"}`,
    '{"type":"applied","version":1,"ms":"fast"}',
    '{"type":"applied","version":1.5,"ms":1}',
    '{"type":"reload"}',
    '{"__proto__":{"type":"hello"}}',
  ]) {
    assert.equal(parseClientMessage(text), undefined, text);
  }
});

test('parseServerMessage ignores unknown types', () => {
  assert.equal(parseServerMessage('{"type":"future-thing"}'), undefined);
  assert.equal(parseServerMessage('not json'), undefined);
  assert.deepEqual(parseServerMessage('{"type":"reload","version":4}'), { type: 'reload', version: 4 });
});
