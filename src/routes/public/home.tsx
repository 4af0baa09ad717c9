/** The list of consultations (/), grouped by where each stands today. */
import { Hono } from 'hono';
import { HomePage } from '../../../views/pages/HomePage.tsx';
import { listPublicConsultations } from '../../data/consultations.ts';
import { nextPhaseChange, phaseOf } from '../../domain/lifecycle.ts';
import type { AppEnv } from '../../env.ts';
import { cacheable } from '../../http/page-cache.ts';
import { pageCtx } from '../../http/render.tsx';
import { t } from '../../lib/i18n.ts';

export const home = new Hono<AppEnv>().get('/', async (c) => {
  const now = c.var.clock.now();
  const rows = await listPublicConsultations(c.var.db);
  const items = rows.map((consultation) => ({ consultation, phase: phaseOf(consultation, now) }));
  cacheable(c, nextPhaseChange(rows, now));
  return c.render(<HomePage ctx={pageCtx(c)} items={items} />, {
    title: t(c.var.lang, '意見募集の一覧', 'Consultations'),
  });
});
