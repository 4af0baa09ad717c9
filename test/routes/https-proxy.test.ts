import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { makeTestApp } from '../helpers.ts';
import { createTestUser, TEST_PASSWORD } from '../helpers-auth.ts';

// A self-signed certificate for localhost, for these tests only (100 years; made with
// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
//  -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1`).
const TLS = new URL('../fixtures/tls/', import.meta.url);
const key = readFileSync(new URL('localhost.key', TLS));
const cert = readFileSync(new URL('localhost.crt', TLS));

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const listening = (server: http.Server | https.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

/**
 * A TLS-terminating reverse proxy, as nginx is configured in front of Koe: HTTPS outside,
 * plain HTTP to the app, the Host kept, X-Forwarded-For appended with the address it saw.
 */
async function tlsProxy(): Promise<{ port: number; forwardTo: (port: number) => void }> {
  let target = 0;
  const proxy = https.createServer({ key, cert }, (req, res) => {
    const seen = req.socket.remoteAddress ?? '';
    const forwarded = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${seen}` : seen;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwarded, 'x-forwarded-proto': 'https' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  const port = await listening(proxy);
  closers.push(() => new Promise((resolve) => proxy.close(() => resolve())));
  return { port, forwardTo: (p) => (target = p) };
}

/** Koe behind the proxy, configured for it; returns the public base URL. */
async function koeBehindProxy() {
  const proxy = await tlsProxy();
  const base = `https://localhost:${proxy.port}`;
  const t = await makeTestApp({
    env: { KOE_SECURE_COOKIES: 'true', KOE_TRUST_PROXY: 'true', KOE_PUBLIC_URL: base },
  });
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  proxy.forwardTo((server.address() as AddressInfo).port);
  return { t, base };
}

/** A browser's request over HTTPS (trusting the test certificate). */
function browserRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, ca: cert },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('behind a TLS-terminating proxy', () => {
  it('accepts a sign-in form whose Origin is the public https address, and refuses another site', async () => {
    const { t, base } = await koeBehindProxy();
    await createTestUser(t.db, 'staff');
    const page = await browserRequest(`${base}/login`);
    expect(page.status).toBe(200);
    const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const cookie = (page.headers['set-cookie'] ?? []).map((l) => l.split(';')[0]).join('; ');
    expect(page.headers['set-cookie']?.find((l) => l.startsWith('koe_csrf='))).toMatch(/Secure/);
    const form = new URLSearchParams({ _csrf: csrf, email: 'staff@example.jp', password: TEST_PASSWORD });
    const post = (origin: string) =>
      browserRequest(`${base}/login`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });

    const foreign = await post('https://evil.example');
    expect(foreign.status).toBe(403);
    const signedIn = await post(base);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/staff');
    expect(signedIn.headers['set-cookie']?.find((l) => l.startsWith('koe_session='))).toMatch(/Secure/);
    // The address recorded is the one the proxy saw, not the proxy's own.
    const login = await t.db
      .selectFrom('audit_log')
      .select(['action', 'ip'])
      .where('action', '=', 'login')
      .executeTakeFirstOrThrow();
    expect(login.ip).toBe('127.0.0.1');
  });

  it('will not start with secure cookies or a trusted proxy but no public address to compare Origin with', () => {
    expect(() => loadConfig({ KOE_SECURE_COOKIES: 'true' })).toThrow(/KOE_PUBLIC_URL/);
    expect(() => loadConfig({ KOE_TRUST_PROXY: 'true' })).toThrow(/KOE_PUBLIC_URL/);
    expect(
      loadConfig({ KOE_SECURE_COOKIES: 'true', KOE_PUBLIC_URL: 'https://koe.example.jp' }).publicUrl,
    ).toBe('https://koe.example.jp');
  });
});
