import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { RateLimiter } from '../../src/http/security.ts';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';

/** Serves the app on a loopback port for the length of `run`, so requests have a real socket. */
async function overHttp<T>(
  app: { fetch: (req: Request) => Response | Promise<Response> },
  run: (base: string) => Promise<T>,
) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  try {
    return await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the public rate limit at its real default', () => {
  it('refuses the 21st public post from one address within a minute, with Retry-After and a message in the reader’s language', async () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(20);
    const t = await makeTestApp({ realRateLimit: true });
    expect(t.config.rateLimitPerMinute).toBe(20);
    const id = await seedConsultation(t.db);
    const post = (lang = 'ja') =>
      t.client.post(`/consultations/${id}/comment/confirm?lang=${lang}`, { body: '' });
    for (let i = 1; i <= 20; i++) {
      const { res } = await post();
      expect(res.status, `post ${i}`).toBe(422);
    }
    const refused = await post();
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBe('60');
    expect(visibleText(refused.html)).toContain(
      '短時間に多くの送信がありました。1分ほど待ってから、もう一度お試しください。',
    );
    const english = await post('en');
    expect(english.res.status).toBe(429);
    expect(visibleText(english.html)).toContain('Too many submissions from your connection in a short time.');
    // Reading is never limited, and a minute later posting works again.
    expect((await t.client.get(`/consultations/${id}`)).res.status).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    expect((await post()).res.status).toBe(422);
  });
});

describe('the client address', () => {
  it('ignores a client-sent X-Forwarded-For unless a proxy is trusted: the socket address is recorded', async () => {
    const t = await makeTestApp();
    expect(t.config.trustProxy).toBe(false);
    await overHttp(t.app, async (base) => {
      const page = await fetch(`${base}/login`);
      const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
      const cookie = page.headers
        .getSetCookie()
        .map((l) => l.split(';')[0])
        .join('; ');
      const res = await fetch(`${base}/login`, {
        method: 'POST',
        headers: {
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': '203.0.113.9',
        },
        body: new URLSearchParams({ _csrf: csrf, email: 'nobody@example.jp', password: 'wrong password' }),
      });
      expect(res.status).toBe(401);
    });
    const entry = await t.db.selectFrom('audit_log').select(['action', 'ip']).executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'login.failed', ip: '127.0.0.1' });
  });
});

describe('signing in from an htmx request', () => {
  it('answers 401 with HX-Redirect to the sign-in page (not a redirect htmx would swap in), and 303 without htmx', async () => {
    const t = await makeTestApp();
    const hx = await t.client.request('/staff/admin/audit?page=2', { headers: { 'hx-request': 'true' } });
    expect(hx.status).toBe(401);
    expect(hx.headers.get('hx-redirect')).toBe('/login?next=%2Fstaff%2Fadmin%2Faudit%3Fpage%3D2');
    expect(hx.headers.get('location')).toBeNull();
    expect(await hx.text()).toBe('');
    const plain = await t.client.request('/staff/admin/audit?page=2');
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe('/login?next=%2Fstaff%2Fadmin%2Faudit%3Fpage%3D2');
  });
});

describe('behind a trusted proxy (KOE_TRUST_PROXY)', () => {
  const proxied = (extra: Record<string, string> = {}) => ({
    KOE_TRUST_PROXY: 'true',
    KOE_PUBLIC_URL: 'https://koe.example.jp',
    ...extra,
  });

  async function failedLoginFrom(
    t: Awaited<ReturnType<typeof makeTestApp>>,
    xff: string,
    email = 'nobody@example.jp',
  ) {
    return t.client.post(
      '/login',
      { email, password: 'wrong password' },
      { headers: { 'x-forwarded-for': xff } },
    );
  }

  it('takes the address the proxy added (the rightmost), never the client-chosen leftmost one', async () => {
    const t = await makeTestApp({ env: proxied() });
    await failedLoginFrom(t, '203.0.113.9, 198.51.100.7');
    await failedLoginFrom(t, '198.51.100.8');
    const ips = await t.db.selectFrom('audit_log').select('ip').orderBy('id').execute();
    expect(ips.map((r) => r.ip)).toEqual(['198.51.100.7', '198.51.100.8']);
  });

  it('takes the entry a configured number of hops from the right', async () => {
    const t = await makeTestApp({ env: proxied({ KOE_TRUST_PROXY: '2' }) });
    await failedLoginFrom(t, '203.0.113.9, 198.51.100.7, 10.0.0.2');
    const row = await t.db.selectFrom('audit_log').select('ip').executeTakeFirstOrThrow();
    expect(row.ip).toBe('198.51.100.7');
  });

  it('keeps the public rate limit when the client rotates the leftmost entry', async () => {
    const t = await makeTestApp({ env: proxied(), realRateLimit: true });
    const id = await seedConsultation(t.db);
    const statuses: number[] = [];
    for (let i = 1; i <= 21; i++) {
      const { res } = await t.client.post(
        `/consultations/${id}/comment/confirm`,
        { body: '' },
        { headers: { 'x-forwarded-for': `10.1.0.${i}, 198.51.100.7` } },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('keeps the per-address sign-in throttle when the client rotates the leftmost entry', async () => {
    const t = await makeTestApp({ env: proxied() });
    for (let i = 0; i < 20; i++) {
      const { res } = await failedLoginFrom(t, `10.2.0.${i}, 198.51.100.7`, `guess${i}@example.jp`);
      expect(res.status).toBe(401);
    }
    const { res } = await failedLoginFrom(t, '10.2.0.99, 198.51.100.7', 'another@example.jp');
    expect(res.status).toBe(429);
    const logged = await t.db.selectFrom('audit_log').select('ip').distinct().execute();
    expect(logged.map((r) => r.ip)).toEqual(['198.51.100.7']);
  });
});

describe('the rate limiter’s memory', () => {
  it('holds at most its bound of addresses, however many send within one window', () => {
    const limiter = new RateLimiter(5, 60_000, { maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) limiter.hit(`public:10.${i >> 8}.${i & 255}.1`, 1_000);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // The newest addresses are still counted.
    for (let i = 0; i < 5; i++) expect(limiter.hit('public:192.0.2.1', 2_000)).toBe(true);
    expect(limiter.hit('public:192.0.2.1', 2_000)).toBe(false);
  });
});

describe('a malformed form body', () => {
  /** A multipart body with the CSRF token first (so the check reads the body), then `rest`. */
  const multipart = (csrf: string, rest: string) =>
    `--zz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n${rest}`;
  const file = (disposition: string) =>
    `--zz\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--zz--\r\n`;

  it('is a 400 with a message, before any sign-in, never a 500', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    await t.client.get('/');
    const csrf = t.client.cookies.get('koe_csrf')!;
    const bodies: Record<string, [contentType: string, body: string]> = {
      'garbage with boundary=zz': ['multipart/form-data; boundary=zz', 'this is not multipart at all'],
      'no boundary': ['multipart/form-data', multipart(csrf, file('filename="a.pdf"'))],
      'a " in a filename': ['multipart/form-data; boundary=zz', multipart(csrf, file('filename="a"b.pdf"'))],
      'a CRLF in a filename': [
        'multipart/form-data; boundary=zz',
        multipart(csrf, file('filename="a\r\nb.pdf"')),
      ],
      'cut off in the middle': [
        'multipart/form-data; boundary=zz',
        multipart(csrf, '--zz\r\nContent-Disposition: form'),
      ],
    };
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      for (const path of [
        '/login',
        `/consultations/${id}/comment/confirm`,
        `/staff/consultations/${id}/documents`,
      ]) {
        for (const [name, [contentType, body]] of Object.entries(bodies)) {
          for (const lang of ['ja', 'en'] as const) {
            const res = await t.client.request(`${path}?lang=${lang}`, {
              method: 'POST',
              body,
              headers: { 'content-type': contentType },
            });
            const text = visibleText(await res.text());
            expect(res.status, `${path} ${name}`).toBe(400);
            expect(text, `${path} ${name}`).toContain(
              lang === 'ja'
                ? '送信内容を読み取れませんでした。ページを再読み込みして、もう一度送信してください。'
                : 'We could not read what was sent. Reload the page and send the form again.',
            );
          }
        }
      }
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([]);
  });
});

describe('caching, decided by area', () => {
  it('sends no-store on staff, council and admin pages, which show names and addresses', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    await loginAs(t, 'admin');
    for (const path of [
      '/staff',
      `/staff/consultations/${id}/comments`,
      `/staff/consultations/${id}/review`,
      '/council',
      '/staff/admin',
      '/staff/admin/audit',
      '/account',
    ]) {
      const res = await t.client.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('sets no cookie on a response a shared cache may keep, and keeps public pages private', async () => {
    // With a configured public address the feed and API are the same for everyone (without it their
    // links follow the Host header, so they are private: see open-data.test.ts).
    const t = await makeTestApp({ env: { KOE_PUBLIC_URL: 'https://koe.example.jp' } });
    await seedConsultation(t.db);
    for (const path of [
      '/api/v1/consultations',
      '/feed.atom',
      '/static/css/koe.css',
      '/api/v1/consultations?lang=en',
    ]) {
      const res = await fetchFresh(t.app, path);
      expect(res.headers.get('cache-control'), path).toMatch(/^public, max-age=\d+$/);
      expect(res.headers.getSetCookie(), path).toEqual([]);
    }
    // An HTML page carries the visitor's form token: its cookie, and no shared caching.
    const home = await fetchFresh(t.app, '/');
    expect(home.headers.get('cache-control')).toBe('private, no-cache');
    expect(home.headers.getSetCookie().some((l) => l.startsWith('koe_csrf='))).toBe(true);
  });

  it('limits receipt look-ups per client, so codes cannot be tried one after another', async () => {
    const t = await makeTestApp({ realRateLimit: true });
    const look = (i: number, lang = 'ja') =>
      t.client.get(`/receipts/7KXM-R9QP-${String(i).padStart(4, '0')}?lang=${lang}`);
    for (let i = 0; i < 20; i++) expect((await look(i)).res.status, `look-up ${i + 1}`).toBe(404);
    const refused = await look(20);
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBe('60');
    expect(visibleText(refused.html)).toContain(
      '短時間に多くの照会がありました。1分ほど待ってから、もう一度お試しください。',
    );
    const en = await look(21, 'en');
    expect(visibleText(en.html)).toContain('Too many look-ups from your connection in a short time.');
    // The form's own address counts too, and the limit is over after a minute.
    expect((await t.client.get('/receipts?code=7KXM-R9QP-4HTW')).res.status).toBe(429);
    t.clock.set(new Date(t.clock.now().getTime() + 60_000));
    expect((await look(22)).res.status).toBe(404);
    // Reading the consultations is not limited.
    expect((await t.client.get('/')).res.status).toBe(200);
  });
});

/** A request from a browser that has no cookies yet. */
function fetchFresh(app: { request: (url: string) => Response | Promise<Response> }, path: string) {
  return app.request(`http://localhost${path}`);
}
