import type { Kysely, Transaction } from 'kysely';
import type { Category, Channel, Consultation, Database, HiddenReason } from '../../db/schema.ts';
import { CATEGORIES, CHANNELS, HIDDEN_REASONS } from '../../db/schema.ts';
import type { AnalysisInput } from '../analysis/types.ts';
import { tokyoDateString } from '../lib/time.ts';
import { notAccountedFor } from './accounted-for.ts';
import { appendAuditBy } from './audit.ts';
import type { Actor } from './audit.ts';

/**
 * Queries behind the council summary. Nothing here selects name, address, organisation
 * representative, email or phone: the council sees the category (区分), never the person.
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface CouncilConsultationRow {
  id: number;
  title: string;
  department: string;
  status: Consultation['status'];
  opensAt: string | null;
  closesAt: string | null;
  resultPublishedAt: string | null;
  withdrawnAt: string | null;
  commentCount: number;
  submitterCount: number;
}

/** Every consultation past draft (published or withdrawn), newest period first, with counts. */
export async function listCouncilConsultations(db: Db): Promise<CouncilConsultationRow[]> {
  const rows = await db
    .selectFrom('consultations')
    .leftJoin('comments', 'comments.consultation_id', 'consultations.id')
    .select((eb) => [
      'consultations.id',
      'consultations.title',
      'consultations.department',
      'consultations.status',
      'consultations.opens_at',
      'consultations.closes_at',
      'consultations.result_published_at',
      'consultations.withdrawn_at',
      eb.fn.count<number>('comments.id').as('comments'),
      eb.fn.count<number>('comments.submitter_key').distinct().as('submitters'),
    ])
    .where('consultations.status', '!=', 'draft')
    .groupBy('consultations.id')
    .orderBy('consultations.opens_at', (ob) => ob.desc().nullsLast())
    .orderBy('consultations.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    department: r.department,
    status: r.status,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    resultPublishedAt: r.result_published_at,
    withdrawnAt: r.withdrawn_at,
    commentCount: Number(r.comments),
    submitterCount: Number(r.submitters),
  }));
}

/** A consultation the council may read: anything but a draft. */
export async function findCouncilConsultation(db: Db, id: number): Promise<Consultation | undefined> {
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('id', '=', id)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
}

export interface SectionCount {
  /** null: comments on the draft as a whole (no section given). */
  sectionId: number | null;
  number: string;
  heading: string;
  level: number;
  count: number;
}

export interface CouncilCounts {
  /** 提出者数: distinct submitter keys over every received comment. */
  submitterCount: number;
  /** 意見数: every received comment, hidden ones included. */
  commentCount: number;
  byChannel: { channel: Channel; comments: number; submitters: number }[];
  /** category null: not given. */
  byCategory: { category: Category | null; comments: number; submitters: number }[];
  /** In the draft's order, then the comments on the draft as a whole. */
  bySection: SectionCount[];
  /** Every Tokyo calendar day from the first to the last comment (days without comments: 0). */
  byDay: { date: string; count: number }[];
  hidden: { count: number; reasons: { reason: HiddenReason; count: number }[] };
  /** Comments the analysis reads (not hidden). */
  analysedCount: number;
}

const MAX_DAYS = 400;

/** Counts for the council: by channel, category, section and day, and hidden ones by reason. */
export async function countCouncilComments(db: Db, consultationId: number): Promise<CouncilCounts> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'channel', 'category', 'submitter_key', 'received_at', 'hidden_at', 'hidden_reason'])
    .where('consultation_id', '=', consultationId)
    .orderBy('id')
    .execute();
  const sections = await db
    .selectFrom('sections')
    .select(['id', 'number', 'heading', 'level'])
    .where('consultation_id', '=', consultationId)
    .where('in_draft', '=', 1)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const links = await db
    .selectFrom('comment_sections')
    .innerJoin('comments', 'comments.id', 'comment_sections.comment_id')
    .select(['comment_sections.comment_id', 'comment_sections.section_id'])
    .where('comments.consultation_id', '=', consultationId)
    .execute();

  const submitters = new Set<string>();
  const channel = new Map<Channel, { comments: number; submitters: Set<string> }>();
  const category = new Map<Category | null, { comments: number; submitters: Set<string> }>();
  const day = new Map<string, number>();
  const hidden = new Map<HiddenReason, number>();
  let hiddenCount = 0;
  for (const r of rows) {
    submitters.add(r.submitter_key);
    const ch = channel.get(r.channel) ?? { comments: 0, submitters: new Set<string>() };
    ch.comments++;
    ch.submitters.add(r.submitter_key);
    channel.set(r.channel, ch);
    const cat = category.get(r.category) ?? { comments: 0, submitters: new Set<string>() };
    cat.comments++;
    cat.submitters.add(r.submitter_key);
    category.set(r.category, cat);
    const d = tokyoDateString(r.received_at);
    day.set(d, (day.get(d) ?? 0) + 1);
    if (r.hidden_at) {
      hiddenCount++;
      const reason = r.hidden_reason ?? 'off_topic';
      hidden.set(reason, (hidden.get(reason) ?? 0) + 1);
    }
  }

  const perSection = new Map<number, Set<number>>();
  for (const l of links) {
    const set = perSection.get(l.section_id) ?? new Set<number>();
    set.add(l.comment_id);
    perSection.set(l.section_id, set);
  }
  const withSection = new Set(links.map((l) => l.comment_id));
  const bySection: SectionCount[] = sections.map((s) => ({
    sectionId: s.id,
    number: s.number,
    heading: s.heading,
    level: s.level,
    count: perSection.get(s.id)?.size ?? 0,
  }));
  bySection.push({
    sectionId: null,
    number: '',
    heading: '',
    level: 1,
    count: rows.filter((r) => !withSection.has(r.id)).length,
  });

  const categoryOrder: (Category | null)[] = [...CATEGORIES, null];
  return {
    submitterCount: submitters.size,
    commentCount: rows.length,
    byChannel: CHANNELS.filter((c) => channel.has(c)).map((c) => {
      const v = channel.get(c) as { comments: number; submitters: Set<string> };
      return { channel: c, comments: v.comments, submitters: v.submitters.size };
    }),
    byCategory: categoryOrder
      .filter((c) => category.has(c))
      .map((c) => {
        const v = category.get(c) as { comments: number; submitters: Set<string> };
        return { category: c, comments: v.comments, submitters: v.submitters.size };
      }),
    bySection,
    byDay: fillDays(day),
    hidden: {
      count: hiddenCount,
      reasons: HIDDEN_REASONS.filter((r) => hidden.has(r)).map((r) => ({
        reason: r,
        count: hidden.get(r) ?? 0,
      })),
    },
    analysedCount: rows.length - hiddenCount,
  };
}

function fillDays(day: Map<string, number>): { date: string; count: number }[] {
  const dates = [...day.keys()].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!first || !last) return [];
  const out: { date: string; count: number }[] = [];
  const cursor = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  while (cursor <= end && out.length < MAX_DAYS) {
    const d = cursor.toISOString().slice(0, 10);
    out.push({ date: d, count: day.get(d) ?? 0 });
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  // A period longer than MAX_DAYS keeps only the days that had comments.
  if (cursor <= end) return dates.map((d) => ({ date: d, count: day.get(d) ?? 0 }));
  return out;
}

/**
 * What the analysis engine reads: every comment that is not hidden, in id order, with the text
 * the council may see (the redacted text when there is one).
 */
export async function listAnalysisInputs(db: Db, consultationId: number): Promise<AnalysisInput[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'body', 'body_redacted', 'received_at', 'category', 'channel'])
    .where('consultation_id', '=', consultationId)
    .where('hidden_at', 'is', null)
    .orderBy('id')
    .execute();
  const links = await db
    .selectFrom('comment_sections')
    .innerJoin('comments', 'comments.id', 'comment_sections.comment_id')
    .select(['comment_sections.comment_id', 'comment_sections.section_id'])
    .where('comments.consultation_id', '=', consultationId)
    .where('comments.hidden_at', 'is', null)
    .orderBy('comment_sections.section_id')
    .execute();
  const sectionsOf = new Map<number, number[]>();
  for (const l of links) {
    const list = sectionsOf.get(l.comment_id) ?? [];
    list.push(l.section_id);
    sectionsOf.set(l.comment_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    text: r.body_redacted ?? r.body,
    receivedAt: r.received_at,
    sectionIds: sectionsOf.get(r.id) ?? [],
    category: r.category,
    channel: r.channel,
  }));
}

/**
 * The version of everything the analysis reads for a consultation (its comments, their text,
 * redaction, hiding and sections). The database raises it on every such change (triggers of
 * migration 0002); 0 before the first comment.
 */
export async function findAnalysisVersion(db: Db, consultationId: number): Promise<number> {
  const row = await db
    .selectFrom('analysis_versions')
    .select('version')
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  return row?.version ?? 0;
}

export interface AnalysisCacheRow {
  computedAt: string;
  resultJson: string;
}

/** The cached analysis computed for `version` of the consultation's input, if there is one. */
export async function findAnalysisCache(
  db: Db,
  consultationId: number,
  version: number,
): Promise<AnalysisCacheRow | undefined> {
  const row = await db
    .selectFrom('analysis_cache')
    .select(['computed_at', 'result_json'])
    .where('consultation_id', '=', consultationId)
    .where('input_version', '=', version)
    .executeTakeFirst();
  return row ? { computedAt: row.computed_at, resultJson: row.result_json } : undefined;
}

/**
 * Stores (or replaces) the consultation's cached analysis, computed for input `version` — never
 * over one computed for a newer version (a slow job finishing late, in another process).
 */
export async function saveAnalysisCache(
  db: Db,
  consultationId: number,
  row: { version: number; resultJson: string },
  now: Date,
): Promise<void> {
  const values = { input_version: row.version, computed_at: now.toISOString(), result_json: row.resultJson };
  await db
    .insertInto('analysis_cache')
    .values({ consultation_id: consultationId, ...values })
    .onConflict((oc) =>
      oc
        .column('consultation_id')
        .doUpdateSet(values)
        .where('analysis_cache.input_version', '<=', row.version),
    )
    .execute();
}

/** A comment as the council sees it: no personal data. */
export interface CouncilComment {
  id: number;
  /** body_redacted ?? body */
  text: string;
  category: Category | null;
  channel: Channel;
  receivedAt: string;
  sections: { id: number; number: string; heading: string }[];
}

/**
 * The given comments of a consultation as the council sees them, in the order of `ids`. Hidden
 * comments and other consultations' comments are left out.
 */
export async function listCouncilComments(
  db: Db,
  consultationId: number,
  ids: readonly number[],
): Promise<CouncilComment[]> {
  if (ids.length === 0) return [];
  const out = new Map<number, CouncilComment>();
  // SQLite limits bound parameters; read in slices.
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('comments')
      .select(['id', 'body', 'body_redacted', 'category', 'channel', 'received_at'])
      .where('consultation_id', '=', consultationId)
      .where('hidden_at', 'is', null)
      .where('id', 'in', [...slice])
      .execute();
    const links = await db
      .selectFrom('comment_sections')
      .innerJoin('sections', 'sections.id', 'comment_sections.section_id')
      .select(['comment_sections.comment_id', 'sections.id', 'sections.number', 'sections.heading'])
      .where('comment_sections.comment_id', 'in', [...slice])
      .orderBy('sections.position')
      .execute();
    for (const r of rows) {
      out.set(r.id, {
        id: r.id,
        text: r.body_redacted ?? r.body,
        category: r.category,
        channel: r.channel,
        receivedAt: r.received_at,
        sections: links
          .filter((l) => l.comment_id === r.id)
          .map((l) => ({ id: l.id, number: l.number, heading: l.heading })),
      });
    }
  }
  return ids.map((id) => out.get(id)).filter((c): c is CouncilComment => c !== undefined);
}

/** The comments adoption may place: those not yet accounted for (src/data/accounted-for.ts). */
export async function listUnplacedCommentIds(db: Db, consultationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('consultation_id', '=', consultationId)
    .where(notAccountedFor)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export interface PlannedGroup {
  /** The engine's group id, e.g. t1.g2 (for the record only). */
  suggestionId: string;
  summary: string;
  commentIds: number[];
}

/**
 * Creates the staff's initial groups from the engine's suggestions, in one transaction, and puts
 * each group's comments in it. Comments that were placed or hidden meanwhile are skipped.
 * Audited once as group.adopt_suggestions with the groups created and the comments moved.
 * Returns the new group ids, or null when the result is already published.
 */
export async function adoptSuggestedGroups(
  db: Kysely<Database>,
  consultationId: number,
  plan: readonly PlannedGroup[],
  actor: Actor,
  now: Date,
): Promise<number[] | null> {
  return db.transaction().execute(async (trx) => {
    const consultation = await trx
      .selectFrom('consultations')
      .select(['result_published_at'])
      .where('id', '=', consultationId)
      .executeTakeFirst();
    if (!consultation || consultation.result_published_at) return null;
    const free = new Set(await listUnplacedCommentIds(trx, consultationId));
    const last = await trx
      .selectFrom('comment_groups')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst();
    let position = Number(last?.p ?? 0);
    const at = now.toISOString();
    const created: { id: number; suggestion: string; summary: string; comment_ids: number[] }[] = [];
    for (const g of plan) {
      const members = g.commentIds.filter((id) => free.has(id));
      if (members.length === 0) continue;
      for (const id of members) free.delete(id);
      position++;
      const { id } = await trx
        .insertInto('comment_groups')
        .values({
          consultation_id: consultationId,
          position,
          summary: g.summary,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let i = 0; i < members.length; i += 500) {
        await trx
          .updateTable('comments')
          .set({ group_id: id })
          .where('id', 'in', members.slice(i, i + 500))
          .execute();
      }
      for (let i = 0; i < members.length; i += 500) {
        await trx
          .insertInto('moderation_events')
          .values(
            members.slice(i, i + 500).map((comment_id) => ({
              comment_id,
              action: 'group' as const,
              note: `group ${id} (suggestion ${g.suggestionId})`,
              actor_id: actor.id,
              at,
            })),
          )
          .execute();
      }
      created.push({ id, suggestion: g.suggestionId, summary: g.summary, comment_ids: members });
    }
    if (created.length > 0) {
      await appendAuditBy(trx, actor, now, {
        action: 'group.adopt_suggestions',
        targetType: 'consultations',
        targetId: consultationId,
        before: {
          groups: [],
          comment_group_ids: created.flatMap((c) => c.comment_ids.map((id) => ({ id, group_id: null }))),
        },
        after: { groups: created },
      });
    }
    return created.map((c) => c.id);
  });
}
