/**
 * Several app processes on one PostgreSQL: what each keeps of its own must not matter. Real
 * server processes take comments at once (receipts: none lost, none twice, one per confirmation
 * whichever process gets it); two app instances with nothing shared but the database (each its
 * own pool and analysis runner, as two processes have) run an analysis once, share sessions and
 * count one rate limit together.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { heldSpawn } from '../held-spawn.ts';
import { type AnalysisSpawn, createAnalysisRunner } from '../../src/analysis-runner/index.ts';
import { createApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import { openPostgresStore } from '../../src/data/postgres.ts';
import { fixedClock } from '../../src/lib/time.ts';
import { receiveComment } from '../../src/usecases/intake.ts';
import { Citizen, killAllChildren, killHard, startServerWith, uniqueText } from '../durability/harness.ts';
import { loginAs } from '../helpers-auth.ts';
import { seedConsultation, TEST_SECRET, TestClient, visibleText } from '../helpers.ts';
import { freshPostgresStore } from './databases.ts';

afterAll(killAllChildren);

const DAY = 24 * 60 * 60 * 1000;

/** A consultation open now by the system clock (the servers' clock). */
async function openConsultation(db: Parameters<typeof seedConsultation>[0]): Promise<number> {
  const now = Date.now();
  return seedConsultation(db, {
    title: '二つのプロセスで受け付ける案',
    published_at: new Date(now - 2 * DAY).toISOString(),
    opens_at: new Date(now - DAY).toISOString(),
    closes_at: new Date(now + 30 * DAY).toISOString(),
  });
}

describe('two Koe processes on one PostgreSQL', () => {
  it('take concurrent comments for one consultation: every receipt shown is stored, none twice', async () => {
    const database = await freshPostgresStore();
    try {
      const id = await openConsultation(database.store.db);
      const env = { KOE_DATABASE_URL: database.url, KOE_SECRET: TEST_SECRET };
      const servers = await Promise.all([startServerWith(env), startServerWith(env)]);
      const shown = new Map<string, string>();
      // 24 citizens at once, half on each process, three comments each.
      await Promise.all(
        Array.from({ length: 24 }, async (_, i) => {
          const citizen = new Citizen(servers[i % 2]!.baseUrl);
          for (let k = 0; k < 3; k++) {
            const text = uniqueText(`p${i % 2}-${i}-${k}`);
            const code = await citizen.send(id, await citizen.confirm(id, text));
            expect(shown.has(code)).toBe(false);
            shown.set(code, text);
          }
        }),
      );
      // One confirmation sent twice at the same moment, once to each process: one receipt.
      const citizen = new Citizen(servers[0]!.baseUrl);
      const twice = uniqueText('twice');
      const fields = await citizen.confirm(id, twice);
      const codes = await Promise.all([
        citizen.send(id, fields),
        citizen.at(servers[1]!.baseUrl).send(id, fields),
      ]);
      expect(codes[1]).toBe(codes[0]);
      shown.set(codes[0], twice);

      const stored = await database.store.db
        .selectFrom('comments')
        .select(['receipt_code', 'body'])
        .where('consultation_id', '=', id)
        .execute();
      expect(stored).toHaveLength(24 * 3 + 1);
      expect(new Map(stored.map((r) => [r.receipt_code, r.body]))).toEqual(shown);
      await Promise.all(servers.map((s) => killHard(s.proc)));
    } finally {
      await database.drop();
    }
  });

  it('run as `serve --workers 2`: one port, two processes, one database', async () => {
    const database = await freshPostgresStore();
    try {
      const id = await openConsultation(database.store.db);
      const server = await startServerWith({ KOE_DATABASE_URL: database.url }, [
        'src/cli/main.ts',
        'serve',
        '--workers',
        '2',
      ]);
      expect(server.output()).toContain('(2 processes)');
      const citizen = new Citizen(server.baseUrl);
      const codes = [];
      for (let k = 0; k < 4; k++)
        codes.push(await citizen.send(id, await citizen.confirm(id, uniqueText(`w${k}`))));
      expect(new Set(codes).size).toBe(4);
      const page = await citizen.page(`/receipts/${codes[0]}`);
      expect(page).toContain(codes[0]!.slice(0, 4));
      await killHard(server.proc);
    } finally {
      await database.drop();
    }
  });
});

describe('two app instances, nothing shared but the database', () => {
  async function twoApps(spawn: AnalysisSpawn, env: Record<string, string> = {}) {
    const database = await freshPostgresStore();
    const second = openPostgresStore(database.url, { max: 4 });
    const clock = fixedClock('2026-11-24T03:00:00.000Z');
    const config = loadConfig({ KOE_RATE_LIMIT_PER_MINUTE: '1000', ...env });
    const [a, b] = [database.store.db, second.db].map((db) => {
      const analysis = createAnalysisRunner({ db, clock, spawn, syncLimit: 0 });
      const app = createApp({ db, config, secret: TEST_SECRET, clock, analysis });
      return { db, app, analysis, client: new TestClient(app) };
    });
    return {
      a: a!,
      b: b!,
      clock,
      async close() {
        await second.close();
        await database.drop();
      },
    };
  }

  it('run an analysis asked for on both once, and both show it', async () => {
    const held = heldSpawn();
    const { a, b, clock, close } = await twoApps(held.spawn);
    try {
      const id = await seedConsultation(a.db);
      for (const body of [
        '公園の遊具を増やしてほしい。',
        '図書館を夜まで開けてほしい。',
        '公園の遊具を増やしてほしい。',
      ]) {
        const draft = { sectionIds: [], body, submitterKind: 'anonymous' as const, name: '', address: '' };
        const person = { organisationName: '', representative: '', category: null, email: '', phone: '' };
        await receiveComment(
          a.db,
          TEST_SECRET,
          { consultationId: id, channel: 'web', receivedAt: clock.now(), draft: { ...draft, ...person } },
          clock.now(),
        );
      }
      // Signed in on one process, the session works on the other: it is in the database.
      await loginAs(a, 'council');
      for (const cookie of a.client.cookies) b.client.cookies.set(...cookie);
      const pages = await Promise.all([
        a.client.get(`/council/consultations/${id}`),
        b.client.get(`/council/consultations/${id}`),
        a.analysis.get(id),
        b.analysis.get(id),
      ]);
      expect(pages[0].res.status).toBe(200);
      expect(pages[1].res.status).toBe(200);
      expect(pages[1].html).toContain('分析中');
      expect(held.starts()).toBe(1);
      held.release();
      const [fromA, fromB] = await Promise.all([
        a.analysis.get(id, { wait: true }),
        b.analysis.get(id, { wait: true }),
      ]);
      expect(fromA.state).toBe('ready');
      expect(fromB.state).toBe('ready');
      expect(held.starts()).toBe(1);
      expect(await a.db.selectFrom('analysis_cache').selectAll().execute()).toHaveLength(1);
      expect(await a.db.selectFrom('analysis_jobs').selectAll().execute()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('show the city settings an administrator changed on the other process, cached pages too', async () => {
    const { a, b, close } = await twoApps(heldSpawn().spawn);
    try {
      const id = await seedConsultation(a.db);
      const visitor = new TestClient(b.app);
      for (const path of ['/', `/consultations/${id}`, '/', `/consultations/${id}`]) {
        expect(visibleText((await visitor.get(path)).html), path).not.toContain('岡山市');
      }
      await loginAs(a, 'admin');
      await a.client.get('/staff/admin/settings');
      const { res } = await a.client.post('/staff/admin/settings', {
        city_name_ja: '岡山市',
        city_name_en: 'Okayama City',
        default_period_days: '30',
        default_max_comment_length: '4000',
      });
      expect(res.status).toBe(303);
      expect((await visitor.get('/')).html).toContain(
        '<title>意見募集の一覧 | 岡山市 意見募集（パブリックコメント）</title>',
      );
      expect(visibleText((await visitor.get(`/consultations/${id}`)).html)).toContain('岡山市');
    } finally {
      await close();
    }
  });

  it('count one public rate limit for a client, whichever process answers', async () => {
    const { a, b, close } = await twoApps(heldSpawn().spawn, { KOE_RATE_LIMIT_PER_MINUTE: '4' });
    try {
      const id = await seedConsultation(a.db);
      await a.client.get(`/consultations/${id}/comment`);
      for (const cookie of a.client.cookies) b.client.cookies.set(...cookie);
      b.client.lastCsrf = a.client.lastCsrf;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const client = i % 2 === 0 ? a.client : b.client;
        const { res } = await client.post(`/consultations/${id}/comment/confirm`, { body: `意見${i}` });
        statuses.push(res.status);
      }
      // Four allowed in the minute, across both; the fifth and sixth refused.
      expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(4)).toEqual([429, 429]);
    } finally {
      await close();
    }
  });
});
