import { Field, type FieldErrors, fieldAttrs, fieldId } from '../../partials/forms.tsx';
import { MIN_PASSWORD_LENGTH } from '../../../src/lib/auth.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';

/**
 * One labelled input with its hint and error, for the account forms (login, setup, password,
 * admin). Unlike the shared TextField it marks the input `required`, never echoes a password
 * back, and says nothing next to an optional label. The id is `f-<name>`.
 */
export function InputField({
  lang,
  name,
  label,
  type = 'text',
  value,
  errors,
  hint,
  required = true,
  autocomplete,
}: {
  lang: Lang;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  errors: FieldErrors;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
}) {
  return (
    <Field
      lang={lang}
      name={name}
      label={label}
      required={required}
      markOptional={false}
      hint={hint}
      errors={errors}
    >
      <input
        type={type}
        id={fieldId(name)}
        name={name}
        value={type === 'password' ? undefined : value}
        required={required}
        autocomplete={autocomplete}
        spellcheck={type === 'text' ? undefined : false}
        {...fieldAttrs(name, errors, hint)}
      />
    </Field>
  );
}

/** A new password and its confirmation (`password`, `password_confirm`), as every form that sets one asks. */
export function NewPasswordFields({
  lang,
  label,
  confirmLabel,
  hint = passwordHint(lang),
  errors,
}: {
  lang: Lang;
  label: string;
  confirmLabel: string;
  hint?: string;
  errors: FieldErrors;
}) {
  return (
    <>
      <InputField
        lang={lang}
        name="password"
        type="password"
        label={label}
        hint={hint}
        errors={errors}
        autocomplete="new-password"
      />
      <InputField
        lang={lang}
        name="password_confirm"
        type="password"
        label={confirmLabel}
        errors={errors}
        autocomplete="new-password"
      />
    </>
  );
}

export function passwordHint(lang: Lang): string {
  return t(
    lang,
    `${MIN_PASSWORD_LENGTH}文字以上。覚えやすい長い文（パスフレーズ）がおすすめです。`,
    `At least ${MIN_PASSWORD_LENGTH} characters. A long phrase you can remember works well.`,
  );
}
