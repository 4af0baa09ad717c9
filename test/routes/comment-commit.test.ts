/**
 * The comment path's group commit through the real app (issue #12): people sending at the same
 * moment are each shown their receipt only once their comment is committed — a second connection
 * to the database file already finds it — and a double click stores one comment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, TestClient } from '../helpers.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function appOnFile() {
  const dir = mkdtempSync(join(tmpdir(), 'koe-comment-commit-'));
  const file = join(dir, 'koe.sqlite3');
  const t = await makeTestApp({ file });
  const other = new SQLite(file, { readonly: true });
  cleanup = async () => {
    other.close();
    await t.store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { ...t, other, id: await seedConsultation(t.db) };
}

const fields = (i: number) => ({
  body: `同時に送られた意見 ${i}：公園の遊具を増やしてください。`,
  submitter_kind: 'individual',
  name: `倉敷 花子${i}`,
  postal_code: '710-8565',
  address: '倉敷市',
  category: 'resident',
});

/** A person who has filled in the form and reached 確認; returns how to press 送信. */
async function atConfirm(app: TestClient['app'], id: number, i: number) {
  const person = new TestClient(app);
  const base = `/consultations/${id}/comment`;
  await person.get(base);
  const confirm = await person.post(`${base}/confirm`, fields(i));
  expect(confirm.res.status).toBe(200);
  const key = confirm.html.match(/name="submission_key" value="([^"]+)"/)?.[1];
  expect(key).toBeTruthy();
  return (extra: Record<string, string> = {}) =>
    person.post(`${base}/submit`, { ...fields(i), submission_key: key!, ...extra });
}

describe('sending comments at the same moment', () => {
  it('shows each receipt only once the comment is on the database file', async () => {
    const t = await appOnFile();
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => atConfirm(t.app, t.id, i)));
    const stored = t.other.prepare('SELECT count(*) FROM comments WHERE receipt_code = ?').pluck();
    const seenAtReceipt: number[] = [];
    const codes = await Promise.all(
      people.map((send) =>
        send().then(({ res }) => {
          expect(res.status).toBe(303);
          const code = res.headers.get('location')?.match(/\/comment\/done\/([^/?]+)$/)?.[1] ?? '';
          // At the moment the person is told "received", another reader already finds it.
          seenAtReceipt.push(stored.get(code) as number);
          return code;
        }),
      ),
    );
    expect(new Set(codes).size).toBe(12);
    expect(seenAtReceipt).toEqual(Array(12).fill(1));
    expect(t.other.prepare('SELECT count(*) FROM comments').pluck().get()).toBe(12);
  });

  it('stores a double click once and answers both clicks with the same receipt', async () => {
    const t = await appOnFile();
    const [send, other] = await Promise.all([0, 1].map((i) => atConfirm(t.app, t.id, i)));
    const [a, b, c] = await Promise.all([send!(), send!(), other!()]);
    expect([a.res.status, b.res.status, c.res.status]).toEqual([303, 303, 303]);
    expect(b.res.headers.get('location')).toBe(a.res.headers.get('location'));
    expect(c.res.headers.get('location')).not.toBe(a.res.headers.get('location'));
    expect(t.other.prepare('SELECT body FROM comments ORDER BY id').pluck().all()).toEqual([
      fields(0).body,
      fields(1).body,
    ]);
  });
});
