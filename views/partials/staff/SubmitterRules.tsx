/**
 * The part of a consultation's form that its 要綱 decides: which kinds of submitter it accepts
 * (個人・団体・匿名), which 区分 the comment form offers, and whether the form asks for consent to
 * the use of personal data, with the notice shown.
 */
import { CATEGORIES } from '../../../db/schema.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { categoryLabel } from '../../../src/lib/labels.ts';
import { STANDARD_CONSENT_NOTICE } from '../../../src/lib/submitter-rules.ts';
import { FieldError, type FieldErrors, TextArea } from '../forms.tsx';
import { Checkbox } from './fields.tsx';

export interface SubmitterRulesValues {
  allow_individual: boolean;
  allow_organisation: boolean;
  allow_anonymous: boolean;
  categories: string[];
  require_consent: boolean;
  consent_notice: string;
}

export interface SubmitterRulesProps {
  lang: Lang;
  labels: Record<keyof SubmitterRulesValues, string>;
  values: SubmitterRulesValues;
  errors: FieldErrors;
}

export function SubmitterRules({ lang, labels, values, errors }: SubmitterRulesProps) {
  const chosen = new Set(values.categories);
  return (
    <>
      <input type="hidden" name="submitter_rules" value="1" />
      <fieldset aria-describedby={errors.allow_individual ? 'f-allow_individual-error' : undefined}>
        <legend>
          {t(lang, '意見を受け付ける提出者（要綱による）', 'Who may comment (as the rules say)')}
        </legend>
        <FieldError id="f-allow_individual" errors={errors} name="allow_individual" />
        <Checkbox name="allow_individual" label={labels.allow_individual} checked={values.allow_individual} />
        <Checkbox
          name="allow_organisation"
          label={labels.allow_organisation}
          checked={values.allow_organisation}
        />
        <Checkbox name="allow_anonymous" label={labels.allow_anonymous} checked={values.allow_anonymous} />
      </fieldset>

      <fieldset
        id="f-categories"
        aria-describedby={['f-categories-hint', errors.categories ? 'f-categories-error' : '']
          .filter(Boolean)
          .join(' ')}
      >
        <legend>{labels.categories}</legend>
        <p class="hint" id="f-categories-hint">
          {t(
            lang,
            '意見入力フォームの「区分」に表示する選択肢です。すべて外すと区分を尋ねません。',
            'The choices the comment form offers for the category. Untick all to ask for none.',
          )}
        </p>
        <FieldError id="f-categories" errors={errors} name="categories" />
        {CATEGORIES.map((k) => (
          <div class="choice">
            <input
              type="checkbox"
              id={`f-categories-${k}`}
              name="categories"
              value={k}
              checked={chosen.has(k)}
            />
            <label for={`f-categories-${k}`}>{categoryLabel(k, lang)}</label>
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t(lang, '個人情報の取扱い', 'Personal data')}</legend>
        <Checkbox name="require_consent" label={labels.require_consent} checked={values.require_consent} />
        <TextArea
          lang={lang}
          errors={errors}
          name="consent_notice"
          label={labels.consent_notice}
          value={values.consent_notice}
          rows={4}
          hint={
            <>
              {t(
                lang,
                '意見入力フォームに表示します。空欄の場合は次の標準の文を表示します：',
                'Shown on the comment form. Left empty, the form shows the standard notice: ',
              )}
              {t(lang, STANDARD_CONSENT_NOTICE.ja, STANDARD_CONSENT_NOTICE.en)}
            </>
          }
        />
      </fieldset>
    </>
  );
}
