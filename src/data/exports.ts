/**
 * What the public CSV exports read, in bounded pieces: comments by keyset in received order, a
 * chunk at a time; groups a chunk at a time; counts window by window. No query carries more
 * parameters than one chunk's ids, whatever the number of comments.
 */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Channel, Category, Database, Outcome } from '../../db/schema.ts';
import { inWindow, type ReceivedKey, receivedWindows } from './comment-windows.ts';

/** A published comment as open data has it: no personal field, the public text. */
export interface ExportedComment {
  id: number;
  receivedAt: string;
  channel: Channel;
  category: Category | null;
  /** Ids of the sections it points at. */
  sectionIds: number[];
  /** The text the public sees: redacted where staff redacted it. */
  text: string;
  groupId: number | null;
  excludedReason: string | null;
}

/**
 * The next chunk of a consultation's visible comments in received order (oldest first), after
 * `after`. Hidden comments are left out.
 */
export async function readPublishedComments(
  db: Kysely<Database>,
  consultationId: number,
  after: ReceivedKey | null,
  limit: number,
): Promise<{ items: ExportedComment[]; next: ReceivedKey | null }> {
  const rows = await db
    .selectFrom('comments')
    .select([
      'id',
      'received_at',
      'channel',
      'category',
      'body',
      'body_redacted',
      'group_id',
      'excluded_reason',
    ])
    .where('consultation_id', '=', consultationId)
    .where('hidden_at', 'is', null)
    .$if(after !== null, (q) =>
      q.where(sql<SqlBool>`(comments.received_at, comments.id) > (${after!.receivedAt}, ${after!.id})`),
    )
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.id);
  const links =
    ids.length === 0
      ? []
      : await db
          .selectFrom('comment_sections')
          .select(['comment_id', 'section_id'])
          .where('comment_id', 'in', ids)
          .execute();
  const sectionsOf = new Map<number, number[]>();
  for (const l of links)
    sectionsOf.set(l.comment_id, [...(sectionsOf.get(l.comment_id) ?? []), l.section_id]);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      channel: r.channel,
      category: r.category,
      sectionIds: sectionsOf.get(r.id) ?? [],
      text: r.body_redacted ?? r.body,
      groupId: r.group_id,
      excludedReason: r.group_id === null ? r.excluded_reason?.trim() || null : null,
    })),
    next: rows.length === limit && last ? { receivedAt: last.received_at, id: last.id } : null,
  };
}

/** The table order of a consultation's groups: each group's number (No.) by its id. */
export async function listGroupNumbers(
  db: Kysely<Database>,
  consultationId: number,
): Promise<Map<number, number>> {
  const groups = await db
    .selectFrom('comment_groups')
    .select('id')
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return new Map(groups.map((g, i) => [g.id, i + 1]));
}

export interface ExportedGroup {
  id: number;
  summary: string;
  response: string;
  outcome: Outcome | null;
  revisionNote: string;
  sectionIds: number[];
}

/** The next chunk of a consultation's groups in table order, from the `offsetInTable`-th on. */
export async function readGroups(
  db: Kysely<Database>,
  consultationId: number,
  offsetInTable: number,
  limit: number,
): Promise<ExportedGroup[]> {
  // Groups are few (a city writes each by hand): an offset over them costs nothing.
  const groups = await db
    .selectFrom('comment_groups')
    .select(['id', 'summary', 'response', 'outcome', 'revision_note'])
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .limit(limit)
    .offset(offsetInTable)
    .execute();
  const ids = groups.map((g) => g.id);
  const links =
    ids.length === 0
      ? []
      : await db
          .selectFrom('group_sections')
          .select(['group_id', 'section_id'])
          .where('group_id', 'in', ids)
          .execute();
  return groups.map((g) => ({
    id: g.id,
    summary: g.summary,
    response: g.response,
    outcome: g.outcome,
    revisionNote: g.revision_note,
    sectionIds: links.filter((l) => l.group_id === g.id).map((l) => l.section_id),
  }));
}

/** How many visible comments each group holds, counted window by window. */
export async function countGroupComments(
  db: Kysely<Database>,
  consultationId: number,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for await (const w of receivedWindows(db, consultationId, null)) {
    const rows = await db
      .selectFrom('comments')
      .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('consultation_id', '=', consultationId)
      // Not indexable on purpose: the window's index, not the (consultation, group) one, must
      // drive the query, or every window would scan every grouped comment.
      .where(sql<SqlBool>`coalesce(comments.group_id, 0) > 0`)
      .where('hidden_at', 'is', null)
      .where((eb) => inWindow(eb, w))
      .groupBy('group_id')
      .execute();
    for (const r of rows) {
      if (r.group_id !== null) counts.set(r.group_id, (counts.get(r.group_id) ?? 0) + Number(r.n));
    }
  }
  return counts;
}
