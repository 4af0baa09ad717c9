import type { Kysely, Transaction } from 'kysely';
import type { Category, Channel, Consultation, Database } from '../../db/schema.ts';
import type { AnalysisInput } from '../analysis/types.ts';
import { sectionLabels } from '../lib/sections.ts';
import { notAccountedFor } from './accounted-for.ts';
import { chunks } from './chunks.ts';

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

/**
 * What the council's counts are made from (src/domain/council-counts.ts): every comment of the
 * consultation (hidden ones too, without their text), the draft's sections and their links.
 */
export async function listCountRows(db: Db, consultationId: number) {
  const comments = await db
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
  return {
    comments: comments.map((r) => ({
      id: r.id,
      channel: r.channel,
      category: r.category,
      submitterKey: r.submitter_key,
      receivedAt: r.received_at,
      hidden: r.hidden_at !== null,
      hiddenReason: r.hidden_reason,
    })),
    sections,
    links: links.map((l) => ({ commentId: l.comment_id, sectionId: l.section_id })),
  };
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
  /** In the draft's order, each with its full label (「第2章 1 …」). */
  sections: { id: number; number: string; heading: string; label: string }[];
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
  const draft = await db
    .selectFrom('sections')
    .select(['id', 'number', 'heading', 'level'])
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const labels = sectionLabels(draft);
  const out = new Map<number, CouncilComment>();
  for (const slice of chunks(ids)) {
    const rows = await db
      .selectFrom('comments')
      .select(['id', 'body', 'body_redacted', 'category', 'channel', 'received_at'])
      .where('consultation_id', '=', consultationId)
      .where('hidden_at', 'is', null)
      .where('id', 'in', slice)
      .execute();
    const links = await db
      .selectFrom('comment_sections')
      .innerJoin('sections', 'sections.id', 'comment_sections.section_id')
      .select(['comment_sections.comment_id', 'sections.id', 'sections.number', 'sections.heading'])
      .where('comment_sections.comment_id', 'in', slice)
      .orderBy('sections.position')
      .execute();
    const sectionsOf = new Map<number, CouncilComment['sections']>();
    for (const l of links) {
      const list = sectionsOf.get(l.comment_id) ?? [];
      list.push({ id: l.id, number: l.number, heading: l.heading, label: labels.get(l.id) ?? l.heading });
      sectionsOf.set(l.comment_id, list);
    }
    for (const r of rows) {
      out.set(r.id, {
        id: r.id,
        text: r.body_redacted ?? r.body,
        category: r.category,
        channel: r.channel,
        receivedAt: r.received_at,
        sections: sectionsOf.get(r.id) ?? [],
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
