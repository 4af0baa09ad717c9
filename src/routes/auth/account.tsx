/**
 * The signed-in person's own account (/account): who they are, when they last signed in, and
 * their password change. Someone signed in with a temporary password from an administrator is
 * sent to /account/password before anything else (`requireRole`), and on to where they were
 * going once they have chosen their own.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { AccountPage } from '../../../views/pages/auth/AccountPage.tsx';
import { listUserDepartments } from '../../data/departments.ts';
import { findUserById, listSignIns } from '../../data/users.ts';
import type { SignedInEnv } from '../../env.ts';
import { notFound } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { requireRole } from '../../http/session.ts';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { homeOf, mayOpen, ownAreaOf } from '../../lib/roles.ts';
import { nextPath, passwordChangeSchema } from '../../schemas/auth.ts';
import { changeOwnPassword } from '../../usecases/sign-in.ts';

type C = Context<SignedInEnv>;

export const account = new Hono<SignedInEnv>().use(
  '*',
  requireRole('admin', 'staff', 'council'),
  async (c, next) => {
    // One's own account belongs to one's own area (its menu, its cache rules).
    c.set('area', ownAreaOf(c.var.user.role));
    await next();
  },
);
const { form, query } = validatorsFor<SignedInEnv>();

async function accountPage(
  c: C,
  o: { errors?: FieldErrors; changed?: boolean; status?: 422; next?: string } = {},
) {
  const { db, user } = c.var;
  const row = await findUserById(db, user.id);
  if (!row) throw notFound(c.var.lang);
  const departments = (await listUserDepartments(db, user.id)).map((d) => d.name);
  // The sign-in before this one, so a sign-in the person did not make can be noticed.
  const [, previous] = await listSignIns(db, user.id, 2);
  const page = (
    <AccountPage
      ctx={pageCtx(c)}
      user={user}
      passwordChangedAt={row.password_changed_at}
      lastLoginAt={row.last_login_at}
      previousLoginAt={previous ?? null}
      departments={departments}
      mustChange={user.mustChangePassword}
      next={o.next ?? ''}
      errors={o.errors}
      changed={o.changed}
    />
  );
  return c.render(page, { title: t(c.var.lang, 'アカウント', 'Your account'), status: o.status });
}

account.get('/', (c) => accountPage(c, { changed: c.req.query('changed') === '1' }));

account.get('/password', query(z.object({ next: nextPath })), (c) =>
  accountPage(c, { next: c.req.valid('query').next }),
);

account.post(
  '/password',
  form(passwordChangeSchema, (c, input, errors) =>
    accountPage(c, { errors, status: 422, next: formValues(input, { next: '' }).next }),
  ),
  async (c) => {
    const { lang, user } = c.var;
    const input = c.req.valid('form');
    const again = (errors: FieldErrors) => accountPage(c, { errors, status: 422, next: input.next });
    const refused = await changeOwnPassword(
      c.var.db,
      c.var.actor,
      user,
      { current: input.current_password, password: input.password },
      c.var.clock.now(),
    );
    if (refused === 'no_account') throw notFound(lang);
    if (refused === 'current_wrong') {
      const message = t(
        lang,
        '現在のパスワードが正しくありません。',
        'Your current password is not correct.',
      );
      return again({ current_password: message });
    }
    if (refused === 'same_as_current') {
      const message = t(
        lang,
        '新しいパスワードは、現在のパスワードと違うものにしてください。',
        'Choose a new password that differs from the current one.',
      );
      return again({ password: message });
    }
    // After a temporary password: on to where they were going (their home by default).
    if (user.mustChangePassword) {
      const next = input.next && mayOpen(user.role, input.next) ? input.next : homeOf(user.role);
      return seeOther(c, next);
    }
    return seeOther(c, '/account?changed=1');
  },
);
