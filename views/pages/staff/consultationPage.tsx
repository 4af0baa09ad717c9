import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Consultation, Section } from '../../../db/schema.ts';
import type { DocumentItem } from '../../partials/documents/types.ts';
import type { Phase } from '../../../src/domain/lifecycle.ts';
import { formatBytes } from '../../../src/lib/format.ts';
import { t } from '../../../src/lib/i18n.ts';
import { renderMarkdown } from '../../../src/lib/markdown.ts';
import { ownLabel, sectionLabels } from '../../../src/lib/sections.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, Notice } from '../../partials/forms.tsx';
import { Period, PhaseBadge } from '../../partials/period.tsx';
import { BackLink, DateTime } from '../../partials/staff/fields.tsx';

export interface CorrectionListItem {
  id: number;
  at: string;
  note: string;
  section_id: number;
  number: string;
  heading: string;
}

const NOTICES: Record<string, [ja: string, en: string]> = {
  created: [
    '意見募集を作成しました。次に案文を取り込んでください。',
    'Consultation created. Now import the draft.',
  ],
  saved: ['保存しました。', 'Saved.'],
  imported: ['案文を節に分けて保存しました。', 'The draft sections were saved.'],
  section_saved: ['節を保存しました。', 'The section was saved.'],
  section_deleted: ['節を削除しました。', 'The section was deleted.'],
  moved: ['節の順番を変更しました。', 'The section was moved.'],
  corrected: ['訂正（正誤）を記録しました。', 'The correction was recorded.'],
  uploaded: ['資料を追加しました。', 'The document was added.'],
  renamed: ['資料名を変更しました。', 'The document was renamed.'],
  document_deleted: ['資料を削除しました。', 'The document was deleted.'],
  published: ['公表しました。', 'Published.'],
  withdrawn: ['意見募集を中止しました。', 'The consultation was withdrawn.'],
};

export interface ConsultationStaffPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  phase: Phase;
  sections: Section[];
  documents: DocumentItem[];
  corrections: CorrectionListItem[];
  commentCount: number;
  /** What was just done (`?notice=` after a redirect); an unknown word shows nothing. */
  notice?: string;
}

/** A chapter is an h3, anything below it an h4, so the outline reads as the draft does. */
function SectionHeading({ level, children }: { level: number; children: Child }) {
  return level <= 1 ? <h3>{children}</h3> : <h4>{children}</h4>;
}

/** The staff page of one consultation: its state, the draft's sections, documents, actions. */
export function ConsultationStaffPage({
  ctx,
  consultation: c,
  phase,
  sections,
  documents,
  corrections,
  commentCount,
  notice,
}: ConsultationStaffPageProps) {
  const { lang } = ctx;
  const said = notice ? NOTICES[notice] : undefined;
  const labels = sectionLabels(sections);
  const base = `/staff/consultations/${c.id}`;
  const draft = c.status === 'draft';
  return (
    <>
      <BackLink href="/staff" label={t(lang, '職員トップ', 'Staff home')} />
      <h1>{c.title}</h1>
      <PhaseBadge phase={phase} lang={lang} c={c} now={ctx.now} />
      {said ? <Notice kind="success">{t(lang, said[0], said[1])}</Notice> : null}
      {c.status === 'withdrawn' ? (
        <Notice kind="warning">
          {t(lang, '中止しました。理由：', 'Withdrawn. Reason: ')}
          {c.withdrawal_reason}
        </Notice>
      ) : null}

      <dl class="meta">
        <dt>{t(lang, '担当課', 'Department')}</dt>
        <dd>{c.department || t(lang, '（未入力）', '(not set)')}</dd>
        <dt>{t(lang, '募集期間', 'Period')}</dt>
        <dd>
          <Period c={c} lang={lang} />
          {c.closes_at ? (
            <span class="hint">
              {' '}
              {t(lang, '締切：', 'closes: ')}
              <DateTime at={c.closes_at} lang={lang} />
            </span>
          ) : null}
        </dd>
        {c.short_period_reason ? (
          <>
            <dt>{t(lang, '期間が30日未満の理由', 'Reason for a short period')}</dt>
            <dd>{c.short_period_reason}</dd>
          </>
        ) : null}
        {c.published_at ? (
          <>
            <dt>{t(lang, '公表日時', 'Published')}</dt>
            <dd>
              <DateTime at={c.published_at} lang={lang} />
            </dd>
          </>
        ) : null}
        <dt>{t(lang, '受け付けた意見', 'Comments received')}</dt>
        <dd>{t(lang, `${commentCount}件`, String(commentCount))}</dd>
      </dl>

      <nav aria-label={t(lang, 'この案件の操作', 'Actions for this consultation')}>
        <ul class="actions staff-actions">
          {c.status === 'withdrawn' ? null : (
            <li>
              <a href={`${base}/edit`}>{t(lang, '基本情報を編集', 'Edit details')}</a>
            </li>
          )}
          {draft ? (
            <>
              <li>
                <a href={`${base}/preview`}>{t(lang, '公開ページをプレビュー', 'Preview the public page')}</a>
              </li>
              <li>
                <a class="button" href={`${base}/publish`}>
                  {t(lang, '公表する', 'Publish')}
                </a>
              </li>
            </>
          ) : null}
          {c.status === 'published' ? (
            <>
              <li>
                <a href={`/consultations/${c.id}`}>{t(lang, '公開ページを見る', 'View the public page')}</a>
              </li>
              <li>
                <a href={`${base}/comments`}>{t(lang, '受け付けた意見', 'Comments inbox')}</a>
              </li>
              <li>
                <a href={`${base}/review`}>{t(lang, '意見の整理・結果', 'Review and result')}</a>
              </li>
              {c.result_published_at ? null : (
                <li>
                  <a href={`${base}/withdraw`}>{t(lang, '中止する', 'Withdraw')}</a>
                </li>
              )}
            </>
          ) : null}
          <li>
            <a href={`/staff/consultations/new?from=${c.id}`}>
              {t(lang, 'この案件をもとに新しく作成', 'Start a new one from this')}
            </a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="h-sections">
        <h2 id="h-sections">
          {t(lang, '案の本文（節）', 'Draft sections')}
          <span class="count">{t(lang, `（${sections.length}件）`, ` (${sections.length})`)}</span>
        </h2>
        {draft ? (
          <div class="actions">
            <a href={`${base}/draft`}>
              {t(lang, '案文を貼り付け・ファイルから取り込む', 'Import draft text or a file')}
            </a>
            <a href={`${base}/sections/new`}>{t(lang, '節を追加', 'Add a section')}</a>
          </div>
        ) : (
          <p class="hint">
            {t(
              lang,
              '公表後は案文を直接編集できません。誤りは「正誤」で訂正し、訂正の記録が公表されます。',
              'After publishing the draft cannot be edited. Fix mistakes with a correction (正誤), which is shown publicly.',
            )}
          </p>
        )}
        {sections.length === 0 ? (
          <p class="empty">
            {t(
              lang,
              'まだ節がありません。案文を取り込むか、節を追加してください。',
              'No sections yet. Import the draft text or add a section.',
            )}
          </p>
        ) : (
          <ol class="staff-sections">
            {sections.map((s, i) => (
              <li class={`staff-section level-${s.level}`} id={`s-${s.id}`}>
                <SectionHeading level={s.level}>
                  {s.number ? <span class="section-number">{s.number}</span> : null}
                  {s.heading}
                  <span class="hint">{t(lang, `（階層${s.level}）`, ` (level ${s.level})`)}</span>
                </SectionHeading>
                <details>
                  <summary>{t(lang, '本文を表示', 'Show text')}</summary>
                  <div class="section-body">{raw(renderMarkdown(s.body_md))}</div>
                </details>
                <div class="actions">
                  {draft ? (
                    <>
                      <a href={`${base}/sections/${s.id}/edit`}>
                        {t(lang, '編集', 'Edit')}
                        <span class="visually-hidden">: {labels.get(s.id)}</span>
                      </a>
                      <form method="post" action={`${base}/sections/${s.id}/move`} class="inline-form">
                        <Csrf token={ctx.csrfToken} />
                        <input type="hidden" name="direction" value="up" />
                        <button type="submit" class="button-secondary" disabled={i === 0}>
                          {t(lang, '↑ 上へ', '↑ Up')}
                          <span class="visually-hidden">: {labels.get(s.id)}</span>
                        </button>
                      </form>
                      <form method="post" action={`${base}/sections/${s.id}/move`} class="inline-form">
                        <Csrf token={ctx.csrfToken} />
                        <input type="hidden" name="direction" value="down" />
                        <button type="submit" class="button-secondary" disabled={i === sections.length - 1}>
                          {t(lang, '↓ 下へ', '↓ Down')}
                          <span class="visually-hidden">: {labels.get(s.id)}</span>
                        </button>
                      </form>
                      <a class="button-secondary" href={`${base}/sections/${s.id}/delete`}>
                        {t(lang, '削除', 'Delete')}
                        <span class="visually-hidden">: {labels.get(s.id)}</span>
                      </a>
                    </>
                  ) : c.status === 'published' ? (
                    <a href={`${base}/sections/${s.id}/correct`}>
                      {t(lang, '正誤（訂正）', 'Correct')}
                      <span class="visually-hidden">: {labels.get(s.id)}</span>
                    </a>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      {corrections.length > 0 ? (
        <section aria-labelledby="h-corrections">
          <h2 id="h-corrections">{t(lang, '正誤の記録', 'Corrections')}</h2>
          <ul>
            {corrections.map((k) => (
              <li>
                <DateTime at={k.at} lang={lang} /> {labels.get(k.section_id) ?? ownLabel(k)}：{k.note}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="h-documents" id="documents">
        <h2 id="h-documents">
          {t(lang, '関連資料', 'Related documents')}
          <span class="count">{t(lang, `（${documents.length}件）`, ` (${documents.length})`)}</span>
        </h2>
        {draft ? null : (
          <p class="hint">
            {t(
              lang,
              '公表後は資料の追加と名前の変更のみできます（削除はできません）。',
              'After publishing documents can only be added or renamed, not deleted.',
            )}
          </p>
        )}
        {documents.length === 0 ? (
          <p class="empty">{t(lang, '資料はありません。', 'No documents.')}</p>
        ) : (
          <ul class="staff-documents">
            {documents.map((d) => (
              <li>
                <a href={`${base}/documents/${d.id}`}>{d.title}</a>{' '}
                <span class="hint">
                  （{d.filename}、{formatBytes(d.size, lang)}）
                </span>{' '}
                <a href={`${base}/documents/${d.id}/edit`}>
                  {t(lang, '名前を変更', 'Rename')}
                  <span class="visually-hidden">: {d.title}</span>
                </a>
                {draft ? (
                  <>
                    {' '}
                    <a href={`${base}/documents/${d.id}/delete`}>
                      {t(lang, '削除', 'Delete')}
                      <span class="visually-hidden">: {d.title}</span>
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {c.status === 'withdrawn' ? null : (
          <p>
            <a href={`${base}/documents/new`}>{t(lang, '資料を追加', 'Add a document')}</a>
          </p>
        )}
      </section>
    </>
  );
}
