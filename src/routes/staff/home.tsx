/**
 * The staff home (/staff): the consultations of the person's departments (all of them for an
 * administrator), whatever their status, newest first.
 */
import { Hono } from 'hono';
import { StaffHome } from '../../../views/pages/staff/StaffHome.tsx';
import { listDepartments, listUserDepartments } from '../../data/departments.ts';
import { listStaffConsultations } from '../../data/staff-consultations.ts';
import { phaseOf } from '../../domain/lifecycle.ts';
import type { SignedInEnv } from '../../env.ts';
import { pageCtx } from '../../http/render.tsx';
import { t } from '../../lib/i18n.ts';

export const home = new Hono<SignedInEnv>().get('/', async (c) => {
  const { db, user } = c.var;
  const now = c.var.clock.now();
  const departments = user.role === 'admin' ? 'all' : await listUserDepartments(db, user.id);
  const rows = await listStaffConsultations(db, departments === 'all' ? 'all' : departments.map((d) => d.id));
  const items = rows.map((row) => ({ ...row, phase: phaseOf(row, now) }));
  // A consultation needs a department: an admin can create one once any department exists.
  const canCreate = departments === 'all' ? (await listDepartments(db)).length > 0 : departments.length > 0;
  const page = (
    <StaffHome
      ctx={pageCtx(c)}
      items={items}
      departments={departments === 'all' ? 'all' : departments.map((d) => d.name)}
      canCreate={canCreate}
    />
  );
  return c.render(page, { title: t(c.var.lang, '職員トップ', 'Staff home') });
});
