/**
 * Files made in the test, never downloaded: PDFs with text written by hand (as small as the
 * format allows) and zip files whose directory says what the test wants (a zip bomb, say).
 * Word files are made with the `docx` package in the tests themselves.
 */
import { deflateRawSync, deflateSync } from 'node:zlib';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();
const utf16be = (ch: string) => Buffer.from(ch, 'utf16le').swap16().toString('hex').toUpperCase();

/**
 * A valid PDF whose text is `lines`, top to bottom, 40 lines a page. Japanese needs a font whose
 * codes map to Unicode:
 * - `identity` (default): a Type0 font with Identity-H codes and a ToUnicode CMap, as Word and
 *   most PDF makers write Japanese (the glyphs are not embedded: text extraction reads the CMap);
 * - `unijis`: a font that is not embedded, named by Adobe's UniJIS-UCS2-H CMap and the
 *   Adobe-Japan1 collection, as older Japanese PDFs are, so the reader needs Adobe's CMaps;
 * - `none`: pages with no text at all, like a scanned paper.
 */
export function textPdf(
  lines: readonly string[],
  opts: { compress?: boolean; font?: 'identity' | 'unijis' | 'none' } = {},
): Uint8Array {
  const font = opts.font ?? 'identity';
  const codes = new Map<string, number>();
  for (const line of lines) for (const ch of line) if (!codes.has(ch)) codes.set(ch, codes.size + 1);
  const code = (ch: string) => (font === 'unijis' ? utf16be(ch) : hex4(codes.get(ch) ?? 0));
  const stream = (data: string) => {
    const raw = latin1(data);
    const body = opts.compress ? deflateSync(raw) : raw;
    const filter = opts.compress ? ' /Filter /FlateDecode' : '';
    return Buffer.concat([
      latin1(`<< /Length ${body.length}${filter} >>\nstream\n`),
      body,
      latin1('\nendstream'),
    ]);
  };

  const pages: string[][] = [];
  for (let i = 0; i < Math.max(1, lines.length); i += 40) pages.push(lines.slice(i, i + 40));
  // 1 catalog, 2 page tree, 3 font, 4 descendant font, 5 descriptor, 6 ToUnicode, then pages.
  const pageIds = pages.map((_, i) => 7 + i * 2);
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`,
  ];
  if (font === 'unijis') {
    objects.push(
      '<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [4 0 R] >>',
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 5 0 R /DW 1000 >>',
    );
  } else {
    objects.push(
      '<< /Type /Font /Subtype /Type0 /BaseFont /KoeTest /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>',
      '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KoeTest /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /CIDToGIDMap /Identity >>',
    );
  }
  objects.push(
    '<< /Type /FontDescriptor /FontName /KoeTest /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
  );
  const entries = [...codes];
  let cmap =
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n';
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    cmap += `${chunk.length} beginbfchar\n${chunk.map(([ch, n]) => `<${hex4(n)}> <${utf16be(ch)}>`).join('\n')}\nendbfchar\n`;
  }
  cmap += 'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend';
  objects.push(stream(cmap));
  pages.forEach((pageLines, i) => {
    const id = pageIds[i] ?? 0;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`,
    );
    const ops =
      font === 'none'
        ? '0.9 g 50 50 495 742 re f'
        : `BT /F1 12 Tf\n${pageLines
            .map((line, k) => `${k === 0 ? '50 800 Td' : '0 -18 Td'} <${[...line].map(code).join('')}> Tj`)
            .join('\n')}\nET`;
    objects.push(stream(ops));
  });

  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      latin1(`${i + 1} 0 obj\n`),
      typeof body === 'string' ? latin1(body) : body,
      latin1('\nendobj\n'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets
    .map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)
    .join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(latin1(xref));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * A zip of `entries`, deflated, whose directory may declare another size than the true one
 * (`declaredSize`) or mark an entry encrypted: what a hostile .docx can be. CRCs are left 0:
 * nothing here reads them.
 */
export function zipFile(
  entries: readonly { name: string; data: Uint8Array; declaredSize?: number; encrypted?: boolean }[],
): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const flags = e.encrypted ? 1 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
