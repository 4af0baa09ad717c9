/**
 * Who is commenting, and the fields each kind of submitter fills in. A field's marker says which
 * kind must fill it (「個人は必須」), because without JavaScript the page cannot know the choice;
 * static/js/koe.js then hides the fields of the other kinds and turns each marker into 必須 or
 * 任意 for the kind chosen (data-kinds, data-required-for).
 */
import type { Category, Consultation } from '../../../db/schema.ts';
import { CATEGORIES } from '../../../db/schema.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { categoryLabel } from '../../../src/lib/labels.ts';
import { Field, FieldError, type FieldErrors, fieldAttrs } from '../../partials/forms.tsx';
import { type CommentFormValues, commentFieldLabels } from '../CommentFlow.tsx';

type Kind = 'individual' | 'organisation' | 'anonymous';

/** 必須 or 任意, naming the kinds that must fill the field when that is not all of `offered`. */
function KindMarker({ lang, requiredFor, offered }: { lang: Lang; requiredFor: Kind[]; offered: Kind[] }) {
  const required = t(lang, '必須', 'Required');
  const optional = t(lang, '任意', 'Optional');
  if (requiredFor.length === 0) return <span class="opt">{optional}</span>;
  const text =
    requiredFor.length === offered.length
      ? required
      : requiredFor.length === 2
        ? t(lang, '匿名でなければ必須', 'Required unless anonymous')
        : requiredFor[0] === 'individual'
          ? t(lang, '個人は必須', 'Required for individuals')
          : t(lang, '団体・事業者は必須', 'Required for organisations');
  return (
    <span
      class="req"
      data-required-for={requiredFor.join(' ')}
      data-required={required}
      data-optional={optional}
    >
      {text}
    </span>
  );
}

export interface SubmitterFieldsProps {
  lang: Lang;
  consultation: Pick<
    Consultation,
    'allow_anonymous' | 'require_name' | 'require_address' | 'require_category'
  >;
  values: CommentFormValues;
  errors: FieldErrors;
}

export function SubmitterFields({ lang, consultation: c, values, errors }: SubmitterFieldsProps) {
  const labels = commentFieldLabels(lang);
  const offered: Kind[] = c.allow_anonymous
    ? ['individual', 'organisation', 'anonymous']
    : ['individual', 'organisation'];
  const named: Kind[] = ['individual', 'organisation'];
  const kind = values.submitter_kind;
  const when = (rule: number | boolean, kinds: Kind[]) => (rule ? kinds : []);

  /** A one-line field for some kinds of submitter. */
  const Text = (p: {
    name: 'name' | 'organisation_name' | 'representative' | 'address' | 'email' | 'phone';
    kinds: Kind[];
    requiredFor: Kind[];
    hint?: string;
    type?: 'text' | 'email' | 'tel';
    autocomplete: string;
  }) => (
    <div class="kind-field" data-kinds={p.kinds.join(' ')}>
      <Field
        lang={lang}
        name={p.name}
        label={
          <>
            {labels[p.name]}
            <KindMarker lang={lang} requiredFor={p.requiredFor} offered={offered} />
          </>
        }
        markOptional={false}
        hint={p.hint}
        errors={errors}
      >
        <input
          type={p.type ?? 'text'}
          id={`f-${p.name}`}
          name={p.name}
          value={values[p.name]}
          autocomplete={p.autocomplete}
          {...fieldAttrs(p.name, errors, p.hint)}
        />
      </Field>
    </div>
  );

  const forOrganisations = t(
    lang,
    '団体・事業者の場合に入力してください。',
    'For organisations and businesses.',
  );
  return (
    <>
      <fieldset id="f-submitter_kind">
        <legend>
          {labels.submitter_kind}
          <span class="req">{t(lang, '必須', 'Required')}</span>
        </legend>
        <FieldError id="f-submitter_kind" errors={errors} name="submitter_kind" />
        {offered.map((k) => (
          <div class="choice">
            <input
              type="radio"
              id={`kind-${k}`}
              name="submitter_kind"
              value={k}
              checked={k === 'individual' ? kind !== 'organisation' && kind !== 'anonymous' : kind === k}
            />
            <label for={`kind-${k}`}>
              {k === 'individual'
                ? t(lang, '個人', 'An individual')
                : k === 'organisation'
                  ? t(lang, '団体・事業者', 'An organisation or business')
                  : t(lang, '匿名で提出する', 'Anonymously')}
            </label>
          </div>
        ))}
        <p class="hint">
          {c.allow_anonymous
            ? t(
                lang,
                '匿名の場合、氏名・住所などの入力は不要です。',
                'If you comment anonymously, you need not give your name or address.',
              )
            : t(
                lang,
                'この案件では、意見の提出に氏名・住所が必要です（公表はしません）。',
                'This consultation needs your name and address (they are never published).',
              )}
        </p>
      </fieldset>

      <Text
        name="name"
        kinds={['individual']}
        requiredFor={when(c.require_name, ['individual'])}
        hint={t(lang, '個人の場合に入力してください。', 'For individuals.')}
        autocomplete="name"
      />
      <Text
        name="organisation_name"
        kinds={['organisation']}
        requiredFor={['organisation']}
        hint={forOrganisations}
        autocomplete="organization"
      />
      <Text
        name="representative"
        kinds={['organisation']}
        requiredFor={when(c.require_name, ['organisation'])}
        hint={forOrganisations}
        autocomplete="off"
      />
      <Text
        name="address"
        kinds={named}
        requiredFor={when(c.require_address, named)}
        hint={t(lang, '団体・事業者の場合は所在地', 'For an organisation, its address')}
        autocomplete="street-address"
      />

      <Field
        lang={lang}
        name="category"
        label={
          <>
            {labels.category}
            <KindMarker lang={lang} requiredFor={when(c.require_category, named)} offered={offered} />
          </>
        }
        markOptional={false}
        errors={errors}
      >
        <select id="f-category" name="category" {...fieldAttrs('category', errors)}>
          <option value="">{t(lang, '選んでください', 'Choose one')}</option>
          {CATEGORIES.map((k) => (
            <option value={k} selected={values.category === k}>
              {categoryLabel(k as Category, lang)}
            </option>
          ))}
        </select>
      </Field>

      <Text
        name="email"
        kinds={named}
        requiredFor={[]}
        type="email"
        hint={t(
          lang,
          '受付番号をメールでお送りします。内容について問い合わせる場合にも使います。',
          'We mail you the receipt code; the city also uses it if it needs to ask about your comment.',
        )}
        autocomplete="email"
      />
      <Text name="phone" kinds={named} requiredFor={[]} type="tel" autocomplete="tel" />
    </>
  );
}
