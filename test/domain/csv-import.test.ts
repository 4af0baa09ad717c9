import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  planImport,
  planImportBytes,
  receivedDateError,
  receivedInstant,
} from '../../src/domain/csv-import.ts';

const period = { opens_at: '2026-11-01T00:00:00.000Z', closes_at: '2026-12-01T14:59:59.999Z' };
const sections = [
  { id: 11, level: 1, number: '第1章', heading: '指針の目的' },
  { id: 12, level: 2, number: '1', heading: '協働の原則' },
  { id: 13, level: 2, number: '2', heading: '情報の公開' },
];
const ctx = (lang: 'ja' | 'en' = 'ja') => ({
  consultation: period,
  sections,
  now: new Date('2026-12-10T03:00:00.000Z'),
  lang,
});

describe('planning a CSV import', () => {
  it('reads Japanese headers, quoted fields with newlines and doubled quotes', () => {
    const csv =
      '\uFEFF受付日,提出方法,該当箇所,意見,氏名,住所,区分\r\n' +
      '2026/11/20,郵送,"1,2","一行目\r\n二行目の""引用""",山田太郎,倉敷市西中新田640,市内在住\r\n' +
      '2026-11-21,FAX,,全体への意見,,,\r\n';
    const plan = planImport(csv, ctx());
    expect(plan.fileErrors).toEqual([]);
    expect(plan.ok).toBe(true);
    const [a, b] = plan.rows;
    expect(a?.draft?.body).toBe('一行目\n二行目の"引用"');
    expect(a?.draft?.sectionIds).toEqual([12, 13]);
    expect(a?.channel).toBe('post');
    expect(a?.draft?.category).toBe('resident');
    expect(a?.receivedAt?.toISOString()).toBe('2026-11-20T03:00:00.000Z');
    expect(b?.channel).toBe('fax');
    expect(b?.draft?.submitterKind).toBe('anonymous');
    expect(b?.draft?.sectionIds).toEqual([]);
  });

  it('reads English headers and channel codes', () => {
    const csv =
      'received_at,channel,sections,body,email\n2026-11-05 10:30,in_person,第1章,Comment,a@example.jp\n';
    const plan = planImport(csv, ctx('en'));
    expect(plan.ok).toBe(true);
    expect(plan.rows[0]?.channel).toBe('in_person');
    expect(plan.rows[0]?.receivedAt?.toISOString()).toBe('2026-11-05T01:30:00.000Z');
    expect(plan.rows[0]?.draft?.sectionIds).toEqual([11]);
  });

  it('reports each bad field with its row number, in the reader language', () => {
    const csv = '受付日,提出方法,該当箇所,意見,区分\n2026/11/20,郵送,,よい,\n2026/10/01,鳩,第9章,,宇宙人\n';
    const plan = planImport(csv, ctx());
    expect(plan.ok).toBe(false);
    const errors = plan.rows[1]?.errors ?? [];
    expect(errors.every((e) => e.row === 3)).toBe(true);
    expect(errors.map((e) => e.field).sort()).toEqual(
      ['区分', '受付日', '意見', '提出方法', '該当箇所'].sort(),
    );
    expect(errors.find((e) => e.field === '受付日')?.message).toContain('募集期間');
    const en = planImport(csv, ctx('en'));
    expect(en.rows[1]?.errors.find((e) => e.field === 'Channel')?.message).toContain('is not a channel');
  });

  it('refuses a file without the required columns', () => {
    const plan = planImport('氏名,住所\n山田,倉敷\n', ctx());
    expect(plan.ok).toBe(false);
    expect(plan.fileErrors.join()).toContain('受付日');
  });

  it('refuses a file that is not CSV with the line, in the reader language', () => {
    const csv = '受付日,提出方法,意見\n2026/11/20,郵送,"閉じていない引用\n2026/11/21,郵送,次の意見\n';
    const plan = planImport(csv, ctx());
    expect(plan.ok).toBe(false);
    expect(plan.rows).toEqual([]);
    expect(plan.fileErrors.join()).toMatch(/CSVファイルとして読めません（\d+行目付近/);
    expect(planImport(csv, ctx('en')).fileErrors.join()).toContain('cannot be read as CSV');
  });

  it('decodes Shift_JIS as Excel saves it', () => {
    const bytes = iconv.encode(
      '受付日,提出方法,意見\r\n2026/11/20,持参,協働の推進に賛成です\r\n',
      'Shift_JIS',
    );
    const plan = planImportBytes(bytes, ctx());
    expect(plan.ok).toBe(true);
    expect(plan.rows[0]?.draft?.body).toBe('協働の推進に賛成です');
  });

  it('gives the same row the same hash whatever the file', () => {
    const a = planImport('受付日,提出方法,意見\n2026/11/20,郵送,同じ意見\n', ctx());
    const b = planImport('意見,受付日,提出方法\n同じ意見,2026-11-20,post\n別の意見,2026-11-20,post\n', ctx());
    expect(a.rows[0]?.rowHash).toBe(b.rows[0]?.rowHash);
    expect(b.rows[1]?.rowHash).not.toBe(a.rows[0]?.rowHash);
  });
});

describe('the postmark rule', () => {
  const now = new Date('2026-12-10T03:00:00.000Z');
  it('accepts a date within the period even after it closed', () => {
    expect(receivedDateError('2026-12-01', period, now, 'ja')).toBeNull();
    expect(receivedDateError('2026-11-01', period, now, 'ja')).toBeNull();
  });
  it('refuses a date outside the period, in the future, or not a date', () => {
    expect(receivedDateError('2026-12-02', period, now, 'ja')).toContain('募集期間');
    expect(receivedDateError('2026-10-31', period, now, 'en')).toContain('outside the comment period');
    expect(receivedDateError('2026-11-30', period, new Date('2026-11-24T00:00:00.000Z'), 'ja')).toContain(
      '未来',
    );
    expect(receivedDateError('2026-02-30', period, now, 'ja')).toContain('正しい日付');
  });
  it('stores noon of the day received, kept inside the period', () => {
    expect(receivedInstant('2026-11-20', period, now).toISOString()).toBe('2026-11-20T03:00:00.000Z');
    expect(receivedInstant('2026-11-01', period, now).toISOString()).toBe('2026-11-01T03:00:00.000Z');
    expect(receivedInstant('2026-12-01', period, now, '23:59').toISOString()).toBe(
      '2026-12-01T14:59:00.000Z',
    );
  });
});
