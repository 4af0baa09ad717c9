/**
 * Mail for administrators (/staff/admin/mail): whether mail is delivered, the queue, failures
 * with their reason and a retry button, what was sent lately, and how many subscribe. Addresses
 * are shown masked (t***@example.jp); subscribers' addresses are never listed. In the demo,
 * /staff/admin/mail/caught shows every mail the demo's catcher received.
 */
import type { MailFailure, MailKind, MailStatus } from '../../../db/schema.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, Notice } from '../../partials/forms.tsx';

export interface OutboxItem {
  id: number;
  kind: MailKind;
  /** Masked. */
  recipient: string;
  lang: 'ja' | 'en';
  status: MailStatus;
  attempts: number;
  notBefore: string;
  createdAt: string;
  sentAt: string | null;
  failure: MailFailure | null;
  lastError: string;
}

export interface MailAdminProps {
  ctx: PageCtx;
  delivering: boolean;
  hasCatcher: boolean;
  counts: Record<MailStatus, number>;
  queue: OutboxItem[];
  failed: OutboxItem[];
  sent: OutboxItem[];
  subscriptions: { confirmed: number; unconfirmed: number };
  failingAddresses: number;
  done?: string;
}

const KINDS: Record<MailKind, [string, string]> = {
  receipt: ['受付の控え', 'Receipt'],
  result: ['結果公表のお知らせ', 'Result published'],
  subscription_confirm: ['配信登録の確認', 'Subscription confirmation'],
  consultation_opened: ['新しい意見募集', 'New consultation'],
  period_ended: ['募集終了（担当課）', 'Period ended (department)'],
  digest: ['新着意見（担当課、毎日）', 'Daily digest (department)'],
};

const FAILURES: Record<MailFailure, [string, string]> = {
  gave_up: ['再送の上限に達しました', 'Gave up after the last try'],
  rejected: ['受信側がメールを拒否しました', 'The server refused the message'],
  bounced: ['宛先が存在しない等で拒否されました（宛先を停止）', 'The address was refused (marked failing)'],
  uncertain: [
    '送信中に接続が切れました。届いたか不明なため自動では再送しません',
    'The connection broke after the content was sent: it may have arrived, so it is not resent automatically',
  ],
  interrupted: [
    '送信中にKoeが停止しました。届いたか不明なため自動では再送しません',
    'Koe stopped while sending: it may have arrived, so it is not resent automatically',
  ],
  address_failing: ['以前に拒否された宛先のため送っていません', 'Not sent: the address was refused before'],
  invalid: ['メールを作成できませんでした', 'The message could not be made'],
  cancelled: [
    '不要になったため送っていません（登録解除など）',
    'No longer needed (unsubscribed, withdrawn …)',
  ],
};

export const mailKindLabel = (k: MailKind, lang: Lang) => t(lang, ...KINDS[k]);

function Table({ ctx, items, retry }: { ctx: PageCtx; items: OutboxItem[]; retry?: boolean }) {
  const { lang } = ctx;
  if (items.length === 0) return <p>{t(lang, 'ありません。', 'None.')}</p>;
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">{t(lang, '種類', 'Kind')}</th>
            <th scope="col">{t(lang, '宛先', 'To')}</th>
            <th scope="col">{t(lang, '作成', 'Queued')}</th>
            <th scope="col">{t(lang, '試行', 'Tries')}</th>
            <th scope="col">{t(lang, '状況', 'State')}</th>
            {retry ? <th scope="col">{t(lang, '操作', 'Action')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr>
              <td>{m.id}</td>
              <td>
                {mailKindLabel(m.kind, lang)}
                {m.lang === 'en' ? ' (English)' : ''}
              </td>
              <td>{m.recipient}</td>
              <td>{formatDateTime(m.createdAt, lang)}</td>
              <td>{m.attempts}</td>
              <td>
                <State ctx={ctx} m={m} />
              </td>
              {retry ? (
                <td>
                  <form method="post" action={`/staff/admin/mail/${m.id}/retry`} class="inline-form">
                    <Csrf token={ctx.csrfToken} />
                    <button type="submit" class="button-secondary">
                      {t(lang, '再送する', 'Retry')}
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The server's last answer (or what went wrong), under the state. */
const LastError = ({ text }: { text: string }) =>
  text ? (
    <>
      <br />
      <code>{text}</code>
    </>
  ) : null;

function State({ ctx, m }: { ctx: PageCtx; m: OutboxItem }) {
  const { lang } = ctx;
  if (m.status === 'sent')
    return <>{`${t(lang, '送信済み', 'Sent')} ${formatDateTime(m.sentAt ?? '', lang)}`}</>;
  if (m.status === 'sending') return <>{t(lang, '送信中', 'Sending')}</>;
  if (m.status === 'failed')
    return (
      <>
        <strong>{m.failure ? t(lang, ...FAILURES[m.failure]) : t(lang, '失敗', 'Failed')}</strong>
        <LastError text={m.lastError} />
      </>
    );
  return (
    <>
      {m.attempts > 0
        ? t(
            lang,
            `再送待ち（${formatDateTime(m.notBefore, lang)}以降）`,
            `To retry after ${formatDateTime(m.notBefore, lang)}`,
          )
        : t(lang, '送信待ち', 'Waiting')}
      <LastError text={m.lastError} />
    </>
  );
}

export function MailAdminPage(p: MailAdminProps) {
  const { ctx } = p;
  const { lang } = ctx;
  return (
    <>
      <p class="breadcrumb">
        <a href="/staff/admin">{t(lang, 'システム管理', 'Administration')}</a>
      </p>
      <h1>{t(lang, 'メール送信', 'Mail')}</h1>
      {p.done === 'retried' ? (
        <Notice kind="success">
          <p>{t(lang, '送信待ちに戻しました。', 'The message is queued again.')}</p>
        </Notice>
      ) : null}
      {p.hasCatcher ? (
        <p>
          {t(
            lang,
            'デモ：メールは内蔵の受信サーバーに送られ、外部には送信されません。',
            'Demo: mail goes to a built-in mail server and never leaves this machine.',
          )}
        </p>
      ) : p.delivering ? (
        <p>
          {t(
            lang,
            '送信先のメールサーバー（KOE_SMTP_URL）が設定されています。送信待ちのメールは数秒以内に送られます。',
            'An SMTP server (KOE_SMTP_URL) is configured: queued mail goes out within seconds.',
          )}
        </p>
      ) : (
        <Notice kind="warning">
          <p>
            <strong>{t(lang, 'メールは送信されていません。', 'Mail is not being sent.')}</strong>{' '}
            {t(
              lang,
              'KOE_SMTP_URL と KOE_MAIL_FROM が設定されていないため、メールは送信待ちのまま保存されています。設定してKoeを再起動すると、たまったメールから順に送信されます。',
              'KOE_SMTP_URL and KOE_MAIL_FROM are not set, so mail is kept in the outbox. Set them and restart Koe: the waiting mail is then sent, oldest first.',
            )}
          </p>
        </Notice>
      )}
      {p.hasCatcher ? (
        <p>
          <a href="/staff/admin/mail/caught">
            {t(lang, 'デモ：送信されたメールを見る', 'Demo: read the mails that were sent')}
          </a>
        </p>
      ) : null}
      <dl class="meta">
        <dt>{t(lang, '送信待ち', 'Waiting')}</dt>
        <dd>{p.counts.pending + p.counts.sending}</dd>
        <dt>{t(lang, '送信済み', 'Sent')}</dt>
        <dd>{p.counts.sent}</dd>
        <dt>{t(lang, '失敗', 'Failed')}</dt>
        <dd>{p.counts.failed}</dd>
        <dt>{t(lang, '配信登録（確認済み／未確認）', 'Subscriptions (confirmed / unconfirmed)')}</dt>
        <dd>{`${p.subscriptions.confirmed} / ${p.subscriptions.unconfirmed}`}</dd>
        <dt>{t(lang, '拒否された宛先', 'Addresses refused')}</dt>
        <dd>{p.failingAddresses}</dd>
      </dl>
      <p class="hint">
        {t(
          lang,
          '宛先は一部を伏せて表示します。配信登録者のアドレスは、この画面にも出力にも表示しません。',
          'Addresses are shown in part only. Subscribers’ addresses are never listed, here or in any export.',
        )}
      </p>
      <h2>{t(lang, '失敗したメール', 'Failed')}</h2>
      <Table ctx={ctx} items={p.failed} retry />
      <h2>{t(lang, '送信待ち', 'Queue')}</h2>
      <Table ctx={ctx} items={p.queue} />
      <h2>{t(lang, '最近送信したメール', 'Recently sent')}</h2>
      <Table ctx={ctx} items={p.sent} />
    </>
  );
}

/** A mail as the demo's catcher received it. */
export interface CaughtMailItem {
  receivedAt: string;
  envelopeTo: string[];
  from: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export function CaughtMailPage({ ctx, mails }: { ctx: PageCtx; mails: CaughtMailItem[] }) {
  const { lang } = ctx;
  return (
    <>
      <p class="breadcrumb">
        <a href="/staff/admin/mail">{t(lang, 'メール送信', 'Mail')}</a>
      </p>
      <h1>{t(lang, 'デモ：送信されたメール', 'Demo: mails sent')}</h1>
      <p>
        {t(
          lang,
          'デモでは、Koeが送ったメールを内蔵のメールサーバーが受け取り、ここに表示します（新しい順、最大500通）。外部には送信されません。',
          'In the demo a built-in mail server receives what Koe sends and shows it here (newest first, up to 500). Nothing leaves this machine.',
        )}
      </p>
      {mails.length === 0 ? <p>{t(lang, 'まだありません。', 'None yet.')}</p> : null}
      {mails.map((m, i) => (
        <section class="caught-mail" aria-labelledby={`mail-${i}`}>
          <h2 id={`mail-${i}`}>{m.subject}</h2>
          <dl class="meta">
            <dt>{t(lang, '受信', 'Received')}</dt>
            <dd>{formatDateTime(m.receivedAt, lang)}</dd>
            <dt>From</dt>
            <dd>{m.from}</dd>
            <dt>To</dt>
            <dd>{m.envelopeTo.join(', ')}</dd>
            {m.headers['list-unsubscribe'] ? (
              <>
                <dt>List-Unsubscribe</dt>
                <dd>
                  <code>{m.headers['list-unsubscribe']}</code>
                </dd>
              </>
            ) : null}
          </dl>
          <pre class="mail-text">{m.text}</pre>
        </section>
      ))}
    </>
  );
}
