import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { BOOTSTRAP_ATTRIBUTE, type ClientBootstrap, OWN_ELEMENT_ATTRIBUTE } from '../../shared/protocol.js';
import { injectClient } from './inject-client.js';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

const bootstrap: ClientBootstrap = {
  token: 't',
  doc: '</script><script>alert(1)</script>\u2028&"\'',
  version: 3,
  mode: 'morph',
  badge: true,
  flash: true,
  highlight: true,
  overlay: true,
  debug: false,
  themes: [],
};

const isOwn = (node: ChildNode): boolean =>
  'attrs' in node && node.attrs.some((attribute) => attribute.name === OWN_ELEMENT_ATTRIBUTE);

/** Parses as a browser does the bytes: its decoder drops a leading byte order mark, parse5 does not. */
const parseBytes = (html: string) => parse(html.replace(/^\uFEFF/, ''));

/** The whole parsed document as text: mode, doctype, every node with its namespace and attributes, without ours. */
function tree(html: string): string {
  const document = parseBytes(html);
  const out: string[] = [document.mode];
  const walk = (parent: ParentNode, depth: number) => {
    for (const node of parent.childNodes) {
      if (isOwn(node)) continue;
      const pad = ' '.repeat(depth);
      if (node.nodeName === '#text' && 'value' in node) {
        // Adjacent text joins, as in a browser's serialisation.
        const last = out.length - 1;
        if (out[last]?.startsWith(`${pad}#`)) out[last] += node.value;
        else out.push(`${pad}#${node.value}`);
      } else if (node.nodeName === '#comment' && 'data' in node) out.push(`${pad}<!--${node.data}-->`);
      else if (node.nodeName === '#documentType' && 'publicId' in node) {
        out.push(`${pad}<!DOCTYPE ${node.name} "${node.publicId}" "${node.systemId}">`);
      } else if ('tagName' in node) {
        const attributes = node.attrs.map((attribute) => `${attribute.name}="${attribute.value}"`).sort();
        out.push(`${pad}<${node.namespaceURI} ${node.tagName} ${attributes.join(' ')}>`);
        if ('content' in node) walk(node.content, depth + 2);
        walk(node, depth + 1);
      }
    }
  };
  walk(document, 0);
  return out.join('\n');
}

/** The parent element of the injected script in the parsed document. */
function scriptParent(html: string): string {
  const find = (parent: ParentNode): string | undefined => {
    for (const node of parent.childNodes) {
      if (isOwn(node)) return parent.nodeName;
      if ('childNodes' in node) {
        const found = find(node);
        if (found) return found;
      }
    }
    return undefined;
  };
  return find(parseBytes(html)) ?? 'nowhere';
}

const page = (middle: string): string =>
  `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>T</title>\n</head>\n<body>\n<p>before</p>\n${middle}\n<p id="after">after</p>\n</body>\n</html>\n`;

/**
 * Documents whose every prefix is tried, as an editor saving on each keystroke writes them: the
 * constructs that swallow what follows, and what may come before `<head>`.
 */
const DOCUMENTS = [
  page('<script>var a = 1;</script>'),
  page('<!-- note -->'),
  page('<textarea>x</textarea><style>p{}</style><title>t</title><xmp>x</xmp>'),
  page('<template><p>t</p></template><svg><circle/></svg><math><mi>x</mi></math>'),
  page('<p title="a b">q</p><noscript><p>n</p></noscript><plaintext>rest'),
  '\uFEFF<!-- before the doctype --><!DOCTYPE html><!-- after --><html lang="de" class=\'x\'><!-- in html --> <head data-a="1>"><title>t</title>',
  '<!doctype html><html data-x=a/b><head/><body>x',
  '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><body><p>quirky',
  '<!doctype html></p></head-x><?pi x?><!bogus></#x><html><frameset><frame></frameset>',
  '<!doctype html>\n\n  Only text, no element.',
  '  \n<html>\n<!--a--->\n<!--b--!>\n<!---->\n<!-->\n<!--->\n<body>\n<p>',
  '<html lang="en\n<head><title>an attribute left open</title>',
];

describe('injectClient', () => {
  it('adds one deferred script whose bootstrap attribute no value can end', () => {
    const out = injectClient('<!doctype html><p>x</p>', bootstrap);
    assert.match(
      out,
      new RegExp(
        `^<!doctype html><script ${OWN_ELEMENT_ATTRIBUTE} defer src="/__preview/client.js" ${BOOTSTRAP_ATTRIBUTE}="[^"<>]*"></script><p>x</p>$`,
      ),
    );
    // What the client reads is the attribute as the parser decodes it.
    const html = parse(out).childNodes.find((node) => node.nodeName === 'html');
    const head = html && 'childNodes' in html ? html.childNodes[0] : undefined;
    const script = head && 'childNodes' in head ? head.childNodes[0] : undefined;
    const value = script && 'attrs' in script ? script.attrs.find((a) => a.name === BOOTSTRAP_ATTRIBUTE)?.value : '';
    assert.deepEqual(JSON.parse(value ?? ''), bootstrap);
  });

  it('goes after a doctype (no quirks mode), into an existing <head> at its start', () => {
    assert.match(
      injectClient('<!DOCTYPE html><html><head><title>t</title>', bootstrap),
      /<head><script [^<>]*><\/script><title>/,
    );
    assert.match(injectClient('<p>fragment</p>', bootstrap), /^<script [^<>]*><\/script><p>fragment<\/p>$/);
    assert.equal(parse(injectClient('<!doctype html><p>x', bootstrap)).mode, 'no-quirks');
  });

  it('closes a comment left open before any element as the end of the document would', () => {
    const cases: [string, string][] = [
      ['<!doctype html><!-- note', '<!doctype html><!-- note-->'],
      ['<!---', '<!---->'],
      ['<!--x-', '<!--x-->'],
      ['<!--x--', '<!--x-->'],
      ['<!--x--!', '<!--x--!>'],
      ['<?xml version', '<?xml version>'],
    ];
    for (const [source, closed] of cases) {
      assert.ok(injectClient(source, bootstrap).startsWith(`${closed}<script `), source);
    }
  });

  it('never changes how any prefix of a document parses, and always lands in <head>', () => {
    let prefixes = 0;
    for (const document of DOCUMENTS) {
      for (let length = 0; length <= document.length; length += 1) {
        const source = document.slice(0, length);
        // A doctype the document ends inside forces quirks mode; a script after it would be part
        // of it, and one before it leaves the mode the same but the page without a doctype node.
        if (/<!doctype[^>]*$/i.test(source)) continue;
        const injected = injectClient(source, bootstrap);
        assert.equal(tree(injected), tree(source), JSON.stringify(source));
        assert.equal(scriptParent(injected), 'head', JSON.stringify(source));
        prefixes += 1;
      }
    }
    assert.ok(prefixes > 1000, `${prefixes} prefixes`);
  });
});
