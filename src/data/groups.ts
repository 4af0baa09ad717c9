/**
 * Queries of the review workspace: the comments still to place (paged), groups and their
 * members, moves between groups, exclusions, identical texts and the final text. Lists are
 * paged and id lists chunked (src/data/chunks.ts), so 200,000 comments work as 200 do.
 */
import { createHash } from 'node:crypto';
import { type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { Channel, Database, HiddenReason, Outcome } from '../../db/schema.ts';
import { identityKey } from '../analysis/normalise.ts';
import { previewText } from '../lib/format.ts';
import { notAccountedFor } from './accounted-for.ts';
import { type Actor, appendAuditBy } from './audit.ts';
import { chunks, yieldToEventLoop } from './chunks.ts';
import { likeEscaped } from './dialect.ts';

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
}

/** One page of a list of comments, and how many there are in all. */
export interface ReviewCommentPage {
  items: ReviewComment[];
  total: number;
  /** The last comment shown, to continue after; absent on the last page. */
  next?: number;
}

/** Comments shown on one page of the workspace or of a group. */
export const REVIEW_PAGE_SIZE = 50;

const COMMENT_COLUMNS = [
  'comments.id',
  'comments.channel',
  'comments.received_at',
  'comments.body',
  'comments.body_redacted',
  'comments.group_id',
  'comments.excluded_reason',
  'comments.hidden_at',
  'comments.hidden_reason',
] as const;

function filtered(db: Db, consultationId: number, filter: ReviewFilter) {
  let q: SelectQueryBuilder<Database, 'comments', object> = db
    .selectFrom('comments')
    .where('comments.consultation_id', '=', consultationId);
  if (filter.groupId !== undefined) q = q.where('comments.group_id', '=', filter.groupId);
  if (filter.ungroupedOnly) q = q.where(notAccountedFor);
  if (filter.sectionId !== undefined) {
    const sid = filter.sectionId;
    q = q.where('comments.id', 'in', (eb) =>
      eb.selectFrom('comment_sections').select('comment_id').where('section_id', '=', sid),
    );
  }
  const text = filter.q?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where(likeEscaped(db, sql<string>`coalesce(comments.body_redacted, comments.body)`, like));
  }
  return q;
}

/** The sections each comment points at, in reading order. */
export async function sectionsByComment(db: Db, ids: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom('comment_sections')
      .innerJoin('sections', 'sections.id', 'comment_sections.section_id')
      .select(['comment_sections.comment_id', 'comment_sections.section_id'])
      .where('comment_sections.comment_id', 'in', chunk)
      .orderBy('sections.position')
      .execute();
    for (const r of rows) {
      const list = out.get(r.comment_id) ?? [];
      list.push(r.section_id);
      out.set(r.comment_id, list);
    }
  }
  return out;
}

type CommentRow = {
  id: number;
  channel: Channel;
  received_at: string;
  body: string;
  body_redacted: string | null;
  group_id: number | null;
  excluded_reason: string | null;
  hidden_at: string | null;
  hidden_reason: HiddenReason | null;
};

function toReviewComment(r: CommentRow, sectionIds: number[]): ReviewComment {
  return {
    id: r.id,
    channel: r.channel,
    receivedAt: r.received_at,
    text: r.body_redacted ?? r.body,
    groupId: r.group_id,
    excludedReason: r.excluded_reason,
    hiddenReason: r.hidden_reason,
    hidden: r.hidden_at !== null,
    sectionIds,
  };
}

/** One page of a consultation's comments for the review, oldest first, continuing after `after`. */
export async function listReviewComments(
  db: Db,
  consultationId: number,
  filter: ReviewFilter = {},
  page: { after?: number; limit?: number } = {},
): Promise<ReviewCommentPage> {
  const limit = page.limit ?? REVIEW_PAGE_SIZE;
  let q = filtered(db, consultationId, filter).select(COMMENT_COLUMNS);
  if (page.after !== undefined) {
    q = q.where(
      sql<boolean>`(comments.received_at, comments.id) > (select c.received_at, c.id from comments c where c.id = ${page.after})`,
    );
  }
  const rows = await q
    .orderBy('comments.received_at')
    .orderBy('comments.id')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const count = await filtered(db, consultationId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const sections = await sectionsByComment(
    db,
    shown.map((r) => r.id),
  );
  return {
    items: shown.map((r) => toReviewComment(r, sections.get(r.id) ?? [])),
    total: Number(count?.n ?? 0),
    next: rows.length > limit ? shown[shown.length - 1]?.id : undefined,
  };
}

/** One comment of the consultation, for its review page. */
export async function findReviewComment(
  db: Db,
  consultationId: number,
  commentId: number,
): Promise<ReviewComment | undefined> {
  const row = await db
    .selectFrom('comments')
    .select(COMMENT_COLUMNS)
    .where('comments.consultation_id', '=', consultationId)
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
  if (!row) return undefined;
  return toReviewComment(row, (await sectionsByComment(db, [row.id])).get(row.id) ?? []);
}

/** How many received comments are accounted for (grouped, excluded with a reason, or hidden). */
export async function countReviewProgress(db: Db, consultationId: number) {
  const all = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('comments.consultation_id', '=', consultationId)
    .executeTakeFirst();
  const open = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('comments.consultation_id', '=', consultationId)
    .where(notAccountedFor)
    .executeTakeFirst();
  const total = Number(all?.n ?? 0);
  const unaccounted = Number(open?.n ?? 0);
  return { total, accounted: total - unaccounted, unaccounted };
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
    .innerJoin('sections', 'sections.id', 'group_sections.section_id')
    .select('group_sections.section_id')
    .where('group_sections.group_id', '=', groupId)
    .orderBy('sections.position')
    .execute();
  return { ...group, sectionIds: sections.map((s) => s.section_id) };
}

async function validSectionIds(trx: Db, consultationId: number, ids: readonly number[]): Promise<number[]> {
  const out: number[] = [];
  for (const chunk of chunks(ids)) {
    const rows = await trx
      .selectFrom('sections')
      .select('id')
      .where('consultation_id', '=', consultationId)
      .where('id', 'in', chunk)
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

/** Inserts a group (last in the table) with its sections, inside the caller's transaction. */
export async function insertGroupRow(
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
  await setGroupSections(trx, consultationId, id, input.sectionIds ?? []);
  return id;
}

async function setGroupSections(
  trx: Transaction<Database>,
  consultationId: number,
  groupId: number,
  ids: readonly number[],
): Promise<number[]> {
  const sectionIds = await validSectionIds(trx, consultationId, ids);
  await trx.deleteFrom('group_sections').where('group_id', '=', groupId).execute();
  for (const chunk of chunks(sectionIds)) {
    await trx
      .insertInto('group_sections')
      .values(chunk.map((section_id) => ({ group_id: groupId, section_id })))
      .execute();
  }
  return sectionIds;
}

/** Where moved comments came from, compactly: comments that shared a group (or exclusion) together. */
function fromWhere(rows: { id: number; group_id: number | null; excluded_reason: string | null }[]) {
  const out = new Map<
    string,
    { group_id: number | null; excluded_reason: string | null; comment_ids: number[] }
  >();
  for (const r of rows) {
    const key = JSON.stringify([r.group_id, r.excluded_reason]);
    const entry = out.get(key) ?? {
      group_id: r.group_id,
      excluded_reason: r.excluded_reason,
      comment_ids: [],
    };
    entry.comment_ids.push(r.id);
    out.set(key, entry);
  }
  return [...out.values()];
}

/**
 * Puts this consultation's visible comments among `commentIds` into `groupId` (or takes them out
 * with null), in chunks. Grouping ends an exclusion: the two are alternatives. Audited once.
 */
export async function moveComments(
  trx: Transaction<Database>,
  consultationId: number,
  commentIds: readonly number[],
  groupId: number | null,
  actor: Actor,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const moved: { id: number; group_id: number | null; excluded_reason: string | null }[] = [];
  for (const chunk of chunks(commentIds)) {
    const rows = await trx
      .selectFrom('comments')
      .select(['id', 'group_id', 'excluded_reason'])
      .where('consultation_id', '=', consultationId)
      .where('hidden_at', 'is', null)
      .where('id', 'in', chunk)
      .execute();
    const moving = rows.filter((r) => r.group_id !== groupId);
    if (moving.length === 0) continue;
    await trx
      .updateTable('comments')
      .set({ group_id: groupId, ...(groupId !== null ? { excluded_reason: null } : {}) })
      .where(
        'id',
        'in',
        moving.map((r) => r.id),
      )
      .execute();
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
    moved.push(...moving);
    if (commentIds.length > chunk.length) await yieldToEventLoop();
  }
  if (moved.length === 0) return 0;
  await appendAuditBy(trx, actor, now, {
    action: groupId === null ? 'comment.ungroup' : 'comment.group',
    targetType: 'comments',
    targetId: moved.map((r) => r.id).join(','),
    before: fromWhere(moved),
    after: { group_id: groupId },
  });
  return moved.length;
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
    const sectionIds = await setGroupSections(trx, consultationId, groupId, input.sectionIds);
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

async function memberIds(trx: Db, groupId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('comments')
    .select('id')
    .where('group_id', '=', groupId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
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
    const members = await memberIds(trx, groupId);
    await moveComments(trx, consultationId, members, null, actor, now);
    // Hidden members keep no group either (the foreign key would set it to null anyway).
    await trx.updateTable('comments').set({ group_id: null }).where('group_id', '=', groupId).execute();
    await trx.deleteFrom('group_sections').where('group_id', '=', groupId).execute();
    await trx.deleteFrom('comment_groups').where('id', '=', groupId).execute();
    await appendAuditBy(trx, actor, now, {
      action: 'group.delete',
      targetType: 'comment_groups',
      targetId: groupId,
      before: { ...before, comment_ids: members },
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
    const members = await memberIds(trx, fromId);
    for (const chunk of chunks(members)) {
      await trx.updateTable('comments').set({ group_id: intoId }).where('id', 'in', chunk).execute();
      if (members.length > chunk.length) await yieldToEventLoop();
    }
    const merged = await setGroupSections(trx, consultationId, intoId, [
      ...new Set([...into.sectionIds, ...from.sectionIds]),
    ]);
    await trx.deleteFrom('group_sections').where('group_id', '=', fromId).execute();
    await trx.deleteFrom('comment_groups').where('id', '=', fromId).execute();
    await appendAuditBy(trx, actor, now, {
      action: 'group.merge',
      targetType: 'comment_groups',
      targetId: intoId,
      before: { from, into },
      after: { group_id: intoId, moved_comment_ids: members, section_ids: merged },
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
    const ids: number[] = [];
    for (const chunk of chunks(commentIds)) {
      const rows = await trx
        .selectFrom('comments')
        .select('id')
        .where('group_id', '=', groupId)
        .where('id', 'in', chunk)
        .execute();
      ids.push(...rows.map((r) => r.id));
    }
    if (ids.length === 0) return undefined;
    const newId = await insertGroupRow(trx, consultationId, { summary, sectionIds: source.sectionIds }, now);
    for (const chunk of chunks(ids)) {
      await trx.updateTable('comments').set({ group_id: newId }).where('id', 'in', chunk).execute();
    }
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

// ---- identical texts --------------------------------------------------------------------------

export interface IdenticalSet {
  /** The identity key's digest: names the set in the form. */
  key: string;
  text: string;
  count: number;
  /** A digest of the set's comment ids: grouping refuses a set that changed since it was shown. */
  token: string;
}

/** The digest of an identity key, stored instead of the key (a comment may be 100,000 characters). */
function keyDigest(text: string): string {
  const key = identityKey(text);
  return key === '' ? '' : createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

export function identicalToken(ids: readonly number[]): string {
  return createHash('sha256').update(ids.join(',')).digest('base64url').slice(0, 22);
}

/** Rows per round of the identical-text scans: a few milliseconds each. */
const SCAN = 2000;
/** Texts normalised per round when keys are missing (normalising is the costly part). */
const FILL = 500;

/**
 * Gives every comment of the consultation its identity key. Keys are kept, and a changed text
 * loses its key (trigger), so this normalises only new or changed texts: when the consultation
 * has as many keys as comments (two counts on indexes), there is nothing to do.
 */
async function fillIdentityKeys(db: Kysely<Database>, consultationId: number): Promise<void> {
  const [comments, keys] = await Promise.all([
    db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst(),
    db
      .selectFrom('comment_identity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst(),
  ]);
  if (Number(comments?.n ?? 0) === Number(keys?.n ?? 0)) return;
  let after: { receivedAt: string; id: number } | undefined;
  for (;;) {
    let q = db
      .selectFrom('comments')
      .leftJoin('comment_identity', 'comment_identity.comment_id', 'comments.id')
      .select([
        'comments.id',
        'comments.received_at',
        sql<
          string | null
        >`case when comment_identity.key is null then coalesce(comments.body_redacted, comments.body) end`.as(
          'text',
        ),
      ])
      .where('comments.consultation_id', '=', consultationId);
    if (after)
      q = q.where(sql<boolean>`(comments.received_at, comments.id) > (${after.receivedAt}, ${after.id})`);
    const rows = await q.orderBy('comments.received_at').orderBy('comments.id').limit(SCAN).execute();
    const missing = rows.filter((r) => r.text !== null);
    for (const chunk of chunks(missing, FILL)) {
      const values = chunk.map((r) => ({
        comment_id: r.id,
        consultation_id: consultationId,
        key: keyDigest(r.text ?? ''),
      }));
      await db
        .insertInto('comment_identity')
        .values(values)
        .onConflict((oc) => oc.column('comment_id').doUpdateSet((eb) => ({ key: eb.ref('excluded.key') })))
        .execute();
      await yieldToEventLoop();
    }
    const last = rows[rows.length - 1];
    if (rows.length < SCAN || !last) return;
    after = { receivedAt: last.received_at, id: last.id };
    await yieldToEventLoop();
  }
}

/**
 * Comments not yet accounted for whose texts are identical after normalisation (NFKC, spacing,
 * punctuation), largest sets first: offered as one group each. Counts the open comments per
 * key in rounds, walking the keys in order, and keeps only keys shared by two or more.
 */
export async function listIdenticalSets(
  db: Kysely<Database>,
  consultationId: number,
  limit = 20,
): Promise<{ sets: IdenticalSet[]; more: number }> {
  await fillIdentityKeys(db, consultationId);
  const shared: { key: string; count: number; first: number }[] = [];
  let after = '';
  for (;;) {
    // comment_identity drives (CROSS JOIN keeps the order), so keys come grouped, in order.
    const rows = await db
      .selectFrom('comment_identity')
      .crossJoin('comments')
      .select((eb) => [
        'comment_identity.key',
        eb.fn.countAll<number>().as('n'),
        eb.fn.min('comments.id').as('first'),
      ])
      .whereRef('comments.id', '=', 'comment_identity.comment_id')
      .where('comment_identity.consultation_id', '=', consultationId)
      .where('comment_identity.key', '>', after)
      .where(notAccountedFor)
      .groupBy('comment_identity.key')
      .orderBy('comment_identity.key')
      .limit(SCAN)
      .execute();
    for (const r of rows) {
      if (Number(r.n) >= 2) shared.push({ key: r.key, count: Number(r.n), first: Number(r.first) });
    }
    const last = rows[rows.length - 1];
    if (rows.length < SCAN || !last) break;
    after = last.key;
    await yieldToEventLoop();
  }
  shared.sort((a, b) => b.count - a.count || a.first - b.first);
  const top = shared.slice(0, limit);
  const sets: IdenticalSet[] = [];
  for (const s of top) {
    const ids = await identicalSetIds(db, consultationId, s.key);
    const first = await db
      .selectFrom('comments')
      .select(['body', 'body_redacted'])
      .where('id', '=', s.first)
      .executeTakeFirst();
    sets.push({
      key: s.key,
      text: first ? (first.body_redacted ?? first.body) : '',
      count: ids.length,
      token: identicalToken(ids),
    });
  }
  return { sets, more: shared.length - top.length };
}

/** The open comments of one identical set, by id, read in rounds (a campaign may be 100,000 copies). */
async function identicalSetIds(db: Db, consultationId: number, key: string): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    const rows = await db
      .selectFrom('comment_identity')
      .innerJoin('comments', 'comments.id', 'comment_identity.comment_id')
      .select('comments.id')
      .where('comment_identity.consultation_id', '=', consultationId)
      .where('comment_identity.key', '=', key)
      .where('comment_identity.comment_id', '>', ids[ids.length - 1] ?? 0)
      .where(notAccountedFor)
      .orderBy('comment_identity.comment_id')
      .limit(SCAN)
      .execute();
    ids.push(...rows.map((r) => r.id));
    if (rows.length < SCAN) return ids;
    await yieldToEventLoop();
  }
}

/**
 * Makes one group of an identical set as it was shown (its `token`), in one transaction: the
 * summary is the text's opening, the sections those of its comments. Undefined when the set has
 * changed since (some were placed, or more arrived): the person looks again.
 */
export async function groupIdenticalComments(
  db: Kysely<Database>,
  consultationId: number,
  set: { key: string; token: string },
  actor: Actor,
  now: Date,
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const ids = await identicalSetIds(trx, consultationId, set.key);
    if (ids.length < 2 || identicalToken(ids) !== set.token) return undefined;
    const first = await trx
      .selectFrom('comments')
      .select(['body', 'body_redacted'])
      .where('id', '=', ids[0] as number)
      .executeTakeFirstOrThrow();
    const sectionIds = new Set<number>();
    for (const chunk of chunks(ids)) {
      const rows = await trx
        .selectFrom('comment_sections')
        .select('section_id')
        .distinct()
        .where('comment_id', 'in', chunk)
        .execute();
      for (const r of rows) sectionIds.add(r.section_id);
    }
    const input = {
      summary: previewText(first.body_redacted ?? first.body, 200),
      sectionIds: [...sectionIds],
    };
    const id = await insertGroupRow(trx, consultationId, input, now);
    await appendAuditBy(trx, actor, now, {
      action: 'group.create',
      targetType: 'comment_groups',
      targetId: id,
      after: { consultation_id: consultationId, ...input, identical: ids.length },
    });
    await moveComments(trx, consultationId, ids, id, actor, now);
    return id;
  });
}

// ---- the final text ---------------------------------------------------------------------------

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
    // Same as the draft (up to the spaces a form trims): store null, so that later corrections
    // of the draft are followed.
    const heading = s.in_draft && input.heading === s.heading.trim() ? null : input.heading;
    const body = s.in_draft && input.body === s.body_md.trim() ? null : input.body;
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
