/**
 * Who is commenting, and the fields each kind of submitter fills in. A field's marker says which
 * kind must fill it (「個人は必須」), because without JavaScript the page cannot know the choice;
 * static/js/koe.js then hides the fields of the other kinds and turns each marker into 必須 or
 * 任意 for the kind chosen (data-kinds, data-required-for).
 */
import type { Consultation } from '../../../db/schema.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { categoryLabel } from '../../../src/lib/labels.ts';
import { offeredCategories, offeredKinds } from '../../../src/lib/submitter-rules.ts';
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
    | 'allow_anonymous'
    | 'allow_individual'
    | 'allow_organisation'
    | 'categories'
    | 'require_name'
    | 'require_address'
    | 'require_category'
  >;
  values: CommentFormValues;
  errors: FieldErrors;
}

export function SubmitterFields({ lang, consultation: c, values, errors }: SubmitterFieldsProps) {
  const labels = commentFieldLabels(lang);
  const offered: Kind[] = offeredKinds(c);
  const named: Kind[] = offered.filter((k) => k !== 'anonymous');
  const categories = offeredCategories(c);
  // The kind sent back, or (first visit, or a kind this consultation does not take) the first offered.
  const kind = offered.includes(values.submitter_kind as Kind) ? values.submitter_kind : offered[0];
  const when = (rule: number | boolean, kinds: Kind[]) =>
    rule ? kinds.filter((k) => offered.includes(k)) : [];

  /** A one-line field for some kinds of submitter; none when the consultation takes none of them. */
  const Text = (p: {
    name: 'name' | 'organisation_name' | 'representative' | 'postal_code' | 'address' | 'email' | 'phone';
    kinds: Kind[];
    requiredFor: Kind[];
    hint?: string;
    type?: 'text' | 'email' | 'tel';
    autocomplete: string;
  }) =>
    !p.kinds.some((k) => offered.includes(k)) ? null : (
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
            <input type="radio" id={`kind-${k}`} name="submitter_kind" value={k} checked={kind === k} />
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
          {named.length === 0
            ? t(
                lang,
                'この案件では、匿名で意見を受け付けます。',
                'This consultation takes anonymous comments.',
              )
            : c.allow_anonymous
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
        name="postal_code"
        kinds={named}
        requiredFor={when(c.require_address, named)}
        hint={t(lang, '例：710-8565', 'For example 710-8565')}
        autocomplete="postal-code"
      />
      <Text
        name="address"
        kinds={named}
        requiredFor={when(c.require_address, named)}
        hint={t(lang, '団体・事業者の場合は所在地', 'For an organisation, its address')}
        autocomplete="street-address"
      />

      {categories.length > 0 ? (
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
            {categories.map((k) => (
              <option value={k} selected={values.category === k}>
                {categoryLabel(k, lang)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}

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
