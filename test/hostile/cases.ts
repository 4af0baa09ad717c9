/**
 * The hostile requests made from one form: hostile text in one field and in all of them, huge
 * and repeated fields, bytes that are not UTF-8, bodies whose type lies, and forged or missing
 * CSRF tokens, tampered cookies and odd Origins. Each case says whether the app must refuse it.
 */
import type { PageForm } from './html.ts';
import type { Lang } from './judge.ts';
import {
  baseline,
  editableNames,
  encode,
  HOSTILE_TEXT,
  INVALID_UTF8,
  ONE_MB,
  type Pairs,
  rawUrlencoded,
  withValue,
} from './payloads.ts';

export interface Case {
  label: string;
  body: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  /** Cookie changes: a value replaces the cookie, null removes it. */
  cookies?: Record<string, string | null>;
  /** The app must refuse it (error status or sign-in redirect) — a forged or foreign request. */
  mustRefuse?: boolean;
  /** The app must store nothing for it (a stranger on a route kept for a role). */
  mustNotStore?: boolean;
  echoed?: string[];
  lang: Lang;
}

const TEXT_KINDS = new Set([
  'text',
  'textarea',
  'email',
  'password',
  'tel',
  'search',
  'url',
  'number',
  'date',
  'datetime-local',
]);

/** Names of the fields a person types into. */
function typedNames(form: PageForm): string[] {
  return [...new Set(form.fields.filter((f) => TEXT_KINDS.has(f.kind) && !f.trap).map((f) => f.name))];
}

const withCsrf = (pairs: Pairs, token: string): Pairs => withValue(pairs, '_csrf', token);

let langTurn = 0;
/** Every other case in English, so both languages' refusals are read. */
const nextLang = (): Lang => (langTurn++ % 2 === 0 ? 'en' : 'ja');

function fromPairs(label: string, pairs: Pairs, multipart: boolean, extra: Partial<Case> = {}): Case {
  const { body, contentType } = encode(pairs, multipart);
  return { label, body, contentType, lang: nextLang(), ...extra };
}

/** A random token of the CSRF cookie's format that is not the one the browser holds. */
const forgedToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

/**
 * Hostile texts that also go into hidden ids and choices (the rest are about typed text: a
 * hidden field refuses them all alike, and sending them there too would only repeat requests).
 */
const IN_EVERY_FIELD = [
  'script',
  'sqlQuote',
  'nulControl',
  'bidi',
  'numbers',
  'bigNumber',
  'notANumber',
  'pathy',
  'loneSurrogate',
  'longLine',
];

/** For a route's second form (another consultation): the texts that are stored and shown back. */
const ON_SECOND_FORM = ['script', 'markdownJs', 'csvFormula', 'zeroWidthOnly', 'nulControl'];

/** Every field's value at once stays under the app's 1 MB body limit, so each field is judged. */
const LONG_BUDGET = 900_000;
/** The issue's freeze: 200,000 characters in one field. */
const LONG_FIELD = 200_000;

/**
 * The hostile contents of a form, for the role the form was offered to: each hostile text in
 * every typed field at once, and (`full`) the ones that matter for ids and choices in every
 * field at once; then over-long values in every field (up to 200,000 characters each, within
 * the body limit), 1 MB in one field, every field repeated 2,000 times, every field left out,
 * bytes that are not UTF-8, and a file where text is expected. Sizes are bounded so the suite
 * runs in its budget on a slow machine.
 */
export function contentCases(form: PageForm, token: string, full: boolean): Case[] {
  const base = withCsrf(baseline(form), token);
  const typed = typedNames(form);
  const all = editableNames(form);
  const cases: Case[] = [fromPairs('as a person sends it', base, form.multipart)];
  for (const [name, value] of Object.entries(HOSTILE_TEXT)) {
    if (!full && !ON_SECOND_FORM.includes(name)) continue;
    let pairs = base;
    for (const f of typed) pairs = withValue(pairs, f, value);
    cases.push(fromPairs(`${name} in every typed field`, pairs, form.multipart, { echoed: [value] }));
    if (!full || !IN_EVERY_FIELD.includes(name)) continue;
    let everything = base;
    for (const f of all) everything = withValue(everything, f, value);
    cases.push(fromPairs(`${name} in every field`, everything, form.multipart, { echoed: [value] }));
  }
  if (!full) return cases;
  const long = 'x'.repeat(Math.min(LONG_FIELD, Math.floor(LONG_BUDGET / Math.max(1, all.length))));
  let longs = base;
  for (const f of all) longs = withValue(longs, f, long);
  cases.push(
    fromPairs(`${long.length.toLocaleString('en')} characters in every field`, longs, form.multipart),
  );
  const first = typed[0] ?? all[0];
  if (first) cases.push(fromPairs(`1 MB in ${first}`, withValue(base, first, ONE_MB), form.multipart));
  let repeated = base;
  for (const f of all) repeated = withValue(repeated, f, Array(2_000).fill('1'));
  cases.push(fromPairs('every field repeated 2,000 times', repeated, form.multipart));
  cases.push(
    fromPairs(
      'every field left out',
      base.filter(([k]) => k === '_csrf'),
      form.multipart,
    ),
  );
  const strings = base.filter((p): p is [string, string] => typeof p[1] === 'string');
  INVALID_UTF8.forEach((bytes, i) => {
    // Each sequence in one field (in turn), and the last in every field.
    const target = typed[i % Math.max(1, typed.length)];
    const every = i === INVALID_UTF8.length - 1;
    const raw = strings.map(([k, v]): [string, Uint8Array | string] => [
      k,
      k !== '_csrf' && (every || k === target) ? bytes : v,
    ]);
    cases.push({
      label: `bytes that are not UTF-8 in ${every ? 'every field' : target}`,
      body: rawUrlencoded(raw),
      contentType: 'application/x-www-form-urlencoded',
      lang: nextLang(),
    });
  });
  const file = new File(
    [Uint8Array.of(0x3c, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x3e, 0xff, 0xfe)],
    '<script>.pdf',
    {
      type: 'text/html',
    },
  );
  let files = base;
  for (const f of all) files = withValue(files, f, file);
  cases.push(fromPairs('a file in every field', files, true));
  return cases;
}

/** The multipart body of `pairs` (strings only) with the given boundary line, by hand. */
function multipartText(pairs: Pairs, boundary: string): string {
  return `${pairs
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v as string}\r\n`)
    .join('')}--${boundary}--\r\n`;
}

/** Bodies whose declared type lies, or that no form makes. */
export function transportCases(form: PageForm, token: string): Case[] {
  const base = withCsrf(baseline(form), token);
  const strings = base.filter(([, v]) => typeof v === 'string') as [string, string][];
  const urlencoded = new URLSearchParams(strings).toString();
  const json = JSON.stringify(Object.fromEntries(strings));
  const c = (label: string, body: BodyInit, contentType?: string, extra: Partial<Case> = {}): Case => ({
    label,
    body,
    contentType,
    lang: nextLang(),
    ...extra,
  });
  return [
    c('JSON sent as a form', json, 'application/x-www-form-urlencoded'),
    c('a form sent as JSON', urlencoded, 'application/json'),
    c('JSON as JSON', json, 'application/json'),
    c('a form as text/plain', urlencoded, 'text/plain'),
    c('a form with no content type', urlencoded, ''),
    c(
      'multipart with a boundary that is not in the body',
      multipartText(strings, 'real'),
      'multipart/form-data; boundary=other',
    ),
    c('multipart without a boundary', multipartText(strings, 'real'), 'multipart/form-data'),
    c(
      'multipart with a 200-character boundary',
      multipartText(strings, 'b'.repeat(200)),
      `multipart/form-data; boundary=${'b'.repeat(200)}`,
    ),
    c('multipart cut off', multipartText(strings, 'zz').slice(0, -30), 'multipart/form-data; boundary=zz'),
    c('a form declared as Shift_JIS', urlencoded, 'application/x-www-form-urlencoded; charset=shift_jis'),
    c(
      'an XML body',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`,
      'application/xml',
    ),
    c(
      '10,000 different field names',
      `${urlencoded}&${Array.from({ length: 10_000 }, (_, i) => `f${i}=1`).join('&')}`,
      'application/x-www-form-urlencoded',
    ),
    c(
      'bracketed and dotted names',
      `${urlencoded}&a[b][c][d]=1&__proto__[x]=1&constructor.prototype.x=1&a.b.c=1`,
      'application/x-www-form-urlencoded',
    ),
    c(
      'a body over the 1 MB limit',
      `${urlencoded}&big=${'x'.repeat(1024 * 1024 + 1)}`,
      'application/x-www-form-urlencoded',
    ),
    c('an empty body', '', 'application/x-www-form-urlencoded', { mustRefuse: true }),
    c('gzip declared, plain sent', urlencoded, 'application/x-www-form-urlencoded', {
      headers: { 'content-encoding': 'gzip' },
    }),
    c('the htmx headers', urlencoded, 'application/x-www-form-urlencoded', {
      headers: { 'hx-request': 'true', 'hx-request-type': 'partial', 'hx-target': 'main' },
    }),
    c('a huge Accept-Language', urlencoded, 'application/x-www-form-urlencoded', {
      headers: { 'accept-language': `${'en;q=0.5,'.repeat(2000)}xx` },
      lang: 'en',
    }),
  ];
}

/**
 * Forged requests: no token, a made-up one, another browser's, tampered cookies, another site's
 * Origin. Each must be refused and store nothing. (`Origin: null` with the right token is a
 * browser's privacy setting, not a forgery, and is judged like any other request.)
 */
export function forgeryCases(form: PageForm, token: string, otherToken: string): Case[] {
  const base = withCsrf(baseline(form), token);
  const refuse = { mustRefuse: true };
  const c = (label: string, pairs: Pairs, extra: Partial<Case> = {}) =>
    fromPairs(label, pairs, form.multipart, extra);
  const forged = forgedToken();
  return [
    c(
      'no CSRF field',
      base.filter(([k]) => k !== '_csrf'),
      refuse,
    ),
    c('an empty CSRF field', withCsrf(base, ''), refuse),
    c('a made-up CSRF token', withCsrf(base, forged), refuse),
    c("another browser's CSRF token", withCsrf(base, otherToken), refuse),
    c('two CSRF fields, the wrong one first', [['_csrf', forged], ...base], refuse),
    c('a CSRF token of 100,000 characters', withCsrf(base, 'A'.repeat(100_000)), refuse),
    c('the CSRF cookie replaced by the forged token', withCsrf(base, token), {
      ...refuse,
      cookies: { koe_csrf: forged },
    }),
    c('no CSRF cookie', base, { ...refuse, cookies: { koe_csrf: null } }),
    c('a CSRF cookie that is not a token', withCsrf(base, 'x"; y=1'), {
      ...refuse,
      cookies: { koe_csrf: 'x"; y=1' },
    }),
    c(
      'the token in the header, a wrong one',
      base.filter(([k]) => k !== '_csrf'),
      {
        ...refuse,
        headers: { 'x-csrf-token': forged },
      },
    ),
    c('from another site', base, { ...refuse, headers: { origin: 'https://evil.example' } }),
    c('from a look-alike host', base, { ...refuse, headers: { origin: 'http://localhost.evil.example' } }),
    c('from https:// when the site is http://', base, {
      ...refuse,
      headers: { origin: 'https://localhost' },
    }),
    c('from another port', base, { ...refuse, headers: { origin: 'http://localhost:8080' } }),
    c('an Origin that is not a URL', base, { ...refuse, headers: { origin: 'javascript:alert(1)' } }),
    c('Origin null, right token', base, { headers: { origin: 'null' } }),
    c('a foreign Referer, right token', base, { headers: { referer: 'https://evil.example/page' } }),
  ];
}

/** Session cookies that are not what the server handed out: the request is a stranger's. */
export function sessionCases(form: PageForm, token: string, session: string | undefined): Case[] {
  const base = withCsrf(baseline(form), token);
  const c = (label: string, value: string | null) =>
    fromPairs(label, base, form.multipart, { cookies: { koe_session: value } });
  const flipped = session ? `${session.slice(0, -1)}${session.endsWith('A') ? 'B' : 'A'}` : 'A'.repeat(43);
  return [
    c('a session cookie with one character changed', flipped),
    c('a session cookie of 8 KB', 'A'.repeat(8192)),
    c('a session cookie with quotes and a NUL', '"\\u0000%00;\''),
    c('a session cookie of SQL', "' OR 1=1 --"),
    c('an empty session cookie', ''),
  ];
}
