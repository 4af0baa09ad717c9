import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listAllSections } from '../data/consultations.ts';
import { findPublicConsultation, listPublishedComments, loadPublishedResult } from '../data/results.ts';
import type { AppEnv } from '../env.ts';
import { t } from '../lib/i18n.ts';
import { positiveInt } from '../lib/params.ts';
import { categoryLabel, channelLabel, outcomeLabel } from '../lib/labels.ts';
import { sectionLabels } from '../lib/sections.ts';
import {
  attachmentHeader,
  csvContentType,
  csvEncodingFrom,
  encodeCsv,
  toCsv,
  type CsvCell,
} from '../lib/csv-out.ts';
import type { Category } from '../../db/schema.ts';

/**
 * Public CSV downloads of a published result, for Excel: UTF-8 with BOM, or Shift_JIS with
 * ?encoding=sjis. No personal data; hidden comments left out; nothing before publication.
 */
export const exportRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

function notPublished(c: C): never {
  throw new HTTPException(404, {
    message: t(
      c.var.lang,
      'この意見募集の結果はまだ公表されていません。',
      'The result of this consultation has not been published yet.',
    ),
  });
}

function sendCsv(c: C, rows: CsvCell[][], ascii: string, name: string) {
  const encoding = csvEncodingFrom(c.req.query('encoding'));
  const bytes = encodeCsv(toCsv(rows), encoding);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': csvContentType(encoding),
    'Content-Disposition': attachmentHeader(ascii, name),
    'Access-Control-Allow-Origin': '*',
  });
}

function fileTitle(title: string) {
  return title.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80);
}

exportRoutes.get('/consultations/:id/result.csv', async (c) => {
  const id = positiveInt(c.req.param('id'));
  const result = id ? await loadPublishedResult(c.var.db, id) : undefined;
  if (!result) notPublished(c);
  const lang = c.var.lang;
  const labels = sectionLabels(await listAllSections(c.var.db, result.consultation.id));
  const rows: CsvCell[][] = [
    [
      'No.',
      t(lang, '該当箇所', 'Section'),
      t(lang, '意見の概要', 'Summary of comments'),
      t(lang, '件数', 'Comments'),
      t(lang, '市の考え方', "The city's response"),
      t(lang, '修正の有無', 'Outcome'),
      t(lang, '修正内容', 'Revision'),
    ],
    ...result.groups.map((g) => [
      g.no,
      g.sections.length === 0
        ? t(lang, '全般', 'General')
        : g.sections.map((s) => labels.get(s.id) ?? s.heading).join('、'),
      g.summary,
      g.commentCount,
      g.response,
      g.outcome ? outcomeLabel(g.outcome, lang) : '',
      g.revisionNote,
    ]),
  ];
  return sendCsv(
    c,
    rows,
    `consultation-${result.consultation.id}-result.csv`,
    `${fileTitle(result.consultation.title)}_結果.csv`,
  );
});

exportRoutes.get('/consultations/:id/comments.csv', async (c) => {
  const id = positiveInt(c.req.param('id'));
  const consultation = id ? await findPublicConsultation(c.var.db, id) : undefined;
  if (!consultation?.result_published_at) notPublished(c);
  const lang = c.var.lang;
  const [{ items }, result, sections] = await Promise.all([
    listPublishedComments(c.var.db, consultation.id, { offset: 0, limit: 1_000_000 }),
    loadPublishedResult(c.var.db, consultation.id),
    listAllSections(c.var.db, consultation.id),
  ]);
  const labels = sectionLabels(sections);
  const groupNo = new Map((result?.groups ?? []).map((g) => [g.id, g.no]));
  const rows: CsvCell[][] = [
    [
      'ID',
      t(lang, '受付日', 'Received'),
      t(lang, '提出方法', 'Channel'),
      t(lang, '区分', 'Category'),
      t(lang, '該当箇所', 'Sections'),
      t(lang, '意見', 'Comment'),
      t(lang, '整理番号（No.）', 'Group No.'),
      t(lang, '対象外の理由', 'Reason excluded'),
    ],
    ...items.map((x) => [
      x.id,
      x.receivedDate,
      channelLabel(x.channel, lang),
      x.category ? categoryLabel(x.category as Category, lang) : '',
      x.sectionIds.map((id) => labels.get(id) ?? '').join('、'),
      x.text,
      x.groupId !== null ? (groupNo.get(x.groupId) ?? '') : '',
      x.excludedReason ?? '',
    ]),
  ];
  return sendCsv(
    c,
    rows,
    `consultation-${consultation.id}-comments.csv`,
    `${fileTitle(consultation.title)}_提出意見.csv`,
  );
});
