import type { Consultation } from '../../db/schema.ts';
import type { Phase } from '../../src/domain/lifecycle.ts';
import { type Lang, t } from '../../src/lib/i18n.ts';
import { daysLeft } from '../../src/lib/period.ts';
import { formatDate } from '../../src/lib/time.ts';

/** 令和8年12月1日（火）から令和8年12月31日（木）まで */
export function Period({
  c,
  lang,
  western = false,
}: {
  c: Pick<Consultation, 'opens_at' | 'closes_at'>;
  lang: Lang;
  /** Add the Western year: 令和8年（2026年）12月1日（火）. */
  western?: boolean;
}) {
  if (!c.opens_at || !c.closes_at) return <>{t(lang, '未定', 'Not set')}</>;
  return (
    <>
      <time datetime={c.opens_at}>{formatDate(c.opens_at, lang, { western })}</time>
      {t(lang, ' から ', ' to ')}
      <time datetime={c.closes_at}>{formatDate(c.closes_at, lang, { western })}</time>
      {t(lang, ' まで', '')}
    </>
  );
}

export function phaseLabel(phase: Phase, lang: Lang): string {
  switch (phase) {
    case 'draft':
      return t(lang, '下書き', 'Draft');
    case 'scheduled':
      return t(lang, '募集予定', 'Upcoming');
    case 'open':
      return t(lang, '意見募集中', 'Open for comments');
    case 'closed':
      return t(lang, '募集終了（結果公表準備中）', 'Closed (result in preparation)');
    case 'result_published':
      return t(lang, '結果公表', 'Result published');
    case 'withdrawn':
      return t(lang, '中止', 'Withdrawn');
  }
}

/** A status badge with text (never colour alone). */
export function PhaseBadge({
  phase,
  lang,
  c,
  now,
}: {
  phase: Phase;
  lang: Lang;
  c: Pick<Consultation, 'closes_at'>;
  now: Date;
}) {
  const left = phase === 'open' ? daysLeft(c, now) : 0;
  return (
    <span class={`badge badge-${phase}`}>
      {phaseLabel(phase, lang)}
      {phase === 'open'
        ? left <= 1
          ? t(lang, '（本日締切）', ' (closes today)')
          : t(lang, `（残り${left}日）`, ` (${left} days left)`)
        : ''}
    </span>
  );
}
