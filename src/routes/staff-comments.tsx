import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Category, Channel, HiddenReason } from '../../db/schema.ts';
import { CATEGORIES, CHANNELS, HIDDEN_REASONS } from '../../db/schema.ts';
import { CommentPage } from '../../views/pages/staff/comments/CommentPage.tsx';
import {
  ImportDonePage,
  ImportPreviewPage,
  ImportUploadPage,
} from '../../views/pages/staff/comments/ImportPages.tsx';
import { type InboxFormValues, InboxPage } from '../../views/pages/staff/comments/InboxPage.tsx';
import { NewCommentPage, type PaperFormValues } from '../../views/pages/staff/comments/NewCommentPage.tsx';
import { RedactPage } from '../../views/pages/staff/comments/RedactPage.tsx';
import { InboxResults } from '../../views/partials/staff/comments/InboxResults.tsx';
import { commentsPath } from '../../views/partials/staff/comments/common.tsx';
import { findConsultation, listDraftSections } from '../data/consultations.ts';
import {
  countInbox,
  enterPaperComment,
  findImportBatch,
  findImportBatchById,
  findStoredRowHashes,
  INBOX_STATUSES,
  type InboxCursor,
  type InboxFilters,
  type InboxStatus,
  importComments,
  listInboxPage,
} from '../data/inbox.ts';
import { findCommentForStaff, hideComment, saveRedactions, unhideComment } from '../data/moderation.ts';
import { emptyCommentForm, readCommentForm, validateComment } from '../domain/comment-intake.ts';
import {
  fileSha256,
  PAPER_CHANNELS,
  planImportBytes,
  receivedDateError,
  receivedInstant,
  staffEntryRules,
} from '../domain/csv-import.ts';
import {
  applyRedactions,
  decodeSpan,
  detectPersonalData,
  encodeSpan,
  findManualSpans,
  mergeSpans,
  type RedactionKind,
  type RedactionSpan,
} from '../domain/redaction.ts';
import type { Actor } from '../data/audit.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../http/session.ts';
import { t } from '../lib/i18n.ts';
import { positiveInt } from '../lib/params.ts';
import { pageCtx, render, seeOther } from '../lib/render.tsx';
import { tokyoDateString } from '../lib/time.ts';

/**
 * Comments in the staff workspace, mounted at /staff/consultations/:id/comments: the inbox,
 * one comment, paper entry, CSV import, hiding and redaction.
 */
export const staffComments = new Hono<AppEnv>();

staffComments.use('*', requireRole('staff', 'admin'));

const PAGE_SIZE = 50;

function notFound(c: Context<AppEnv>): never {
  throw new HTTPException(404, {
    message: t(
      c.var.lang,
      '指定された意見募集・意見は見つかりません。',
      'That consultation or comment was not found.',
    ),
  });
}

/** The consultation named in the mount path, or 404. */
async function loadConsultation(c: Context<AppEnv>) {
  const id = positiveInt(c.req.param('id'));
  const consultation = id ? await findConsultation(c.var.db, id) : undefined;
  if (!consultation) notFound(c);
  return consultation;
}

function commentIdParam(c: Context<AppEnv>): number {
  const id = positiveInt(c.req.param('commentId'));
  if (id === undefined) notFound(c);
  return id;
}

function actorOf(c: Context<AppEnv>): Actor {
  const user = c.var.user;
  if (!user) throw new HTTPException(401);
  return { id: user.id, label: user.email, ip: c.var.clientIp };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filter form; values that are not one of the choices are ignored, never an error. */
function readFilters(query: Record<string, string>): { form: InboxFormValues; filters: InboxFilters } {
  const form: InboxFormValues = {
    section: query.section ?? '',
    category: query.category ?? '',
    channel: query.channel ?? '',
    status: query.status ?? '',
    from: query.from ?? '',
    to: query.to ?? '',
    q: (query.q ?? '').slice(0, 200),
  };
  const filters: InboxFilters = {};
  if (form.section === 'none') filters.section = 'none';
  else if (/^\d{1,12}$/.test(form.section)) filters.section = Number(form.section);
  if (form.category === 'none') filters.category = 'none';
  else if ((CATEGORIES as readonly string[]).includes(form.category))
    filters.category = form.category as Category;
  if ((CHANNELS as readonly string[]).includes(form.channel)) filters.channel = form.channel as Channel;
  if ((INBOX_STATUSES as readonly string[]).includes(form.status))
    filters.status = form.status as InboxStatus;
  if (DATE.test(form.from)) filters.from = form.from;
  if (DATE.test(form.to)) filters.to = form.to;
  if (form.q.trim()) filters.q = form.q.trim();
  return { form, filters };
}

function filterQueryString(form: InboxFormValues): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v) params.set(k, v);
  return params.toString();
}

/** `after=<received_at>_<id>`; anything else starts from the first page. */
function readCursor(raw: string | undefined): InboxCursor | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{1,12})$/.exec(raw ?? '');
  return m ? { receivedAt: m[1]!, id: Number(m[2]) } : null;
}

// ---- Inbox ----

staffComments.get('/', async (c) => {
  const consultation = await loadConsultation(c);
  const { db, lang } = c.var;
  const { form, filters } = readFilters(c.req.query());
  const after = readCursor(c.req.query('after'));
  const [sections, total, page] = await Promise.all([
    listDraftSections(db, consultation.id),
    countInbox(db, consultation.id, filters),
    listInboxPage(db, consultation.id, filters, after, PAGE_SIZE),
  ]);
  const results = {
    total,
    rows: page.rows,
    filterQuery: filterQueryString(form),
    nextAfter: page.next ? `${page.next.receivedAt}_${page.next.id}` : null,
    paged: after !== null,
  };
  const ctx = pageCtx(c);
  return render(c, {
    title: t(lang, `意見の一覧 - ${consultation.title}`, `Comments - ${consultation.title}`),
    area: 'staff',
    body: (
      <InboxPage ctx={ctx} consultation={consultation} sections={sections} form={form} results={results} />
    ),
    fragment: <InboxResults ctx={ctx} consultationId={consultation.id} {...results} />,
  });
});

// ---- Paper entry ----

function emptyPaperForm(now: Date): PaperFormValues {
  return {
    ...emptyCommentForm(),
    channel: 'post',
    received_date: tokyoDateString(now),
    submission_key: randomBytes(16).toString('base64url'),
  };
}

staffComments.get('/new', async (c) => {
  const consultation = await loadConsultation(c);
  const sections = await listDraftSections(c.var.db, consultation.id);
  return render(c, {
    title: t(c.var.lang, '紙・メールで届いた意見の入力', 'Enter a comment received on paper'),
    area: 'staff',
    body: (
      <NewCommentPage
        ctx={pageCtx(c)}
        consultation={consultation}
        sections={sections}
        values={emptyPaperForm(c.var.clock.now())}
        errors={{}}
      />
    ),
  });
});

staffComments.post('/new', async (c) => {
  const consultation = await loadConsultation(c);
  const { db, lang, clock, secret } = c.var;
  const now = clock.now();
  const sections = await listDraftSections(db, consultation.id);
  const body = await c.req.parseBody({ all: true });
  const str = (k: string) => {
    const v = body[k];
    return typeof v === 'string' ? v : '';
  };
  const values: PaperFormValues = {
    ...readCommentForm(body),
    channel: str('channel'),
    received_date: str('received_date').trim(),
    submission_key: /^[A-Za-z0-9_-]{16,64}$/.test(str('submission_key'))
      ? str('submission_key')
      : randomBytes(16).toString('base64url'),
  };
  const checked = validateComment(values, staffEntryRules(), new Set(sections.map((s) => s.id)), lang);
  const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
  if (!(PAPER_CHANNELS as readonly string[]).includes(values.channel))
    errors.channel = t(lang, '提出方法を選んでください。', 'Please choose how the comment arrived.');
  const dateProblem = receivedDateError(values.received_date, consultation, now, lang);
  if (dateProblem) errors.received_date = dateProblem;
  if (!checked.ok || Object.keys(errors).length > 0) {
    return render(c, {
      title: t(lang, '入力内容の確認が必要です', 'Please check the form'),
      area: 'staff',
      status: 422,
      body: (
        <NewCommentPage
          ctx={pageCtx(c)}
          consultation={consultation}
          sections={sections}
          values={values}
          errors={errors}
        />
      ),
    });
  }
  const stored = await enterPaperComment(
    db,
    secret,
    {
      consultationId: consultation.id,
      draft: checked.draft,
      channel: values.channel as Channel,
      receivedAt: receivedInstant(values.received_date, consultation, now),
      submissionKey: `staff:${values.submission_key}`,
      actor: actorOf(c),
    },
    now,
  );
  return seeOther(c, commentsPath(consultation.id, `/${stored.id}?entered=1`));
});

// ---- CSV import ----

staffComments.get('/import', async (c) => {
  const consultation = await loadConsultation(c);
  return render(c, {
    title: t(c.var.lang, 'CSVから意見を取り込む', 'Import comments from a CSV'),
    area: 'staff',
    body: <ImportUploadPage ctx={pageCtx(c)} consultation={consultation} />,
  });
});

/** Reads, checks and previews a file; shared by the preview step and a refused confirm. */
async function preview(
  c: Context<AppEnv>,
  consultation: NonNullable<Awaited<ReturnType<typeof findConsultation>>>,
  bytes: Uint8Array,
) {
  const { db, lang, clock } = c.var;
  const sections = await listDraftSections(db, consultation.id);
  const plan = planImportBytes(bytes, { consultation, sections, now: clock.now(), lang });
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

staffComments.post('/import/preview', async (c) => {
  const consultation = await loadConsultation(c);
  const { lang, config } = c.var;
  const body = await c.req.parseBody();
  const file = body.file;
  const title = t(lang, '取り込む内容の確認', 'Check the import');
  if (!(file instanceof File) || file.size === 0 || file.size > config.maxUploadBytes) {
    return render(c, {
      title,
      area: 'staff',
      status: 422,
      body: (
        <ImportUploadPage
          ctx={pageCtx(c)}
          consultation={consultation}
          errors={{
            file:
              file instanceof File && file.size > config.maxUploadBytes
                ? t(lang, 'ファイルが大きすぎます。', 'The file is too large.')
                : t(lang, 'CSVファイルを選んでください。', 'Please choose a CSV file.'),
          }}
        />
      ),
    });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const filename = file.name.slice(0, 200) || 'import.csv';
  const { plan, earlier, storedRows } = await preview(c, consultation, bytes);
  return render(c, {
    title,
    area: 'staff',
    status: plan.ok ? 200 : 422,
    body: (
      <ImportPreviewPage
        ctx={pageCtx(c)}
        consultation={consultation}
        filename={filename}
        plan={plan}
        payload={Buffer.from(bytes).toString('base64')}
        storedRows={storedRows}
        already={earlier ? { at: earlier.created_at, filename: earlier.filename } : undefined}
      />
    ),
  });
});

staffComments.post('/import', async (c) => {
  const consultation = await loadConsultation(c);
  const { db, lang, clock, secret } = c.var;
  const body = await c.req.parseBody();
  const payload = typeof body.payload === 'string' ? body.payload : '';
  const filename = (typeof body.filename === 'string' ? body.filename : '').slice(0, 200) || 'import.csv';
  if (!payload || !/^[A-Za-z0-9+/=\s]+$/.test(payload)) {
    return render(c, {
      title: t(lang, 'CSVから意見を取り込む', 'Import comments from a CSV'),
      area: 'staff',
      status: 422,
      body: (
        <ImportUploadPage
          ctx={pageCtx(c)}
          consultation={consultation}
          errors={{ file: t(lang, 'CSVファイルを選び直してください。', 'Please choose the CSV file again.') }}
        />
      ),
    });
  }
  const bytes = new Uint8Array(Buffer.from(payload, 'base64'));
  const { plan, sha, earlier, storedRows } = await preview(c, consultation, bytes);
  if (!plan.ok || earlier) {
    // Checked again: the confirm step trusts nothing from the page.
    return render(c, {
      title: t(lang, '取り込む内容の確認', 'Check the import'),
      area: 'staff',
      status: earlier ? 409 : 422,
      body: (
        <ImportPreviewPage
          ctx={pageCtx(c)}
          consultation={consultation}
          filename={filename}
          plan={plan}
          payload={payload}
          storedRows={storedRows}
          already={earlier ? { at: earlier.created_at, filename: earlier.filename } : undefined}
        />
      ),
    });
  }
  const outcome = await importComments(
    db,
    secret,
    {
      consultationId: consultation.id,
      filename,
      fileSha256: sha,
      rows: plan.rows.map((r) => ({
        draft: r.draft!,
        channel: r.channel!,
        receivedAt: r.receivedAt!,
        rowHash: r.rowHash!,
      })),
      actor: actorOf(c),
    },
    clock.now(),
  );
  if (outcome.status === 'already_imported') {
    return render(c, {
      title: t(lang, '取り込み済みのファイルです', 'Already imported'),
      area: 'staff',
      status: 409,
      body: (
        <ImportPreviewPage
          ctx={pageCtx(c)}
          consultation={consultation}
          filename={filename}
          plan={plan}
          payload={payload}
          storedRows={storedRows}
          already={{ at: outcome.importedAt, filename: outcome.filename }}
        />
      ),
    });
  }
  return seeOther(c, commentsPath(consultation.id, `/import/${outcome.batchId}`));
});

staffComments.get('/import/:batchId{[0-9]+}', async (c) => {
  const consultation = await loadConsultation(c);
  const found = await findImportBatchById(c.var.db, consultation.id, Number(c.req.param('batchId')));
  if (!found) notFound(c);
  return render(c, {
    title: t(c.var.lang, '取り込みました', 'Import complete'),
    area: 'staff',
    body: (
      <ImportDonePage
        ctx={pageCtx(c)}
        consultation={consultation}
        batch={found.batch}
        created={found.created}
      />
    ),
  });
});

// ---- One comment ----

async function loadComment(c: Context<AppEnv>) {
  const consultation = await loadConsultation(c);
  const data = await findCommentForStaff(c.var.db, consultation.id, commentIdParam(c));
  if (!data) notFound(c);
  return { consultation, data };
}

staffComments.get('/:commentId{[0-9]+}', async (c) => {
  const { consultation, data } = await loadComment(c);
  return render(c, {
    title: t(c.var.lang, '意見の詳細', 'Comment'),
    area: 'staff',
    body: (
      <CommentPage
        ctx={pageCtx(c)}
        consultation={consultation}
        data={data}
        entered={c.req.query('entered') === '1'}
      />
    ),
  });
});

staffComments.post('/:commentId{[0-9]+}/hide', async (c) => {
  const { consultation, data } = await loadComment(c);
  const { lang, db, clock } = c.var;
  const body = await c.req.parseBody();
  const reason = typeof body.reason === 'string' ? body.reason : '';
  const note = (typeof body.note === 'string' ? body.note : '').trim();
  const errors: Record<string, string> = {};
  if (!(HIDDEN_REASONS as readonly string[]).includes(reason))
    errors.reason = t(lang, '非表示にする理由を選んでください。', 'Please choose why the comment is hidden.');
  if ([...note].length > 1000)
    errors.note = t(
      lang,
      'メモは1000文字以内にしてください。',
      'Please keep the note within 1,000 characters.',
    );
  if (Object.keys(errors).length > 0) {
    return render(c, {
      title: t(lang, '入力内容の確認が必要です', 'Please check the form'),
      area: 'staff',
      status: 422,
      body: (
        <CommentPage
          ctx={pageCtx(c)}
          consultation={consultation}
          data={data}
          entered={false}
          hideForm={{ reason, note }}
          errors={errors}
        />
      ),
    });
  }
  await hideComment(
    db,
    { commentId: data.comment.id, reason: reason as HiddenReason, note, actor: actorOf(c) },
    clock.now(),
  );
  return seeOther(c, commentsPath(consultation.id, `/${data.comment.id}`));
});

staffComments.post('/:commentId{[0-9]+}/unhide', async (c) => {
  const { consultation, data } = await loadComment(c);
  const body = await c.req.parseBody();
  const note = (typeof body.note === 'string' ? body.note : '').trim().slice(0, 1000);
  await unhideComment(c.var.db, { commentId: data.comment.id, note, actor: actorOf(c) }, c.var.clock.now());
  return seeOther(c, commentsPath(consultation.id, `/${data.comment.id}`));
});

// ---- Redaction ----

staffComments.get('/:commentId{[0-9]+}/redact', async (c) => {
  const { consultation, data } = await loadComment(c);
  const m = data.comment;
  const saved: RedactionSpan[] = data.redactions.map((r) => ({
    start: r.start,
    end: r.end,
    kind: r.kind as RedactionKind,
  }));
  const suggested = detectPersonalData(m.body);
  const spans = mergeSpans([...saved, ...suggested]);
  // First time: every suggestion is ticked. After a save: what was saved.
  const checked = new Set((saved.length > 0 || m.body_redacted !== null ? saved : spans).map(encodeSpan));
  return render(c, {
    title: t(c.var.lang, '個人情報などの削除', 'Redact'),
    area: 'staff',
    body: (
      <RedactPage
        ctx={pageCtx(c)}
        consultation={consultation}
        comment={m}
        spans={spans}
        checked={checked}
        addText=""
        preview={m.body_redacted ?? m.body}
      />
    ),
  });
});

staffComments.post('/:commentId{[0-9]+}/redact', async (c) => {
  const { consultation, data } = await loadComment(c);
  const { lang, db, clock } = c.var;
  const m = data.comment;
  const body = await c.req.parseBody({ all: true });
  const raw = body.span;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (v): v is string => typeof v === 'string',
  );
  const picked = values
    .map((v) => decodeSpan(v, m.body.length))
    .filter((s): s is RedactionSpan => s !== null);
  const addText = typeof body.add_text === 'string' ? body.add_text : '';
  const manual = findManualSpans(m.body, addText.trim());
  if (addText.trim() && manual.length === 0) {
    const saved = data.redactions.map((r) => ({ start: r.start, end: r.end, kind: r.kind as RedactionKind }));
    return render(c, {
      title: t(lang, '入力内容の確認が必要です', 'Please check the form'),
      area: 'staff',
      status: 422,
      body: (
        <RedactPage
          ctx={pageCtx(c)}
          consultation={consultation}
          comment={m}
          spans={mergeSpans([...saved, ...detectPersonalData(m.body), ...picked])}
          checked={new Set(picked.map(encodeSpan))}
          addText={addText}
          preview={m.body_redacted ?? m.body}
          errors={{
            add_text: t(
              lang,
              'この文字列は原文にありません。原文のとおりに入力してください。',
              'This text is not in the original. Type it exactly as it appears.',
            ),
          }}
        />
      ),
    });
  }
  const spans = mergeSpans([...picked, ...manual]);
  await saveRedactions(
    db,
    { commentId: m.id, spans, redactedText: applyRedactions(m.body, spans), actor: actorOf(c) },
    clock.now(),
  );
  return seeOther(c, commentsPath(consultation.id, `/${m.id}`));
});
