/**
 * Turns an outbox row into the message to send: reads what its payload points at (as it is when
 * sending), renders the kind's template (views/mail) in the row's language and adds the headers.
 * A message that should no longer go (its subscription ended or was confirmed, its consultation
 * withdrawn) composes to `cancelled` instead.
 */
import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../../db/schema.ts';
import {
  confirmMail,
  digestMail,
  type MailContent,
  openedMail,
  periodEndedMail,
  receiptMail,
  resultMail,
} from '../../views/mail/messages.ts';
import { findConsultation, listDraftSections } from '../data/consultations.ts';
import {
  countCommentsReceived,
  findReceiptFacts,
  findSubscriptionById,
  listReceiptCodes,
} from '../data/mail-audience.ts';
import type { MailPayloads } from '../domain/mail.ts';
import { readCitySettingsJson } from '../data/city.ts';
import { cityFromStored, siteName } from '../lib/city.ts';
import { sectionLabels } from '../lib/sections.ts';

export type Composed =
  | { ok: true; content: MailContent; headers: Record<string, string>; fromName: string }
  | { ok: false; reason: string };

const cancelled = (reason: string): Composed => ({ ok: false, reason });

/** Builds the message of a row, with links under `baseUrl` (no trailing slash). */
export async function composeMail(db: Kysely<Database>, row: OutboxRow, baseUrl: string): Promise<Composed> {
  const url = (path: string) => `${baseUrl}${path}`;
  const lang = row.lang;
  const payload = JSON.parse(row.payload_json) as MailPayloads[typeof row.kind];
  // The city's name as its settings have it when the mail goes (never a name written in code).
  const site = siteName(cityFromStored(await readCitySettingsJson(db)), lang);
  const fromName = site;
  const plain = (content: MailContent): Composed => ({ ok: true, content, headers: {}, fromName });
  switch (row.kind) {
    case 'receipt': {
      const p = payload as MailPayloads['receipt'];
      const facts = await findReceiptFacts(db, p.commentId);
      const consultation = facts && (await findConsultation(db, facts.consultationId));
      if (!facts || !consultation) return cancelled('The comment no longer exists.');
      const labels = sectionLabels(await listDraftSections(db, consultation.id));
      return plain(
        receiptMail({
          lang,
          site,
          title: consultation.title,
          receiptCode: facts.receiptCode,
          receivedAt: facts.receivedAt,
          sectionLabels: facts.sectionIds.map((id) => labels.get(id) ?? ''),
          receiptUrl: url(`/receipts/${facts.receiptCode}`),
          closesAt: consultation.closes_at,
          notifyResult: facts.notifyResult === 1,
        }),
      );
    }
    case 'result': {
      const p = payload as MailPayloads['result'];
      const consultation = await findConsultation(db, p.consultationId);
      if (!consultation?.result_published_at) return cancelled('The result is not published.');
      const codes = await listReceiptCodes(db, p.commentIds);
      return plain(
        resultMail({
          lang,
          site,
          title: consultation.title,
          resultUrl: url(`/consultations/${consultation.id}`),
          receipts: codes.map((code) => ({ code, url: url(`/receipts/${code}`) })),
        }),
      );
    }
    case 'subscription_confirm': {
      const p = payload as MailPayloads['subscription_confirm'];
      const s = await findSubscriptionById(db, p.subscriptionId);
      if (!s || s.confirmed_at || s.unsubscribed_at)
        return cancelled('The subscription is confirmed or ended.');
      return plain(
        confirmMail({
          lang,
          site,
          department: s.department,
          confirmUrl: url(`/subscriptions/confirm/${s.confirm_token}`),
        }),
      );
    }
    case 'consultation_opened': {
      const p = payload as MailPayloads['consultation_opened'];
      const s = await findSubscriptionById(db, p.subscriptionId);
      // Nothing goes to an address that has not confirmed, or that has left.
      if (!s?.confirmed_at || s.unsubscribed_at) return cancelled('The subscription is not current.');
      const c = await findConsultation(db, p.consultationId);
      if (c?.status !== 'published' || !c.opens_at || !c.closes_at)
        return cancelled('The consultation is not published.');
      const unsubscribeUrl = url(`/subscriptions/unsubscribe/${s.unsubscribe_token}`);
      const content = openedMail({
        lang,
        site,
        title: c.title,
        summary: c.summary,
        department: c.department,
        opensAt: c.opens_at,
        closesAt: c.closes_at,
        url: url(`/consultations/${c.id}`),
        unsubscribeUrl,
      });
      // RFC 2369 and RFC 8058: mail programs offer their own one-click "unsubscribe".
      const headers = {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      };
      return { ok: true, content, headers, fromName };
    }
    case 'period_ended': {
      const p = payload as MailPayloads['period_ended'];
      const c = await findConsultation(db, p.consultationId);
      if (!c?.closes_at) return cancelled('The consultation no longer exists.');
      return plain(
        periodEndedMail({
          site,
          title: c.title,
          closesAt: c.closes_at,
          commentCount: await countCommentsReceived(db, c.id),
          reviewUrl: url(`/staff/consultations/${c.id}/review`),
        }),
      );
    }
    case 'digest': {
      const p = payload as MailPayloads['digest'];
      const c = await findConsultation(db, p.consultationId);
      if (!c) return cancelled('The consultation no longer exists.');
      const window = { since: new Date(p.since), until: new Date(p.until) };
      return plain(
        digestMail({
          site,
          title: c.title,
          since: p.since,
          until: p.until,
          newCount: await countCommentsReceived(db, c.id, window),
          totalCount: await countCommentsReceived(db, c.id),
          inboxUrl: url(`/staff/consultations/${c.id}/comments`),
        }),
      );
    }
  }
}
