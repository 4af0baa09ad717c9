/**
 * Issue #11, "proof to keep": concurrent citizens submit through the real flow, the server is
 * killed with SIGKILL mid-run and restarted on the same file, and every acknowledged receipt is
 * still there, word for word, in a database that passes SQLite's and FTS5's integrity checks.
 * A "send" left unanswered by the kill and pressed again gives one receipt, never two.
 *
 * What this can and cannot catch. SIGKILL ends the process, not the machine: what the process
 * handed to the OS survives it even without fsync. So it reliably catches a receipt shown before
 * its transaction committed (checked: a commit delayed 2 ms after the reply fails it within three
 * rounds). A kill landing inside a commit's few write calls is luck, so torn pages are checked
 * for but not provoked. A power cut is not simulated: surviving one rests on
 * `synchronous = FULL`, which the last test pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/data/sqlite.ts';
import { visibleText } from '../helpers.ts';
import {
  Citizen,
  checkDatabase,
  killAllChildren,
  killHard,
  type RunningServer,
  seedOpenConsultation,
  startServer,
  tempDir,
  UnexpectedAnswer,
  uniqueText,
} from './harness.ts';

const CLIENTS = 24;
const ROUNDS = 3;

interface Receipt {
  code: string;
  text: string;
}

/** A submission whose "send" got no answer because the server died: the person presses it again. */
interface Unanswered {
  citizen: Citizen;
  fields: [string, string][];
  text: string;
}

interface RoundResult {
  acknowledged: Receipt[];
  unanswered: Unanswered[];
}

/**
 * Runs CLIENTS citizens in a loop against `server` until a random moment (1–2.5 s after the
 * first receipt), then kills the server with SIGKILL synchronously in the callback of the next
 * acknowledgement: the receipt acknowledged last is acknowledged at most microseconds before
 * the kill, so a reply that ran ahead of its commit would show up as a missing receipt.
 */
async function loadUntilKilled(server: RunningServer, consultationId: number, round: number) {
  const result: RoundResult = { acknowledged: [], unanswered: [] };
  const unexpected: unknown[] = [];
  let armed = false;
  let killed = false;
  let armTimer: NodeJS.Timeout | undefined;
  const kill = () => {
    killed = true;
    server.proc.kill('SIGKILL');
  };
  const exited = new Promise<void>((done) => server.proc.once('exit', () => done()));
  // Should the load stop acknowledging altogether, the kill still comes (and the round fails).
  const fallback = setTimeout(kill, 60_000);

  const client = async (n: number) => {
    const citizen = new Citizen(server.baseUrl);
    for (let i = 0; !killed; i++) {
      const text = uniqueText(`r${round}c${n}n${i}`);
      let fields: [string, string][];
      try {
        fields = await citizen.confirm(consultationId, text);
      } catch (err) {
        if (err instanceof UnexpectedAnswer || !killed) unexpected.push(err);
        return;
      }
      try {
        const code = await citizen.send(consultationId, fields);
        result.acknowledged.push({ code, text });
        if (armed && !killed) kill();
        if (!armTimer) armTimer = setTimeout(() => (armed = true), 1000 + Math.random() * 1500);
      } catch (err) {
        if (err instanceof UnexpectedAnswer || !killed) unexpected.push(err);
        else result.unanswered.push({ citizen, fields, text });
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
  clearTimeout(fallback);
  clearTimeout(armTimer);
  await exited;
  expect(unexpected.map(String)).toEqual([]);
  return result;
}

describe('a server killed with SIGKILL mid-load', () => {
  const tmp = tempDir('koe-crash-');
  const file = `${tmp.dir}/koe.sqlite3`;
  let consultationId = 0;

  beforeAll(async () => {
    consultationId = await seedOpenConsultation(file);
  });
  afterAll(async () => {
    await killAllChildren();
    tmp.remove();
  });

  it('keeps every acknowledged receipt intact, and the database passes its integrity checks', async () => {
    const all: Receipt[] = [];
    let server = await startServer(file);
    for (let round = 1; round <= ROUNDS; round++) {
      const { acknowledged, unanswered } = await loadUntilKilled(server, consultationId, round);
      expect(acknowledged.length).toBeGreaterThan(0);
      all.push(...acknowledged);

      server = await startServer(file);

      // Every receipt a person was shown is there after the restart, with their words.
      const reader = new Citizen(server.baseUrl);
      for (const { code, text } of acknowledged) {
        const res = await reader.fetch(`/receipts/${code}`);
        const seen = visibleText(await res.text());
        expect(res.status, `receipt ${code}, acknowledged before the kill`).toBe(200);
        expect(seen).toContain(text);
      }

      // Sending again what got no answer gives one receipt: the old one if it was stored.
      for (const { citizen, fields, text } of unanswered) {
        citizen.baseUrl = server.baseUrl;
        all.push({ code: await citizen.send(consultationId, fields), text });
      }

      // The file holds exactly the receipts people were given: none lost, none twice.
      const stored = checkDatabase(file);
      for (const { code, text } of all) expect(stored.get(code), code).toBe(text);
      expect(stored.size).toBe(all.length);
    }
    await killHard(server.proc);
  }, 180_000);

  it('opens the database with an fsync on every commit, which is what a power cut needs', async () => {
    const store = openStore(file);
    try {
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 = FULL: in WAL mode, NORMAL (1) may lose the last commits on a power cut.
      expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await store.close();
    }
  });
});
