import type { Child } from 'hono/jsx';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { FieldError, type FieldErrors, invalidAttrs } from '../forms.tsx';

/** Form fields for staff pages. Ids are `f-<name>` so the error summary can link to them. */

function Label({ id, label, required, lang }: { id: string; label: string; required?: boolean; lang: Lang }) {
  return (
    <label for={id}>
      {label}
      {required ? (
        <span class="req">{t(lang, '必須', 'Required')}</span>
      ) : (
        <span class="opt">{t(lang, '任意', 'Optional')}</span>
      )}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: Child }) {
  return hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function TextField({
  lang,
  name,
  label,
  value,
  errors,
  required,
  hint,
  type = 'text',
  maxlength,
  extra,
}: {
  lang: Lang;
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  required?: boolean;
  hint?: Child;
  type?: 'text' | 'email' | 'tel' | 'number' | 'datetime-local';
  maxlength?: number;
  extra?: Record<string, string | number>;
}) {
  const id = `f-${name}`;
  return (
    <div class="field">
      <Label id={id} label={label} required={required} lang={lang} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} errors={errors} name={name} />
      <input
        type={type}
        id={id}
        name={name}
        value={value}
        maxlength={maxlength}
        {...extra}
        {...invalidAttrs(id, errors, name, hint ? `${id}-hint` : undefined)}
      />
    </div>
  );
}

export function TextArea({
  lang,
  name,
  label,
  value,
  errors,
  required,
  hint,
  rows = 4,
  maxlength,
}: {
  lang: Lang;
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  required?: boolean;
  hint?: Child;
  rows?: number;
  maxlength?: number;
}) {
  const id = `f-${name}`;
  return (
    <div class="field">
      <Label id={id} label={label} required={required} lang={lang} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} errors={errors} name={name} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxlength={maxlength}
        {...invalidAttrs(id, errors, name, hint ? `${id}-hint` : undefined)}
      >
        {value}
      </textarea>
    </div>
  );
}

export function Checkbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  const id = `f-${name}`;
  return (
    <div class="choice">
      <input type="checkbox" id={id} name={name} value="1" checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

/** A "back to" link above a staff page's heading. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p class="breadcrumb">
      <a href={href}>← {label}</a>
    </p>
  );
}
