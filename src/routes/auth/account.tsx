/** The signed-in person's own account (/account): who they are, and their password change. */
import { type Context, Hono } from 'hono';
import { AccountPage } from '../../../views/pages/auth/AccountPage.tsx';
import { findUserById } from '../../data/users.ts';
import type { SignedInEnv } from '../../env.ts';
import { notFound } from '../../http/errors.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { requireRole } from '../../http/session.ts';
import { type FieldErrors, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { ownAreaOf } from '../../lib/roles.ts';
import { passwordChangeSchema } from '../../schemas/auth.ts';
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
const { form } = validatorsFor<SignedInEnv>();

async function accountPage(c: C, o: { errors?: FieldErrors; changed?: boolean; status?: 422 } = {}) {
  const row = await findUserById(c.var.db, c.var.user.id);
  if (!row) throw notFound(c.var.lang);
  const page = (
    <AccountPage
      ctx={pageCtx(c)}
      user={c.var.user}
      passwordChangedAt={row.password_changed_at}
      errors={o.errors}
      changed={o.changed}
    />
  );
  return c.render(page, { title: t(c.var.lang, 'アカウント', 'Your account'), status: o.status });
}

account.get('/', (c) => accountPage(c, { changed: c.req.query('changed') === '1' }));

account.post(
  '/password',
  form(passwordChangeSchema, (c, _input, errors) => accountPage(c, { errors, status: 422 })),
  async (c) => {
    const { lang } = c.var;
    const input = c.req.valid('form');
    const refused = await changeOwnPassword(
      c.var.db,
      c.var.actor,
      c.var.user,
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
      return accountPage(c, { errors: { current_password: message }, status: 422 });
    }
    if (refused === 'same_as_current') {
      const message = t(
        lang,
        '新しいパスワードは、現在のパスワードと違うものにしてください。',
        'Choose a new password that differs from the current one.',
      );
      return accountPage(c, { errors: { password: message }, status: 422 });
    }
    return seeOther(c, '/account?changed=1');
  },
);
