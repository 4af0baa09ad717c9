import type { Comment, Consultation, HiddenReason, ModerationAction } from '../../../../db/schema.ts';
import { HIDDEN_REASONS } from '../../../../db/schema.ts';
import { commentsPath } from '../../../../src/lib/comments.ts';
import { formatReceiptCode } from '../../../../src/lib/format.ts';
import { type Lang, t } from '../../../../src/lib/i18n.ts';
import { hiddenReasonLabel, submitterKindLabel } from '../../../../src/lib/labels.ts';
import { formatDateTime } from '../../../../src/lib/time.ts';
import type { PageCtx } from '../../../context.ts';
import { Csrf, FieldError, type FieldErrors, invalidAttrs, Notice } from '../../../partials/forms.tsx';
import {
  CommentsHeader,
  categoryText,
  channelText,
  redactionKindLabel,
  StatusBadge,
} from '../../../partials/staff/comments/common.tsx';

function actionLabel(a: ModerationAction, lang: Lang): string {
  const labels: Record<ModerationAction, [string, string]> = {
    hide: ['非表示にした', 'Hidden'],
    unhide: ['表示に戻した', 'Shown again'],
    redact: ['一部を削除して公開', 'Redacted'],
    unredact: ['削除を取り消した', 'Redaction removed'],
    group: ['グループに入れた', 'Grouped'],
    ungroup: ['グループから外した', 'Ungrouped'],
    exclude: ['対象外にした', 'Excluded'],
    include: ['対象に戻した', 'Included'],
  };
  const [ja, en] = labels[a];
  return t(lang, ja, en);
}

function reasonText(reason: string, lang: Lang): string {
  if ((HIDDEN_REASONS as readonly string[]).includes(reason))
    return hiddenReasonLabel(reason as HiddenReason, lang);
  return reason
    .split(',')
    .filter(Boolean)
    .map((k) => redactionKindLabel(k, lang))
    .join(t(lang, '、', ', '));
}

/** One comment with everything its staff page shows, personal data included. */
export interface StaffCommentView {
  comment: Comment;
  /** The names of the sections it points at; none means the whole draft. */
  sections: string[];
  enteredBy: string | null;
  hiddenBy: string | null;
  importBatch: { filename: string; created_at: string } | null;
  events: { action: ModerationAction; reason: string; note: string; at: string; by: string }[];
}

export interface CommentPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  data: StaffCommentView;
  /** Just entered on paper: show the receipt code to send back. */
  entered: boolean;
  hideForm?: { reason: string; note: string };
  errors?: FieldErrors;
}

/** One comment, as only staff see it: the original text and the submitter's details. */
export function CommentPage({
  ctx,
  consultation: c,
  data,
  entered,
  hideForm,
  errors = {},
}: CommentPageProps) {
  const { lang } = ctx;
  const { comment: m } = data;
  const code = formatReceiptCode(m.receipt_code);
  const status = m.hidden_at ? 'hidden' : m.body_redacted !== null ? 'redacted' : 'received';
  const dash = t(lang, '（記載なし）', '(not given)');
  return (
    <>
      <CommentsHeader
        ctx={ctx}
        consultation={c}
        title={t(lang, `意見 ${code}`, `Comment ${code}`)}
        tab="none"
      />
      {entered ? (
        <Notice kind="success">
          <p>
            {t(lang, '意見を登録しました。受付番号：', 'The comment was entered. Receipt code: ')}
            <strong class="receipt-code">{code}</strong>
          </p>
          <p>
            {t(
              lang,
              '提出者に連絡先がある場合は、この受付番号を控えとしてお知らせください。',
              'If the submitter can be contacted, send them this receipt code.',
            )}{' '}
            <a href={`/receipts/${m.receipt_code}`}>
              {t(lang, '印刷用の控えを開く', 'Open the printable receipt')}
            </a>
          </p>
        </Notice>
      ) : null}
      <p>
        <StatusBadge status={status} lang={lang} />
      </p>
      <dl class="meta">
        <dt>{t(lang, '受付番号', 'Receipt code')}</dt>
        <dd>
          {code} (<a href={`/receipts/${m.receipt_code}`}>{t(lang, '控え', 'receipt')}</a>)
        </dd>
        <dt>{t(lang, '受付日時', 'Received')}</dt>
        <dd>{formatDateTime(m.received_at, lang)}</dd>
        <dt>{t(lang, '提出方法', 'Channel')}</dt>
        <dd>{channelText(m.channel, lang)}</dd>
        <dt>{t(lang, '該当箇所', 'Sections')}</dt>
        <dd>
          {data.sections.length === 0
            ? t(lang, '案全体', 'Whole draft')
            : data.sections.join(t(lang, '、', '; '))}
        </dd>
        <dt>{t(lang, '入力した職員', 'Entered by')}</dt>
        <dd>
          {data.enteredBy ??
            t(lang, '（本人がWebフォームから送信）', '(sent by the citizen on the web form)')}
        </dd>
        {data.importBatch ? (
          <>
            <dt>{t(lang, '取り込み元', 'Imported from')}</dt>
            <dd>
              {data.importBatch.filename}（{formatDateTime(data.importBatch.created_at, lang)}）
            </dd>
          </>
        ) : null}
        <dt>{t(lang, '登録日時', 'Stored')}</dt>
        <dd>{formatDateTime(m.created_at, lang)}</dd>
      </dl>

      <h2>{t(lang, '意見（原文）', 'Comment (original)')}</h2>
      <div class="quote">{m.body}</div>

      {m.body_redacted !== null ? (
        <>
          <h2>{t(lang, '公開する文（一部削除済み）', 'Published text (redacted)')}</h2>
          <div class="quote">{m.body_redacted}</div>
        </>
      ) : null}
      <p>
        <a class="button-secondary" href={commentsPath(c.id, `/${m.id}/redact`)}>
          {t(lang, '個人情報などを削除して公開する', 'Redact personal data')}
        </a>
      </p>

      <h2>{t(lang, '提出者（職員のみ閲覧可）', 'Submitter (staff only)')}</h2>
      <p class="hint">
        {t(
          lang,
          '個人情報です。公開・審議会資料・書き出しには含まれません。',
          'Personal data: never published, shown to the council or exported.',
        )}
      </p>
      <dl class="meta">
        <dt>{t(lang, '提出者の種類', 'Submitter')}</dt>
        <dd>{submitterKindLabel(m.submitter_kind, lang)}</dd>
        <dt>{t(lang, '氏名', 'Name')}</dt>
        <dd>{m.name || dash}</dd>
        <dt>{t(lang, '団体・事業者の名称', 'Organisation')}</dt>
        <dd>{m.organisation_name || dash}</dd>
        <dt>{t(lang, '代表者', 'Representative')}</dt>
        <dd>{m.representative || dash}</dd>
        <dt>{t(lang, '郵便番号', 'Postal code')}</dt>
        <dd>{m.postal_code || dash}</dd>
        <dt>{t(lang, '住所・所在地', 'Address')}</dt>
        <dd>{m.address || dash}</dd>
        <dt>{t(lang, '区分', 'Category')}</dt>
        <dd>{categoryText(m.category, lang)}</dd>
        <dt>{t(lang, 'メールアドレス', 'Email')}</dt>
        <dd>{m.email || dash}</dd>
        <dt>{t(lang, '電話番号', 'Phone')}</dt>
        <dd>{m.phone || dash}</dd>
        {m.consented ? (
          <>
            <dt>{t(lang, '個人情報の取扱い', 'Personal data')}</dt>
            <dd>{t(lang, '同意して提出', 'Consent given with the comment')}</dd>
          </>
        ) : null}
      </dl>

      <h2 id="moderation">{t(lang, '表示・非表示', 'Show or hide')}</h2>
      {m.hidden_at ? (
        <>
          <p>
            {t(lang, '非表示にしています。理由：', 'Hidden. Reason: ')}
            {m.hidden_reason ? hiddenReasonLabel(m.hidden_reason, lang) : ''}
            {m.hidden_note ? `（${m.hidden_note}）` : ''}
            {data.hiddenBy ? t(lang, ` ／ ${data.hiddenBy}`, ` / by ${data.hiddenBy}`) : ''}
          </p>
          <form method="post" action={commentsPath(c.id, `/${m.id}/unhide`)}>
            <Csrf token={ctx.csrfToken} />
            <div class="field">
              <label for="f-unhide-note">
                {t(lang, 'メモ', 'Note')}
                <span class="opt">{t(lang, '任意', 'optional')}</span>
              </label>
              <input
                type="text"
                id="f-unhide-note"
                name="note"
                {...invalidAttrs('f-unhide-note', errors, 'note')}
              />
              <FieldError id="f-unhide-note" errors={errors} name="note" />
            </div>
            <button type="submit">{t(lang, '表示に戻す', 'Show again')}</button>
          </form>
        </>
      ) : (
        <form method="post" action={commentsPath(c.id, `/${m.id}/hide`)}>
          <Csrf token={ctx.csrfToken} />
          <p class="hint">
            {t(
              lang,
              '非表示にしても原文は削除されず、記録に残ります。公開ページと審議会資料に表示されなくなります。',
              'Hiding never deletes the original; it stays on record. The comment no longer appears publicly or in council papers.',
            )}
          </p>
          <div class="field">
            <label for="f-reason">{t(lang, '理由', 'Reason')}</label>
            <FieldError id="f-reason" errors={errors} name="reason" />
            <select id="f-reason" name="reason" required {...invalidAttrs('f-reason', errors, 'reason')}>
              <option value="">{t(lang, '選んでください', 'Choose one')}</option>
              {HIDDEN_REASONS.map((r) => (
                <option value={r} selected={hideForm?.reason === r}>
                  {hiddenReasonLabel(r, lang)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-note">
              {t(lang, 'メモ', 'Note')}
              <span class="opt">{t(lang, '任意', 'optional')}</span>
            </label>
            <FieldError id="f-note" errors={errors} name="note" />
            <textarea id="f-note" name="note" class="short" {...invalidAttrs('f-note', errors, 'note')}>
              {hideForm?.note ?? ''}
            </textarea>
          </div>
          <button type="submit">{t(lang, '非表示にする', 'Hide')}</button>
        </form>
      )}

      <h2>{t(lang, '対応の記録', 'Moderation history')}</h2>
      {data.events.length === 0 ? (
        <p>{t(lang, '記録はありません。', 'Nothing yet.')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, '日時', 'When')}</th>
              <th scope="col">{t(lang, '対応', 'Action')}</th>
              <th scope="col">{t(lang, '理由', 'Reason')}</th>
              <th scope="col">{t(lang, 'メモ', 'Note')}</th>
              <th scope="col">{t(lang, '職員', 'Staff')}</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((e) => (
              <tr>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>{actionLabel(e.action, lang)}</td>
                <td>{reasonText(e.reason, lang)}</td>
                <td>
                  {e.action === 'redact' || e.action === 'unredact'
                    ? t(lang, `${e.note}箇所`, `${e.note} spans`)
                    : e.note}
                </td>
                <td>{e.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={commentsPath(c.id)}>{t(lang, '« 意見の一覧へ戻る', '« Back to all comments')}</a>
      </p>
    </>
  );
}
