/** The staff home (/staff): every consultation, whatever its status, newest first. */
import { Hono } from 'hono';
import { StaffHome } from '../../../views/pages/staff/StaffHome.tsx';
import { listStaffConsultations } from '../../data/staff-consultations.ts';
import { phaseOf } from '../../domain/lifecycle.ts';
import type { SignedInEnv } from '../../env.ts';
import { pageCtx } from '../../http/render.tsx';
import { t } from '../../lib/i18n.ts';

export const home = new Hono<SignedInEnv>().get('/', async (c) => {
  const now = c.var.clock.now();
  const items = (await listStaffConsultations(c.var.db)).map((row) => ({ ...row, phase: phaseOf(row, now) }));
  return c.render(<StaffHome ctx={pageCtx(c)} items={items} />, {
    title: t(c.var.lang, '職員トップ', 'Staff home'),
  });
});
