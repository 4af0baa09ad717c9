/** The final text, section by section, with the differences from the draft. */
import type { SectionChange } from '../../../../db/published-result.ts';
import type { Consultation } from '../../../../db/schema.ts';
import { reviewBase } from '../../../../src/lib/review-paths.ts';
import { t } from '../../../../src/lib/i18n.ts';
import type { PageCtx } from '../../../context.ts';
import { Csrf, FieldError, type FieldErrors, invalidAttrs } from '../../../partials/forms.tsx';
import { SectionChanges } from '../../../partials/result/Diff.tsx';
import { NoticeFor, ReviewNav } from './shared.tsx';

/** A section of the final text as its form shows it. */
export interface FinalSectionItem {
  id: number;
  /** Its full label in the draft (or in the final text, for an added one). */
  label: string;
  inDraft: boolean;
  heading: string;
  body: string;
  removed: boolean;
}

export interface FinalPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  sections: FinalSectionItem[];
  changes: SectionChange[];
  errors: FieldErrors;
  errorFor?: number | 'new';
  values: Record<string, string>;
  notice?: string;
  frozen: boolean;
}

export function FinalPage({
  ctx,
  consultation,
  sections,
  changes,
  errors,
  errorFor,
  values,
  notice,
  frozen,
}: FinalPageProps) {
  const { lang } = ctx;
  const b = reviewBase(consultation.id);
  return (
    <div id="workspace">
      <h1>
        {t(lang, '最終案と修正箇所', 'Final text and changes')}
        <span class="subtitle">{consultation.title}</span>
      </h1>
      <ReviewNav consultation={consultation} lang={lang} current="final" />
      <NoticeFor code={notice} lang={lang} />
      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">{t(lang, '案からの修正箇所', 'Changes from the draft')}</h2>
        <SectionChanges changes={changes} lang={lang} />
      </section>
      {frozen ? null : (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t(lang, '最終案の編集', 'Edit the final text')}</h2>
          {sections.map((s) => {
            const mine = errorFor === s.id;
            const err = mine ? errors : {};
            const id = `s-${s.id}`;
            return (
              <form
                method="post"
                action={`${b}/final/sections/${s.id}`}
                class="stack final-section"
                id={id}
                novalidate
              >
                <Csrf token={ctx.csrfToken} />
                <h3>
                  {s.label}
                  {s.inDraft ? '' : t(lang, '（最終案で追加）', ' (added in the final text)')}
                </h3>
                <div class="field">
                  <label for={`${id}-heading`}>{t(lang, '見出し', 'Heading')}</label>
                  <input
                    id={`${id}-heading`}
                    name="heading"
                    type="text"
                    value={mine ? (values.heading ?? '') : s.heading}
                    {...invalidAttrs(`${id}-heading`, err, 'heading')}
                  />
                  <FieldError id={`${id}-heading`} errors={err} name="heading" />
                </div>
                <div class="field">
                  <label for={`${id}-body`}>{t(lang, '本文', 'Text')}</label>
                  <textarea
                    id={`${id}-body`}
                    name="body"
                    rows={6}
                    {...invalidAttrs(`${id}-body`, err, 'body')}
                  >
                    {mine ? (values.body ?? '') : s.body}
                  </textarea>
                  <FieldError id={`${id}-body`} errors={err} name="body" />
                </div>
                <label class="check">
                  <input type="checkbox" name="removed" value="1" checked={s.removed} />{' '}
                  {t(lang, '最終案ではこの項目を削除する', 'Remove this section from the final text')}
                </label>
                <button type="submit" class="button">
                  {t(lang, 'この項目を保存', 'Save this section')}
                </button>
              </form>
            );
          })}
          <form
            method="post"
            action={`${b}/final/sections`}
            class="stack final-section"
            id="s-new"
            novalidate
          >
            <Csrf token={ctx.csrfToken} />
            <h3>{t(lang, '最終案に項目を追加', 'Add a section to the final text')}</h3>
            <div class="field">
              <label for="s-new-number">{t(lang, '番号', 'Number')}</label>
              <input
                id="s-new-number"
                name="number"
                type="text"
                value={errorFor === 'new' ? (values.number ?? '') : ''}
                {...invalidAttrs('s-new-number', errorFor === 'new' ? errors : {}, 'number')}
              />
              <FieldError id="s-new-number" errors={errorFor === 'new' ? errors : {}} name="number" />
            </div>
            <div class="field">
              <label for="s-new-heading">
                {t(lang, '見出し', 'Heading')} <span class="req">{t(lang, '（必須）', '(required)')}</span>
              </label>
              <input
                id="s-new-heading"
                name="heading"
                type="text"
                required
                value={errorFor === 'new' ? (values.heading ?? '') : ''}
                {...invalidAttrs('s-new-heading', errorFor === 'new' ? errors : {}, 'heading')}
              />
              <FieldError id="s-new-heading" errors={errorFor === 'new' ? errors : {}} name="heading" />
            </div>
            <div class="field">
              <label for="s-new-body">{t(lang, '本文', 'Text')}</label>
              <textarea
                id="s-new-body"
                name="body"
                rows={6}
                {...invalidAttrs('s-new-body', errorFor === 'new' ? errors : {}, 'body')}
              >
                {errorFor === 'new' ? (values.body ?? '') : ''}
              </textarea>
              <FieldError id="s-new-body" errors={errorFor === 'new' ? errors : {}} name="body" />
            </div>
            <button type="submit" class="button">
              {t(lang, '項目を追加', 'Add the section')}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}
