import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../db/schema.ts';
import { verifyAuditLog } from '../src/usecases/audit-log.ts';
import { verifyPassword } from '../src/lib/auth.ts';
import { DEMO_ACCOUNTS, seedDemo } from '../src/demo/seed.ts';
import { makeTestApp, TEST_SECRET, visibleText } from './helpers.ts';

const OPEN = '倉敷市 協働のまちづくり指針（案）';
const PUBLISHED = '倉敷市 公園の利活用に関する方針（案）';
const IN_REVIEW = '倉敷市 ごみ減量・資源化推進計画（案）';
const UPCOMING = '倉敷市 子育て支援拠点の配置方針（案）';
const WITHDRAWN = '倉敷市 中央駅前市営駐車場の再整備基本計画（案）';

async function seeded(env: Record<string, string> = { KOE_DEMO_PASSWORD: 'demo-password-1234' }) {
  const t = await makeTestApp({ env });
  const ctx = {
    db: t.db,
    config: t.config,
    secret: TEST_SECRET,
    demo: true,
    baseUrl: 'http://localhost:3000',
  };
  const lines = await seedDemo(ctx, t.clock.now());
  const id = async (title: string) =>
    (await t.db.selectFrom('consultations').select('id').where('title', '=', title).executeTakeFirstOrThrow())
      .id;
  return { ...t, ctx, lines, id };
}

describe('demo content', () => {
  it('lists the demo consultations under open, upcoming, closed, results and withdrawn on the home page', async () => {
    const { client } = await seeded();
    const { res, html } = await client.get('/');
    expect(res.status).toBe(200);
    // Each home-page group is a <section aria-labelledby="h-…">; read the titles inside each.
    const group = (id: string) =>
      visibleText(html.match(new RegExp(`aria-labelledby="h-${id}"[\\s\\S]*?</section>`))?.[0] ?? '');
    expect(group('open')).toContain(OPEN);
    expect(group('upcoming')).toContain(UPCOMING);
    expect(group('closed')).toContain(IN_REVIEW);
    expect(group('withdrawn')).toContain(WITHDRAWN);
    expect(group('closed')).not.toContain(WITHDRAWN);
    expect(group('results')).toContain(PUBLISHED);
    expect(group('open')).not.toContain(PUBLISHED);
  });

  it('shows the open consultation with its chapters and sections and a way to comment', async () => {
    const { client, id } = await seeded();
    const { res, html } = await client.get(`/consultations/${await id(OPEN)}`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    for (const heading of [
      '協働とは',
      '協働が求められる背景',
      '協働の基本原則',
      '協働の主な形態',
      'ITの積極的な活用',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('市民協働推進課');
    expect(html).toContain(`/consultations/${await id(OPEN)}/comment`);
  });

  it('accounts for every comment of the published consultation, from every channel', async () => {
    const { db, id } = await seeded();
    const consultationId = await id(PUBLISHED);
    const comments = await db
      .selectFrom('comments')
      .select([
        'channel',
        'group_id',
        'excluded_reason',
        'hidden_at',
        'hidden_reason',
        'body_redacted',
        'submitter_key',
      ])
      .where('consultation_id', '=', consultationId)
      .execute();
    expect(comments.length).toBeGreaterThanOrEqual(60);
    expect(new Set(comments.map((c) => c.channel))).toEqual(new Set(CHANNELS));
    const unaccounted = comments.filter((c) => c.group_id === null && !c.excluded_reason && !c.hidden_at);
    expect(unaccounted).toEqual([]);
    expect(
      comments
        .filter((c) => c.hidden_at)
        .map((c) => c.hidden_reason)
        .sort(),
    ).toEqual(['off_topic', 'spam']);
    expect(comments.filter((c) => c.excluded_reason).length).toBe(1);
    expect(
      comments.filter((c) => c.body_redacted?.includes('［個人情報のため削除］')).length,
    ).toBeGreaterThanOrEqual(3);
    // Some people wrote more than once: fewer submitters than comments.
    expect(new Set(comments.map((c) => c.submitter_key)).size).toBeLessThan(comments.length);

    const groups = await db
      .selectFrom('comment_groups')
      .select(['outcome', 'response'])
      .where('consultation_id', '=', consultationId)
      .execute();
    expect(groups.length).toBeGreaterThanOrEqual(8);
    expect(new Set(groups.map((g) => g.outcome))).toEqual(
      new Set(['revised', 'not_revised', 'future_reference', 'out_of_scope']),
    );
    expect(groups.every((g) => g.response.trim() !== '')).toBe(true);
  });

  it('publishes the result with the final text: revised sections and one added section', async () => {
    const { client, db, id } = await seeded();
    const consultationId = await id(PUBLISHED);
    const sections = await db
      .selectFrom('sections')
      .select(['heading', 'in_draft', 'final_body_md', 'position'])
      .where('consultation_id', '=', consultationId)
      .orderBy('position')
      .execute();
    expect(sections.filter((s) => s.in_draft === 1 && s.final_body_md !== null).length).toBe(2);
    const added = sections.filter((s) => s.in_draft === 0);
    expect(added.map((s) => s.heading)).toEqual(['地域と育てる公園']);
    // The added section sits in its chapter, not after the last one.
    expect(sections.at(-1)?.heading).toBe('方針の推進と見直し');

    const { res, html } = await client.get(`/consultations/${consultationId}`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('公園サポーター制度');
    expect(text).not.toContain('佐藤 花子');
    expect(text).not.toContain('090-0000-3317');
  });

  it('leaves the consultation in review with some groups and some comments still to place', async () => {
    const { db, id } = await seeded();
    const comments = await db
      .selectFrom('comments')
      .select(['group_id'])
      .where('consultation_id', '=', await id(IN_REVIEW))
      .execute();
    expect(comments.length).toBeGreaterThanOrEqual(20);
    expect(comments.some((c) => c.group_id === null)).toBe(true);
    expect(comments.some((c) => c.group_id !== null)).toBe(true);
  });

  it('keeps an existing demo database and refuses to seed it twice', async () => {
    const { db, ctx, clock } = await seeded();
    const count = async (table: 'consultations' | 'comments' | 'users') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { consultations: await count('consultations'), comments: await count('comments') };
    const lines = await seedDemo(ctx, clock.now());
    expect(lines.join('\n')).toContain('already has content');
    expect({ consultations: await count('consultations'), comments: await count('comments') }).toEqual(
      before,
    );
    expect(await count('users')).toBe(3);
  });

  it('creates the three demo accounts with the configured password, and applies a changed one', async () => {
    const { db, ctx, clock, lines } = await seeded();
    expect(lines.join('\n')).toContain('KOE_DEMO_PASSWORD');
    const users = await db.selectFrom('users').select(['email', 'role', 'password_hash']).execute();
    expect(users.map((u) => [u.email, u.role]).sort()).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.email, a.role]).sort(),
    );
    expect(await verifyPassword('demo-password-1234', users[0]!.password_hash)).toBe(true);

    await seedDemo({ ...ctx, config: { ...ctx.config, demoPassword: 'another-password-99' } }, clock.now());
    const admin = await db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'admin@example.jp')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('another-password-99', admin.password_hash)).toBe(true);
  });

  it('prints a generated password when none is configured, and the staff account can sign in with it', async () => {
    const { client, lines } = await seeded({});
    const password = lines.join('\n').match(/password: ([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})/)?.[1];
    expect(password).toBeDefined();
    await client.get('/login');
    const { res } = await client.post('/login', { email: 'staff@example.jp', password: password ?? '' });
    expect(res.status).toBe(303);
    const staff = await client.get('/staff');
    expect(staff.res.status).toBe(200);
    expect(visibleText(staff.html)).toContain(PUBLISHED);
  });

  it('is set in 倉敷市, and its staff account works for three of the five departments', async () => {
    const { client, id, ctx } = await seeded();
    const home = await client.get('/');
    expect(home.html).toContain('倉敷市 意見募集（パブリックコメント）</title>');
    await client.post('/login', { email: 'staff@example.jp', password: ctx.config.demoPassword ?? '' });
    const text = visibleText((await client.get('/staff')).html);
    const mine = text.match(/所属：(\S+)（/)?.[1]?.split('・');
    expect(mine?.sort()).toEqual(['公園緑地課', '市民協働推進課', '環境政策課'].sort());
    expect(text).toContain(IN_REVIEW);
    expect(text).not.toContain(UPCOMING);
    expect((await client.get(`/staff/consultations/${await id(IN_REVIEW)}/review`)).res.status).toBe(200);
    expect((await client.get(`/staff/consultations/${await id(UPCOMING)}`)).res.status).toBe(403);
  });

  it('writes a history whose audit chain verifies, in time order', async () => {
    const { db } = await seeded();
    const result = await verifyAuditLog(db);
    expect(result.ok).toBe(true);
    const rows = await db.selectFrom('audit_log').select(['at', 'action']).orderBy('id').execute();
    const times = rows.map((r) => r.at);
    expect(times).toEqual([...times].sort());
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'consultation.create',
      'consultation.publish',
      'result.publish',
      'comment.hide',
      'comment.enter',
    ]) {
      expect(actions).toContain(a);
    }
  });
});
