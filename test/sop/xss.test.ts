/**
 * Hostile text in every field renders inert (acceptance 3): no script, iframe, svg or object
 * element, no event-handler attribute, no `javascript:`/`vbscript:`/`data:` link, in both formats.
 * The same output is loaded in Chromium by the browser test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { stringify } from 'yaml';
import { loadSopText } from '../../src/sop/load-sop.js';
import { renderSop } from '../../src/sop/render-sop.js';

/** Payloads, each tried in every text field. */
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](  JaVaScRiPt:alert(1))',
  '[x](vbscript:msgbox(1)) [y](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '![x](javascript:alert(1))',
  '<object data="x.swf"></object><embed src="x">',
];

const FORBIDDEN_TAGS = new Set([
  'script',
  'iframe',
  'svg',
  'object',
  'embed',
  'frame',
  'frameset',
  'math',
  'base',
  'form',
]);

interface Node {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

/** Throws when the HTML holds anything active; `<style>` is allowed only in `<head>`. */
export function assertInert(html: string, context: string): void {
  const dom = parseDocument(html) as unknown as Node;
  const walk = (node: Node, inHead: boolean) => {
    if (node.type === 'script' || node.type === 'style' || node.type === 'tag') {
      const name = node.name!.toLowerCase();
      assert.ok(!FORBIDDEN_TAGS.has(name), `${context}: <${name}> element`);
      if (name === 'style' || name === 'link' || name === 'meta') assert.ok(inHead, `${context}: <${name}> in body`);
      for (const [attribute, value] of Object.entries(node.attribs ?? {})) {
        assert.ok(!/^on/i.test(attribute), `${context}: ${attribute}= attribute`);
        // Browsers ignore whitespace and control characters inside a URL scheme.
        const url = [...value]
          .filter((c) => c.charCodeAt(0) > 0x20)
          .join('')
          .toLowerCase();
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(attribute)) {
          assert.ok(attribute !== 'srcdoc', `${context}: srcdoc`);
          assert.ok(!/^(javascript|vbscript):/.test(url), `${context}: ${attribute}=${value}`);
          assert.ok(
            !url.startsWith('data:') || (name === 'img' && /^data:image\/(png|jpeg|gif|webp|avif)/.test(url)),
            `${context}: ${attribute}=${value}`,
          );
        }
      }
      for (const child of node.children ?? []) walk(child, inHead || name === 'head');
      return;
    }
    for (const child of node.children ?? []) walk(child, inHead);
  };
  walk(dom, false);
}

function everyField(p: string) {
  return {
    id: p,
    title: p,
    version: p,
    status: 'draft',
    owner: p,
    department: p,
    approvals: [{ role: p, name: p }],
    modules: [
      { type: 'purpose', title: p, text: p },
      { type: 'responsibilities', items: [{ role: p, duties: [p] }] },
      { type: 'definitions', items: [{ term: p, definition: p }] },
      { type: 'safety', callouts: [{ level: 'danger', text: p }] },
      { type: 'qualifications', items: [p] },
      { type: 'materials', items: [{ item: p, quantity: p, specification: p }] },
      {
        type: 'procedure',
        steps: [
          {
            text: p,
            details: p,
            duration: p,
            signoff: [p],
            callouts: [{ level: 'note', text: p }],
            image: { src: p, alt: p, caption: p },
            steps: [{ text: p }],
          },
        ],
      },
      { type: 'records', items: [{ name: p, location: p, retention: p }] },
      { type: 'references', items: [{ title: p, url: p }] },
      { type: 'revision-history', items: [{ version: p, date: '2025-01-01', author: p, change: p }] },
      { type: 'section', title: p, text: p },
    ],
  };
}

test('every payload in every field of a YAML SOP renders inert', () => {
  for (const payload of PAYLOADS) {
    const loaded = loadSopText({ text: stringify(everyField(payload)), format: 'yaml', file: 'xss.sop.yaml' });
    assert.ok(loaded.ok, `${payload}: ${JSON.stringify(!loaded.ok && loaded.errors[0])}`);
    const { html } = renderSop(loaded.document);
    assertInert(html, payload);
    // The payload is still there for the reader, as text.
    assert.ok(html.includes('&lt;') || !payload.includes('<'), `${payload} vanished`);
  }
});

test('every payload in a Markdown SOP renders inert', () => {
  for (const p of PAYLOADS) {
    const text = `---\nid: SOP-X\ntitle: X\nversion: "1"\nstatus: draft\n---\n\n## Purpose\n\n${p}\n\n## ${p}\n\n${p}\n\n## Safety\n\n> **Warning:** ${p}\n\n## Procedure\n\n1. ${p}\n\n   ${p}\n\n   > **Note:** ${p}\n\n## References\n\n- ${p}\n- [${p}](javascript:alert(1))\n\n## Definitions\n\n| Term | Definition |\n|---|---|\n| ${p.replace(/\|/g, '')} | ${p.replace(/\|/g, '')} |\n`;
    const loaded = loadSopText({ text, format: 'markdown', file: 'xss.sop.md' });
    assert.ok(loaded.ok, `${p}: ${JSON.stringify(!loaded.ok && loaded.errors[0])}`);
    assertInert(renderSop(loaded.document).html, `markdown ${p}`);
  }
});

test('the inertness check itself catches active content', () => {
  for (const bad of [
    '<script>x</script>',
    '<p onclick="x">',
    '<a href=" javascript:x">',
    '<iframe></iframe>',
    '<img src="data:text/html,x">',
  ]) {
    assert.throws(() => assertInert(`<html><head></head><body>${bad}</body></html>`, bad));
  }
});
