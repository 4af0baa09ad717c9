/** The council's home (/council): every consultation past draft, with its counts. */
import { Hono } from 'hono';
import { CouncilIndex } from '../../../views/pages/council/CouncilIndex.tsx';
import { listCouncilConsultations } from '../../data/council.ts';
import { phaseOf } from '../../domain/lifecycle.ts';
import type { SignedInEnv } from '../../env.ts';
import { pageCtx } from '../../http/render.tsx';
import { t } from '../../lib/i18n.ts';

export const home = new Hono<SignedInEnv>();

home.get('/', async (c) => {
  const ctx = pageCtx(c);
  const rows = await listCouncilConsultations(c.var.db);
  const consultations = rows.map((r) => ({
    id: r.id,
    title: r.title,
    department: r.department,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    commentCount: r.commentCount,
    submitterCount: r.submitterCount,
    phase: phaseOf(
      {
        status: r.status,
        opens_at: r.opensAt,
        closes_at: r.closesAt,
        result_published_at: r.resultPublishedAt,
      },
      ctx.now,
    ),
  }));
  return c.render(<CouncilIndex ctx={ctx} consultations={consultations} />, {
    title: t(ctx.lang, '審議会資料', 'Council papers'),
  });
});
