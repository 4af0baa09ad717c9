import { Hono } from 'hono';
import { HomePage } from '../../views/pages/HomePage.tsx';
import { listPublicConsultations } from '../data/consultations.ts';
import { phaseOf } from '../domain/lifecycle.ts';
import type { AppEnv } from '../env.ts';
import { t } from '../lib/i18n.ts';
import { pageCtx, render } from '../lib/render.tsx';

export const publicRoutes = new Hono<AppEnv>();

publicRoutes.get('/', async (c) => {
  const now = c.var.clock.now();
  const rows = await listPublicConsultations(c.var.db);
  const items = rows.map((consultation) => ({ consultation, phase: phaseOf(consultation, now) }));
  return render(c, {
    title: t(c.var.lang, '意見募集の一覧', 'Consultations'),
    body: <HomePage ctx={pageCtx(c)} items={items} />,
  });
});
