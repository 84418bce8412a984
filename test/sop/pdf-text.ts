/**
 * Just enough PDF reading to check what Chromium printed: page count and the text of each page,
 * decoded through the fonts' ToUnicode maps. Chromium (Skia) writes plain objects with
 * Flate-compressed streams and no object streams, which keeps this small.
 */
import { inflateSync } from 'node:zlib';

type CMap = Map<number, string>;

function objects(pdf: Buffer): Map<number, Buffer> {
  const text = pdf.toString('latin1');
  const out = new Map<number, Buffer>();
  for (const match of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    out.set(Number(match[1]), Buffer.from(match[2]!, 'latin1'));
  }
  return out;
}

function streamOf(object: Buffer): Buffer {
  const text = object.toString('latin1');
  const start = text.indexOf('stream');
  const end = text.lastIndexOf('endstream');
  if (start < 0 || end < 0) return Buffer.alloc(0);
  let body = object.subarray(start + 'stream'.length, end);
  if (body[0] === 0x0d) body = body.subarray(1);
  if (body[0] === 0x0a) body = body.subarray(1);
  return text.includes('/FlateDecode') ? inflateSync(body, { finishFlush: 2 }) : body;
}

const utf16 = (hex: string) => {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
};

function parseCMap(source: string): CMap {
  const map: CMap = new Map();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(Number.parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const from = Number.parseInt(m[1]!, 16);
      const to = Number.parseInt(m[2]!, 16);
      const base = Number.parseInt(m[3]!, 16);
      for (let code = from; code <= to; code++) map.set(code, String.fromCharCode(base + code - from));
    }
  }
  return map;
}

function decode(hex: string, cmap: CMap | undefined): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += cmap?.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '';
  return out;
}

/** The text of every page, in page order (text objects separated by newlines). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const pages: string[] = [];
  const cmaps = new Map<number, CMap>();
  for (const [, object] of [...objs].sort((a, b) => a[0] - b[0])) {
    const dict = object.toString('latin1');
    if (!/\/Type\s*\/Page\b/.test(dict)) continue;
    const fonts = new Map<string, CMap>();
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(dict)?.[1] ?? '';
    for (const f of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const fontObject = objs.get(Number(f[2]))?.toString('latin1') ?? '';
      const ref = /\/ToUnicode\s+(\d+) 0 R/.exec(fontObject)?.[1];
      if (ref === undefined) continue;
      const id = Number(ref);
      if (!cmaps.has(id)) cmaps.set(id, parseCMap(streamOf(objs.get(id)!).toString('latin1')));
      fonts.set(f[1]!, cmaps.get(id)!);
    }
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1] ?? '';
    let text = '';
    for (const ref of contents.matchAll(/(\d+) 0 R/g)) {
      const ops = streamOf(objs.get(Number(ref[1]))!).toString('latin1');
      let font: CMap | undefined;
      for (const op of ops.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj|\[((?:[^\]])*)\]\s*TJ|\bET\b/g)) {
        if (op[1] !== undefined) font = fonts.get(op[1]);
        else if (op[2] !== undefined) text += decode(op[2], font);
        else if (op[3] !== undefined) for (const h of op[3].matchAll(/<([0-9a-fA-F]*)>/g)) text += decode(h[1]!, font);
        else text += '\n';
      }
    }
    pages.push(text);
  }
  return pages;
}
