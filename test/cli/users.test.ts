import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/cli/commands/audit.ts';
import { addUser, disableUser, listUserLines } from '../../src/cli/commands/users.ts';
import { appendAudit } from '../../src/data/audit.ts';
import { findUserByEmail } from '../../src/data/users.ts';
import { verifyPassword } from '../../src/lib/auth.ts';
import { makeTestApp } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';

const NOW = new Date('2026-11-24T03:00:00.000Z');
const PASSWORD = 'a long enough passphrase';

describe('users:add, users:list, users:disable', () => {
  it('creates an account with a hashed password, lists it, and records it as done by the cli', async () => {
    const { db } = await makeTestApp();
    const out = await addUser(
      db,
      { email: 'Sato@City.example.jp', role: 'staff', name: '佐藤', password: PASSWORD },
      NOW,
    );
    expect(out).toEqual({ ok: true, message: expect.stringContaining('sato@city.example.jp') });
    const user = await findUserByEmail(db, 'sato@city.example.jp');
    expect(user?.display_name).toBe('佐藤');
    expect(user?.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, user!.password_hash)).toBe(true);
    const lines = await listUserLines(db);
    expect(lines[0]).toMatch(/^email\s+role\s+disabled\s+created$/);
    expect(lines[1]).toMatch(/^sato@city\.example\.jp\s+staff\s+no\s+2026-11-24T03:00:00\.000Z$/);
    const log = await db.selectFrom('audit_log').selectAll().execute();
    expect(log.map((r) => [r.action, r.actor_label])).toEqual([['user.create', 'cli']]);
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
  });

  it('refuses a bad role, a short password and a duplicate email', async () => {
    const { db } = await makeTestApp();
    expect((await addUser(db, { email: 'a@example.jp', role: 'root', password: PASSWORD }, NOW)).ok).toBe(
      false,
    );
    const short = await addUser(db, { email: 'a@example.jp', role: 'staff', password: 'short' }, NOW);
    expect(short).toEqual({ ok: false, message: expect.stringContaining('at least 12') });
    await addUser(db, { email: 'a@example.jp', role: 'staff', password: PASSWORD }, NOW);
    const dup = await addUser(db, { email: 'A@example.jp', role: 'council', password: PASSWORD }, NOW);
    expect(dup).toEqual({ ok: false, message: expect.stringContaining('already exists') });
  });

  it('disables an account, ends its sessions, and keeps the last administrator', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'staff');
    expect((await t.client.get('/account')).res.status).toBe(200);
    const out = await disableUser(t.db, 'staff@example.jp', NOW);
    expect(out.ok).toBe(true);
    expect((await t.client.get('/account')).res.status).toBe(303);
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect((await listUserLines(t.db))[1]).toContain('yes (2026-11-24T03:00:00.000Z)');
    await addUser(t.db, { email: 'root@example.jp', role: 'admin', password: PASSWORD }, NOW);
    const last = await disableUser(t.db, 'root@example.jp', NOW);
    expect(last).toEqual({ ok: false, message: expect.stringContaining('last active administrator') });
    expect((await disableUser(t.db, 'ghost@example.jp', NOW)).ok).toBe(false);
  });
});

describe('audit:verify', () => {
  async function logWithEntries() {
    const { db } = await makeTestApp();
    for (let i = 1; i <= 5; i++) {
      await appendAudit(db, { actorId: null, actorLabel: 'cli', action: 'test.entry', after: { i } }, NOW);
    }
    return db;
  }

  it('reports OK with the entry count for an intact chain', async () => {
    const db = await logWithEntries();
    const report = await verifyReport(db);
    expect(report.code).toBe(0);
    expect(report.lines[0]).toBe('OK: 5 audit log entries, hash chain intact.');
  });

  it('detects an entry changed with raw SQL', async () => {
    const db = await logWithEntries();
    await sql`UPDATE audit_log SET after_json = '{"i":99}' WHERE id = 3`.execute(db);
    const report = await verifyReport(db);
    expect(report.code).toBe(1);
    expect(report.lines[0]).toMatch(/^BROKEN at entry 3 \(changed\)/);
  });

  it('detects an entry deleted with raw SQL', async () => {
    const db = await logWithEntries();
    await sql`DELETE FROM audit_log WHERE id = 2`.execute(db);
    const report = await verifyReport(db);
    expect(report.code).toBe(1);
    expect(report.lines[0]).toMatch(/^BROKEN at entry 3 \(unlinked\)/);
  });

  it('detects an entry rewritten with a recomputed hash, and the first entry deleted', async () => {
    const db = await logWithEntries();
    const { auditHash } = await import('../../src/lib/audit-hash.ts');
    const row = await db.selectFrom('audit_log').selectAll().where('id', '=', 4).executeTakeFirstOrThrow();
    const forged = auditHash(row.prev_hash, { ...row, actor_label: 'someone else' });
    await sql`UPDATE audit_log SET actor_label = 'someone else', hash = ${forged} WHERE id = 4`.execute(db);
    expect((await verifyReport(db)).lines[0]).toMatch(/^BROKEN at entry 5 \(unlinked\)/);

    const db2 = await logWithEntries();
    await sql`DELETE FROM audit_log WHERE id = 1`.execute(db2);
    expect((await verifyReport(db2)).lines[0]).toMatch(/^BROKEN at entry 2 \(first_unlinked\)/);
  });
});

describe('the command line', () => {
  it('lists accounts from a database file through npm run koe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-cli-'));
    try {
      const env = { ...process.env, KOE_DB: join(dir, 'koe.sqlite3') };
      const run = promisify(execFile);
      const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', 'users:list'], { env });
      expect(stdout).toContain('No accounts yet.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
