/**
 * The comment flow of one consultation (/consultations/:id/comment): 入力 → 確認 → 送信 → 完了.
 * Works as plain forms; with htmx each step replaces #comment-flow in place. The server, not
 * the browser, decides whether the period is open, and a refused comment is shown back.
 */
import { randomBytes } from 'node:crypto';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Section } from '../../../db/schema.ts';
import { CommentConfirm } from '../../../views/pages/comment/CommentConfirm.tsx';
import { CommentDone } from '../../../views/pages/comment/CommentDone.tsx';
import { CommentForm, type PublicCommentFormValues } from '../../../views/pages/comment/CommentForm.tsx';
import { PeriodClosedMessage } from '../../../views/pages/PeriodClosed.tsx';
import { findCommentByReceipt } from '../../data/comments.ts';
import { listDraftSections } from '../../data/consultations.ts';
import { emptyCommentForm } from '../../domain/comment-intake.ts';
import { intakeRefusalMessage } from '../../domain/intake.ts';
import { nextPhaseChange, phaseOf } from '../../domain/lifecycle.ts';
import { normaliseReceiptCode } from '../../domain/receipt.ts';
import type { PublicConsultationEnv } from '../../env.ts';
import { notFound } from '../../http/errors.ts';
import { isHtmx } from '../../http/htmx.ts';
import { cacheable } from '../../http/page-cache.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, formValues, readForm, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { commentSchema } from '../../schemas/comment.ts';
import { receiveWebComment } from '../../usecases/intake.ts';
import { CommitQueueFull } from '../../data/group-commit.ts';
import { busy } from '../../http/load-shedding.tsx';
import { firstString } from '../../schemas/fields.ts';
import { commentSectionLabels } from './receipts.tsx';

interface CommentEnv extends PublicConsultationEnv {
  Variables: PublicConsultationEnv['Variables'] & { sections: Section[] };
}
type C = Context<CommentEnv>;

const { form } = validatorsFor<CommentEnv>();

// The result notice is ticked until the person unticks it (it needs an address to mean anything).
const EMPTY: PublicCommentFormValues = { ...emptyCommentForm(), notify_result: true };

/**
 * Lets a request through only while the period is open, whatever the browser shows; otherwise
 * a 409 page that shows back the comment the person had typed. Loads the draft's sections.
 */
const whileOpen: MiddlewareHandler<CommentEnv> = async (c, next) => {
  const consultation = c.var.consultation;
  const phase = phaseOf(consultation, c.var.clock.now());
  if (phase !== 'open') {
    const typed = c.req.method === 'POST' ? firstString((await readForm(c)).body) : undefined;
    const body = (
      <PeriodClosedMessage ctx={pageCtx(c)} consultation={consultation} phase={phase} body={typed} />
    );
    throw new HTTPException(409, {
      res: await c.render(body, { title: consultation.title, status: 409, fragment: true }),
    });
  }
  c.set('sections', await listDraftSections(c.var.db, consultation.id));
  await next();
};

/** A filled honeypot means a bot; refused with a message a person whose browser filled it can act on. */
const refuseHoneypot: MiddlewareHandler<CommentEnv> = async (c, next) => {
  if (firstString((await readForm(c)).website).trim() !== '') {
    throw new HTTPException(400, {
      message: t(
        c.var.lang,
        '送信内容を受け付けられませんでした。自動入力機能をオフにして、もう一度お試しください。',
        'We could not accept this submission. Please turn off form auto-fill and try again.',
      ),
    });
  }
  await next();
};

/**
 * Step 1. `fresh`: the form as first loaded (GET), which the browser fills again from the draft it
 * kept (static/js/koe.js); `again`: reached at the confirmation's address, which cannot be shown
 * again without the form that was sent.
 */
function formPage(
  c: C,
  values: PublicCommentFormValues,
  errors: FieldErrors = {},
  opts: { fresh?: boolean; again?: boolean } = {},
) {
  const hasErrors = Object.keys(errors).length > 0;
  const title = t(c.var.lang, '意見の入力', 'Write your comment');
  const page = (
    <CommentForm
      ctx={pageCtx(c)}
      consultation={c.var.consultation}
      sections={c.var.sections}
      values={values}
      errors={errors}
      restoreDraft={opts.fresh}
      confirmAgain={opts.again}
    />
  );
  return c.render(page, {
    title: hasErrors ? t(c.var.lang, `入力エラー：${title}`, `Error: ${title}`) : title,
    status: hasErrors ? 422 : 200,
    fragment: true,
  });
}

/**
 * With htmx each step swaps in place; it is given its own address in the history so that Back,
 * Forward and Reload land on a real step (a GET of that address), as without JavaScript.
 */
function pushStep(c: C, step: '' | '/confirm') {
  if (isHtmx(c)) c.header('HX-Push-Url', `/consultations/${c.var.consultation.id}/comment${step}`);
}

const checked = form(
  (c) =>
    commentSchema(
      c.var.consultation,
      c.var.sections.map((s) => s.id),
    ),
  (c, input, errors) => formPage(c, formValues(input, EMPTY), errors),
);

export const comment = new Hono<CommentEnv>()
  .get('/', whileOpen, (c) => {
    const chosen = c.req.query('section');
    const known = chosen !== undefined && c.var.sections.some((s) => String(s.id) === chosen);
    // The same for every reader but the form token, which the cache puts back per reader.
    cacheable(c, nextPhaseChange([c.var.consultation], c.var.clock.now()));
    return formPage(c, { ...EMPTY, sections: known ? [chosen] : [] }, {}, { fresh: true });
  })
  .get('/confirm', whileOpen, (c) => formPage(c, EMPTY, {}, { fresh: true, again: true }))
  .post('/confirm', refuseHoneypot, whileOpen, checked, (c) => {
    const page = (
      <CommentConfirm
        ctx={pageCtx(c)}
        consultation={c.var.consultation}
        sections={c.var.sections}
        comment={c.req.valid('form')}
        submissionKey={randomBytes(18).toString('base64url')}
      />
    );
    pushStep(c, '/confirm');
    return c.render(page, { title: t(c.var.lang, '入力内容の確認', 'Check your comment'), fragment: true });
  })
  .post('/edit', refuseHoneypot, whileOpen, async (c) => {
    pushStep(c, '');
    return formPage(c, formValues(await readForm(c), EMPTY));
  })
  .post('/submit', refuseHoneypot, whileOpen, checked, async (c) => {
    const key = firstString((await readForm(c)).submission_key);
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(key)) {
      throw new HTTPException(400, {
        message: t(
          c.var.lang,
          '確認画面から送信してください。',
          'Please send your comment from the confirmation page.',
        ),
      });
    }
    const { consultation } = c.var;
    const now = c.var.clock.now();
    const incoming = {
      consultationId: consultation.id,
      draft: c.req.valid('form'),
      channel: 'web' as const,
      receivedAt: now,
      submissionKey: `${consultation.id}:${key}`,
      mail: { lang: c.var.lang, notifyResult: c.req.valid('form').notifyResult },
    };
    const outcome = await receiveWebComment(c.var.commits, c.var.secret, incoming, now).catch((err) => {
      if (err instanceof CommitQueueFull) return undefined;
      throw err;
    });
    // Too many comments waiting for the disk: nothing was stored; the person is asked to send again.
    if (!outcome) return busy(c);
    if (!outcome.ok)
      throw new HTTPException(409, { message: intakeRefusalMessage(outcome.refusal, c.var.lang) });
    return seeOther(c, `/consultations/${consultation.id}/comment/done/${outcome.comment.receiptCode}`);
  })
  .get('/done/:code', async (c) => {
    const code = normaliseReceiptCode(c.req.param('code'));
    const found = code ? await findCommentByReceipt(c.var.db, code) : undefined;
    const { consultation } = c.var;
    if (!found || found.comment.consultation_id !== consultation.id) throw notFound(c.var.lang);
    c.header('Cache-Control', 'no-store');
    const receipt = {
      receiptCode: found.comment.receipt_code,
      receivedAt: found.comment.received_at,
      body: found.comment.body_redacted ?? found.comment.body,
      sectionLabels: await commentSectionLabels(c.var.db, consultation.id, found.sections),
    };
    return c.render(<CommentDone ctx={pageCtx(c)} consultation={consultation} receipt={receipt} />, {
      title: t(c.var.lang, '送信完了', 'Comment received'),
      fragment: true,
    });
  });
