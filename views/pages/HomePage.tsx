import type { Consultation } from '../../db/schema.ts';
import type { Phase } from '../../src/domain/lifecycle.ts';
import { t } from '../../src/lib/i18n.ts';
import type { PageCtx } from '../context.ts';
import { Period, PhaseBadge } from '../partials/period.tsx';

export interface ListedConsultation {
  consultation: Consultation;
  phase: Phase;
}

export interface HomePageProps {
  ctx: PageCtx;
  items: ListedConsultation[];
}

export function HomePage({ ctx, items }: HomePageProps) {
  const { lang } = ctx;
  const all: { phases: Phase[]; id: string; title: string; empty: string }[] = [
    {
      phases: ['open'],
      id: 'open',
      title: t(lang, '意見募集中', 'Open for comments'),
      empty: t(lang, '現在、意見を募集している案件はありません。', 'No consultation is open right now.'),
    },
    {
      phases: ['scheduled'],
      id: 'upcoming',
      title: t(lang, '募集予定', 'Upcoming'),
      empty: t(lang, '予定されている案件はありません。', 'No consultation is scheduled.'),
    },
    {
      phases: ['closed'],
      id: 'closed',
      title: t(lang, '募集終了', 'Closed'),
      empty: t(lang, '該当する案件はありません。', 'None.'),
    },
    {
      phases: ['result_published'],
      id: 'results',
      title: t(lang, '結果公表', 'Results'),
      empty: t(lang, '公表された結果はまだありません。', 'No result has been published yet.'),
    },
    // A withdrawn consultation did not end its period as planned: its own group, shown only
    // when there is one, so it is never read as closed and awaiting a result.
    {
      phases: ['withdrawn'],
      id: 'withdrawn',
      title: t(lang, '中止', 'Withdrawn'),
      empty: '',
    },
  ];
  const groups = all.filter((g) => g.empty !== '' || items.some((i) => g.phases.includes(i.phase)));
  return (
    <>
      <h1>{t(lang, '意見募集（パブリックコメント）', 'Public comment consultations')}</h1>
      <p class="lead">
        {t(
          lang,
          '市の計画や条例などの案を公表し、市民の皆さんから意見を募集しています。案を読み、該当する箇所を選んで意見をお寄せください。意見は数ではなく内容で検討します。',
          'The city publishes draft plans and rules and asks for your comments. Read a draft, choose the part you are commenting on and send your view. Comments are weighed by what they say, not by how many there are.',
        )}
      </p>
      <nav aria-label={t(lang, 'このページの目次', 'On this page')} class="jump-links">
        <ul>
          {groups.map((g) => (
            <li>
              <a href={`#${g.id}`}>{g.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((g) => {
        const rows = items.filter((i) => g.phases.includes(i.phase));
        return (
          <section aria-labelledby={`h-${g.id}`} class="consultation-group">
            <h2 id={`h-${g.id}`}>
              <span id={g.id}>{g.title}</span>
              <span class="count">{t(lang, `（${rows.length}件）`, ` (${rows.length})`)}</span>
            </h2>
            {rows.length === 0 ? (
              <p class="empty">{g.empty}</p>
            ) : (
              <ul class="cards">
                {rows.map(({ consultation: c, phase }) => (
                  <li class="card">
                    <h3>
                      <a href={`/consultations/${c.id}`}>{c.title}</a>
                    </h3>
                    <PhaseBadge phase={phase} lang={lang} c={c} now={ctx.now} />
                    <dl class="meta">
                      <dt>{t(lang, '担当課', 'Department')}</dt>
                      <dd>{c.department}</dd>
                      <dt>{t(lang, '募集期間', 'Period')}</dt>
                      <dd>
                        <Period c={c} lang={lang} />
                      </dd>
                    </dl>
                    {c.summary ? <p class="summary">{c.summary}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
