/** What the council rooms share: gathering the summary of `c.var.consultation`, the page title. */
import type { Context } from 'hono';
import { listCountRows, listCouncilComments } from '../../data/council.ts';
import { listResultGroups } from '../../data/results.ts';
import { countComments } from '../../domain/council-counts.ts';
import { buildCouncilSummary, type CouncilSummary, representativeIds } from '../../domain/council-summary.ts';
import { phaseOf } from '../../domain/lifecycle.ts';
import type { ConsultationEnv } from '../../env.ts';
import { t } from '../../lib/i18n.ts';

export type C = Context<ConsultationEnv>;

/** 「審議会資料：…」, the title of every page about one consultation. */
export function paperTitle(c: C): string {
  const { title } = c.var.consultation;
  return t(c.var.lang, `審議会資料：${title}`, `Council paper: ${title}`);
}

/**
 * Gathers everything the summary shows. `wait`: for print, JSON and CSV, wait (off the main
 * thread) for a running analysis rather than answer at once with its progress.
 */
export async function loadSummary(c: C, wait: boolean): Promise<CouncilSummary> {
  const { db, clock, consultation } = c.var;
  const now = clock.now();
  const counts = countComments(await listCountRows(db, consultation.id));
  const analysis = await c.var.analysis.get(consultation.id, { wait });
  const groups = await listResultGroups(db, consultation.id);
  const comments =
    analysis.state === 'ready'
      ? await listCouncilComments(db, consultation.id, representativeIds(analysis.result))
      : [];
  return buildCouncilSummary({
    consultation: {
      id: consultation.id,
      title: consultation.title,
      department: consultation.department,
      phase: phaseOf(consultation, now),
      publishedAt: consultation.published_at,
      opensAt: consultation.opens_at,
      closesAt: consultation.closes_at,
      resultPublishedAt: consultation.result_published_at,
    },
    now,
    counts,
    analysis,
    comments: new Map(comments.map((x) => [x.id, x])),
    staffGroups: groups.map((g) => ({
      no: g.no,
      summary: g.summary,
      response: g.response,
      outcome: g.outcome,
      revisionNote: g.revisionNote,
      sections: g.sections.map((s) => ({ number: s.number, heading: s.heading, label: s.label })),
      commentCount: g.commentCount,
    })),
  });
}
