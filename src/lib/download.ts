import type { DocumentRow } from '../../db/schema.ts';

/**
 * Related documents (関連資料): which files are accepted, how their type is checked, and the
 * headers they are served with. A file's type is decided by its extension AND its first bytes,
 * so a renamed executable or a fake PDF is refused; the browser is never left to guess.
 */

interface Kind {
  contentType: string;
  /** Whether the first bytes fit the type. */
  magic: (b: Uint8Array) => boolean;
  /** PDF and images may be shown in the browser; everything else downloads. */
  inline: boolean;
}

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0) =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

const PDF = (b: Uint8Array) => startsWith(b, ascii('%PDF-'));
const PNG = (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = (b: Uint8Array) => startsWith(b, [0xff, 0xd8, 0xff]);
const GIF = (b: Uint8Array) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'));
const WEBP = (b: Uint8Array) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8);
/** Office Open XML files are ZIP archives. */
const ZIP = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]);
/** Word 97–2003 and Excel 97–2003 files are OLE compound files. */
const OLE = (b: Uint8Array) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Text has no NUL bytes and does not start like any binary format above. */
const TEXT = (b: Uint8Array) => {
  const head = b.subarray(0, 64 * 1024);
  return (
    !head.includes(0) && ![PDF, PNG, JPEG, GIF, ZIP, OLE].some((f) => f(b)) && !startsWith(b, ascii('MZ'))
  );
};

const KINDS: Record<string, Kind> = {
  pdf: { contentType: 'application/pdf', magic: PDF, inline: true },
  png: { contentType: 'image/png', magic: PNG, inline: true },
  jpg: { contentType: 'image/jpeg', magic: JPEG, inline: true },
  jpeg: { contentType: 'image/jpeg', magic: JPEG, inline: true },
  gif: { contentType: 'image/gif', magic: GIF, inline: true },
  webp: { contentType: 'image/webp', magic: WEBP, inline: true },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: ZIP,
    inline: false,
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: ZIP,
    inline: false,
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: ZIP,
    inline: false,
  },
  doc: { contentType: 'application/msword', magic: OLE, inline: false },
  xls: { contentType: 'application/vnd.ms-excel', magic: OLE, inline: false },
  txt: { contentType: 'text/plain', magic: TEXT, inline: false },
  csv: { contentType: 'text/csv', magic: TEXT, inline: false },
};

/** The extensions accepted, for the form's `accept` attribute and the message. */
export const ACCEPTED_EXTENSIONS: readonly string[] = Object.keys(KINDS);

export type UploadCheck =
  | { ok: true; contentType: string; filename: string }
  | { ok: false; reason: 'empty' | 'too_large' | 'extension' | 'content' };

/** A file name without any path, control characters or characters that break headers. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(-200);
  return cleaned || 'file';
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m?.[1]?.toLowerCase() ?? '';
}

/** Checks an uploaded file: size, an accepted extension, and bytes that fit that extension. */
export function checkUpload(name: string, bytes: Uint8Array, maxBytes: number): UploadCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > maxBytes) return { ok: false, reason: 'too_large' };
  const filename = safeFilename(name);
  const kind = KINDS[extensionOf(filename)];
  if (!kind) return { ok: false, reason: 'extension' };
  if (!kind.magic(bytes)) return { ok: false, reason: 'content' };
  let contentType = kind.contentType;
  if (kind.magic === TEXT) {
    let utf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      utf8 = false;
    }
    contentType += utf8 ? '; charset=utf-8' : '; charset=shift_jis';
  }
  return { ok: true, contentType, filename };
}

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987). */
export function contentDisposition(filename: string, inline = false): string {
  const fallback =
    filename
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%;]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Headers to serve a stored document with: its checked Content-Type, no sniffing, a download
 * (inline only for PDF and images), and a sandbox CSP so that even a hostile file opened in the
 * browser runs no script with the site's origin.
 */
export function documentResponseHeaders(
  doc: Pick<DocumentRow, 'filename' | 'content_type' | 'size' | 'sha256'>,
): Record<string, string> {
  const kind = KINDS[extensionOf(doc.filename)];
  const inline = kind?.inline === true && doc.content_type === kind.contentType;
  return {
    'Content-Type': doc.content_type,
    'Content-Length': String(doc.size),
    'Content-Disposition': contentDisposition(doc.filename, inline),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
    ETag: `"${doc.sha256}"`,
  };
}
