/**
 * Accounts (/staff/admin/users): create one, then per account change its role, disable or
 * enable it, reset its password. The rules and the audit entries are the use cases'
 * (src/usecases/accounts.ts); `loadAccount` finds `:id` once for every page of an account.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  NewUserPage,
  type NewUserForm,
  type UserForm,
  UserPage,
} from '../../../views/pages/admin/UserPages.tsx';
import { findUserById, isEmailRegistered } from '../../data/users.ts';
import type { AccountChangeRefusal } from '../../domain/accounts.ts';
import type { SignedInEnv } from '../../env.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { positiveInt } from '../../lib/params.ts';
import { newUserSchema, passwordResetSchema, roleSchema } from '../../schemas/admin.ts';
import {
  changeRole,
  createAccount,
  disableAccount,
  enableAccount,
  resetPassword,
  type TargetAccount,
} from '../../usecases/accounts.ts';

interface AccountEnv extends SignedInEnv {
  Variables: SignedInEnv['Variables'] & { account: TargetAccount };
}

export const users = new Hono<SignedInEnv>();
const { form } = validatorsFor<SignedInEnv>();

const newUserTitle = (c: Context<SignedInEnv>) => t(c.var.lang, 'アカウントの作成', 'Create an account');

function newUserPage(c: Context<SignedInEnv>, values: NewUserForm, errors?: FieldErrors) {
  const page = <NewUserPage ctx={pageCtx(c)} form={values} errors={errors} />;
  return c.render(page, { title: newUserTitle(c), status: errors ? 422 : 200 });
}

users.get('/new', (c) => newUserPage(c, { email: '', display_name: '', role: 'staff' }));

users.post(
  '/',
  form(
    (c) => newUserSchema((email) => isEmailRegistered(c.var.db, email)),
    (c, input, errors) =>
      newUserPage(c, formValues(input, { email: '', display_name: '', role: '' }), errors),
  ),
  async (c) => {
    const v = c.req.valid('form');
    const input = { email: v.email, displayName: v.display_name, role: v.role, password: v.password };
    const id = await createAccount(c.var.db, c.var.actor, input, c.var.clock.now());
    return seeOther(c, `/staff/admin/users/${id}?done=created`);
  },
);

/** Finds the account named by `:id` (without its password hash), or 404. */
const loadAccount: MiddlewareHandler<AccountEnv> = async (c, next) => {
  const id = positiveInt(c.req.param('id'));
  const user = id === undefined ? undefined : await findUserById(c.var.db, id);
  if (!user) {
    throw new HTTPException(404, {
      message: t(c.var.lang, 'このアカウントは見つかりません。', 'This account does not exist.'),
    });
  }
  const { password_hash: _hash, ...summary } = user;
  c.set('account', summary);
  await next();
};

type A = Context<AccountEnv>;

function userPage(c: A, o: { errors?: FieldErrors; failedForm?: UserForm; status?: 409 | 422 } = {}) {
  const page = (
    <UserPage
      ctx={pageCtx(c)}
      user={c.var.account}
      done={c.req.method === 'GET' ? c.req.query('done') : undefined}
      errors={o.errors}
      failedForm={o.failedForm}
    />
  );
  return c.render(page, { title: c.var.account.email, status: o.status });
}

const refusalMessages: Record<AccountChangeRefusal, readonly [string, string]> = {
  self: [
    '自分自身の権限の変更や停止はできません。ほかの管理者に依頼してください。',
    'You cannot change your own role or disable yourself; ask another administrator.',
  ],
  last_admin: [
    '有効なシステム管理者が1人もいなくなるため、変更できません。',
    'This would leave no active administrator, so it cannot be done.',
  ],
};

/** After a change: its confirmation, or the account page again with why it was refused. */
function answer(c: A, refused: AccountChangeRefusal | null, done: string) {
  if (!refused) return seeOther(c, `/staff/admin/users/${c.var.account.id}?done=${done}`);
  const [ja, en] = refusalMessages[refused];
  return userPage(c, { errors: { form: t(c.var.lang, ja, en) }, status: 409 });
}

/** The acting admin, the account and the time, as every change takes them. */
const changeOf = (c: A) => ({ actor: c.var.actor, target: c.var.account, now: c.var.clock.now() });

const { form: accountForm } = validatorsFor<AccountEnv>();
const account = new Hono<AccountEnv>().use('*', loadAccount);

account.get('/', (c) => userPage(c));

account.post(
  '/role',
  accountForm(roleSchema, (c, _input, errors) => userPage(c, { errors, failedForm: 'role', status: 422 })),
  async (c) => {
    const { role } = c.req.valid('form');
    return answer(c, await changeRole(c.var.db, changeOf(c), role), 'role');
  },
);

account.post('/disable', async (c) => answer(c, await disableAccount(c.var.db, changeOf(c)), 'disabled'));

account.post('/enable', async (c) => answer(c, await enableAccount(c.var.db, changeOf(c)), 'enabled'));

account.post(
  '/password',
  accountForm(passwordResetSchema, (c, _input, errors) =>
    userPage(c, { errors, failedForm: 'password', status: 422 }),
  ),
  async (c) => {
    const refused = await resetPassword(c.var.db, changeOf(c), c.req.valid('form').password);
    if (refused === 'self') {
      const message = t(
        c.var.lang,
        '自分のパスワードは「アカウント」ページで、現在のパスワードを入力して変更してください。',
        'Change your own password on your account page, with your current password.',
      );
      return userPage(c, { errors: { form: message }, status: 409 });
    }
    return answer(c, refused, 'password');
  },
);

users.route('/:id', account);
