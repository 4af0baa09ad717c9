/**
 * The worker thread that reads a Word or PDF draft (src/lib/draft-file/convert.ts starts it).
 * Plain JavaScript, not TypeScript: it only calls the two libraries, and a bundle of them cannot
 * run as a `data:` module (mammoth is CommonJS and requires Node's modules at run time; pdf.js
 * loads its own worker file), so it is started from this file as it is.
 *
 * In: `workerData` = { kind: 'docx', bytes, parts: [{ method, offset, compressedSize, size }],
 * maxChars } or
 * { kind: 'pdf', bytes, maxChars }. Out: one message, { ok: true, html, images } for Word,
 * { ok: true, pages } (lines of text per page) for PDF, or { ok: false, problem }.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';

/**
 * Each XML part of the zip must inflate to no more than the size its directory declares (which
 * the caller bounded before starting this worker): a part that would grow further is a zip bomb,
 * refused before mammoth reads it. Parts stored without compression are already bounded.
 */
function partsWithinDeclaredSizes(bytes, parts) {
  for (const part of parts) {
    if (part.method !== 8) continue;
    const data = bytes.subarray(part.offset, part.offset + part.compressedSize);
    try {
      inflateRawSync(data, { maxOutputLength: Math.max(1, part.size) });
    } catch (err) {
      if (err instanceof RangeError || err?.code === 'ERR_BUFFER_TOO_LARGE') return false;
      throw err;
    }
  }
  return true;
}

async function readDocx({ bytes, parts, maxChars }) {
  if (!partsWithinDeclaredSizes(bytes, parts)) return { ok: false, problem: 'too_large' };
  const mammoth = (await import('mammoth')).default;
  let images = 0;
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      // Images are counted, never read: the draft's text has no place for them.
      convertImage: mammoth.images.imgElement(() => {
        images++;
        return { src: '' };
      }),
      ignoreEmptyParagraphs: true,
    },
  );
  if (result.value.length > maxChars) return { ok: false, problem: 'too_long' };
  return { ok: true, html: result.value, images };
}

async function readPdf({ bytes, maxChars }) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    // Japanese PDFs without embedded fonts name Adobe's character maps: read from the package.
    cMapUrl: `${join(root, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    if (err?.name === 'PasswordException') return { ok: false, problem: 'encrypted' };
    return { ok: false, problem: 'unreadable' };
  }
  const pages = [];
  let chars = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const lines = [];
    let line = '';
    for (const item of content.items) {
      if (typeof item.str !== 'string') continue;
      line += item.str;
      chars += item.str.length;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    pages.push(lines);
    page.cleanup();
    if (chars > maxChars) return { ok: false, problem: 'too_long' };
  }
  await doc.destroy();
  return { ok: true, pages };
}

async function main() {
  const input = workerData;
  try {
    return input.kind === 'docx' ? await readDocx(input) : await readPdf(input);
  } catch {
    // A damaged file: the libraries' own messages are in English and name internals.
    return { ok: false, problem: 'unreadable' };
  }
}

parentPort.postMessage(await main());
