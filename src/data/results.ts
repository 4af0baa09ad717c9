import type { Kysely, Transaction } from 'kysely';
import type { Channel, Consultation, Database, HiddenReason, Outcome } from '../../db/schema.ts';
import { type SectionChange, sectionChanges } from '../domain/results.ts';
import { tokyoDateString } from '../lib/time.ts';
import { listAllSections } from './consultations.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ResultGroup {
  id: number;
  /** The number shown in the table (1, 2, 3 … in the staff's order). */
  no: number;
  summary: string;
  response: string;
  outcome: Outcome | null;
  revisionNote: string;
  sections: { id: number; number: string; heading: string }[];
  commentCount: number;
}

export interface PublishedResult {
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
  /** 提出者数: distinct submitters (by submitter key) over every received comment. */
  submitterCount: number;
  /** 意見数: every received comment. */
  commentCount: number;
  byChannel: { channel: Channel; comments: number; submitters: number }[];
  groups: ResultGroup[];
  excluded: { count: number; reasons: { reason: string; count: number }[] };
  hidden: { count: number; reasons: { reason: HiddenReason; count: number }[] };
  changes: SectionChange[];
}

/** The consultation's groups in table order, numbered, with their sections and comment counts. */
export async function listResultGroups(db: Db, consultationId: number): Promise<ResultGroup[]> {
  const groups = await db
    .selectFrom('comment_groups')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (groups.length === 0) return [];
  const ids = groups.map((g) => g.id);
  const sections = await db
    .selectFrom('group_sections')
    .innerJoin('sections', 'sections.id', 'group_sections.section_id')
    .select([
      'group_sections.group_id',
      'sections.id',
      'sections.number',
      'sections.heading',
      'sections.position',
    ])
    .where('group_sections.group_id', 'in', ids)
    .orderBy('sections.position')
    .execute();
  const counts = await db
    .selectFrom('comments')
    .select(['group_id', db.fn.countAll<number>().as('n')])
    .where('group_id', 'in', ids)
    .where('hidden_at', 'is', null)
    .groupBy('group_id')
    .execute();
  const countOf = new Map(counts.map((c) => [c.group_id, Number(c.n)]));
  return groups.map((g, i) => ({
    id: g.id,
    no: i + 1,
    summary: g.summary,
    response: g.response,
    outcome: g.outcome,
    revisionNote: g.revision_note,
    sections: sections
      .filter((s) => s.group_id === g.id)
      .map((s) => ({ id: s.id, number: s.number, heading: s.heading })),
    commentCount: countOf.get(g.id) ?? 0,
  }));
}

/** Counts for the result: 提出者数, 意見数, by channel, excluded and hidden with their reasons. */
export async function countResultComments(db: Db, consultationId: number) {
  const rows = await db
    .selectFrom('comments')
    .select(['channel', 'submitter_key', 'excluded_reason', 'hidden_at', 'hidden_reason', 'group_id'])
    .where('consultation_id', '=', consultationId)
    .execute();
  const submitters = new Set(rows.map((r) => r.submitter_key));
  const channels = new Map<Channel, { comments: number; submitters: Set<string> }>();
  const excluded = new Map<string, number>();
  const hidden = new Map<HiddenReason, number>();
  let excludedCount = 0;
  let hiddenCount = 0;
  for (const r of rows) {
    const ch = channels.get(r.channel) ?? { comments: 0, submitters: new Set<string>() };
    ch.comments++;
    ch.submitters.add(r.submitter_key);
    channels.set(r.channel, ch);
    if (r.hidden_at) {
      hiddenCount++;
      const reason = r.hidden_reason ?? 'off_topic';
      hidden.set(reason, (hidden.get(reason) ?? 0) + 1);
    } else if (r.group_id === null && r.excluded_reason?.trim()) {
      excludedCount++;
      const reason = r.excluded_reason.trim();
      excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
    }
  }
  const order: Channel[] = ['web', 'post', 'fax', 'email', 'in_person'];
  return {
    submitterCount: submitters.size,
    commentCount: rows.length,
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

/**
 * Everything the public result page shows, or undefined unless the result is published (and
 * the consultation is public). Carries no personal data and no comment text.
 */
export async function loadPublishedResult(
  db: Kysely<Database>,
  consultationId: number,
): Promise<PublishedResult | undefined> {
  const c = await db
    .selectFrom('consultations')
    .selectAll()
    .where('id', '=', consultationId)
    .where('status', 'in', ['published', 'withdrawn'])
    .where('result_published_at', 'is not', null)
    .executeTakeFirst();
  if (!c?.result_published_at) return undefined;
  const [groups, counts, sections] = await Promise.all([
    listResultGroups(db, consultationId),
    countResultComments(db, consultationId),
    listAllSections(db, consultationId),
  ]);
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
    ...counts,
    groups,
    changes: sectionChanges(sections),
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
 * How a comment was treated, for its receipt page. Until the result is published: pending.
 */
export async function findReceiptOutcome(db: Kysely<Database>, commentId: number): Promise<ReceiptOutcome> {
  const row = await db
    .selectFrom('comments')
    .innerJoin('consultations', 'consultations.id', 'comments.consultation_id')
    .select([
      'comments.consultation_id',
      'comments.group_id',
      'comments.excluded_reason',
      'comments.hidden_at',
      'comments.hidden_reason',
      'consultations.result_published_at',
    ])
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
  if (!row?.result_published_at) return { kind: 'pending' };
  if (row.hidden_at) return { kind: 'hidden', reason: row.hidden_reason ?? 'off_topic' };
  if (row.group_id !== null) {
    const groups = await listResultGroups(db, row.consultation_id);
    const group = groups.find((g) => g.id === row.group_id);
    if (group) return { kind: 'grouped', group };
  }
  if (row.excluded_reason?.trim()) return { kind: 'excluded', reason: row.excluded_reason.trim() };
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
  const links =
    rows.length === 0
      ? []
      : await db
          .selectFrom('comment_sections')
          .select(['comment_id', 'section_id'])
          .where(
            'comment_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      receivedDate: tokyoDateString(r.received_at),
      channel: r.channel,
      category: r.category,
      sectionIds: links.filter((l) => l.comment_id === r.id).map((l) => l.section_id),
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
    .orderBy('published_at', 'desc')
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
