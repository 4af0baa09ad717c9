/**
 * Public CSV downloads of a published result, for Excel: UTF-8 with BOM, or Shift_JIS with
 * ?encoding=sjis. No personal data; hidden comments left out; nothing before publication.
 * Sections are named as people name them (「第1章 1 協働の原則」), never by internal ids.
 *
 * Both files are streamed: read a chunk at a time by keyset and sent as they are read, with a
 * turn of the event loop between chunks, so an export of 200,000 comments neither fails nor
 * keeps other requests waiting.
 */
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Consultation } from '../../db/schema.ts';
import { listAllSections } from '../data/consultations.ts';
import { countGroupComments, listGroupNumbers, readGroups, readPublishedComments } from '../data/exports.ts';
import type { ReceivedKey } from '../data/comment-windows.ts';
import { findPublicConsultation } from '../data/results.ts';
import type { AppEnv } from '../env.ts';
import { attachmentHeader, type CsvCell, csvContentType, csvEncodingFrom, csvStream } from '../lib/csv.ts';
import { type Lang, t } from '../lib/i18n.ts';
import { categoryLabel, channelLabel, outcomeLabel } from '../lib/labels.ts';
import { positiveInt } from '../lib/params.ts';
import { sectionLabels } from '../lib/sections.ts';
import { nextTurn } from '../lib/steps.ts';
import { tokyoDateString } from '../lib/time.ts';

export const exportRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

/** Rows read and sent at a time: a few milliseconds of work each. */
const COMMENT_CHUNK = 500;
const GROUP_CHUNK = 500;

/** The consultation named by `:id` if its result is published, or 404. */
async function publishedConsultation(c: C): Promise<Consultation> {
  const id = positiveInt(c.req.param('id'));
  const consultation = id === undefined ? undefined : await findPublicConsultation(c.var.db, id);
  if (!consultation?.result_published_at) {
    throw new HTTPException(404, {
      message: t(
        c.var.lang,
        'この意見募集の結果はまだ公表されていません。',
        'The result of this consultation has not been published yet.',
      ),
    });
  }
  return consultation;
}

function sendCsv(c: C, pieces: AsyncIterable<CsvCell[][]>, ascii: string, name: string) {
  const encoding = csvEncodingFrom(c.req.query('encoding'));
  return c.body(csvStream(pieces, encoding), 200, {
    'Content-Type': csvContentType(encoding),
    'Content-Disposition': attachmentHeader(ascii, name),
    'Access-Control-Allow-Origin': '*',
  });
}

function fileTitle(title: string) {
  return title.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80);
}

/** Labels of sections by id, and a way to list several in draft order. */
async function sectionNames(c: C, consultationId: number) {
  const sections = await listAllSections(c.var.db, consultationId);
  const labels = sectionLabels(sections);
  const order = new Map(sections.map((s, i) => [s.id, i]));
  return (ids: readonly number[]) =>
    [...ids]
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
      .map((id) => labels.get(id) ?? '')
      .join('、');
}

async function* resultRows(c: C, consultationId: number, lang: Lang): AsyncGenerator<CsvCell[][]> {
  const names = await sectionNames(c, consultationId);
  const counts = await countGroupComments(c.var.db, consultationId);
  yield [
    [
      'No.',
      t(lang, '該当箇所', 'Section'),
      t(lang, '意見の概要', 'Summary of comments'),
      t(lang, '件数', 'Comments'),
      t(lang, '市の考え方', "The city's response"),
      t(lang, '修正の有無', 'Outcome'),
      t(lang, '修正内容', 'Revision'),
    ],
  ];
  for (let offset = 0; ; offset += GROUP_CHUNK) {
    await nextTurn();
    const groups = await readGroups(c.var.db, consultationId, offset, GROUP_CHUNK);
    yield groups.map((g, i) => [
      offset + i + 1,
      g.sectionIds.length === 0 ? t(lang, '全般', 'General') : names(g.sectionIds),
      g.summary,
      counts.get(g.id) ?? 0,
      g.response,
      g.outcome ? outcomeLabel(g.outcome, lang) : '',
      g.revisionNote,
    ]);
    if (groups.length < GROUP_CHUNK) return;
  }
}

async function* commentRows(c: C, consultationId: number, lang: Lang): AsyncGenerator<CsvCell[][]> {
  const names = await sectionNames(c, consultationId);
  const groupNo = await listGroupNumbers(c.var.db, consultationId);
  yield [
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
  ];
  let after: ReceivedKey | null = null;
  do {
    await nextTurn();
    const chunk = await readPublishedComments(c.var.db, consultationId, after, COMMENT_CHUNK);
    yield chunk.items.map((x) => [
      x.id,
      tokyoDateString(x.receivedAt),
      channelLabel(x.channel, lang),
      x.category ? categoryLabel(x.category, lang) : '',
      names(x.sectionIds),
      x.text,
      x.groupId !== null ? (groupNo.get(x.groupId) ?? '') : '',
      x.excludedReason ?? '',
    ]);
    after = chunk.next;
  } while (after);
}

exportRoutes.get('/consultations/:id/result.csv', async (c) => {
  const consultation = await publishedConsultation(c);
  return sendCsv(
    c,
    resultRows(c, consultation.id, c.var.lang),
    `consultation-${consultation.id}-result.csv`,
    `${fileTitle(consultation.title)}_結果.csv`,
  );
});

exportRoutes.get('/consultations/:id/comments.csv', async (c) => {
  const consultation = await publishedConsultation(c);
  return sendCsv(
    c,
    commentRows(c, consultation.id, c.var.lang),
    `consultation-${consultation.id}-comments.csv`,
    `${fileTitle(consultation.title)}_提出意見.csv`,
  );
});
