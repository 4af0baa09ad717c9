import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

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
