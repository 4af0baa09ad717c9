/**
 * The result of a consultation: the staff's groups as the table shows them, the counts, and the
 * result as published (stored once at publication by src/usecases/publish-result.ts and served
 * as stored), the receipt outcome, and the public lists of open data.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { PublishedResultSnapshot, ResultCounts, ResultGroup } from '../../db/published-result.ts';
import type { Channel, Consultation, Database, HiddenReason } from '../../db/schema.ts';
import { sectionLabels } from '../lib/sections.ts';
import { tokyoDateString } from '../lib/time.ts';
import { chunks, yieldToEventLoop } from './chunks.ts';
import { listAllSections } from './consultations.ts';
import { jsonArrayItemById } from './dialect.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type { PublishedResultSnapshot, ResultCounts, ResultGroup };

export interface PublishedResult extends PublishedResultSnapshot {
  consultation: {
    id: number;
    title: string;
    department: string;
    publishedAt: string | null;
    opensAt: string | null;
    closesAt: string | null;
    resultPublishedAt: string;
    resultNote: string;
    policyDropped: boolean;
  };
}

/** The consultation's groups in table order, numbered: id, number and summary only (for choosing one). */
export async function listGroupChoices(
  db: Db,
  consultationId: number,
): Promise<{ id: number; no: number; summary: string }[]> {
  const rows = await db
    .selectFrom('comment_groups')
    .select(['id', 'summary'])
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r, i) => ({ id: r.id, no: i + 1, summary: r.summary }));
}

/** The consultation's groups in table order, numbered, with their sections (full labels) and counts. */
export async function listResultGroups(db: Db, consultationId: number): Promise<ResultGroup[]> {
  const groups = await db
    .selectFrom('comment_groups')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (groups.length === 0) return [];
  const [links, counts, all] = await Promise.all([
    db
      .selectFrom('group_sections')
      .innerJoin('comment_groups', 'comment_groups.id', 'group_sections.group_id')
      .innerJoin('sections', 'sections.id', 'group_sections.section_id')
      .select(['group_sections.group_id', 'sections.id', 'sections.number', 'sections.heading'])
      .where('comment_groups.consultation_id', '=', consultationId)
      .orderBy('sections.position')
      .execute(),
    // Reads the index comments_placement only.
    db
      .selectFrom('comments')
      .select(['group_id', db.fn.countAll<number>().as('n')])
      .where('consultation_id', '=', consultationId)
      .where('group_id', 'is not', null)
      .where('hidden_at', 'is', null)
      .groupBy('group_id')
      .execute(),
    listAllSections(db as Kysely<Database>, consultationId),
  ]);
  const labels = sectionLabels(all);
  const sectionsOf = new Map<number, ResultGroup['sections']>();
  for (const l of links) {
    const list = sectionsOf.get(l.group_id) ?? [];
    list.push({ id: l.id, number: l.number, heading: l.heading, label: labels.get(l.id) ?? l.heading });
    sectionsOf.set(l.group_id, list);
  }
  const countOf = new Map(counts.map((c) => [c.group_id, Number(c.n)]));
  return groups.map((g, i) => ({
    id: g.id,
    no: i + 1,
    summary: g.summary,
    response: g.response,
    outcome: g.outcome,
    revisionNote: g.revision_note,
    sections: sectionsOf.get(g.id) ?? [],
    commentCount: countOf.get(g.id) ?? 0,
  }));
}

/** Comments per round when counting a result: a few milliseconds of work each. */
const COUNT_SCAN = 5000;

/**
 * Counts for the result: 提出者数, 意見数, by channel, excluded and hidden with their reasons.
 * Reads the comments in rounds (letting other requests run between them): a consultation of
 * 200,000 comments never holds the server for long.
 */
export async function countResultComments(db: Db, consultationId: number): Promise<ResultCounts> {
  const submitters = new Set<string>();
  const channels = new Map<Channel, { comments: number; submitters: Set<string> }>();
  const excluded = new Map<string, number>();
  const hidden = new Map<HiddenReason, number>();
  let commentCount = 0;
  let excludedCount = 0;
  let hiddenCount = 0;
  let after: { receivedAt: string; id: number } | undefined;
  for (;;) {
    let q = db
      .selectFrom('comments')
      .select([
        'id',
        'received_at',
        'channel',
        'submitter_key',
        'excluded_reason',
        'hidden_at',
        'hidden_reason',
        'group_id',
      ])
      .where('consultation_id', '=', consultationId);
    if (after) q = q.where(sql<boolean>`(received_at, id) > (${after.receivedAt}, ${after.id})`);
    const rows = await q.orderBy('received_at').orderBy('id').limit(COUNT_SCAN).execute();
    for (const r of rows) {
      commentCount++;
      submitters.add(r.submitter_key);
      const ch = channels.get(r.channel) ?? { comments: 0, submitters: new Set<string>() };
      ch.comments++;
      ch.submitters.add(r.submitter_key);
      channels.set(r.channel, ch);
      if (r.hidden_at) {
        hiddenCount++;
        const reason = r.hidden_reason ?? 'off_topic';
        hidden.set(reason, (hidden.get(reason) ?? 0) + 1);
      } else if (r.group_id === null && r.excluded_reason !== null) {
        excludedCount++;
        const reason = r.excluded_reason.trim();
        excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
      }
    }
    const last = rows[rows.length - 1];
    if (rows.length < COUNT_SCAN || !last) break;
    after = { receivedAt: last.received_at, id: last.id };
    await yieldToEventLoop();
  }
  const order: Channel[] = ['web', 'post', 'fax', 'email', 'in_person'];
  return {
    submitterCount: submitters.size,
    commentCount,
    byChannel: order
      .filter((c) => channels.has(c))
      .map((channel) => {
        const v = channels.get(channel) as { comments: number; submitters: Set<string> };
        return { channel, comments: v.comments, submitters: v.submitters.size };
      }),
    excluded: {
      count: excludedCount,
      reasons: [...excluded].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    },
    hidden: {
      count: hiddenCount,
      reasons: [...hidden].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    },
  };
}

/** Marks the result published, with its note and whether the policy was dropped. */
export async function markResultPublished(
  trx: Transaction<Database>,
  consultationId: number,
  input: { note: string; policyDropped: boolean },
  at: string,
): Promise<void> {
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
}

/** Stores (or, for a result published before snapshots existed, fills in) the result as published. */
export async function storePublishedResult(
  trx: Db,
  consultationId: number,
  snapshot: PublishedResultSnapshot,
  at: string,
): Promise<void> {
  await trx
    .insertInto('published_results')
    .values({ consultation_id: consultationId, published_at: at, snapshot_json: JSON.stringify(snapshot) })
    .onConflict((oc) => oc.column('consultation_id').doNothing())
    .execute();
}

/** Consultations whose result is published but has no stored snapshot (published before 0003). */
export async function listResultsWithoutSnapshot(
  db: Db,
): Promise<{ id: number; resultPublishedAt: string }[]> {
  const rows = await db
    .selectFrom('consultations')
    .leftJoin('published_results', 'published_results.consultation_id', 'consultations.id')
    .select(['consultations.id', 'consultations.result_published_at'])
    .where('consultations.result_published_at', 'is not', null)
    .where('published_results.consultation_id', 'is', null)
    .execute();
  return rows.map((r) => ({ id: r.id, resultPublishedAt: r.result_published_at as string }));
}

/**
 * Everything the public result shows, or undefined unless the result is published (and the
 * consultation is public). Carries no personal data and no comment text. Served as stored.
 */
export async function loadPublishedResult(
  db: Kysely<Database>,
  consultationId: number,
): Promise<PublishedResult | undefined> {
  const c = await db
    .selectFrom('consultations')
    .innerJoin('published_results', 'published_results.consultation_id', 'consultations.id')
    .select([
      'consultations.id',
      'consultations.title',
      'consultations.department',
      'consultations.published_at',
      'consultations.opens_at',
      'consultations.closes_at',
      'consultations.result_published_at',
      'consultations.result_note',
      'consultations.policy_dropped',
      'published_results.snapshot_json',
    ])
    .where('consultations.id', '=', consultationId)
    .where('consultations.status', 'in', ['published', 'withdrawn'])
    .where('consultations.result_published_at', 'is not', null)
    .executeTakeFirst();
  if (!c?.result_published_at) return undefined;
  const snapshot = JSON.parse(c.snapshot_json) as PublishedResultSnapshot;
  return {
    consultation: {
      id: c.id,
      title: c.title,
      department: c.department,
      publishedAt: c.published_at,
      opensAt: c.opens_at,
      closesAt: c.closes_at,
      resultPublishedAt: c.result_published_at,
      resultNote: c.result_note,
      policyDropped: c.policy_dropped === 1,
    },
    ...snapshot,
  };
}

export type ReceiptOutcome =
  | { kind: 'pending' }
  | { kind: 'grouped'; group: ResultGroup }
  | { kind: 'excluded'; reason: string }
  | { kind: 'hidden'; reason: HiddenReason }
  /** Published, but the comment is in no group (should not happen: publishing requires it). */
  | { kind: 'none' };

/**
 * How a comment was treated, for its receipt page: its row of the result as published. Until the
 * result is published: pending.
 */
export async function findReceiptOutcome(db: Kysely<Database>, commentId: number): Promise<ReceiptOutcome> {
  const row = await db
    .selectFrom('comments')
    .innerJoin('consultations', 'consultations.id', 'comments.consultation_id')
    .leftJoin('published_results', 'published_results.consultation_id', 'comments.consultation_id')
    .select([
      'comments.group_id',
      'comments.excluded_reason',
      'comments.hidden_at',
      'comments.hidden_reason',
      'consultations.result_published_at',
      // Only this comment's row of the table, not the whole stored result.
      jsonArrayItemById(
        db,
        sql.ref('published_results.snapshot_json'),
        'groups',
        sql.ref('comments.group_id'),
      ).as('group_json'),
    ])
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
  if (!row?.result_published_at) return { kind: 'pending' };
  if (row.hidden_at) return { kind: 'hidden', reason: row.hidden_reason ?? 'off_topic' };
  if (row.group_id !== null && row.group_json) {
    return { kind: 'grouped', group: JSON.parse(row.group_json) as ResultGroup };
  }
  if (row.excluded_reason) return { kind: 'excluded', reason: row.excluded_reason.trim() };
  return { kind: 'none' };
}

export interface PublishedComment {
  id: number;
  receivedDate: string;
  channel: Channel;
  category: string | null;
  sectionIds: number[];
  text: string;
  groupId: number | null;
  excludedReason: string | null;
}

/**
 * A page of a published result's comments, for open data: the public text (redacted where staff
 * redacted it), never any personal field; hidden comments left out. Empty unless published.
 */
export async function listPublishedComments(
  db: Kysely<Database>,
  consultationId: number,
  page: { offset: number; limit: number },
): Promise<{ total: number; items: PublishedComment[] }> {
  const base = db
    .selectFrom('comments')
    .innerJoin('consultations', 'consultations.id', 'comments.consultation_id')
    .where('comments.consultation_id', '=', consultationId)
    .where('consultations.result_published_at', 'is not', null)
    .where('consultations.status', 'in', ['published', 'withdrawn'])
    .where('comments.hidden_at', 'is', null);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select([
      'comments.id',
      'comments.received_at',
      'comments.channel',
      'comments.category',
      'comments.body',
      'comments.body_redacted',
      'comments.group_id',
      'comments.excluded_reason',
    ])
    .orderBy('comments.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const sectionsOf = new Map<number, number[]>();
  for (const chunk of chunks(rows.map((r) => r.id))) {
    const links = await db
      .selectFrom('comment_sections')
      .select(['comment_id', 'section_id'])
      .where('comment_id', 'in', chunk)
      .execute();
    for (const l of links)
      sectionsOf.set(l.comment_id, [...(sectionsOf.get(l.comment_id) ?? []), l.section_id]);
  }
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      receivedDate: tokyoDateString(r.received_at),
      channel: r.channel,
      category: r.category,
      sectionIds: sectionsOf.get(r.id) ?? [],
      text: r.body_redacted ?? r.body,
      groupId: r.group_id,
      excludedReason: r.group_id === null ? r.excluded_reason?.trim() || null : null,
    })),
  };
}

/** A page of public consultations (published or withdrawn), newest first, and the total. */
export async function listPublicConsultationsPage(
  db: Kysely<Database>,
  page: { offset: number; limit: number },
): Promise<{ total: number; items: Consultation[] }> {
  const count = await db
    .selectFrom('consultations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['published', 'withdrawn'])
    .executeTakeFirst();
  const items = await db
    .selectFrom('consultations')
    .selectAll()
    .where('status', 'in', ['published', 'withdrawn'])
    .orderBy('published_at', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total: Number(count?.n ?? 0), items };
}

export async function findPublicConsultation(
  db: Kysely<Database>,
  id: number,
): Promise<Consultation | undefined> {
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('id', '=', id)
    .where('status', 'in', ['published', 'withdrawn'])
    .executeTakeFirst();
}
