/**
 * Reading a PDF that Chromium printed: its pages' text (pdfjs-dist, offline) and a picture of a
 * page (rendered with @napi-rs/canvas), for tests of print layouts.
 */
import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of every page, NFKC-normalised: the fonts' CJK radicals (⾒) read as the ideographs
 * they stand for (見).
 */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .normalize('NFKC'),
    );
  }
  await doc.destroy();
  return pages;
}

/** Writes page `n` (1-based) of the PDF as a PNG at `path`. */
export async function savePdfPage(pdf: Uint8Array, n: number, path: string): Promise<void> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1.25 });
  const canvas = createCanvas(viewport.width, viewport.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, viewport.width, viewport.height);
  await page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
  }).promise;
  writeFileSync(path, canvas.toBuffer('image/png'));
  await doc.destroy();
}
