import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.ts';
import { appendAudit } from '../data/audit.ts';
import {
  createGroup,
  insertFinalSection,
  setCommentExcluded,
  updateFinalSection,
  updateGroup,
} from '../data/groups.ts';
import {
  createConsultation,
  importSections,
  publishConsultation,
  withdrawConsultation,
} from '../data/staff-consultations.ts';
import { findDepartmentByName, setUserDepartments } from '../data/departments.ts';
import { insertUser } from '../data/users.ts';
import { readablePassword } from '../domain/accounts.ts';
import type { CommentDraft } from '../domain/comment-intake.ts';
import { hashPassword, verifyPassword } from '../lib/auth.ts';
import { databaseLabel } from '../lib/database-url.ts';
import { endOfTokyoDay, startOfTokyoDay, tokyoDateString } from '../lib/time.ts';
import type { StartupContext } from '../startup.ts';
import { writeCitySettings } from '../usecases/city.ts';
import { createDepartment } from '../usecases/departments.ts';
import { enterPaperComment, receiveComment } from '../usecases/intake.ts';
import { hideComment, redactComment } from '../usecases/moderation.ts';
import { publishResult } from '../usecases/publish-result.ts';
import { gomiKeikaku } from './content/gomi.ts';
import { kouenHoushin } from './content/kouen.ts';
import { kyodoShishin } from './content/kyodo.ts';
import { chushajo, kosodateShisetsu } from './content/others.ts';
import type { DemoComment, DemoConsultation, DemoGroup } from './content/types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60_000;

/**
 * The demo's staff account works for three of the five departments: it can open the walk of the
 * README (the open draft, the review of ごみ減量, the published 公園 result) and is refused the
 * other two departments' consultations, as a real account would be.
 */
const DEMO_STAFF_DEPARTMENTS = ['市民協働推進課', '環境政策課', '公園緑地課'];

export const DEMO_ACCOUNTS: readonly {
  email: string;
  role: Role;
  displayName: string;
  departments?: string[];
}[] = [
  { email: 'admin@example.jp', role: 'admin', displayName: 'デモ管理者' },
  {
    email: 'staff@example.jp',
    role: 'staff',
    displayName: 'デモ職員（市民協働推進課ほか）',
    departments: DEMO_STAFF_DEPARTMENTS,
  },
  { email: 'council@example.jp', role: 'council', displayName: 'デモ審議会委員' },
];

const DEMO_CONSULTATIONS = [kyodoShishin, kouenHoushin, gomiKeikaku, kosodateShisetsu, chushajo];

/** The demo is set in Kurashiki, the model city (the settings page changes it). */
const DEMO_CITY = {
  nameJa: '倉敷市',
  nameEn: 'Kurashiki City',
  links: {
    site: 'https://www.city.kurashiki.okayama.jp/',
    privacy: '',
    accessibility: '',
    contact: '',
  },
};

/**
 * Where a demo consultation stands, in Tokyo calendar days from the day of seeding
 * (negative = past). Periods open at the start of a day and close at its end.
 */
interface Timeline {
  createdDay: number;
  publishedDay: number;
  opensDay: number;
  closesDay: number;
  resultDay?: number;
  withdrawnDay?: number;
  withdrawalReason?: string;
}

/**
 * Fills an empty demo database with consultations in every phase, their comments and the
 * demo accounts, all dated relative to `now` (the moment of seeding). A database that already
 * has consultations is kept as it is. Returns the lines for the server to print.
 */
export async function seedDemo(ctx: StartupContext, now: Date = new Date()): Promise<string[]> {
  const { db } = ctx;
  const existing = await db
    .selectFrom('consultations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    return [
      `Demo database already has content; it was kept (${databaseLabel(ctx.config.databaseUrl ?? ctx.config.demoDbFile)}).`,
      ctx.config.databaseUrl
        ? 'To start afresh: stop Koe, drop and create that database again, and run `npm run demo` again.'
        : 'To start afresh: stop Koe, delete that file (with its -wal and -shm files), and run `npm run demo` again.',
      ...(await ensureAccounts(ctx, now)),
    ];
  }

  const departments = await ensureCity(ctx, new Date(now.getTime() - 111 * DAY_MS));
  const accountLines = await ensureAccounts(ctx, now);
  const staff = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', '=', 'staff@example.jp')
    .executeTakeFirstOrThrow();
  const plan = new DemoPlan(db, ctx.secret, now, { id: staff.id, label: staff.email }, departments);

  plan.consultation(kyodoShishin, { createdDay: -16, publishedDay: -13, opensDay: -10, closesDay: 25 });
  plan.consultation(kouenHoushin, {
    createdDay: -100,
    publishedDay: -96,
    opensDay: -92,
    closesDay: -62,
    resultDay: -12,
  });
  plan.consultation(gomiKeikaku, { createdDay: -42, publishedDay: -39, opensDay: -35, closesDay: -4 });
  plan.consultation(kosodateShisetsu, { createdDay: -5, publishedDay: -2, opensDay: 7, closesDay: 37 });
  plan.consultation(chushajo, {
    createdDay: -75,
    publishedDay: -72,
    opensDay: -70,
    closesDay: -40,
    withdrawnDay: -58,
    withdrawalReason:
      '国の補助制度の見直しにより、事業の前提としていた財源の見通しが立たなくなったため、本案による意見募集を中止しました。事業の内容を見直したうえで、改めて案を公表し、意見を募集します。',
  });
  const counts = await plan.run();

  return [
    `Demo content created: ${counts.consultations} consultations, ${counts.comments} comments (${databaseLabel(ctx.config.databaseUrl ?? ctx.config.demoDbFile)}).`,
    ...accountLines,
  ];
}

/**
 * The city (倉敷市) and the departments of the demo consultations, dated before the demo's
 * history; returns each department's id by name.
 */
async function ensureCity(ctx: StartupContext, at: Date): Promise<Map<string, number>> {
  const demo = { id: null, label: 'demo' };
  await ctx.db.transaction().execute((trx) =>
    writeCitySettings(trx, demo, at, (before) => ({
      ...before,
      ...DEMO_CITY,
      links: { ...before.links, ...DEMO_CITY.links },
    })),
  );
  const ids = new Map<string, number>();
  for (const name of new Set(DEMO_CONSULTATIONS.map((spec) => spec.fields.department ?? ''))) {
    if (!name) continue;
    const made = await createDepartment(ctx.db, demo, name, at);
    const id = 'id' in made ? made.id : (await findDepartmentByName(ctx.db, name))?.id;
    if (id !== undefined) ids.set(name, id);
  }
  return ids;
}

/**
 * Creates the missing demo accounts, and when KOE_DEMO_PASSWORD is set makes sure it works for
 * all three: hashes cannot be read back, so a changed variable means new hashes.
 */
async function ensureAccounts(ctx: StartupContext, now: Date): Promise<string[]> {
  const { db } = ctx;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash'])
    .where(
      'email',
      'in',
      DEMO_ACCOUNTS.map((a) => a.email),
    )
    .execute();
  const missing = DEMO_ACCOUNTS.filter((a) => !rows.some((r) => r.email === a.email));
  const configured = ctx.config.demoPassword;
  const password = configured ?? (missing.length > 0 ? readablePassword(3) : undefined);
  const stale = configured
    ? (
        await Promise.all(
          rows.map(async (r) => ((await verifyPassword(configured, r.password_hash)) ? null : r)),
        )
      ).filter((r) => r !== null)
    : [];
  // Hash before the transaction: hashing is slow and must not hold the database.
  const hashes = password ? await Promise.all([...missing, ...stale].map(() => hashPassword(password))) : [];
  // Accounts made for a fresh demo date from before its history, so the audit log reads in order.
  const createdAt = rows.length === 0 ? new Date(now.getTime() - 110 * DAY_MS) : now;

  await db.transaction().execute(async (trx) => {
    let i = 0;
    for (const account of missing) {
      const id = await insertUser(
        trx,
        {
          email: account.email,
          displayName: account.displayName,
          role: account.role,
          passwordHash: hashes[i++]!,
        },
        createdAt,
      );
      const departmentIds: number[] = [];
      for (const name of account.departments ?? []) {
        const department = await findDepartmentByName(trx, name);
        if (department) departmentIds.push(department.id);
      }
      await setUserDepartments(trx, id, departmentIds);
      await appendAudit(
        trx,
        {
          actorId: null,
          actorLabel: 'demo',
          action: 'user.create',
          targetType: 'user',
          targetId: id,
          after: { email: account.email, role: account.role, departments: account.departments ?? [] },
        },
        createdAt,
      );
    }
    for (const row of stale) {
      await trx
        .updateTable('users')
        .set({ password_hash: hashes[i++]!, password_changed_at: now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      await appendAudit(
        trx,
        {
          actorId: null,
          actorLabel: 'demo',
          action: 'user.password_reset',
          targetType: 'user',
          targetId: row.id,
        },
        now,
      );
    }
  });

  const lines = ['Demo accounts (sign in at /login):'];
  for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.email.padEnd(20)} ${a.role}`);
  if (configured) {
    lines.push(`  password: the value of KOE_DEMO_PASSWORD${stale.length > 0 ? ' (applied now)' : ''}`);
  } else if (password) {
    lines.push(`  password: ${password}${rows.length > 0 ? ' (for the accounts created now)' : ''}`);
  } else {
    lines.push(
      '  password: as printed when the demo database was created; set KOE_DEMO_PASSWORD to choose a new one.',
    );
  }
  return lines;
}

interface Step {
  at: Date;
  /** Breaks ties between steps at the same instant, keeping the order they were planned in. */
  seq: number;
  run: () => Promise<void>;
}

/**
 * Plans the demo's history as dated steps — create, publish, comments arriving, moderation,
 * grouping, the final text, the result — and plays them in time order through the same audited
 * data functions staff use, so the audit log and moderation events read like a real history.
 */
class DemoPlan {
  private readonly steps: Step[] = [];
  private readonly counts = { consultations: 0, comments: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly secret: string,
    private readonly now: Date,
    private readonly actor: { id: number; label: string },
    private readonly departments: ReadonlyMap<string, number>,
  ) {}

  /** The instant `hour:minute` Tokyo time on the day `offset` days from today. */
  private at(offset: number, hour = 0, minute = 0): Date {
    return new Date(startOfTokyoDay(this.day(offset)).getTime() + hour * HOUR_MS + minute * MINUTE_MS);
  }

  private day(offset: number): string {
    return tokyoDateString(new Date(this.now.getTime() + offset * DAY_MS));
  }

  private step(at: Date, run: () => Promise<void>) {
    // Nothing in the demo's past may be dated after the moment of seeding.
    const clamped = new Date(Math.min(at.getTime(), this.now.getTime() - MINUTE_MS));
    this.steps.push({ at: clamped, seq: this.steps.length, run });
  }

  async run() {
    const ordered = [...this.steps].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
    for (const s of ordered) await s.run();
    return this.counts;
  }

  consultation(spec: DemoConsultation, tl: Timeline) {
    const { db, actor } = this;
    const opensAt = startOfTokyoDay(this.day(tl.opensDay));
    const closesAt = endOfTokyoDay(this.day(tl.closesDay));
    const resultAt = tl.resultDay === undefined ? null : this.at(tl.resultDay, 10);
    // Filled in as the steps run; later steps read what earlier ones stored.
    const state = {
      id: 0,
      sections: new Map<string, number>(),
      comments: new Map<DemoComment, number>(),
    };
    const sectionId = (key: string) => {
      const id = state.sections.get(key);
      if (id === undefined) throw new Error(`Demo content: no section "${key}" in ${spec.fields.title}`);
      return id;
    };

    this.step(this.at(tl.createdDay, 9, 30), async () => {
      const createdAt = this.at(tl.createdDay, 9, 30);
      state.id = await createConsultation(
        db,
        {
          ...spec.fields,
          department_id: this.departments.get(spec.fields.department ?? '') ?? null,
          opens_at: opensAt.toISOString(),
          closes_at: closesAt.toISOString(),
        },
        actor,
        createdAt,
      );
      const draft = spec.sections.filter((s) => !s.addedInFinal);
      const ids = await importSections(
        db,
        state.id,
        draft.map(({ level, number, heading, body_md }) => ({ level, number, heading, body_md })),
        'append',
        actor,
        new Date(createdAt.getTime() + 20 * MINUTE_MS),
      );
      for (const [i, s] of draft.entries()) state.sections.set(s.key, ids[i]!);
      this.counts.consultations++;
    });
    this.step(this.at(tl.publishedDay, 10), async () => {
      await publishConsultation(db, state.id, opensAt, actor, this.at(tl.publishedDay, 10));
    });
    if (tl.withdrawnDay !== undefined) {
      const withdrawnAt = this.at(tl.withdrawnDay, 15);
      this.step(withdrawnAt, async () => {
        await withdrawConsultation(db, state.id, tl.withdrawalReason ?? '', actor, withdrawnAt);
      });
    }

    // Comments arrive through the period; paper ones are typed in by staff the next morning.
    const latest = Math.min(closesAt.getTime(), this.now.getTime() - HOUR_MS);
    spec.comments.forEach((c, index) => {
      const received = new Date(
        Math.min(this.at(tl.opensDay + c.day, c.hour, (index * 17) % 60).getTime(), latest),
      );
      const paper = c.channel !== 'web';
      const entered = paper
        ? new Date(
            Math.max(
              received.getTime(),
              Math.min(received.getTime() + 20 * HOUR_MS, this.now.getTime() - MINUTE_MS),
            ),
          )
        : received;
      this.step(entered, async () => {
        const draft = commentDraft(c, sectionId);
        const input = { consultationId: state.id, draft, channel: c.channel, receivedAt: received };
        const outcome = paper
          ? await enterPaperComment(db, this.secret, { ...input, submissionKey: null, actor }, entered)
          : await receiveComment(db, this.secret, input, received);
        if (!outcome.ok) throw new Error(`Demo content: a comment was refused (${outcome.refusal})`);
        state.comments.set(c, outcome.comment.id);
        this.counts.comments++;
      });
    });

    // Moderation while the result is prepared: a day after the close (or today, if still open).
    const reviewAt = new Date(
      Math.min(closesAt.getTime() + DAY_MS + 10 * HOUR_MS, this.now.getTime() - 3 * HOUR_MS),
    );
    const commentId = (c: DemoComment) => state.comments.get(c)!;
    spec.comments.forEach((c, index) => {
      const at = new Date(reviewAt.getTime() + index * MINUTE_MS);
      if (c.redact?.length) {
        this.step(at, async () => {
          const spans = (c.redact ?? []).map((piece) => {
            const start = c.body.indexOf(piece);
            if (start < 0) throw new Error(`Demo content: "${piece}" is not in the comment`);
            return { start, end: start + piece.length, kind: 'manual' as const };
          });
          await redactComment(db, { commentId: commentId(c), body: c.body, spans, actor }, at);
        });
      }
      if (c.hidden) {
        const { reason, note } = c.hidden;
        this.step(at, async () => {
          await hideComment(db, { commentId: commentId(c), reason, note, actor }, at);
        });
      }
      if (c.excluded) {
        const reason = c.excluded;
        this.step(at, async () => {
          await setCommentExcluded(db, state.id, commentId(c), reason, actor, at);
        });
      }
    });

    // Groups are formed over the next days, in the order they will be published. When a result
    // follows, the city's response is written later, once the final text is settled.
    const groupingStart = new Date(Math.min(reviewAt.getTime() + DAY_MS, this.now.getTime() - 2 * HOUR_MS));
    const groupIds = new Map<string, number>();
    const groupInput = (g: DemoGroup) => ({
      summary: g.summary,
      response: g.response,
      outcome: g.outcome,
      revisionNote: g.revisionNote ?? '',
      // A section added in the final text does not exist yet when the group is formed.
      sectionIds: g.sections.filter((key) => state.sections.has(key)).map(sectionId),
    });
    spec.groups.forEach((g, index) => {
      const at = new Date(groupingStart.getTime() + index * 10 * MINUTE_MS);
      this.step(at, async () => {
        const members = spec.comments.filter((c) => c.group === g.key).map(commentId);
        const input = resultAt ? { summary: g.summary, sectionIds: groupInput(g).sectionIds } : groupInput(g);
        groupIds.set(g.key, await createGroup(db, state.id, input, members, actor, at));
      });
    });

    if (resultAt) {
      const finalAt = new Date(resultAt.getTime() - 3 * DAY_MS);
      spec.sections.forEach((s, index) => {
        if (s.addedInFinal) {
          this.step(finalAt, async () => {
            const id = await insertFinalSection(
              db,
              state.id,
              { number: s.number, heading: s.final_heading ?? s.heading, body: s.final_body_md ?? '' },
              actor,
              finalAt,
            );
            state.sections.set(s.key, id);
            await this.placeSection(state.id, id, index + 1);
          });
        } else if (s.final_body_md !== undefined) {
          this.step(finalAt, async () => {
            await updateFinalSection(
              db,
              state.id,
              sectionId(s.key),
              { heading: s.final_heading ?? s.heading, body: s.final_body_md ?? s.body_md, removed: false },
              actor,
              finalAt,
            );
          });
        }
      });
      spec.groups.forEach((g, index) => {
        const at = new Date(finalAt.getTime() + HOUR_MS + index * 10 * MINUTE_MS);
        this.step(at, async () => {
          await updateGroup(db, state.id, groupIds.get(g.key)!, groupInput(g), actor, at);
        });
      });
      this.step(resultAt, async () => {
        const outcome = await publishResult(
          db,
          state.id,
          { note: spec.resultNote ?? '', policyDropped: false },
          actor,
          resultAt,
        );
        if (!outcome.published)
          throw new Error(`demo: the result cannot be published: ${JSON.stringify(outcome)}`);
      });
    }
  }

  /**
   * insertFinalSection adds a final-only section at the end; the demo's new section belongs in
   * the middle of the text, so the sections after it move down by one.
   */
  private async placeSection(consultationId: number, sectionId: number, position: number) {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('sections')
        .set((eb) => ({ position: eb('position', '+', 1) }))
        .where('consultation_id', '=', consultationId)
        .where('position', '>=', position)
        .where('id', '!=', sectionId)
        .execute();
      await trx.updateTable('sections').set({ position }).where('id', '=', sectionId).execute();
    });
  }
}

function commentDraft(c: DemoComment, sectionId: (key: string) => number): CommentDraft {
  const p = c.person;
  return {
    sectionIds: c.sections.map(sectionId).sort((a, b) => a - b),
    body: c.body,
    submitterKind: p.kind,
    name: p.kind === 'individual' ? p.name : '',
    address: p.address,
    organisationName: p.organisationName ?? '',
    representative: p.representative ?? '',
    category: p.category,
    email: p.email ?? '',
    phone: p.phone ?? '',
  };
}
