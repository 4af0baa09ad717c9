import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { makeTestApp, TEST_SECRET } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';

/**
 * Bad input never produces a 500. Walks every GET and POST route of the app as an admin (who may
 * reach everything) on the demo data, with path parameters that exist, that do not, and that are
 * not numbers, and POSTs empty and garbage forms.
 */
describe('robustness', () => {
  it('answers every route with bad parameters and bad forms without a server error', async () => {
    const t = await makeTestApp({ now: new Date().toISOString() });
    await seedDemo(
      { db: t.db, config: t.config, secret: TEST_SECRET, demo: true, baseUrl: 'http://localhost' },
      t.clock.now(),
    );
    await loginAs(t, 'admin', 'robust-admin@example.jp');
    const routes = new Map<string, 'GET' | 'POST'>();
    for (const r of t.app.routes) {
      if ((r.method === 'GET' || r.method === 'POST') && !r.path.includes('*'))
        routes.set(`${r.method} ${r.path}`, r.method);
    }
    const skip = /^\/(logout|setup)/;
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const errors = console.error;
    console.error = () => {};
    try {
      for (const [key, method] of routes) {
        const path = key.slice(method.length + 1);
        if (skip.test(path)) continue;
        for (const value of ['1', '2', '999999', 'abc', '-1', '%E3%81%82']) {
          const url = path.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?\??/g, value);
          const res =
            method === 'GET'
              ? (await t.client.get(`${url}?page=-5&q=%22%27%3C&from=notadate&section=x&lang=en`)).res
              : (
                  await t.client.post(url, {
                    title: '<script>x</script>',
                    body: 'x'.repeat(5),
                    ids: ['a', '999999'],
                    comment_ids: ['abc'],
                    group_id: 'zzz',
                    outcome: 'nonsense',
                    opens_at: 'yesterday',
                    role: 'superuser',
                    channel: 'pigeon',
                    received_on: '2026-99-99',
                  })
                ).res;
          if (res.status >= 500) failures.push(`${method} ${url} → ${res.status}`);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }
    } finally {
      console.error = errors;
    }
    expect(failures).toEqual([]);
    // It reached the handlers: most answers are pages, redirects or field-level refusals.
    expect((statuses.get(200) ?? 0) + (statuses.get(303) ?? 0)).toBeGreaterThan(50);
    expect(statuses.get(403) ?? 0).toBe(0);
  }, 240_000);
});
