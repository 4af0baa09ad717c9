/**
 * The one way a request's form or query is read. `form(schema, onInvalid)` parses the body once
 * (a malformed body is a 400 with a message, never a 500), runs the zod schema, and either hands
 * the typed value to the handler (`c.req.valid('form')`) or calls `onInvalid` with the person's
 * input and a message per field, which re-renders the form with status 422.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { t } from '../lib/i18n.ts';
import { m, pickMessage } from '../schemas/fields.ts';

/** What a form sent: a string, a file, or an array of them for a repeated field. */
export type FormInput = Record<string, string | File | (string | File)[]>;
/** A message per field name, in the reader's language. */
export type FieldErrors = Partial<Record<string, string>>;

const GENERIC = m('入力内容を確かめてください。', 'Please check what you entered here.');

/**
 * The posted form, parsed once per request and kept (the CSRF check reads it first). Any body
 * that is not a form gives `{}`, so the schema reports what is missing.
 */
export function readForm<E extends AppEnv>(c: Context<E>): Promise<FormInput> {
  let form = forms.get(c.req);
  if (!form) {
    form = parseForm(c).catch(() => {
      throw new HTTPException(400, {
        message: t(
          c.var.lang,
          '送信内容を読み取れませんでした。ページを再読み込みして、もう一度送信してください。',
          'We could not read what was sent. Reload the page and send the form again.',
        ),
      });
    });
    forms.set(c.req, form);
  }
  return form;
}

const forms = new WeakMap<object, Promise<FormInput>>();

/**
 * A URL-encoded form (every form of Koe without a file) is read as text and split here: Hono's
 * parseBody goes through a Fetch FormData, several times the cost. Same result: one value per
 * field, an array for a repeated one. Multipart forms (uploads) go through parseBody.
 */
async function parseForm<E extends AppEnv>(c: Context<E>): Promise<FormInput> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    return (await c.req.parseBody({ all: true })) as FormInput;
  const form: FormInput = Object.create(null);
  for (const [key, value] of new URLSearchParams(await c.req.text())) {
    const had = form[key];
    if (had === undefined) form[key] = key.endsWith('[]') ? [value] : value;
    else if (Array.isArray(had)) had.push(value);
    else form[key] = [had, value];
  }
  return form;
}

/** zod issues → the first message for each field, in the reader's language. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], lang: 'ja' | 'en'): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '_form');
    if (errors[key] !== undefined) continue;
    errors[key] = pickMessage(issue.message.includes('\u241F') ? issue.message : GENERIC, lang);
  }
  return errors;
}

type SchemaOf<E extends AppEnv, S> = S | ((c: Context<E>) => S | Promise<S>);

async function schemaFor<E extends AppEnv, S>(c: Context<E>, schema: SchemaOf<E, S>): Promise<S> {
  return typeof schema === 'function' ? (schema as (c: Context<E>) => S | Promise<S>)(c) : schema;
}

/**
 * Validates the posted form with `schema` (or a schema built for this request, for rules that
 * depend on the consultation). On failure `onInvalid` answers, usually the form again with 422.
 */
export function form<S extends z.ZodType, E extends AppEnv = AppEnv>(
  schema: SchemaOf<E, S>,
  onInvalid: (c: Context<E>, input: FormInput, errors: FieldErrors) => Response | Promise<Response>,
): MiddlewareHandler<E, string, { in: { form: FormInput }; out: { form: z.output<S> } }> {
  return async (c, next) => {
    const input = await readForm(c);
    const result = await (await schemaFor(c, schema)).safeParseAsync(input);
    if (!result.success) return onInvalid(c, input, fieldErrors(result.error.issues, c.var.lang));
    c.req.addValidatedData('form', result.data as object);
    await next();
  };
}

/**
 * Validates the query string. A bad value is the reader's mistake in an address, so the default
 * answer is a 400 naming it; pages that can show a form with the message pass `onInvalid`.
 */
export function query<S extends z.ZodType, E extends AppEnv = AppEnv>(
  schema: SchemaOf<E, S>,
  onInvalid?: (
    c: Context<E>,
    input: Record<string, string>,
    errors: FieldErrors,
  ) => Response | Promise<Response>,
): MiddlewareHandler<E, string, { in: { query: Record<string, string> }; out: { query: z.output<S> } }> {
  return async (c, next) => {
    const input = c.req.query();
    const result = (await schemaFor(c, schema)).safeParse(input);
    if (!result.success) {
      const errors = fieldErrors(result.error.issues, c.var.lang);
      if (onInvalid) return onInvalid(c, input, errors);
      const [name, message] = Object.entries(errors)[0] ?? ['', ''];
      throw new HTTPException(400, {
        message: t(
          c.var.lang,
          `アドレスの「${name}」の値を使えません：${message}`,
          `The address has a value for "${name}" we cannot use: ${message}`,
        ),
      });
    }
    c.req.addValidatedData('query', result.data as object);
    await next();
  };
}

/** Picks the given string fields out of a form, for showing it again after an error. */
export function formValues<V extends Record<string, string | string[] | boolean>>(
  input: FormInput,
  defaults: V,
): V {
  const out: Record<string, string | string[] | boolean> = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = input[key];
    const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (x): x is string => typeof x === 'string',
    );
    if (Array.isArray(fallback)) out[key] = list.slice(0, 1000);
    else if (typeof fallback === 'boolean') out[key] = list.length > 0 && list[0] !== '';
    else out[key] = value === undefined ? fallback : (list[0] ?? '');
  }
  return out as V;
}

/**
 * `form` and `query` bound to a sub-app's environment, so `onInvalid` and schema builders see its
 * variables (`c.var.consultation`, `c.var.actor`): `const { form } = validatorsFor<ConsultationEnv>();`.
 */
export function validatorsFor<E extends AppEnv>() {
  return {
    form: <S extends z.ZodType>(
      schema: SchemaOf<E, S>,
      onInvalid: (c: Context<E>, input: FormInput, errors: FieldErrors) => Response | Promise<Response>,
    ) => form<S, E>(schema, onInvalid),
    query: <S extends z.ZodType>(
      schema: SchemaOf<E, S>,
      onInvalid?: (
        c: Context<E>,
        input: Record<string, string>,
        errors: FieldErrors,
      ) => Response | Promise<Response>,
    ) => query<S, E>(schema, onInvalid),
  };
}
