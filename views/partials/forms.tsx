import type { Child } from 'hono/jsx';

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
