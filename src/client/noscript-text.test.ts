import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hideNoscriptText } from './noscript-text.js';

/** The hidden HTML with placeholders shortened to `<!--N-->`, and the texts. */
function hide(html: string): [string, string[]] {
  const { html: out, texts } = hideNoscriptText(html);
  return [out.replace(/<!--sop-preview-noscript:(\d+)-->/g, '<!--$1-->'), texts];
}

describe('hideNoscriptText', () => {
  it('sets aside the content of each <noscript>, in the head and in the body', () => {
    assert.deepEqual(
      hide(
        '<head><NOSCRIPT><link rel=stylesheet href=a.css></NOSCRIPT></head><body><noscript class="x">' +
          '<iframe src="toc.html"></iframe> &amp; more</noscript><p>after</p></body>',
      ),
      [
        '<head><NOSCRIPT><!--0--></NOSCRIPT></head><body><noscript class="x"><!--1--></noscript><p>after</p></body>',
        ['<link rel=stylesheet href=a.css>', '<iframe src="toc.html"></iframe> &amp; more'],
      ],
    );
  });

  it('ends the content at the first </noscript>, as a browser with scripting on does', () => {
    assert.deepEqual(hide('<noscript><noscript>a</noscript>b</noscript>'), [
      '<noscript><!--0--></noscript>b</noscript>',
      ['<noscript>a'],
    ]);
    assert.deepEqual(hide('<noscript >open to the end'), ['<noscript ><!--0-->', ['open to the end']]);
    assert.deepEqual(hide('<noscript></noscript>'), ['<noscript><!--0--></noscript>', ['']]);
  });

  it('leaves alone what only looks like a <noscript>: comments, raw text, attribute values, other names', () => {
    for (const html of [
      '<!-- <noscript><b>x</b></noscript> --><p>a</p>',
      '<script>document.write("<noscript>x</noscript>")</script>',
      '<textarea><noscript>x</noscript></textarea>',
      '<title><noscript>x</noscript></title>',
      '<p title="<noscript>x</noscript>">a</p>',
      '<p title=\'>\' data-x="<noscript>">a</p>',
      '<noscripts>x</noscripts>',
      '<plaintext><noscript>x</noscript>',
      // `<!-->` is a whole comment; what follows is a start tag cut off at the end.
      '<!doctype html><!--> <noscript',
    ]) {
      assert.deepEqual(hide(html), [html, []], html);
    }
  });

  it('finds a <noscript> after a comment that ends early and after a quoted ">"', () => {
    assert.deepEqual(hide('<!--><noscript>a</noscript>'), ['<!--><noscript><!--0--></noscript>', ['a']]);
    assert.deepEqual(hide('<div title="a>b"><noscript>c</noscript></div>'), [
      '<div title="a>b"><noscript><!--0--></noscript></div>',
      ['c'],
    ]);
  });

  it('returns the same string when there is nothing to set aside', () => {
    const html = '<p>no such element here</p>';
    assert.equal(hideNoscriptText(html).html, html);
  });
});
