import { type Kysely, sql, type Transaction } from 'kysely';
import type { Channel, Database, HiddenReason, Outcome } from '../../db/schema.ts';
import { identityKey } from '../analysis/normalise.ts';
import { appendAuditBy, type Actor } from './audit.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReviewComment {
  id: number;
  channel: Channel;
  receivedAt: string;
  /** What the public will see: the redacted text when there is one. */
  text: string;
  groupId: number | null;
  excludedReason: string | null;
  hiddenReason: HiddenReason | null;
  hidden: boolean;
  sectionIds: number[];
}

export interface ReviewFilter {
  sectionId?: number;
  /** Substring search in the text (case-insensitive for Latin). */
  q?: string;
  /** Only comments that are not yet accounted for (no group, not excluded, not hidden). */
  ungroupedOnly?: boolean;
  groupId?: number;
  limit?: number;
}

/** Comments of a consultation for the review workspace, oldest first. */
export async function listReviewComments(
  db: Db,
  consultationId: number,
  filter: ReviewFilter = {},
): Promise<ReviewComment[]> {
  let q = db
    .selectFrom('comments')
    .select([
      'id',
      'channel',
      'received_at',
      'body',
      'body_redacted',
      'group_id',
      'excluded_reason',
      'hidden_at',
      'hidden_reason',
    ])
    .where('consultation_id', '=', consultationId);
  if (filter.groupId !== undefined) q = q.where('group_id', '=', filter.groupId);
  if (filter.ungroupedOnly) {
    q = q
      .where('group_id', 'is', null)
      .where('hidden_at', 'is', null)
      .where((eb) => eb.or([eb('excluded_reason', 'is', null), eb('excluded_reason', '=', '')]));
  }
  if (filter.sectionId !== undefined) {
    const sid = filter.sectionId;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('comment_sections').select('comment_id').where('section_id', '=', sid),
    );
  }
  if (filter.q?.trim()) {
    const like = `%${filter.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where(sql<boolean>`coalesce(body_redacted, body) like ${like} escape '\\'`);
  }
  const rows = await q
    .orderBy('received_at')
    .orderBy('id')
    .limit(filter.limit ?? 500)
    .execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('comment_sections')
    .select(['comment_id', 'section_id'])
    .where(
      'comment_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    receivedAt: r.received_at,
    text: r.body_redacted ?? r.body,
    groupId: r.group_id,
    excludedReason: r.excluded_reason,
    hiddenReason: r.hidden_reason,
    hidden: r.hidden_at !== null,
    sectionIds: links.filter((l) => l.comment_id === r.id).map((l) => l.section_id),
  }));
}

/** How many received comments are accounted for (grouped, excluded with a reason, or hidden). */
export async function countReviewProgress(db: Db, consultationId: number) {
  const row = await db
    .selectFrom('comments')
    .select([
      db.fn.countAll<number>().as('total'),
      sql<number>`sum(case when group_id is not null or hidden_at is not null or trim(coalesce(excluded_reason, '')) <> '' then 1 else 0 end)`.as(
        'accounted',
      ),
    ])
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  const total = Number(row?.total ?? 0);
  const accounted = Number(row?.accounted ?? 0);
  return { total, accounted, unaccounted: total - accounted };
}

export interface GroupInput {
  summary: string;
  response?: string;
  outcome?: Outcome | null;
  revisionNote?: string;
  sectionIds?: number[];
}

export async function findGroup(db: Db, consultationId: number, groupId: number) {
  const group = await db
    .selectFrom('comment_groups')
    .selectAll()
    .where('id', '=', groupId)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  if (!group) return undefined;
  const sections = await db
    .selectFrom('group_sections')
    .select('section_id')
    .where('group_id', '=', groupId)
    .execute();
  return { ...group, sectionIds: sections.map((s) => s.section_id) };
}

async function validSectionIds(trx: Db, consultationId: number, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('sections')
    .select('id')
    .where('consultation_id', '=', consultationId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}

/** Only this consultation's comments that may be grouped (not hidden). */
async function groupableIds(trx: Db, consultationId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('comments')
    .select(['id', 'group_id', 'excluded_reason'])
    .where('consultation_id', '=', consultationId)
    .where('hidden_at', 'is', null)
    .where('id', 'in', [...ids])
    .execute();
}

async function insertGroupRow(
  trx: Transaction<Database>,
  consultationId: number,
  input: GroupInput,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const last = await trx
    .selectFrom('comment_groups')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  const { id } = await trx
    .insertInto('comment_groups')
    .values({
      consultation_id: consultationId,
      position: Number(last?.p ?? 0) + 1,
      summary: input.summary,
      response: input.response ?? '',
      outcome: input.outcome ?? null,
      revision_note: input.revisionNote ?? '',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sectionIds = await validSectionIds(trx, consultationId, input.sectionIds ?? []);
  if (sectionIds.length > 0) {
    await trx
      .insertInto('group_sections')
      .values(sectionIds.map((section_id) => ({ group_id: id, section_id })))
      .execute();
  }
  return id;
}

async function moveComments(
  trx: Transaction<Database>,
  consultationId: number,
  commentIds: readonly number[],
  groupId: number | null,
  actor: Actor,
  now: Date,
): Promise<number> {
  const rows = await groupableIds(trx, consultationId, commentIds);
  const moving = rows.filter((r) => r.group_id !== groupId);
  if (moving.length === 0) return 0;
  const ids = moving.map((r) => r.id);
  // A grouped comment is no longer "excluded": the two are alternatives.
  await trx
    .updateTable('comments')
    .set({ group_id: groupId, ...(groupId !== null ? { excluded_reason: null } : {}) })
    .where('id', 'in', ids)
    .execute();
  const at = now.toISOString();
  await trx
    .insertInto('moderation_events')
    .values(
      moving.map((r) => ({
        comment_id: r.id,
        action: groupId === null ? ('ungroup' as const) : ('group' as const),
        note: groupId === null ? `from group ${r.group_id}` : `group ${groupId}`,
        actor_id: actor.id,
        at,
      })),
    )
    .execute();
  await appendAuditBy(trx, actor, now, {
    action: groupId === null ? 'comment.ungroup' : 'comment.group',
    targetType: 'comments',
    targetId: ids.join(','),
    before: moving.map((r) => ({ id: r.id, group_id: r.group_id, excluded_reason: r.excluded_reason })),
    after: { group_id: groupId },
  });
  return moving.length;
}

/** Creates a group (and optionally puts comments in it). Audited as group.create. */
export async function createGroup(
  db: Kysely<Database>,
  consultationId: number,
  input: GroupInput,
  commentIds: readonly number[],
  actor: Actor,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await insertGroupRow(trx, consultationId, input, now);
    await appendAuditBy(trx, actor, now, {
      action: 'group.create',
      targetType: 'comment_groups',
      targetId: id,
      after: { consultation_id: consultationId, ...input },
    });
    await moveComments(trx, consultationId, commentIds, id, actor, now);
    return id;
  });
}

/** Updates a group's texts, outcome and sections. Audited as group.update with before/after. */
export async function updateGroup(
  db: Kysely<Database>,
  consultationId: number,
  groupId: number,
  input: Required<GroupInput>,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findGroup(trx, consultationId, groupId);
    if (!before) return false;
    await trx
      .updateTable('comment_groups')
      .set({
        summary: input.summary,
        response: input.response,
        outcome: input.outcome,
        revision_note: input.revisionNote,
        updated_at: now.toISOString(),
      })
      .where('id', '=', groupId)
      .execute();
    const sectionIds = await validSectionIds(trx, consultationId, input.sectionIds);
    await trx.deleteFrom('group_sections').where('group_id', '=', groupId).execute();
    if (sectionIds.length > 0) {
      await trx
        .insertInto('group_sections')
        .values(sectionIds.map((section_id) => ({ group_id: groupId, section_id })))
        .execute();
    }
    await appendAuditBy(trx, actor, now, {
      action: 'group.update',
      targetType: 'comment_groups',
      targetId: groupId,
      before: {
        summary: before.summary,
        response: before.response,
        outcome: before.outcome,
        revision_note: before.revision_note,
        section_ids: before.sectionIds,
      },
      after: {
        summary: input.summary,
        response: input.response,
        outcome: input.outcome,
        revision_note: input.revisionNote,
        section_ids: sectionIds,
      },
    });
    return true;
  });
}

/** Deletes a group; its comments become ungrouped. Audited as group.delete. */
export async function deleteGroup(
  db: Kysely<Database>,
  consultationId: number,
  groupId: number,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findGroup(trx, consultationId, groupId);
    if (!before) return false;
    const members = await trx.selectFrom('comments').select('id').where('group_id', '=', groupId).execute();
    await moveComments(
      trx,
      consultationId,
      members.map((m) => m.id),
      null,
      actor,
      now,
    );
    await trx.deleteFrom('group_sections').where('group_id', '=', groupId).execute();
    await trx.deleteFrom('comment_groups').where('id', '=', groupId).execute();
    await appendAuditBy(trx, actor, now, {
      action: 'group.delete',
      targetType: 'comment_groups',
      targetId: groupId,
      before: { ...before, comment_ids: members.map((m) => m.id) },
    });
    return true;
  });
}

/**
 * Puts comments into a group (or takes them out with groupId null). Hidden comments and other
 * consultations' comments are skipped. Returns how many moved. Audited as comment.group/ungroup.
 */
export async function assignComments(
  db: Kysely<Database>,
  consultationId: number,
  commentIds: readonly number[],
  groupId: number | null,
  actor: Actor,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (groupId !== null && !(await findGroup(trx, consultationId, groupId))) return 0;
    return moveComments(trx, consultationId, commentIds, groupId, actor, now);
  });
}

/** Moves every comment of `fromId` into `intoId` and deletes `fromId`. Audited as group.merge. */
export async function mergeGroups(
  db: Kysely<Database>,
  consultationId: number,
  fromId: number,
  intoId: number,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  if (fromId === intoId) return false;
  return db.transaction().execute(async (trx) => {
    const from = await findGroup(trx, consultationId, fromId);
    const into = await findGroup(trx, consultationId, intoId);
    if (!from || !into) return false;
    const members = await trx.selectFrom('comments').select('id').where('group_id', '=', fromId).execute();
    await trx.updateTable('comments').set({ group_id: intoId }).where('group_id', '=', fromId).execute();
    const merged = [...new Set([...into.sectionIds, ...from.sectionIds])];
    await trx.deleteFrom('group_sections').where('group_id', 'in', [fromId, intoId]).execute();
    if (merged.length > 0) {
      await trx
        .insertInto('group_sections')
        .values(merged.map((section_id) => ({ group_id: intoId, section_id })))
        .execute();
    }
    await trx.deleteFrom('comment_groups').where('id', '=', fromId).execute();
    await appendAuditBy(trx, actor, now, {
      action: 'group.merge',
      targetType: 'comment_groups',
      targetId: intoId,
      before: { from, into },
      after: { group_id: intoId, moved_comment_ids: members.map((m) => m.id), section_ids: merged },
    });
    return true;
  });
}

/**
 * Moves the selected comments of a group into a new group with the given summary (and the
 * original's sections). Audited as group.split. Returns the new group's id.
 */
export async function splitGroup(
  db: Kysely<Database>,
  consultationId: number,
  groupId: number,
  commentIds: readonly number[],
  summary: string,
  actor: Actor,
  now: Date,
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const source = await findGroup(trx, consultationId, groupId);
    if (!source) return undefined;
    const members = await trx
      .selectFrom('comments')
      .select('id')
      .where('group_id', '=', groupId)
      .where('id', 'in', commentIds.length > 0 ? [...commentIds] : [-1])
      .execute();
    if (members.length === 0) return undefined;
    const newId = await insertGroupRow(trx, consultationId, { summary, sectionIds: source.sectionIds }, now);
    const ids = members.map((m) => m.id);
    await trx.updateTable('comments').set({ group_id: newId }).where('id', 'in', ids).execute();
    await appendAuditBy(trx, actor, now, {
      action: 'group.split',
      targetType: 'comment_groups',
      targetId: groupId,
      before: { group_id: groupId, comment_ids: ids },
      after: { group_id: newId, summary, comment_ids: ids },
    });
    return newId;
  });
}

/**
 * Excludes a comment from the result with a reason (or includes it again with null). A grouped
 * comment leaves its group. Audited as comment.exclude / comment.include.
 */
export async function setCommentExcluded(
  db: Kysely<Database>,
  consultationId: number,
  commentId: number,
  reason: string | null,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('comments')
      .select(['id', 'group_id', 'excluded_reason'])
      .where('id', '=', commentId)
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst();
    if (!before) return false;
    await trx
      .updateTable('comments')
      .set({ excluded_reason: reason, ...(reason !== null ? { group_id: null } : {}) })
      .where('id', '=', commentId)
      .execute();
    await trx
      .insertInto('moderation_events')
      .values({
        comment_id: commentId,
        action: reason === null ? 'include' : 'exclude',
        reason: reason ?? '',
        actor_id: actor.id,
        at: now.toISOString(),
      })
      .execute();
    await appendAuditBy(trx, actor, now, {
      action: reason === null ? 'comment.include' : 'comment.exclude',
      targetType: 'comments',
      targetId: commentId,
      before: { group_id: before.group_id, excluded_reason: before.excluded_reason },
      after: { group_id: reason === null ? before.group_id : null, excluded_reason: reason },
    });
    return true;
  });
}

export interface IdenticalSet {
  /** Normalised identity key (for the form and for stable ordering). */
  key: string;
  text: string;
  commentIds: number[];
}

/**
 * Comments not yet accounted for whose texts are identical after normalisation (NFKC, spacing,
 * punctuation): offered as one group with one click. Largest sets first.
 */
export async function listIdenticalSets(db: Db, consultationId: number): Promise<IdenticalSet[]> {
  const rows = await listReviewComments(db, consultationId, { ungroupedOnly: true, limit: 100_000 });
  const byKey = new Map<string, IdenticalSet>();
  for (const r of rows) {
    const key = identityKey(r.text);
    if (!key) continue;
    const set = byKey.get(key) ?? { key, text: r.text, commentIds: [] };
    set.commentIds.push(r.id);
    byKey.set(key, set);
  }
  return [...byKey.values()]
    .filter((s) => s.commentIds.length >= 2)
    .sort(
      (a, b) => b.commentIds.length - a.commentIds.length || (a.commentIds[0] ?? 0) - (b.commentIds[0] ?? 0),
    );
}

/** Sets the publication of a result. Audited as result.publish. Refuses when already published. */
export async function publishResult(
  db: Kysely<Database>,
  consultationId: number,
  input: { note: string; policyDropped: boolean },
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('consultations')
      .select(['result_published_at', 'result_note', 'policy_dropped'])
      .where('id', '=', consultationId)
      .executeTakeFirst();
    if (!before || before.result_published_at) return false;
    const at = now.toISOString();
    await trx
      .updateTable('consultations')
      .set({
        result_published_at: at,
        result_note: input.note,
        policy_dropped: input.policyDropped ? 1 : 0,
        updated_at: at,
      })
      .where('id', '=', consultationId)
      .execute();
    await appendAuditBy(trx, actor, now, {
      action: 'result.publish',
      targetType: 'consultations',
      targetId: consultationId,
      before,
      after: {
        result_published_at: at,
        result_note: input.note,
        policy_dropped: input.policyDropped ? 1 : 0,
      },
    });
    return true;
  });
}

/** Final text: edits of one section (heading, body, removed), audited as section.final. */
export async function updateFinalSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  input: { heading: string; body: string; removed: boolean },
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom('sections')
      .selectAll()
      .where('id', '=', sectionId)
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst();
    if (!s) return false;
    // Same as the draft: store null so that later corrections of the draft are followed.
    const heading = s.in_draft && input.heading === s.heading ? null : input.heading;
    const body = s.in_draft && input.body === s.body_md ? null : input.body;
    await trx
      .updateTable('sections')
      .set({
        final_heading: heading,
        final_body_md: body,
        final_removed: input.removed ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where('id', '=', sectionId)
      .execute();
    await appendAuditBy(trx, actor, now, {
      action: 'section.final',
      targetType: 'sections',
      targetId: sectionId,
      before: {
        final_heading: s.final_heading,
        final_body_md: s.final_body_md,
        final_removed: s.final_removed,
      },
      after: { final_heading: heading, final_body_md: body, final_removed: input.removed ? 1 : 0 },
    });
    return true;
  });
}

/** Adds a section that exists only in the final text, at the end. Audited as section.final_add. */
export async function insertFinalSection(
  db: Kysely<Database>,
  consultationId: number,
  input: { number: string; heading: string; body: string },
  actor: Actor,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('sections')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst();
    const at = now.toISOString();
    const { id } = await trx
      .insertInto('sections')
      .values({
        consultation_id: consultationId,
        position: Number(last?.p ?? 0) + 1,
        number: input.number,
        heading: input.heading,
        body_md: input.body,
        in_draft: 0,
        final_heading: input.heading,
        final_body_md: input.body,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditBy(trx, actor, now, {
      action: 'section.final_add',
      targetType: 'sections',
      targetId: id,
      after: { consultation_id: consultationId, ...input },
    });
    return id;
  });
}
