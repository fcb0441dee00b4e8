import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as Chromium (Skia) writes it, for tests: enough to check that a report's
 * PDF says what its page says, without a PDF library. Skia writes Type0 fonts (Identity-H, two
 * bytes per glyph) each with a ToUnicode CMap, Flate-compressed content streams, and text as
 * `<hex> Tj` or `[<hex> n <hex>] TJ` after `/Fn size Tf`; no object streams. Each text block
 * (BT … ET) ends a line. Throws on a PDF it cannot read, rather than finding nothing.
 */
export function pdfText(pdf: Uint8Array): string {
  const bytes = Buffer.from(pdf);
  const latin = bytes.toString('latin1');
  if (!latin.startsWith('%PDF-')) throw new Error('Not a PDF');
  const objects = new Map<string, { dict: string; stream: Buffer | null }>();
  for (const match of latin.matchAll(/(?:^|\n)(\d+) 0 obj\s*/g)) {
    const start = match.index! + match[0].length;
    const end = latin.indexOf('endobj', start);
    const body = latin.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(match[1], { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const dataStart = start + streamAt + (body[streamAt + 6] === '\r' ? 8 : 7);
    const dataEnd = latin.indexOf('endstream', dataStart);
    let stream = bytes.subarray(dataStart, dataEnd);
    if (dict.includes('/FlateDecode')) stream = inflateSync(stream);
    objects.set(match[1], { dict, stream });
  }
  const lines: string[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(dict)) continue;
    const fonts = new Map<string, Map<number, string>>();
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(dict)?.[1] ?? '';
    for (const [, name, id] of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode\s+(\d+) 0 R/.exec(objects.get(id)?.dict ?? '')?.[1];
      fonts.set(name, toUnicode ? cmapOf(objects.get(toUnicode)!.stream!.toString('latin1')) : new Map());
    }
    const contentIds = [.../\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)![1].matchAll(/(\d+) 0 R/g)].map((m) => m[1]);
    for (const id of contentIds) lines.push(...textOf(objects.get(id)!.stream!.toString('latin1'), fonts));
  }
  return lines.join('\n');
}

function cmapOf(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, to] of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(code, 16), unicode(to));
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, first] of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      for (let code = parseInt(from, 16), u = parseInt(first, 16); code <= parseInt(to, 16); code++, u++) map.set(code, String.fromCharCode(u));
    }
  }
  return map;
}

function textOf(content: string, fonts: Map<string, Map<number, string>>): string[] {
  const lines: string[] = [];
  let line = '';
  let font = new Map<number, string>();
  for (const [, fontName, hex, end] of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\b(ET)\b/g)) {
    if (fontName) font = fonts.get(fontName) ?? new Map();
    else if (hex !== undefined) for (const code of hex.match(/.{4}/g) ?? []) line += font.get(parseInt(code, 16)) ?? '';
    else if (end) {
      if (line) lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines;
}
