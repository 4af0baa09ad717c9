/**
 * The directory of a zip file (a .docx is one), read without inflating anything, so that a
 * Word file's size once unpacked is bounded before any library unpacks it. A zip bomb that
 * declares its true size is refused here; one that lies about it is refused by the worker,
 * which inflates each part with the declared size as its limit (worker.mjs).
 */

/** One file inside the zip: where its data starts and how big it says it is. */
export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Offset of the (compressed) data in the file. */
  offset: number;
  compressedSize: number;
  /** The size once inflated, as declared by the directory. */
  size: number;
}

export type ZipDirectory =
  | { ok: true; parts: ZipPart[] }
  | { ok: false; problem: 'not_zip' | 'encrypted' | 'unsupported' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record is 22 bytes, followed by a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;
/** A Word file has tens of parts; thousands means something else. */
const MAX_PARTS = 5000;

/** Reads the zip's central directory; every offset is checked against the file's length. */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - EOCD_SEARCH); at--) {
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return { ok: false, problem: 'not_zip' };
  const count = u16(end + 10);
  const directoryOffset = u32(end + 16);
  // ZIP64 (a part over 4 GB, or more than 65,535 parts) is nothing a draft needs.
  if (count === 0xffff || directoryOffset === 0xffffffff) return { ok: false, problem: 'unsupported' };
  if (count > MAX_PARTS) return { ok: false, problem: 'unsupported' };

  const parts: ZipPart[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== CENTRAL) return { ok: false, problem: 'not_zip' };
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const local = u32(at + 42);
    if (at + 46 + nameLength > bytes.length) return { ok: false, problem: 'not_zip' };
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1) return { ok: false, problem: 'encrypted' };
    if (method !== 0 && method !== 8) return { ok: false, problem: 'unsupported' };
    if (compressedSize === 0xffffffff || size === 0xffffffff) return { ok: false, problem: 'unsupported' };
    if (local + 30 > bytes.length || u32(local) !== LOCAL) return { ok: false, problem: 'not_zip' };
    const offset = local + 30 + u16(local + 26) + u16(local + 28);
    if (offset + compressedSize > bytes.length) return { ok: false, problem: 'not_zip' };
    parts.push({ name, method, offset, compressedSize, size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, parts };
}
