import type { Lang } from '../../../src/lib/i18n.ts';
import { formatDateTime } from '../../../src/lib/time.ts';

/**
 * Form bits only staff pages use. TextField and TextArea are in ../forms.tsx. Ids are `f-<name>`
 * so the error summary can link to them.
 */

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

/** A date and time as people read it, marked up so it never breaks inside (koe.css: time). */
export function DateTime({ at, lang }: { at: Date | string; lang: Lang }) {
  return <time datetime={new Date(at).toISOString()}>{formatDateTime(at, lang)}</time>;
}
