/** Step 2 of the comment flow: what will be sent, to check before sending. */
import type { Consultation } from '../../../db/schema.ts';
import { t } from '../../../src/lib/i18n.ts';
import { categoryLabel } from '../../../src/lib/labels.ts';
import { type SectionRef, sectionLabels } from '../../../src/lib/sections.ts';
import { offeredCategories } from '../../../src/lib/submitter-rules.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf } from '../../partials/forms.tsx';
import { type CheckedComment, commentFieldLabels, FlowHeader } from '../CommentFlow.tsx';

export interface CommentConfirmProps {
  ctx: PageCtx;
  consultation: Consultation;
  sections: SectionRef[];
  comment: CheckedComment & { notifyResult: boolean };
  submissionKey: string;
}

/** The checked comment as the form's fields, carried in hidden inputs to the next step. */
function HiddenCopy({ comment: d }: { comment: CheckedComment & { notifyResult: boolean } }) {
  const fields: [string, string][] = [
    ...d.sectionIds.map((id): [string, string] => ['sections', String(id)]),
    ['body', d.body],
    ['submitter_kind', d.submitterKind],
    ['name', d.name],
    ['address', d.address],
    ['organisation_name', d.organisationName],
    ['representative', d.representative],
    ['category', d.category ?? ''],
    ['email', d.email],
    ['phone', d.phone],
    ['notify_result', d.notifyResult ? 'on' : ''],
    ['postal_code', d.postalCode ?? ''],
    ['consent', d.consented ? '1' : ''],
  ];
  return (
    <>
      {fields.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** Step 2: exactly what will be sent, carried in hidden fields; one key per confirmation. */
export function CommentConfirm({
  ctx,
  consultation: c,
  sections,
  comment: draft,
  submissionKey,
}: CommentConfirmProps) {
  const { lang } = ctx;
  const labels = commentFieldLabels(lang);
  const fullLabels = sectionLabels(sections);
  const hidden = (
    <>
      <Csrf token={ctx.csrfToken} />
      <HiddenCopy comment={draft} />
    </>
  );
  const rows: [string, string][] = [];
  if (draft.submitterKind === 'organisation') {
    rows.push(
      [labels.organisation_name!, draft.organisationName],
      [labels.representative!, draft.representative],
    );
  } else if (draft.submitterKind === 'individual') {
    rows.push([labels.name!, draft.name]);
  }
  if (draft.submitterKind !== 'anonymous')
    rows.push([labels.postal_code!, draft.postalCode ?? ''], [labels.address!, draft.address]);
  if (offeredCategories(c).length > 0)
    rows.push([labels.category!, draft.category ? categoryLabel(draft.category, lang) : '']);
  if (draft.submitterKind !== 'anonymous')
    rows.push([labels.email!, draft.email], [labels.phone!, draft.phone]);
  if (draft.email)
    rows.push([
      t(lang, '結果公表のお知らせ', 'Mail when the result is out'),
      draft.notifyResult ? t(lang, 'メールで受け取る', 'Yes') : t(lang, '受け取らない', 'No'),
    ]);
  return (
    <div id="comment-flow">
      <FlowHeader ctx={ctx} c={c} step={2} />
      <p>
        {t(
          lang,
          'まだ送信されていません。内容を確認し、よろしければ「この内容で送信する」を押してください。',
          'Not sent yet. Check your comment and press “Send this comment”.',
        )}
      </p>
      <h2>{labels.sections}</h2>
      <ul>
        {draft.sectionIds.length === 0 ? (
          <li>{t(lang, '案全体について', 'The draft as a whole')}</li>
        ) : (
          draft.sectionIds.map((id) => <li>{fullLabels.get(id)}</li>)
        )}
      </ul>
      <h2>{labels.body}</h2>
      <div class="quote">{draft.body}</div>
      <h2>{t(lang, '提出者', 'Submitter')}</h2>
      {draft.submitterKind === 'anonymous' ? <p>{t(lang, '匿名', 'Anonymous')}</p> : null}
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td>{v || t(lang, '（未入力）', '(not given)')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.require_consent ? (
        <p>
          {labels.consent}：{t(lang, '同意する', 'Given')}
        </p>
      ) : null}
      <p class="hint">
        {t(
          lang,
          '※ 氏名・住所・連絡先は公表しません。',
          'Your name, address and contact details are not published.',
        )}
      </p>
      <div class="actions">
        <form
          method="post"
          action={`/consultations/${c.id}/comment/submit`}
          hx-post={`/consultations/${c.id}/comment/submit`}
          hx-target="#comment-flow"
          hx-swap="outerHTML show:top"
          hx-disable="find button"
        >
          {hidden}
          <input type="hidden" name="submission_key" value={submissionKey} />
          <button type="submit">{t(lang, 'この内容で送信する', 'Send this comment')}</button>
        </form>
        <form
          method="post"
          action={`/consultations/${c.id}/comment/edit`}
          hx-post={`/consultations/${c.id}/comment/edit`}
          hx-target="#comment-flow"
          hx-swap="outerHTML show:top"
        >
          {hidden}
          <button type="submit" class="button-secondary">
            {t(lang, '入力画面に戻って修正する', 'Go back and edit')}
          </button>
        </form>
      </div>
    </div>
  );
}
