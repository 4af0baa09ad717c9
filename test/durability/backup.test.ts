/**
 * Issue #11, "proof to keep": `npm run koe -- db:backup` taken while citizens are submitting
 * gives a copy that opens, passes SQLite's and FTS5's integrity checks, and holds every receipt
 * acknowledged before the backup began.
 */
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDocument } from '../../src/data/documents.ts';
import { migrateToLatest, openStore } from '../../src/data/sqlite.ts';
import {
  Citizen,
  checkDatabase,
  killAllChildren,
  killHard,
  seedOpenConsultation,
  spawnTracked,
  startServer,
  tempDir,
  uniqueText,
} from './harness.ts';

const CLIENTS = 16;
const RECEIPTS_BEFORE_BACKUP = 32;
/**
 * Attached documents are stored in the database (so a backup keeps them). 96 MB of them make a
 * copy in small steps long enough that the server commits between steps, which made SQLite start
 * it over again and again: before backups were taken in one step, this test never finished.
 */
const DOCUMENTS = 6;
const DOCUMENT_BYTES = 16 * 1024 * 1024;
/** Generous: npm and tsx start-up take most of it on a loaded machine. */
const BACKUP_TIMEOUT_MS = 60_000;

interface Receipt {
  code: string;
  text: string;
}

/**
 * Runs `npm run koe -- db:backup <target>` on the same KOE_DB; resolves with its exit code and
 * output. A copy that never finishes (it did, before backups were taken in one step) is stopped
 * after BACKUP_TIMEOUT_MS and reported.
 */
function runBackup(file: string, target: string): Promise<{ code: number | null; output: string }> {
  const proc = spawnTracked('npm', ['run', '--silent', 'koe', '--', 'db:backup', target], { KOE_DB: file });
  let output = '';
  proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => {
    output += `\n(db:backup had not finished after ${BACKUP_TIMEOUT_MS} ms under write load; stopped)`;
    void killHard(proc);
  }, BACKUP_TIMEOUT_MS);
  return new Promise((done) =>
    proc.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    }),
  );
}

/** How many stored documents still match the SHA-256 recorded when they were uploaded. */
function documentsIntact(file: string): number {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    const rows = sqlite.prepare('SELECT sha256, data FROM documents').all() as {
      sha256: string;
      data: Buffer;
    }[];
    return rows.filter((r) => createHash('sha256').update(r.data).digest('hex') === r.sha256).length;
  } finally {
    sqlite.close();
  }
}

describe('db:backup under write load', () => {
  const tmp = tempDir('koe-backup-load-');
  const file = `${tmp.dir}/koe.sqlite3`;
  let consultationId = 0;

  beforeAll(async () => {
    consultationId = await seedOpenConsultation(file);
    const store = openStore(file);
    try {
      for (let i = 1; i <= DOCUMENTS; i++) {
        const data = Buffer.alloc(DOCUMENT_BYTES, `資料${i} `);
        await insertDocument(
          store.db,
          consultationId,
          { title: `資料${i}`, filename: `shiryo-${i}.pdf`, contentType: 'application/pdf', data },
          { id: null, label: 'test' },
          new Date(),
        );
      }
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await killAllChildren();
    tmp.remove();
  });

  it('gives a copy that passes the checks and holds every receipt acknowledged before it began', async () => {
    const server = await startServer(file);
    const acknowledged: Receipt[] = [];
    const unexpected: unknown[] = [];
    let stop = false;
    let enough!: () => void;
    const loaded = new Promise<void>((done) => (enough = done));

    const client = async (n: number) => {
      const citizen = new Citizen(server.baseUrl);
      for (let i = 0; !stop; i++) {
        const text = uniqueText(`b${n}n${i}`);
        try {
          const fields = await citizen.confirm(consultationId, text);
          acknowledged.push({ code: await citizen.send(consultationId, fields), text });
          if (acknowledged.length >= RECEIPTS_BEFORE_BACKUP) enough();
        } catch (err) {
          unexpected.push(err);
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));

    await Promise.race([loaded, load]);
    const before = [...acknowledged];
    const target = `${tmp.dir}/copies/koe-backup.sqlite3`;
    const backup = await runBackup(file, target);
    stop = true;
    await load;
    await killHard(server.proc);

    expect(backup.output).toContain('Backup written to');
    expect(backup.code).toBe(0);
    expect(unexpected.map(String)).toEqual([]);

    const copy = checkDatabase(target);
    for (const { code, text } of before) expect(copy.get(code), code).toBe(text);
    expect(documentsIntact(target)).toEqual(DOCUMENTS);
    const reopened = openStore(target);
    expect(await migrateToLatest(reopened.db)).toEqual([]);
    await reopened.close();
    // The live file holds all of them, and the copy holds nothing the live file does not.
    const live = checkDatabase(file);
    for (const { code, text } of acknowledged) expect(live.get(code), code).toBe(text);
    for (const [code, text] of copy) expect(live.get(code), code).toBe(text);
  }, 180_000);
});
