import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Consultation, Section } from '../../db/schema.ts';
import {
  CommentConfirm,
  CommentDone,
  CommentForm,
  type ReceiptSummary,
} from '../../views/pages/CommentFlow.tsx';
import { ConsultationPage, sectionLabel } from '../../views/pages/ConsultationPage.tsx';
import { HomePage } from '../../views/pages/HomePage.tsx';
import { PeriodClosedMessage } from '../../views/pages/PeriodClosed.tsx';
import { ReceiptLookup, ReceiptPage } from '../../views/pages/ReceiptPage.tsx';
import { ReceiptOutcome } from '../../views/partials/ReceiptOutcome.tsx';
import { ResultSection } from '../../views/partials/ResultSection.tsx';
import { findCommentByReceipt } from '../data/comments.ts';
import { findDocument } from '../data/documents.ts';
import { findReceiptOutcome, loadPublishedResult } from '../data/results.ts';
import {
  findConsultation,
  listCorrections,
  listDocuments,
  listDraftSections,
  listPublicConsultations,
} from '../data/consultations.ts';
import {
  type CommentFormValues,
  emptyCommentForm,
  readCommentForm,
  validateComment,
} from '../domain/comment-intake.ts';
import { intakeRefusalMessage } from '../domain/intake.ts';
import { type Phase, phaseOf } from '../domain/lifecycle.ts';
import { normaliseReceiptCode } from '../domain/receipt.ts';
import type { AppEnv } from '../env.ts';
import { documentResponseHeaders } from '../lib/download.ts';
import { t } from '../lib/i18n.ts';
import { pageCtx, render } from '../lib/render.tsx';
import { receiveComment } from '../usecases/intake.ts';

export const publicRoutes = new Hono<AppEnv>();

publicRoutes.get('/', async (c) => {
  const now = c.var.clock.now();
  const rows = await listPublicConsultations(c.var.db);
  const items = rows.map((consultation) => ({ consultation, phase: phaseOf(consultation, now) }));
  return render(c, {
    title: t(c.var.lang, '意見募集の一覧', 'Consultations'),
    body: <HomePage ctx={pageCtx(c)} items={items} />,
  });
});

/** A consultation the public may see, or 404: drafts do not exist for the public. */
async function loadPublic(c: Context<AppEnv>): Promise<{ consultation: Consultation; phase: Phase }> {
  const id = Number(c.req.param('id'));
  const consultation = Number.isSafeInteger(id) && id > 0 ? await findConsultation(c.var.db, id) : undefined;
  if (!consultation || consultation.status === 'draft') {
    throw new HTTPException(404, {
      message: t(
        c.var.lang,
        'この意見募集は見つかりません。番号を確かめるか、一覧からお探しください。',
        'This consultation does not exist. Check the address or find it in the list.',
      ),
    });
  }
  return { consultation, phase: phaseOf(consultation, c.var.clock.now()) };
}

publicRoutes.get('/consultations/:id', async (c) => {
  const { consultation, phase } = await loadPublic(c);
  const db = c.var.db;
  const [sections, documents, corrections, result] = await Promise.all([
    listDraftSections(db, consultation.id),
    listDocuments(db, consultation.id),
    listCorrections(db, consultation.id),
    phase === 'result_published' ? loadPublishedResult(db, consultation.id) : undefined,
  ]);
  const ctx = pageCtx(c);
  return render(c, {
    title: consultation.title,
    body: (
      <ConsultationPage
        ctx={ctx}
        consultation={consultation}
        phase={phase}
        sections={sections}
        documents={documents}
        corrections={corrections}
        result={result ? <ResultSection ctx={ctx} result={result} /> : undefined}
      />
    ),
  });
});

publicRoutes.get('/consultations/:id/documents/:docId', async (c) => {
  const { consultation } = await loadPublic(c);
  const docId = Number(c.req.param('docId'));
  const doc = Number.isSafeInteger(docId) ? await findDocument(c.var.db, consultation.id, docId) : undefined;
  if (!doc) return c.notFound();
  return c.body(new Uint8Array(doc.data), 200, documentResponseHeaders(doc));
});

/** The comment routes only work while the period is open, whatever the browser shows. */
async function loadOpen(c: Context<AppEnv>, form?: CommentFormValues) {
  const { consultation, phase } = await loadPublic(c);
  if (phase !== 'open') {
    const ctx = pageCtx(c);
    const body = (
      <PeriodClosedMessage ctx={ctx} consultation={consultation} phase={phase} body={form?.body} />
    );
    throw new HTTPException(409, {
      res: await render(c, { title: consultation.title, body, fragment: body, status: 409 }),
    });
  }
  const sections = await listDraftSections(c.var.db, consultation.id);
  return { consultation, sections };
}

function formPage(
  c: Context<AppEnv>,
  consultation: Consultation,
  sections: Section[],
  values: CommentFormValues,
  errors: Record<string, string> = {},
) {
  const hasErrors = Object.keys(errors).length > 0;
  const view = (
    <CommentForm
      ctx={pageCtx(c)}
      consultation={consultation}
      sections={sections}
      values={values}
      errors={errors}
    />
  );
  const title = t(c.var.lang, '意見の入力', 'Write your comment');
  return render(c, {
    title: hasErrors ? t(c.var.lang, `入力エラー：${title}`, `Error: ${title}`) : title,
    body: view,
    fragment: view,
    status: hasErrors ? 422 : 200,
  });
}

publicRoutes.get('/consultations/:id/comment', async (c) => {
  const { consultation, sections } = await loadOpen(c);
  const values = emptyCommentForm();
  const chosen = c.req.query('section');
  if (chosen && sections.some((s) => String(s.id) === chosen)) values.sections = [chosen];
  return formPage(c, consultation, sections, values);
});

/** Reads the posted form; a filled honeypot means a bot, refused with a message a person can act on. */
async function readPostedForm(c: Context<AppEnv>) {
  const body = await c.req.parseBody({ all: true });
  if (typeof body.website === 'string' && body.website.trim() !== '') {
    throw new HTTPException(400, {
      message: t(
        c.var.lang,
        '送信内容を受け付けられませんでした。自動入力機能をオフにして、もう一度お試しください。',
        'We could not accept this submission. Please turn off form auto-fill and try again.',
      ),
    });
  }
  return { body, form: readCommentForm(body) };
}

function validate(
  c: Context<AppEnv>,
  consultation: Consultation,
  sections: Section[],
  form: CommentFormValues,
) {
  return validateComment(form, consultation, new Set(sections.map((s) => s.id)), c.var.lang);
}

publicRoutes.post('/consultations/:id/comment/confirm', async (c) => {
  const { form } = await readPostedForm(c);
  const { consultation, sections } = await loadOpen(c, form);
  const result = validate(c, consultation, sections, form);
  if (!result.ok) return formPage(c, consultation, sections, form, result.errors);
  const view = (
    <CommentConfirm
      ctx={pageCtx(c)}
      consultation={consultation}
      sections={sections}
      values={form}
      draft={result.draft}
      submissionKey={randomBytes(18).toString('base64url')}
    />
  );
  return render(c, {
    title: t(c.var.lang, '入力内容の確認', 'Check your comment'),
    body: view,
    fragment: view,
  });
});

publicRoutes.post('/consultations/:id/comment/edit', async (c) => {
  const { form } = await readPostedForm(c);
  const { consultation, sections } = await loadOpen(c, form);
  return formPage(c, consultation, sections, form);
});

publicRoutes.post('/consultations/:id/comment/submit', async (c) => {
  const { body, form } = await readPostedForm(c);
  const { consultation, sections } = await loadOpen(c, form);
  const result = validate(c, consultation, sections, form);
  if (!result.ok) return formPage(c, consultation, sections, form, result.errors);
  const key = typeof body.submission_key === 'string' ? body.submission_key : '';
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(key)) {
    throw new HTTPException(400, {
      message: t(
        c.var.lang,
        '確認画面から送信してください。',
        'Please send your comment from the confirmation page.',
      ),
    });
  }
  const now = c.var.clock.now();
  const outcome = await receiveComment(
    c.var.db,
    c.var.secret,
    {
      consultationId: consultation.id,
      draft: result.draft,
      channel: 'web',
      receivedAt: now,
      submissionKey: `${consultation.id}:${key}`,
    },
    now,
  );
  if (!outcome.ok)
    throw new HTTPException(409, { message: intakeRefusalMessage(outcome.refusal, c.var.lang) });
  const stored = outcome.comment;
  const done = `/consultations/${consultation.id}/comment/done/${stored.receiptCode}`;
  if (c.req.header('hx-request') === 'true') {
    c.header('HX-Push-Url', done);
    return donePage(c, consultation, stored.receiptCode);
  }
  return c.redirect(done, 303);
});

async function donePage(c: Context<AppEnv>, consultation: Consultation, code: string) {
  const found = await findCommentByReceipt(c.var.db, code);
  if (!found || found.comment.consultation_id !== consultation.id) return c.notFound();
  const receipt: ReceiptSummary = {
    receiptCode: found.comment.receipt_code,
    receivedAt: found.comment.received_at,
    body: found.comment.body_redacted ?? found.comment.body,
    sectionLabels: found.sections.map(sectionLabel),
  };
  const view = <CommentDone ctx={pageCtx(c)} consultation={consultation} receipt={receipt} />;
  return render(c, { title: t(c.var.lang, '送信完了', 'Comment received'), body: view, fragment: view });
}

publicRoutes.get('/consultations/:id/comment/done/:code', async (c) => {
  const { consultation } = await loadPublic(c);
  const code = normaliseReceiptCode(c.req.param('code'));
  if (!code) return c.notFound();
  c.header('Cache-Control', 'no-store');
  return donePage(c, consultation, code);
});

publicRoutes.get('/receipts', async (c) => {
  const typed = c.req.query('code');
  if (typed !== undefined) {
    const code = normaliseReceiptCode(typed);
    if (code) return c.redirect(`/receipts/${code}`, 303);
    return render(c, {
      title: t(c.var.lang, '受付番号の確認', 'Receipt lookup'),
      body: (
        <ReceiptLookup
          ctx={pageCtx(c)}
          code={typed}
          error={t(
            c.var.lang,
            '受付番号は英数字12文字です（例：7KXM-R9QP-4HTW）。入力を確かめてください。',
            'A receipt code has 12 letters and digits (for example 7KXM-R9QP-4HTW). Please check it.',
          )}
        />
      ),
      status: 400,
    });
  }
  return render(c, {
    title: t(c.var.lang, '受付番号の確認', 'Receipt lookup'),
    body: <ReceiptLookup ctx={pageCtx(c)} />,
  });
});

publicRoutes.get('/receipts/:code', async (c) => {
  const code = normaliseReceiptCode(c.req.param('code'));
  const found = code ? await findCommentByReceipt(c.var.db, code) : undefined;
  const consultation = found ? await findConsultation(c.var.db, found.comment.consultation_id) : undefined;
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
  if (!found || !consultation) {
    return render(c, {
      title: t(c.var.lang, '受付番号が見つかりません', 'Receipt code not found'),
      body: (
        <ReceiptLookup
          ctx={pageCtx(c)}
          code={c.req.param('code')}
          error={t(
            c.var.lang,
            'この受付番号の意見は見つかりませんでした。番号を確かめてください（O と 0、I と 1 は同じとみなします）。',
            'No comment has this receipt code. Please check it (O and 0, I and 1 are treated alike).',
          )}
        />
      ),
      status: 404,
    });
  }
  const ctx = pageCtx(c);
  const outcome = await findReceiptOutcome(c.var.db, found.comment.id);
  return render(c, {
    title: t(c.var.lang, '意見の受付内容', 'Your comment'),
    body: (
      <ReceiptPage
        ctx={ctx}
        consultation={consultation}
        comment={found.comment}
        sectionLabels={found.sections.map(sectionLabel)}
        outcome={<ReceiptOutcome ctx={ctx} outcome={outcome} />}
      />
    ),
  });
});
