/**
 * Administration (/staff/admin, administrators only): the home page with the accounts and the
 * backup note, then one sub-app per room — accounts (users.tsx), departments (departments.tsx),
 * the city's settings (settings.tsx) and the audit log (audit.tsx).
 * `requireRole('admin')` and `area('admin')` are set once, here.
 */
import { Hono } from 'hono';
import { AdminHome } from '../../../views/pages/admin/AdminHome.tsx';
import { departmentNamesByUser } from '../../data/departments.ts';
import { listUsers } from '../../data/users.ts';
import type { SignedInEnv } from '../../env.ts';
import { area, pageCtx } from '../../http/render.tsx';
import { requireRole } from '../../http/session.ts';
import { t } from '../../lib/i18n.ts';
import { audit } from './audit.tsx';
import { mail } from './mail.tsx';
import { departments } from './departments.tsx';
import { settings } from './settings.tsx';
import { users } from './users.tsx';

export const admin = new Hono<SignedInEnv>()
  .use('*', requireRole('admin'), area('admin'))
  .get('/', async (c) => {
    const departments = await departmentNamesByUser(c.var.db);
    const users = (await listUsers(c.var.db)).map((u) => ({
      ...u,
      departments: departments.get(u.id) ?? [],
    }));
    const page = <AdminHome ctx={pageCtx(c)} users={users} />;
    return c.render(page, { title: t(c.var.lang, 'システム管理', 'Administration') });
  })
  .route('/users', users)
  .route('/mail', mail)
  .route('/departments', departments)
  .route('/settings', settings)
  .route('/', audit);
