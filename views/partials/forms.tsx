import type { Child } from 'hono/jsx';
import { type Lang, t } from '../../src/lib/i18n.ts';

/** The hidden CSRF field every form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export type FieldErrors = Partial<Record<string, string>>;

/** An error message tied to its field by id, for screen readers (aria-describedby). */
export function FieldError({ id, errors, name }: { id: string; errors: FieldErrors; name: string }) {
  const message = errors[name];
  if (!message) return null;
  return (
    <p class="field-error" id={`${id}-error`}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** Attributes that mark a field invalid and point at its message. */
export function invalidAttrs(id: string, errors: FieldErrors, name: string, describedBy?: string) {
  const ids = [describedBy, errors[name] ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return {
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': ids || undefined,
  } as const;
}

/**
 * The frame of one form field: label (with 必須, or 任意 unless `markOptional` is false), hint
 * and error message, then the control given as children. Ids are `f-<name>`, `f-<name>-hint`
 * and `f-<name>-error`, so the ErrorSummary links land on the control; give the control
 * `id={fieldId(name)}` and `{...fieldAttrs(name, errors, hint)}`.
 */
export function Field({
  lang,
  name,
  label,
  required,
  markOptional = true,
  hint,
  errors,
  children,
}: {
  lang: Lang;
  name: string;
  label: Child;
  required?: boolean;
  markOptional?: boolean;
  hint?: Child;
  errors: FieldErrors;
  children: Child;
}) {
  const id = fieldId(name);
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required ? (
          <span class="req">{t(lang, '必須', 'Required')}</span>
        ) : markOptional ? (
          <span class="opt">{t(lang, '任意', 'Optional')}</span>
        ) : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} errors={errors} name={name} />
      {children}
    </div>
  );
}

export const fieldId = (name: string) => `f-${name}`;

/** invalidAttrs for a control inside <Field>: its hint (if any) and its error. */
export function fieldAttrs(name: string, errors: FieldErrors, hint?: Child) {
  const id = fieldId(name);
  return invalidAttrs(id, errors, name, hint ? `${id}-hint` : undefined);
}

/** A one-line text input in a <Field> (public comment form and staff forms). */
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
  autocomplete,
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
  autocomplete?: string;
  extra?: Record<string, string | number>;
}) {
  return (
    <Field lang={lang} name={name} label={label} required={required} hint={hint} errors={errors}>
      <input
        type={type}
        id={fieldId(name)}
        name={name}
        value={value}
        maxlength={maxlength}
        autocomplete={autocomplete}
        {...extra}
        {...fieldAttrs(name, errors, hint)}
      />
    </Field>
  );
}

/** A multi-line text box in a <Field>. */
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
  return (
    <Field lang={lang} name={name} label={label} required={required} hint={hint} errors={errors}>
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        maxlength={maxlength}
        {...fieldAttrs(name, errors, hint)}
      >
        {value}
      </textarea>
    </Field>
  );
}

/** A summary at the top of a form that failed, linking to each field (WCAG 3.3.1). */
export function ErrorSummary({
  title,
  errors,
  labels,
}: {
  title: string;
  errors: FieldErrors;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(errors).filter(([, v]) => v);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
      <h2>{title}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#f-${name}`}>
              {labels[name] ?? name}: {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'success' | 'warning';
  children: Child;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'info' ? undefined : 'status'}>
      {children}
    </div>
  );
}
