/**
 * Mail about new consultations (/subscriptions): ask, confirm by the link in the mail (double
 * opt-in), unsubscribe by the link in every mail or its List-Unsubscribe header (RFC 8058: the
 * mail program POSTs without our form token, so that one path is exempt from CSRF in app.tsx —
 * its token is the authority). The answer to a request is the same whether or not the address
 * is known. Requests are limited per client (app.tsx) and per address (the use case). A link's
 * POST answers with its page rather than a redirect: a mail program's one-click POST wants a 2xx.
 */
import { type Context, Hono } from 'hono';
import {
  SubscribeForm,
  SubscribeSent,
  SubscriptionTokenPage,
} from '../../../views/pages/SubscriptionPages.tsx';
import { listDepartments } from '../../data/mail-audience.ts';
import type { AppEnv } from '../../env.ts';
import { conflict } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { subscriptionSchema } from '../../schemas/mail.ts';
import { confirmSubscription, endSubscription, requestSubscription } from '../../usecases/mail.ts';

type C = Context<AppEnv>;
const { form } = validatorsFor<AppEnv>();
const EMPTY = { email: '', department: '' };
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

const title = (c: C) =>
  t(c.var.lang, '新しい意見募集をメールで受け取る', 'Hear of new consultations by mail');

async function formPage(c: C, values = EMPTY, errors: FieldErrors = {}) {
  const departments = await listDepartments(c.var.db);
  const page = <SubscribeForm ctx={pageCtx(c)} departments={departments} values={values} errors={errors} />;
  return c.render(page, { title: title(c), status: Object.keys(errors).length > 0 ? 422 : 200 });
}

/** A link whose token is not (or no longer) known. */
const unknownLink = (c: C) =>
  conflict(
    c.var.lang,
    'このリンクは無効です。登録をやり直すか、最新のメールのリンクを使ってください。',
    'This link is not valid. Subscribe again, or use the link in the latest message.',
  );

function tokenPage(action: 'confirm' | 'unsubscribe') {
  return (c: C) => {
    const token = c.req.param('token') ?? '';
    if (!TOKEN.test(token)) throw unknownLink(c);
    c.header('X-Robots-Tag', 'noindex');
    return c.render(<SubscriptionTokenPage ctx={pageCtx(c)} action={action} token={token} />, {
      title: title(c),
    });
  };
}

function tokenAction(action: 'confirm' | 'unsubscribe') {
  return async (c: C) => {
    const token = c.req.param('token') ?? '';
    const now = c.var.clock.now();
    const run = action === 'confirm' ? confirmSubscription : endSubscription;
    const done = TOKEN.test(token) ? await run(c.var.db, token, now) : undefined;
    if (!done) throw unknownLink(c);
    return c.render(<SubscriptionTokenPage ctx={pageCtx(c)} action={action} token={token} done={done} />, {
      title: title(c),
    });
  };
}

export const subscriptions = new Hono<AppEnv>()
  .get('/', (c) => formPage(c))
  .post(
    '/',
    form(
      async (c) => subscriptionSchema(await listDepartments(c.var.db)),
      (c, input, errors) => formPage(c, formValues(input, EMPTY), errors),
    ),
    async (c) => {
      const v = c.req.valid('form');
      await requestSubscription(c.var.db, { ...v, lang: c.var.lang }, c.var.clock.now());
      return seeOther(c, '/subscriptions/sent');
    },
  )
  .get('/sent', (c) => c.render(<SubscribeSent ctx={pageCtx(c)} />, { title: title(c) }))
  .get('/confirm/:token', tokenPage('confirm'))
  .post('/confirm/:token', tokenAction('confirm'))
  .get('/unsubscribe/:token', tokenPage('unsubscribe'))
  .post('/unsubscribe/:token', tokenAction('unsubscribe'));
