import { type FieldErrors, FieldError, invalidAttrs } from '../../partials/forms.tsx';
import { MIN_PASSWORD_LENGTH } from '../../../src/lib/auth.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';

/**
 * One labelled input with its hint and error, for the account forms (login, setup, password,
 * admin). The id is `f-<name>` so the ErrorSummary links land on it.
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
  const id = `f-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required ? <span class="req">{t(lang, '必須', 'Required')}</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} errors={errors} name={name} />
      <input
        type={type}
        id={id}
        name={name}
        value={type === 'password' ? undefined : value}
        required={required}
        autocomplete={autocomplete}
        spellcheck={type === 'text' ? undefined : false}
        {...invalidAttrs(id, errors, name, hintId)}
      />
    </div>
  );
}

export function passwordHint(lang: Lang): string {
  return t(
    lang,
    `${MIN_PASSWORD_LENGTH}文字以上。覚えやすい長い文（パスフレーズ）がおすすめです。`,
    `At least ${MIN_PASSWORD_LENGTH} characters. A long phrase you can remember works well.`,
  );
}
