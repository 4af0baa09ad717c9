/**
 * Mail for administrators (/staff/admin/mail): the outbox's state, failures with a retry
 * button, and in the demo every mail the catcher received. Addresses are masked here; the
 * subscribers' are never shown.
 */
import { Hono } from 'hono';
import type { OutboxRow } from '../../../db/schema.ts';
import { CaughtMailPage, MailAdminPage, type OutboxItem } from '../../../views/pages/admin/MailPages.tsx';
import { countSubscriptions } from '../../data/mail-audience.ts';
import { countFailingAddresses, countOutboxByStatus, listOutbox } from '../../data/outbox.ts';
import type { SignedInEnv } from '../../env.ts';
import { notFound } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { t } from '../../lib/i18n.ts';
import { maskAddress } from '../../lib/mail-address.ts';
import { positiveInt } from '../../lib/params.ts';
import { retryMail } from '../../usecases/mail.ts';

const item = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  kind: r.kind,
  recipient: maskAddress(r.recipient),
  lang: r.lang,
  status: r.status,
  attempts: r.attempts,
  notBefore: r.not_before,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  failure: r.failure,
  lastError: r.last_error,
});

export const mail = new Hono<SignedInEnv>()
  .get('/', async (c) => {
    const db = c.var.db;
    const page = (
      <MailAdminPage
        ctx={pageCtx(c)}
        delivering={c.var.mail.delivering}
        hasCatcher={c.var.mail.caught !== null}
        counts={await countOutboxByStatus(db)}
        failed={(await listOutbox(db, ['failed'], 50)).map(item)}
        queue={(await listOutbox(db, ['pending', 'sending'], 50)).map(item)}
        sent={(await listOutbox(db, ['sent'], 20)).map(item)}
        subscriptions={await countSubscriptions(db)}
        failingAddresses={await countFailingAddresses(db)}
        done={c.req.query('done')}
      />
    );
    return c.render(page, { title: t(c.var.lang, 'メール送信', 'Mail') });
  })
  .get('/caught', (c) => {
    const caught = c.var.mail.caught;
    if (!caught) throw notFound(c.var.lang);
    const page = <CaughtMailPage ctx={pageCtx(c)} mails={caught.list()} />;
    return c.render(page, { title: t(c.var.lang, 'デモ：送信されたメール', 'Demo: mails sent') });
  })
  .post('/:id/retry', async (c) => {
    const id = positiveInt(c.req.param('id'));
    if (id === undefined || !(await retryMail(c.var.db, c.var.actor, id, c.var.clock.now())))
      throw notFound(c.var.lang);
    return seeOther(c, '/staff/admin/mail?done=retried');
  });
