/**
 * Comments from a CSV saved from Excel, in two steps: a preview of every row with its problems,
 * then the import of all rows or none. The file travels back with the confirm step (base64), so
 * the server keeps no state between them and checks everything again.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  ImportDonePage,
  ImportPreviewPage,
  type ImportPreviewProps,
  type ImportPreviewRow,
  ImportUploadPage,
} from '../../../../views/pages/staff/comments/ImportPages.tsx';
import { findImportBatch, findImportBatchById, findStoredRowHashes } from '../../../data/inbox.ts';
import {
  describeChannel,
  fileSha256,
  type ImportPlan,
  IMPORT_COLUMNS,
  planImportBytesSteps,
} from '../../../domain/csv-import.ts';
import { intakeRefusalMessage } from '../../../domain/intake.ts';
import { sectionIndex } from '../../../domain/section-refs.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { notFound } from '../../../http/errors.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import { type FieldErrors, validatorsFor } from '../../../http/validate.ts';
import { commentsPath } from '../../../lib/comments.ts';
import { type Lang, t } from '../../../lib/i18n.ts';
import { categoryLabel } from '../../../lib/labels.ts';
import { finish } from '../../../lib/steps.ts';
import { formatDate } from '../../../lib/time.ts';
import { importConfirmSchema, importUploadSchema } from '../../../schemas/comments.ts';
import { importComments } from '../../../usecases/intake.ts';
import { type C, draftSections, intakeClosedMessage, intakeOpen } from './shared.ts';

export const importing = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

const uploadTitle = (c: C) => t(c.var.lang, 'CSVから意見を取り込む', 'Import comments from a CSV');
const previewTitle = (c: C) => t(c.var.lang, '取り込む内容の確認', 'Check the import');

async function uploadPage(c: C, title: string, errors: FieldErrors = {}, status: 200 | 422 = 200) {
  const { examples } = sectionIndex(await draftSections(c));
  const page = (
    <ImportUploadPage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      sectionExamples={examples}
      errors={errors}
      closed={intakeClosedMessage(c)}
    />
  );
  return c.render(page, { title, status });
}

/** Reads, checks and previews a file; shared by the preview step and a refused confirm. */
async function preview(c: C, bytes: Uint8Array) {
  const { db, lang, clock, consultation } = c.var;
  const sections = await draftSections(c);
  const plan = await finish(planImportBytesSteps(bytes, { consultation, sections, now: clock.now(), lang }));
  const sha = fileSha256(bytes);
  const earlier = await findImportBatch(db, consultation.id, sha);
  const stored = await findStoredRowHashes(
    db,
    consultation.id,
    plan.rows.flatMap((r) => (r.rowHash ? [r.rowHash] : [])),
  );
  const storedRows = new Set(plan.rows.filter((r) => r.rowHash && stored.has(r.rowHash)).map((r) => r.row));
  return { plan, sha, earlier, storedRows };
}

const SUBMITTER_COLUMNS = IMPORT_COLUMNS.filter(
  (col) => !['body', 'received_at', 'channel', 'sections', 'category'].includes(col),
);

/** The preview shows this many rows at most: every row with a problem first, then the others. */
const SHOWN_ROWS = 300;
/** …and lists this many problems at most. */
const SHOWN_PROBLEMS = 200;

/** The start of a cell: a preview never copies a whole long cell into the page. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** The rows the preview table shows, in file order: those with problems, then the first others. */
function shownRows(plan: ImportPlan): ImportPlan['rows'] {
  const problems = plan.rows.filter((r) => !r.ok).slice(0, SHOWN_ROWS);
  const room = SHOWN_ROWS - problems.length;
  const good = plan.rows.filter((r) => r.ok).slice(0, room);
  return [...problems, ...good].sort((a, b) => a.row - b.row);
}

/** Each row as the preview table shows it: parsed values where they are good, else as typed. */
function previewRows(
  rows: ImportPlan['rows'],
  storedRows: ReadonlySet<number>,
  lang: Lang,
): ImportPreviewRow[] {
  return rows.map((r) => ({
    row: r.row,
    status: !r.ok ? 'problem' : storedRows.has(r.row) ? 'stored' : 'ok',
    problems: r.errors.map((e) => ({ field: e.field, message: e.message })),
    received: r.receivedAt ? formatDate(r.receivedAt, lang) : clip(r.values.received_at, 100),
    channel: clip(describeChannel(r.channel, r.values.channel, lang), 100),
    sections: r.ok
      ? r.sectionLabels.length
        ? r.sectionLabels.join(t(lang, '、', '; '))
        : t(lang, '案全体', 'Whole draft')
      : clip(r.values.sections, 300),
    category: r.draft
      ? r.draft.category
        ? categoryLabel(r.draft.category, lang)
        : t(lang, '記載なし', 'Not given')
      : clip(r.values.category, 100),
    submitter: SUBMITTER_COLUMNS.map((col) => clip(r.values[col].trim(), 100))
      .filter(Boolean)
      .join(' / '),
    body: clip(r.values.body, 300),
  }));
}

function previewPage(
  c: C,
  input: { filename: string; payload: string; status: 200 | 409 | 422 },
  found: Awaited<ReturnType<typeof preview>>,
  already?: { at: string; filename: string },
) {
  const { plan, storedRows } = found;
  const problems = plan.rows.flatMap((r) =>
    r.errors.map((e) => ({ row: e.row, field: e.field, message: e.message })),
  );
  const props: Omit<ImportPreviewProps, 'ctx'> = {
    consultation: c.var.consultation,
    filename: input.filename,
    fileErrors: plan.fileErrors,
    ignoredColumns: plan.ignoredColumns,
    rowCount: plan.rows.length,
    rows: previewRows(shownRows(plan), storedRows, c.var.lang),
    problems: problems.slice(0, SHOWN_PROBLEMS),
    moreProblems: Math.max(0, problems.length - SHOWN_PROBLEMS),
    // A row repeated in the file is stored once.
    fresh: new Set(plan.rows.filter((r) => r.ok && !storedRows.has(r.row)).map((r) => r.rowHash)).size,
    payload: plan.ok && !already ? input.payload : null,
    already,
  };
  return c.render(<ImportPreviewPage ctx={pageCtx(c)} {...props} />, {
    title: previewTitle(c),
    status: input.status,
  });
}

importing.get('/', (c) => uploadPage(c, uploadTitle(c)));

importing.post(
  '/preview',
  intakeOpen,
  form(
    (c) => importUploadSchema(c.var.config.maxUploadBytes),
    (c, _input, errors) => uploadPage(c, previewTitle(c), errors, 422),
  ),
  async (c) => {
    const { bytes, filename } = c.req.valid('form').file;
    const found = await preview(c, bytes);
    const already = found.earlier
      ? { at: found.earlier.created_at, filename: found.earlier.filename }
      : undefined;
    const payload = Buffer.from(bytes).toString('base64');
    return previewPage(c, { filename, payload, status: found.plan.ok ? 200 : 422 }, found, already);
  },
);

importing.post(
  '/',
  intakeOpen,
  form(
    (c) => importConfirmSchema(c.var.config.maxUploadBytes),
    (c, _input, errors) => uploadPage(c, uploadTitle(c), { file: errors.payload ?? errors.filename }, 422),
  ),
  async (c) => {
    const { filename, payload } = c.req.valid('form');
    const found = await preview(c, payload.bytes);
    const { plan, sha, earlier } = found;
    if (!plan.ok || earlier) {
      // Checked again: the confirm step trusts nothing from the page.
      const already = earlier ? { at: earlier.created_at, filename: earlier.filename } : undefined;
      const status = earlier ? 409 : 422;
      return previewPage(c, { filename, payload: payload.payload, status }, found, already);
    }
    const outcome = await importComments(
      c.var.db,
      c.var.secret,
      {
        consultationId: c.var.consultation.id,
        filename,
        fileSha256: sha,
        rows: plan.rows.map((r) => ({
          draft: r.draft!,
          channel: r.channel!,
          receivedAt: r.receivedAt!,
          rowHash: r.rowHash!,
        })),
        actor: c.var.actor,
      },
      c.var.clock.now(),
    );
    if (outcome.status === 'refused') {
      throw new HTTPException(409, { message: intakeRefusalMessage(outcome.refusal, c.var.lang) });
    }
    if (outcome.status === 'already_imported') {
      const already = { at: outcome.importedAt, filename: outcome.filename };
      return previewPage(c, { filename, payload: payload.payload, status: 409 }, found, already);
    }
    return seeOther(c, commentsPath(c.var.consultation.id, `/import/${outcome.batchId}`));
  },
);

importing.get('/:batchId{[0-9]+}', async (c) => {
  const found = await findImportBatchById(c.var.db, c.var.consultation.id, Number(c.req.param('batchId')));
  if (!found) throw notFound(c.var.lang);
  const page = (
    <ImportDonePage
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      batch={found.batch}
      created={found.created}
    />
  );
  return c.render(page, { title: t(c.var.lang, '取り込みました', 'Import complete') });
});
