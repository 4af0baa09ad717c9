import { describe, expect, it } from 'vitest';
import {
  canWithdraw,
  checkPeriod,
  classifyPublishedChange,
  isShortPeriod,
  planPublish,
} from '../../src/domain/consultation-rules.ts';
import { endOfTokyoDay, startOfTokyoDay } from '../../src/lib/time.ts';

const day = (d: string) => startOfTokyoDay(d);
const end = (d: string) => endOfTokyoDay(d);

describe('checkPeriod', () => {
  it('accepts a period of 30 Tokyo days, both ends included, without a reason', () => {
    expect(isShortPeriod(day('2026-12-01'), end('2026-12-30'))).toBe(false);
    expect(
      checkPeriod({ opensAt: day('2026-12-01'), closesAt: end('2026-12-30'), shortPeriodReason: '' }),
    ).toEqual([]);
  });

  it('asks for a reason when the period is 29 days', () => {
    expect(
      checkPeriod({ opensAt: day('2026-12-01'), closesAt: end('2026-12-29'), shortPeriodReason: ' ' }),
    ).toEqual(['short_period_needs_reason']);
    expect(
      checkPeriod({
        opensAt: day('2026-12-01'),
        closesAt: end('2026-12-29'),
        shortPeriodReason: '法改正の施行日に合わせるため',
      }),
    ).toEqual([]);
  });

  it('refuses a closing at or before the opening', () => {
    expect(
      checkPeriod({ opensAt: day('2026-12-02'), closesAt: day('2026-12-01'), shortPeriodReason: 'x' }),
    ).toEqual(['closes_before_opens']);
  });

  it('leaves an unset period to the publishing step', () => {
    expect(checkPeriod({ opensAt: null, closesAt: null, shortPeriodReason: '' })).toEqual([]);
  });
});

describe('planPublish', () => {
  const now = new Date('2026-11-24T03:00:00.000Z');
  const base = {
    status: 'draft' as const,
    title: '案',
    department: '課',
    opens_at: null,
    closes_at: end('2026-12-31').toISOString(),
    short_period_reason: '',
  };

  it('opens at once when the opening is unset or past', () => {
    expect(planPublish(base, 3, now)).toEqual({ problems: [], opensAt: now, opensNow: true });
    expect(planPublish({ ...base, opens_at: '2026-11-01T00:00:00.000Z' }, 3, now).opensNow).toBe(true);
  });

  it('schedules a future opening', () => {
    const plan = planPublish({ ...base, opens_at: day('2026-12-01').toISOString() }, 3, now);
    expect(plan.opensNow).toBe(false);
    expect(plan.opensAt?.toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('lists what is missing: title, department, period, sections', () => {
    const plan = planPublish({ ...base, title: ' ', department: '', closes_at: null }, 0, now);
    expect(plan.problems).toEqual(['title', 'department', 'sections', 'period']);
  });

  it('checks the short-period rule against the actual opening', () => {
    const plan = planPublish(
      { ...base, opens_at: '2026-11-01T00:00:00.000Z', closes_at: end('2026-12-10').toISOString() },
      1,
      now,
    );
    expect(plan.problems).toEqual(['short_period_needs_reason']);
  });

  it('refuses a period that has already ended and a consultation already published', () => {
    expect(planPublish({ ...base, closes_at: '2026-11-01T00:00:00.000Z' }, 1, now).problems).toEqual([
      'closes_in_past',
    ]);
    expect(planPublish({ ...base, status: 'published' }, 1, now).problems).toContain('not_draft');
  });
});

describe('classifyPublishedChange', () => {
  const before = {
    status: 'published' as const,
    title: '案',
    opens_at: '2026-11-01T00:00:00.000Z',
    closes_at: '2026-12-01T14:59:59.999Z',
  };
  const opensAt = new Date(before.opens_at);

  it('allows an unchanged period, compared to the minute a form shows', () => {
    expect(
      classifyPublishedChange(before, {
        title: '案',
        opensAt,
        closesAt: new Date('2026-12-01T14:59:00.000Z'),
      }),
    ).toBe('none');
  });

  it('allows only a later closing', () => {
    expect(classifyPublishedChange(before, { title: '案', opensAt, closesAt: end('2026-12-15') })).toBe(
      'extend',
    );
    expect(classifyPublishedChange(before, { title: '案', opensAt, closesAt: end('2026-11-28') })).toBe(
      'refused_period',
    );
    expect(classifyPublishedChange(before, { title: '案', opensAt, closesAt: null })).toBe('refused_period');
  });

  it('refuses a new title, a moved opening and any change once withdrawn', () => {
    expect(classifyPublishedChange(before, { title: '別', opensAt, closesAt: end('2026-12-01') })).toBe(
      'refused_title',
    );
    expect(
      classifyPublishedChange(before, {
        title: '案',
        opensAt: day('2026-11-05'),
        closesAt: end('2026-12-01'),
      }),
    ).toBe('refused_period');
    expect(
      classifyPublishedChange(
        { ...before, status: 'withdrawn' },
        { title: '案', opensAt, closesAt: end('2026-12-01') },
      ),
    ).toBe('refused_withdrawn');
  });
});

describe('canWithdraw', () => {
  it('allows withdrawing a published consultation until its result is published', () => {
    expect(canWithdraw({ status: 'published', result_published_at: null })).toBe(true);
    expect(canWithdraw({ status: 'draft', result_published_at: null })).toBe(false);
    expect(canWithdraw({ status: 'published', result_published_at: '2027-01-01T00:00:00.000Z' })).toBe(false);
  });
});
