/**
 * Publishing a draft after a confirmation step (/staff/consultations/:id/publish), and withdrawing
 * (中止) a published consultation with a public reason (/withdraw). The rules are the use case's
 * (src/usecases/publishing.ts), decided in the transaction that writes.
 */
import { type Context, Hono } from 'hono';
import { PublishConfirmPage, WithdrawPage } from '../../../views/pages/staff/consultationConfirm.tsx';
import { listDocuments } from '../../data/consultations.ts';
import { countDraftSections } from '../../data/staff-consultations.ts';
import { canWithdraw, type PublishPlan, planPublish } from '../../domain/consultation-rules.ts';
import type { ConsultationEnv } from '../../env.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { withdrawSchema } from '../../schemas/consultations.ts';
import { publish, withdraw } from '../../usecases/publishing.ts';
import { staffPage } from './shared.ts';

type C = Context<ConsultationEnv>;

/** The confirmation page: what is missing, or what publishing will do. */
async function publishPage(c: C, plan?: PublishPlan) {
  const { db, consultation } = c.var;
  const [sectionCount, documents] = await Promise.all([
    countDraftSections(db, consultation.id),
    listDocuments(db, consultation.id),
  ]);
  const page = (
    <PublishConfirmPage
      ctx={pageCtx(c)}
      consultation={consultation}
      plan={plan ?? planPublish(consultation, sectionCount, c.var.clock.now())}
      sectionCount={sectionCount}
      documentCount={documents.length}
    />
  );
  return c.render(page, { title: t(c.var.lang, '公表の確認', 'Publish: confirm'), status: plan ? 422 : 200 });
}

function refuseUnlessWithdrawable(c: C) {
  if (!canWithdraw(c.var.consultation)) throw notWithdrawable(c);
}

const notWithdrawable = (c: C) =>
  conflict(
    c.var.lang,
    '公表中の意見募集だけを中止できます。',
    'Only a published consultation can be withdrawn.',
  );

function withdrawPage(c: C, reason: string, errors?: FieldErrors) {
  const page = (
    <WithdrawPage ctx={pageCtx(c)} consultation={c.var.consultation} reason={reason} errors={errors} />
  );
  return c.render(page, {
    title: t(c.var.lang, '意見募集の中止', 'Withdraw the consultation'),
    status: errors ? 422 : 200,
  });
}

const { form } = validatorsFor<ConsultationEnv>();

export const publishing = new Hono<ConsultationEnv>()
  .get('/publish', async (c) => {
    if (c.var.consultation.status !== 'draft') return seeOther(c, staffPage(c));
    return publishPage(c);
  })
  .post('/publish', async (c) => {
    const done = await publish(c.var.db, c.var.consultation.id, c.var.actor, c.var.clock.now());
    if (done.published) return seeOther(c, staffPage(c, 'published'));
    if (!done.plan) throw notFound(c.var.lang);
    return publishPage(c, done.plan);
  })
  .get('/withdraw', (c) => {
    refuseUnlessWithdrawable(c);
    return withdrawPage(c, '');
  })
  .post(
    '/withdraw',
    async (c, next) => {
      refuseUnlessWithdrawable(c);
      await next();
    },
    form(withdrawSchema, (c, input, errors) =>
      withdrawPage(c, formValues(input, { reason: '' }).reason, errors),
    ),
    async (c) => {
      const { reason } = c.req.valid('form');
      if (!(await withdraw(c.var.db, c.var.consultation.id, reason, c.var.actor, c.var.clock.now()))) {
        throw notWithdrawable(c);
      }
      return seeOther(c, staffPage(c, 'withdrawn'));
    },
  );
