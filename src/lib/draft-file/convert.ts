/**
 * Reading a draft that staff upload as a Word (.docx) or PDF file, off the request thread.
 *
 * Measured on the development machine: mammoth took 0.7 s for a Word file of 2,000 paragraphs
 * and 10.5 s (and 670 MB) for one of 60,000, which zips to 385 KB; pdf.js is of the same kind.
 * So a file is read in a worker thread of its own, one at a time, with a memory limit and a time
 * limit: a file too big or too complex ends its worker, not the server, and the person is told
 * to split it. Before that, a Word file's zip directory is read here (no inflating) and its XML
 * refused when it declares more than {@link DOCX_MAX_XML_BYTES}; the worker refuses a part that
 * inflates to more than it declared.
 */
import { Worker } from 'node:worker_threads';
import { DRAFT_MAX_BYTES } from '../limits.ts';
import { type ZipPart, readZipDirectory } from './zip.ts';

export type DraftFileKind = 'docx' | 'pdf';

export type ConvertProblem =
  /** Not a Word file (an old .doc, or not a zip with a document). */
  | 'not_docx'
  /** Not a PDF. */
  | 'not_pdf'
  /** Protected by a password. */
  | 'encrypted'
  /** Unpacks to more than a draft can be, or needs more memory than a worker is given. */
  | 'too_large'
  /** More text than a draft may have. */
  | 'too_long'
  /** Took longer than {@link CONVERT_TIME_LIMIT_MS}. */
  | 'too_slow'
  /** Damaged, or something the libraries cannot read. */
  | 'unreadable';

export type Converted =
  | { ok: true; kind: 'docx'; html: string; images: number }
  | { ok: true; kind: 'pdf'; pages: string[][] }
  | { ok: false; problem: ConvertProblem };

/** The XML of a Word file, unpacked: a 300-page plan is a few MB; 40 MB is thousands of pages. */
export const DOCX_MAX_XML_BYTES = 40 * 1024 * 1024;
/** How long a worker may read one file. */
export const CONVERT_TIME_LIMIT_MS = 60_000;
/** The heap a worker may use: enough for the largest Word file allowed (measured ≈ 300 MB). */
const WORKER_HEAP_MB = 768;

const WORKER = new URL('./worker.mjs', import.meta.url);

/** The parts mammoth reads (XML and relationships), if the directory allows the file at all. */
function wordParts(
  bytes: Uint8Array,
): { ok: true; parts: ZipPart[] } | { ok: false; problem: ConvertProblem } {
  const dir = readZipDirectory(bytes);
  if (!dir.ok) return { ok: false, problem: dir.problem === 'encrypted' ? 'encrypted' : 'not_docx' };
  if (!dir.parts.some((p) => p.name === 'word/document.xml')) return { ok: false, problem: 'not_docx' };
  const parts = dir.parts.filter((p) => /\.(xml|rels)$/i.test(p.name));
  const declared = parts.reduce((sum, p) => sum + p.size, 0);
  if (declared > DOCX_MAX_XML_BYTES) return { ok: false, problem: 'too_large' };
  return { ok: true, parts };
}

const isPdf = (bytes: Uint8Array) =>
  Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1024)))
    .toString('latin1')
    .includes('%PDF-');

/** One file at a time: two cores, and the server keeps one. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The content of a Word or PDF file: mammoth's HTML and how many images it left out, or the
 * lines of text of each PDF page. Never throws for a bad file; the problem says what was wrong.
 */
export function convertDraftFile(
  kind: DraftFileKind,
  bytes: Uint8Array,
  opts: { timeLimitMs?: number } = {},
): Promise<Converted> {
  let input: Record<string, unknown>;
  if (kind === 'docx') {
    const word = wordParts(bytes);
    if (!word.ok) return Promise.resolve(word);
    // The HTML is read on the request thread (docx-blocks.ts): bounded like the text it gives.
    input = { kind, bytes, parts: word.parts, maxChars: 4 * DRAFT_MAX_BYTES };
  } else {
    if (!isPdf(bytes)) return Promise.resolve({ ok: false, problem: 'not_pdf' });
    input = { kind, bytes, maxChars: DRAFT_MAX_BYTES };
  }
  const run = queue.then(() => inWorker(input, opts.timeLimitMs ?? CONVERT_TIME_LIMIT_MS));
  queue = run.catch(() => undefined);
  return run;
}

type WorkerReply =
  | { ok: true; html: string; images: number }
  | { ok: true; pages: string[][] }
  | { ok: false; problem: ConvertProblem };

function inWorker(input: Record<string, unknown>, timeLimitMs: number): Promise<Converted> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      workerData: input,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const finish = (result: Converted) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, problem: 'too_slow' }), timeLimitMs);
    worker.on('message', (reply: WorkerReply) => {
      if (!reply.ok) finish(reply);
      else if ('html' in reply) finish({ ok: true, kind: 'docx', html: reply.html, images: reply.images });
      else finish({ ok: true, kind: 'pdf', pages: reply.pages });
    });
    worker.on('error', (err: Error & { code?: string }) =>
      finish({ ok: false, problem: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_large' : 'unreadable' }),
    );
    worker.on('exit', () => finish({ ok: false, problem: 'unreadable' }));
  });
}
