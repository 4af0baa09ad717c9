/**
 * Under overload (issue #12) public requests are turned away at once with 503, Retry-After and a
 * message in Japanese and English, a new visit first and a comment being sent last; signed-in
 * staff and pages from the cache are not. The lag is given by the test (no timing involved).
 */
import { describe, expect, it } from 'vitest';
import { createAdmission, lagUnderLoad, overloadedUnder } from '../../src/http/load-shedding.tsx';
import { loginAs } from '../helpers-auth.ts';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

const FIELDS = {
  body: '混雑時でも送れるか確かめる意見です。',
  submitter_kind: 'individual',
  name: '倉敷 花子',
  postal_code: '710-8565',
  address: '倉敷市',
  category: 'resident',
};

async function busyApp() {
  let lag = 0;
  const t = await makeTestApp({ loadLag: () => lag });
  const id = await seedConsultation(t.db);
  const setLag = (ms: number) => {
    lag = ms;
  };
  return { ...t, id, setLag };
}

/** A consultation whose comment form this client has filled in and confirmed once (its key to send). */
async function confirmedOnce(t: Awaited<ReturnType<typeof makeTestApp>>) {
  const id = await seedConsultation(t.db);
  const base = `/consultations/${id}/comment`;
  await t.client.get(base);
  const confirm = await t.client.post(`${base}/confirm`, FIELDS);
  const key = confirm.html.match(/name="submission_key" value="([^"]+)"/)?.[1];
  expect(key).toBeTruthy();
  return { id, base, key: key ?? '' };
}

describe('load shedding', () => {
  it('turns a new visit away with 503, Retry-After and what to do in both languages', async () => {
    const t = await busyApp();
    t.setLag(300);
    for (const lang of ['ja', 'en'] as const) {
      const res = await t.client.request(`/consultations/${t.id}/comment?lang=${lang}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const text = visibleText(await res.text());
      expect(text).toContain('ただいま混み合っています。5秒ほど待ってから、もう一度お試しください。');
      expect(text).toContain('Koe is very busy right now. Please wait about 5 seconds and try again.');
      expect(text.indexOf(lang === 'ja' ? 'ただいま' : 'Koe is')).toBeLessThan(
        text.indexOf(lang === 'ja' ? 'Koe is' : 'ただいま'),
      );
    }
    const htmx = await t.client.request(`/consultations/${t.id}/comment`, {
      headers: { 'hx-request': 'true', 'hx-request-type': 'partial' },
    });
    expect(htmx.status).toBe(503);
    expect(await htmx.text()).not.toContain('<html');
    t.setLag(0);
    expect((await t.client.request(`/consultations/${t.id}/comment`)).status).toBe(200);
  });

  it('lets a comment being written through longer, and sending it longest', async () => {
    const t = await busyApp();
    const base = `/consultations/${t.id}/comment`;
    await t.client.get(base);
    t.setLag(600);
    expect((await t.client.post(`${base}/confirm`, FIELDS)).res.status).toBe(503);
    t.setLag(300);
    const confirm = await t.client.post(`${base}/confirm`, FIELDS);
    expect(confirm.res.status).toBe(200);
    const key = confirm.html.match(/name="submission_key" value="([^"]+)"/)?.[1] ?? '';
    t.setLag(1500);
    const sent = await t.client.post(`${base}/submit`, { ...FIELDS, submission_key: key });
    expect(sent.res.status).toBe(303);
    const done = await t.client.get(sent.res.headers.get('location')!);
    expect(done.res.status).toBe(200);
    t.setLag(2500);
    const again = await t.client.post(`${base}/submit`, { ...FIELDS, submission_key: key });
    expect(again.res.status).toBe(503);
    // Nothing was stored twice; sent again when quiet, the same receipt comes back.
    t.setLag(0);
    const retry = await t.client.post(`${base}/submit`, { ...FIELDS, submission_key: key });
    expect(retry.res.headers.get('location')).toBe(sent.res.headers.get('location'));
  });

  it('never turns away signed-in staff, nor a page the cache holds', async () => {
    const t = await busyApp();
    const page = await t.app.request(`/consultations/${t.id}`);
    expect(page.status).toBe(200);
    t.setLag(10_000);
    expect((await t.app.request(`/consultations/${t.id}`)).status).toBe(200);
    expect((await t.app.request('/')).status).toBe(503);
    t.setLag(0);
    await loginAs(t, 'staff');
    t.setLag(10_000);
    expect((await t.client.get(`/staff/consultations/${t.id}`)).res.status).toBe(200);
    expect((await t.client.get('/')).res.status).toBe(200);
  });

  it('admits only so many requests at once: a new visit first, sending a comment last', async () => {
    const t = await makeTestApp({
      shedLimits: {
        inFlight: { start: 2, continue: 3, finish: 4 },
        lag: { start: 1e9, continue: 1e9, finish: 1e9 },
      },
    });
    const { id, base, key } = await confirmedOnce(t);

    // Three people confirming are in hand while their forms are still arriving (a slow line).
    const fields = new URLSearchParams({ ...FIELDS, _csrf: t.client.cookies.get('koe_csrf')! }).toString();
    const arriving = [1, 2, 3].map(() => {
      let finish = () => {};
      let reading = () => {};
      const read = new Promise<void>((resolve) => {
        reading = resolve;
      });
      // Pulled only once the app reads the form: by then the request has been admitted.
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            reading();
            return new Promise<void>((resolve) => {
              finish = () => {
                controller.enqueue(new TextEncoder().encode(fields));
                controller.close();
                resolve();
              };
            });
          },
        },
        { highWaterMark: 0 },
      );
      const answer = t.client.request(`${base}/confirm`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        duplex: 'half',
      } as RequestInit);
      return { answer, read, finish: () => finish() };
    });
    await Promise.all(arriving.map((a) => a.read));

    // A new visit and a fourth confirmation are turned away at once, in both languages.
    const visit = await t.app.request(`/consultations/${id}?lang=en`);
    expect(visit.status).toBe(503);
    expect(visit.headers.get('retry-after')).toBe('5');
    expect(visibleText(await visit.text())).toContain('Koe is very busy right now.');
    expect((await t.client.post(`${base}/confirm`, FIELDS)).res.status).toBe(503);
    // Sending a comment is still let in.
    const sent = await t.client.post(`${base}/submit`, { ...FIELDS, submission_key: key });
    expect(sent.res.status).toBe(303);
    expect(sent.res.headers.get('location')).toMatch(/\/comment\/done\/[0-9A-Z]{12}$/);

    for (const a of arriving) a.finish();
    for (const a of arriving) {
      const res = await a.answer;
      expect(res.status).toBe(200);
      expect(visibleText(await res.text())).toContain(FIELDS.body);
    }
    // Once they are answered, visits are admitted again.
    expect((await t.app.request(`/consultations/${id}?lang=en`)).status).toBe(200);
  });

  it('lets in the share the load allows: of new visits that share, of next steps more, of sendings all', async () => {
    let share = 1;
    const t = await makeTestApp({ admitted: () => share });
    const { id, base, key } = await confirmedOnce(t);
    share = 0.25;
    const visits: number[] = [];
    for (let i = 0; i < 8; i++) visits.push((await t.app.request('/receipts')).status);
    expect(visits.filter((s) => s === 200)).toHaveLength(2);
    expect(visits.filter((s) => s === 503)).toHaveLength(6);
    const confirms: number[] = [];
    for (let i = 0; i < 8; i++) confirms.push((await t.client.post(`${base}/confirm`, FIELDS)).res.status);
    expect(confirms.filter((s) => s === 200)).toHaveLength(4);
    const sent = await t.client.post(`${base}/submit`, { ...FIELDS, submission_key: key });
    expect(sent.res.status).toBe(303);
    expect((await t.client.get(sent.res.headers.get('location')!)).res.status).toBe(200);
    // Staff are never turned away.
    await loginAs(t, 'staff');
    for (let i = 0; i < 4; i++)
      expect((await t.client.get(`/staff/consultations/${id}`)).res.status).toBe(200);
  });

  it('lowers the share while overloaded, and raises it again a little at a time', () => {
    let over = false;
    const admission = createAdmission(() => over);
    admission.tick();
    expect(admission.share).toBe(1);
    over = true;
    admission.tick();
    expect(admission.share).toBeCloseTo(0.75);
    for (let i = 0; i < 50; i++) admission.tick();
    expect(admission.share).toBeCloseTo(0.01);
    over = false;
    admission.tick();
    expect(admission.share).toBeCloseTo(0.06);
    for (let i = 0; i < 30; i++) admission.tick();
    expect(admission.share).toBe(1);
  });

  it('takes a full or late loop for overload only while many connections are open', () => {
    let open = 10;
    let monitor = { floor: 0, busy: 1 };
    const overloaded = overloadedUnder(
      () => monitor,
      () => open,
      64,
    );
    // A handful of people served as fast as Koe can is not a queue.
    expect(overloaded()).toBe(false);
    open = 65;
    expect(overloaded()).toBe(true);
    monitor = { floor: 0, busy: 0.5 };
    expect(overloaded()).toBe(false);
    monitor = { floor: 40, busy: 0.5 };
    expect(overloaded()).toBe(true);
  });

  it('takes a late event loop for overload only while many connections are open', () => {
    let open = 1;
    const lag = lagUnderLoad(
      () => 900,
      () => open,
      64,
    );
    // One reader on a machine whose other work delays the loop is served, not turned away.
    expect(lag()).toBe(0);
    open = 64;
    expect(lag()).toBe(0);
    open = 65;
    expect(lag()).toBe(900);
  });
});
