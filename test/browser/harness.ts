import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { makeTestApp, TEST_SECRET } from '../helpers.ts';

export const CHROMIUM = process.env.KOE_CHROMIUM ?? '/usr/bin/chromium';

/** Launches Debian's Chromium (no browser download) with the flags this sandbox needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The real app on a fresh in-memory database, listening on a free loopback port. */
export async function startServer(opts: Parameters<typeof makeTestApp>[0] = {}) {
  const t = await makeTestApp(opts);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * `startServer` with the demo content seeded as of now (the demo accounts sign in with
 * `password`), and the demo consultations' ids by a word of their title.
 */
export async function startDemoServer(password: string) {
  const now = new Date();
  const server = await startServer({ now: now.toISOString(), env: { KOE_DEMO_PASSWORD: password } });
  await seedDemo(
    { db: server.db, config: server.config, secret: TEST_SECRET, demo: true, baseUrl: server.baseUrl },
    now,
  );
  const rows = await server.db.selectFrom('consultations').select(['id', 'title']).execute();
  const idOf = (word: string) => rows.find((r) => r.title.includes(word))?.id ?? 0;
  return { server, idOf };
}

export const AXE_PATH = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Signs in through the login form (the demo accounts take the demo password). */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForLoadState('load');
}

/** WCAG 2.1 AA violations axe finds on the page, one line each (page, rule, impact, where; none: []). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations: AxeViolation[] = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.map(
    (v) =>
      `${page.url()}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * The demo server and a browser for the tests of one file: started before them, closed after.
 * Read `run.browser` and `run.demo` inside the tests (they are set once `beforeAll` has run).
 */
export function onDemo(password: string) {
  const run = {} as { browser: Browser; demo: Awaited<ReturnType<typeof startDemoServer>> };
  beforeAll(async () => {
    run.demo = await startDemoServer(password);
    run.browser = await launchBrowser();
  });
  afterAll(async () => {
    await run.browser?.close();
    await run.demo?.server.close();
  });
  return run;
}
